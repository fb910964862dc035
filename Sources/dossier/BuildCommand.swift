import ArgumentParser
import DossierKit
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Write the documentation site.")

    @Argument(help: "The project folder.") var path: String = "."
    @Option(name: [.short, .customLong("output")], help: "The output folder (default: site/ under the project, or `output:` in dossier.yml).") var output: String?
    @Flag(help: "Warnings fail the build too.") var strict = false
    @Option(name: .customLong("base-url"), help: "The site's absolute URL, for the sitemap and canonical links.") var baseURL: String?
    @Option(help: "The build cache's folder (default: .dossier-cache/ in the project).") var cache: String?
    @Flag(name: .customLong("no-cache"), help: "A cold build: neither read nor write the build cache.") var noCache = false

    func run() throws {
        let options = BuildOptions(output: output.map { URL(fileURLWithPath: $0).standardizedFileURL.path }, strict: strict, baseURL: baseURL,
                                   cacheFolder: cache, useCache: !noCache)
        let report: BuildReport
        do {
            report = try Dossier.build(path: path, options: options)
        } catch {
            Output.fail(error)
        }
        Output.findings(report.project.findings)
        print(report.summary)
        print("Open \(report.project.outputURL.appendingPathComponent("index.html").path)")
        if report.project.fails(strict: report.project.strict) { throw ExitCode(1) }
    }
}
