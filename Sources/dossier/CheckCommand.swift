import ArgumentParser
import DossierKit
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Run every check and write nothing; the report goes to standard output.")

    @Argument(help: "The project folder.") var path: String = "."
    @Option(help: "text, json, github, sarif, junit or markdown.") var format: String = "text"
    @Flag(help: "Warnings fail the check too.") var strict = false
    @Option(help: "Fail only on findings not listed in this file (written by --format json).") var baseline: String?
    @Option(name: .customLong("changed-since"),
            help: "Report only findings of what changed since this git revision (a pull request's base).")
    var changedSince: String?

    func validate() throws {
        guard FindingReport.Format(rawValue: format) != nil else {
            throw ValidationError("unknown format `\(format)`; use one of \(FindingReport.Format.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let project: LoadedProject
        let accepted: Baseline?
        do {
            let checked = try Dossier.check(path: path, options: BuildOptions(strict: strict))
            project = try changedSince.map { try ChangedSince.filter(checked, since: $0) } ?? checked
            accepted = try baseline.map(Baseline.load)
        } catch {
            Output.fail(error)
        }
        let report = FindingReport(project: project, strict: project.strict, baseline: accepted)
        print(report.render(FindingReport.Format(rawValue: format)!), terminator: "")
        if !report.failing.isEmpty { throw ExitCode(1) }
    }
}
