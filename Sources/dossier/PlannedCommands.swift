import ArgumentParser

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Build, serve on 127.0.0.1 and rebuild on change.")
    @Argument var path: String = "."
    @Option var port: Int = 8000
    func run() throws { throw ValidationError("serve is not available yet") }
}

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "Set `verified:` to the current commit in each document.")
    @Argument var documents: [String] = []
    func run() throws { throw ValidationError("verify is not available yet") }
}

