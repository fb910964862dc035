import ArgumentParser
import DossierKit

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract:
            "Record what each document was checked against (a content fingerprint of everything it references), touching nothing else."
    )

    @Argument(help: "The documents to mark as verified.") var documents: [String]

    func run() throws {
        do {
            for (path, references) in try DocumentVerifier.verify(documents) {
                print("Verified \(path) (\(references) reference\(references == 1 ? "" : "s"))")
            }
        } catch {
            Output.fail(error)
        }
    }
}
