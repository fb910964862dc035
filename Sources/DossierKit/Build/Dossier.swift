import DossierChecks
import DossierCore
import DossierSite
import Foundation

/// The library's front door: what `dossier build` and `dossier check` do.
public enum Dossier {
    /// Loads, checks, renders and writes the site. Throws `ProjectError` when the project cannot
    /// be read (nothing is written) and `OutputWriter.Refusal` when the output may not be replaced.
    public static func build(path: String, options: BuildOptions = BuildOptions()) throws -> BuildReport {
        try SiteGenerator.build(path: path, options: options)
    }

    /// Runs every check and writes nothing.
    public static func check(path: String, options: BuildOptions = BuildOptions()) throws -> LoadedProject {
        let timings = PhaseTimer()
        let project = try ProjectLoader.load(root: path, options: options, timings: timings, forSite: false)
        timings.report()
        return project
    }
}
