import ArgumentParser
import DossierKit
import Foundation

/// Typed, so that shells complete `--format` with the report formats.
extension FindingReport.Format: ExpressibleByArgument {}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Run every check and write nothing; the report goes to standard output.")

    @OptionGroup var project: ProjectOptions
    @Option(help: "The report's format.") var format: FindingReport.Format = .text
    @Flag(help: "Warnings fail the check too.") var strict = false
    @Option(
        help: "Fail only on findings not listed in this file (written by --format json).",
        completion: .file(extensions: ["json"]))
    var baseline: String?
    @Option(
        name: .customLong("changed-since"),
        help: "Report only findings of what changed since this git revision (a pull request's base).")
    var changedSince: String?
    @OptionGroup var say: OutputOptions

    func run() throws {
        let location = project.locate(say)
        let loaded: LoadedProject
        let accepted: Baseline?
        if !say.quiet && format == .text { ProgressLine.start("checking") }
        do {
            let options = BuildOptions(strict: strict, config: location.config)
            let checked = try Dossier.check(path: location.root, options: options)
            loaded = try changedSince.map { try ChangedSince.filter(checked, since: $0) } ?? checked
            accepted = try baseline.map(Baseline.load)
        } catch {
            Output.fail(error)
        }
        ProgressLine.clear()
        let report = FindingReport(project: loaded, strict: loaded.strict, baseline: accepted)
        if say.quiet && format == .text {
            print(report.failing.map { $0.formatted + "\n" }.joined(), terminator: "")
        } else {
            print(report.render(format), terminator: "")
        }
        KeptUntilExit.keep(loaded)
        if !report.failing.isEmpty { throw ExitCode(1) }
    }
}
