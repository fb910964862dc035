import ArgumentParser
import DossierKit
import Foundation

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Build, serve on 127.0.0.1 and rebuild on change.")

    @Argument(help: "The project folder.") var path: String = "."
    @Option(help: "The port on 127.0.0.1 (0 picks a free one).") var port: Int = 8000

    func run() throws {
        let server: DevServer
        let bound: Int
        do {
            // Builds run as `dossier build` in a child process: one that crashes leaves the server up.
            let executable = Bundle.main.executableURL?.path ?? CommandLine.arguments[0]
            server = try DevServer(projectPath: path, port: port, buildExecutable: executable, onBuild: Self.report)
            bound = try server.start()
        } catch {
            Output.fail(error)
        }
        Self.say("Serving \(path) at http://127.0.0.1:\(bound)/ (rebuilds on change; Ctrl-C stops)")

        // Stop on Ctrl-C (or a plain kill) so the temporary site is removed.
        var sources: [DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .main)
            source.setEventHandler {
                server.stop()
                Foundation.exit(0)
            }
            source.resume()
            sources.append(source)
        }
        withExtendedLifetime(sources) { dispatchMain() }
    }

    /// Prints each build as `build` does: findings to standard error, the summary to standard output
    /// (a child process that built printed them itself).
    @Sendable static func report(_ result: Result<BuildReport?, Error>) {
        switch result {
        case .success(nil):
            break
        case let .success(report?):
            Output.findings(report.project.findings)
            say(report.summary)
        case let .failure(error):
            if let error = error as? ProjectError { Output.findings(error.findings) }
            Output.error("\(error); still serving the last good site")
        }
    }

    /// Standard output unbuffered: the server runs until stopped, so lines must not wait in a buffer.
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
