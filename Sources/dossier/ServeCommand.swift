import ArgumentParser
import DossierKit
import Foundation

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Build, serve on 127.0.0.1 and rebuild on change.")

    @OptionGroup var project: ProjectOptions
    @Option(help: "The port (0 picks a free one).") var port: Int = 8000
    @Option(
        help: ArgumentHelp(
            "The IPv4 address to listen on; 0.0.0.0 in a container or to reach it from another machine.",
            valueName: "address"))
    var host = "127.0.0.1"
    @OptionGroup var say: OutputOptions

    func run() throws {
        let location = project.locate(say)
        guard location.config == nil || ["dossier.yml", "dossier.yaml"].contains(location.config!) else {
            Output.error(
                "serve reads only dossier.yml or dossier.yaml;"
                    + " --config \(location.config!) is for build and check")
            Foundation.exit(2)
        }
        let path = location.root
        let server: DevServer
        let bound: Int
        do {
            // Builds run in this process, keeping the last build's documents and pages, so a
            // rebuild redoes only what changed (issue 15). Hostile Markdown no longer crashes a
            // build (issue 10's input guards), which is what running each in a child guarded against.
            server = try DevServer(projectPath: path, port: port, host: host, onBuild: Self.report)
            bound = try server.start()
        } catch {
            Output.fail(error)
        }
        if !DevServer.isLoopback(host) {
            Output.warning(
                "--host \(host) is not loopback: any machine that reaches this one can read the site"
                    + " (and its drafts). Use it in a container or on a trusted network only.")
        }
        let shown = host == "0.0.0.0" ? "127.0.0.1" : host
        Self.say("Serving \(path) at http://\(shown):\(bound)/ (rebuilds on change; Ctrl-C stops)")

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
