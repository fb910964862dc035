import ArgumentParser
import DossierKit

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Set `verified:` to the current commit in each document's front matter, touching nothing else.")

    @Argument(help: "The documents to mark as verified.") var documents: [String]

    func run() throws {
        do {
            for (path, commit) in try DocumentVerifier.verify(documents) {
                print("Verified \(path) at \(commit.prefix(12))")
            }
        } catch {
            Output.fail(error)
        }
    }
}
