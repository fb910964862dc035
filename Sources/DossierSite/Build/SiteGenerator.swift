import DossierChecks
import DossierCore
import Foundation

/// The whole build: load and check the project, render its pages, write them. Rendering adds no
/// findings — every finding is known to the checked project before the first page renders, so
/// the health page, the badges and the exit status all come from the same list.
package enum SiteGenerator {
    /// Throws `ProjectError` when the project cannot be read (nothing is written) and
    /// `OutputWriter.Refusal` when the output may not be replaced.
    package static func build(path: String, options: BuildOptions) throws -> BuildReport {
        let start = DispatchTime.now()
        let timings = PhaseTimer()
        var project = try ProjectLoader.load(root: path, options: options, timings: timings)
        let theme = try Theme.load(name: project.config.theme, projectRoot: project.root)
        let cache =
            options.useCache && project.cacheTrusted
            ? BuildCache(folder: cacheFolder(options: options, root: project.root)) : nil
        // Each page is written as soon as it renders and its text dropped: the site is never
        // held in memory whole (at 10,000 documents it is 160 MB).
        let staging = try OutputWriter.Staging(output: project.outputURL)
        // The search index first (on every core): it is the only reader of the documents' search
        // text, which the project then drops, so the pages render without it (issue 15).
        let search = SiteBuilder.searchFiles(project: project, cache: cache, stream: staging.write)
        project.dropSearchText()
        let files = SiteBuilder.build(
            project: project, theme: theme, cache: cache, search: search, stream: staging.write)
        cache?.prune()
        timings.mark("render")
        try staging.finish(files)
        timings.mark("write")
        timings.report()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        var report = BuildReport(
            project: project, filesWritten: files.count,
            pagesWritten: files.filter { $0.path.hasSuffix(".html") }.count, seconds: seconds)
        report.pagesFromCache = cache?.hits ?? 0
        report.pagesRendered = cache?.misses ?? 0
        report.sitePagesFromCache = cache?.siteHits ?? 0
        report.sitePagesRendered = cache?.siteMisses ?? 0
        return report
    }

    /// `--cache DIR` (relative to the working folder), else `.dossier-cache/` in the project.
    package static func cacheFolder(options: BuildOptions, root: URL) -> String {
        if let folder = options.cacheFolder { return URL(fileURLWithPath: folder).standardizedFileURL.path }
        return root.appendingPathComponent(BuildCache.defaultFolderName).path
    }
}
