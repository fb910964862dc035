import ArgumentParser
import DossierKit
import Foundation

/// The project folder and `--config`, shared by `build`, `check` and `serve`.
struct ProjectOptions: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "The project folder (default: the working directory, or the nearest folder above holding dossier.yml).",
            valueName: "path"), completion: .directory)
    var path: String?

    @Option(
        help: ArgumentHelp(
            "The configuration file; its folder is the project (default: dossier.yml, then dossier.yaml).",
            valueName: "file"), completion: .file(extensions: ["yml", "yaml"]))
    var config: String?

    /// Where the project is; prints where it was found under `-v`.
    func locate(_ output: OutputOptions) -> ProjectLocator.Location {
        // The build's phase timings (PhaseTimer) print when DOSSIER_TIMINGS=1.
        if output.verbose { setenv("DOSSIER_TIMINGS", "1", 1) }
        let location: ProjectLocator.Location
        do {
            location = try ProjectLocator.locate(path: path, config: config)
        } catch {
            Output.fail(error)
        }
        if location.searchedUpwards || output.verbose {
            output.note("project: \(location.root)" + (location.config.map { " (configuration: \($0))" } ?? ""))
        }
        return location
    }
}

/// `-q` and `-v`, shared by the commands that report.
struct OutputOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print only findings that fail and errors.") var quiet = false
    @Flag(name: .shortAndLong, help: "Also print where the project was found and how long each step took.")
    var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose exclude each other") }
    }

    /// A line about what Dossier is doing, to standard error; not under `-q`.
    func note(_ line: String) {
        if !quiet { Output.note(line) }
    }
}
