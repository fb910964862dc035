import ArgumentParser
import DossierKit
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Write the documentation site.")

    @OptionGroup var project: ProjectOptions
    @Option(
        name: [.short, .customLong("output")],
        help: "The output folder (default: site/ under the project, or `output:` in dossier.yml).",
        completion: .directory)
    var output: String?
    @Flag(help: "Warnings fail the build too.") var strict = false
    @Option(name: .customLong("base-url"), help: "The site's absolute URL, for the sitemap and canonical links.")
    var baseURL: String?
    @Option(help: "The build cache's folder (default: .dossier-cache/ in the project).", completion: .directory)
    var cache: String?
    @Flag(name: .customLong("no-cache"), help: "A cold build: neither read nor write the build cache.") var noCache =
        false
    @OptionGroup var say: OutputOptions

    func run() throws {
        let location = project.locate(say)
        let outputPath = output.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        let options = BuildOptions(
            output: outputPath, strict: strict, baseURL: baseURL, config: location.config,
            cacheFolder: cache, useCache: !noCache)
        let report: BuildReport
        if !say.quiet { ProgressLine.start("building") }
        do {
            report = try Dossier.build(path: location.root, options: options)
        } catch {
            Output.fail(error)
        }
        ProgressLine.clear()
        let failing = report.project.fails(strict: report.project.strict)
        Output.findings(
            say.quiet
                ? report.project.findings.filter { $0.severity == .error || report.project.strict }
                : report.project.findings)
        if !say.quiet {
            print(report.summary)
            print("Open \(report.project.outputURL.appendingPathComponent("index.html").path)")
        }
        KeptUntilExit.keep(report)
        if failing { throw ExitCode(1) }
    }
}
