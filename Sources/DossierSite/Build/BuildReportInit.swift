import DossierChecks

extension BuildReport {
    /// A report of a build made outside `SiteGenerator` (`dossier serve`'s in-memory rebuild).
    package init(project: LoadedProject, files: [SiteFile], seconds: Double) {
        self.init(
            project: project, filesWritten: files.count,
            pagesWritten: files.filter { $0.path.hasSuffix(".html") }.count, seconds: seconds)
    }
}
