import ArgumentParser
import DossierKit
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Run every check and write nothing; the report goes to standard output.")

    @Argument(help: "The project folder.") var path: String = "."
    @Option(help: "text, json, github, sarif, junit or markdown.") var format: String = "text"
    @Flag(help: "Warnings fail the check too.") var strict = false
    @Option(help: "Fail only on findings not listed in this file (written by --format json).") var baseline: String?

    func run() throws {
        let project: LoadedProject
        do {
            project = try Dossier.check(path: path, options: BuildOptions(strict: strict))
        } catch {
            Output.fail(error)
        }
        for finding in project.findings { print(finding.formatted) }
        let errors = project.errorCount
        let warnings = project.warningCount
        print("\(project.documents.count) documents: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        if project.fails(strict: project.config.strict) { throw ExitCode(1) }
    }
}
