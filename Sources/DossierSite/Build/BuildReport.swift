import DossierChecks
import DossierCore
import Foundation

/// What a build did, for the command line's summary.
public struct BuildReport: Sendable {
    public var project: LoadedProject
    public var filesWritten: Int
    public var pagesWritten: Int
    public var seconds: Double
    /// Document pages taken from the build cache, and rendered because the cache lacked them.
    package var pagesFromCache = 0
    package var pagesRendered = 0
    /// Site-wide pages and the search index taken from the build cache, and rendered.
    package var sitePagesFromCache = 0
    package var sitePagesRendered = 0

    /// `Wrote 23 pages to site/ in 0.41 s: 0 errors, 2 warnings.`
    public var summary: String {
        let errors = project.errorCount
        let warnings = project.warningCount
        return "Wrote \(pagesWritten) pages to \(project.outputURL.path) in \(String(format: "%.2f", seconds)) s: "
            + "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")."
    }
}
