import ArgumentParser

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "Set `verified:` to the current commit in each document.")
    @Argument var documents: [String] = []
    func run() throws { throw ValidationError("verify is not available yet") }
}

