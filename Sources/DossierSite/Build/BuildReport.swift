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
    /// Of the pages from the cache, those kept from the old site unchanged (`OutputRecord`):
    /// their key is in the cache, their bytes are not read from it.
    package var pagesLinked = 0
    /// Whether the old site was updated in place (only changed files moved in) rather than
    /// replaced by a whole new copy (`OutputWriter.Staging`).
    package var outputUpdatedInPlace = false
    /// Site-wide pages and the search index taken from the build cache, and rendered.
    package var sitePagesFromCache = 0
    package var sitePagesRendered = 0
    /// Search entries made for the search index (`SiteBuilder.searchFiles`): with the cache, only
    /// those of the chunks it lacks.
    package var searchEntriesMade = 0
    /// True when the repository map was read back from the cache (`RepositoryMapMemo`).
    package var repositoryMapReused = false
    /// Markdown documents parsed, and taken from the build cache's saved documents
    /// (`DocumentMemoFile`); `documentsParsed` is nil when the cache was not used.
    package var documentsParsed: Int?
    package var documentsReused = 0
    /// Of those reused, the documents taken by their file's stamp without reading the file.
    package var documentsTrusted = 0
    /// Documents whose check results were taken from the last build's (`SavedCheckResults`).
    package var checksReused = 0
    /// Of those, schemas whose sample's drift findings were reused too (the sample kept its stamp).
    package var sampleChecksReused = 0
    /// True when nothing changed since the last build (`BuildReceipt`): nothing was written and
    /// the findings are the last build's.
    package var upToDate = false
    /// The document whose prose edit this build published alone (`ProseEdit`); nil for a full build.
    package var proseEdit: String?
    /// What the build made and no longer needs, handed over so that a command about to exit can
    /// keep it rather than free it (freeing the output record and the saved documents' index was
    /// ~6 ms of the main thread at 10,000 documents).
    package var releasable: [any Sendable] = []

    /// `Wrote 23 pages to site/ in 0.41 s: 0 errors, 2 warnings.`
    public var summary: String {
        let errors = project.errorCount
        let warnings = project.warningCount
        let counts = "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")."
        if upToDate {
            return "Nothing changed since the last build: the \(pagesWritten) pages in \(project.outputURL.path) "
                + "are up to date (\(String(format: "%.2f", seconds)) s): " + counts
        }
        return "Wrote \(pagesWritten) pages to \(project.outputURL.path) in \(String(format: "%.2f", seconds)) s: "
            + counts
    }
}
