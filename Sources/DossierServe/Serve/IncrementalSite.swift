import DossierChecks
import DossierCore
import DossierModel
import DossierSite
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `dossier serve`'s in-memory rebuild: the server keeps the previous build's parsed documents
/// (`DocumentLoadMemo`) and rendered pages (`MemoryBuildCache`), so a rebuild re-parses
/// only the files that changed and re-renders only the pages whose inputs changed (the keys of
/// `PageCacheKeys`: an edit of a document's prose re-renders its own page, an edit of what other
/// pages show of it re-renders them all), the parsed git log while HEAD stays (`GitLogMemo`)
/// and data samples' profiles while their files stay (`SampleProfileMemo`). The project-wide
/// passes (index, checks, staleness, drift, repository map) and the site-wide pages (home,
/// catalogs, health, search) run every time, as in a full build, from those memos, so the
/// findings and those pages are always a full build's.
///
/// An edit of one document's prose alone can be published before the rebuild
/// (`publishEditedPage`): its page is rendered from the last build with that document's body
/// swapped in, which is the page the rebuild makes when nothing else it shows changed; the
/// rebuild then brings the rest (the search index) and checks that it made the same bytes.
///
/// The first build writes the site with `OutputWriter`; later ones write into the same folder
/// only the files whose bytes changed (each to a hidden temporary name, then renamed, so a
/// request never reads half a page) and remove the files the site no longer has. The folder
/// then holds exactly what a full build of the same tree writes.
package final class IncrementalSite: @unchecked Sendable {
    package let root: String
    package let options: BuildOptions
    package let memo = DocumentLoadMemo()
    package let pages = MemoryBuildCache()
    /// The parsed git log, reused while HEAD stays (staleness still reads `git status` each time).
    package let gitLog = GitLogMemo()
    /// Data samples' profiles, reused while the files' stamps stay (`SampleProfileMemo`).
    package let sampleProfiles = SampleProfileMemo()
    /// What the output folder holds from the last build, by path (the same strings the page
    /// cache keeps, so unchanged pages compare equal without reading their bytes).
    private var written: [String: SiteFile.Contents]?

    /// `options.output` is the folder written into, absolute.
    package init(root: String, options: BuildOptions) {
        self.root = root
        self.options = options
    }

    /// What the last build rendered from; nil after a failed build (the disk may then hold
    /// changes no build has seen, so an early page could differ from the rebuild's).
    private var previous: (site: SiteContext, theme: Theme)?
    /// The page `publishEditedPage` wrote since the last build, and what the folder held before.
    private var published: (path: String, contents: SiteFile.Contents, before: SiteFile.Contents?)?

    /// Files changed, added and removed by the last `build`, site paths (for tests and timings).
    package private(set) var lastChangedFiles: [String] = []
    package private(set) var lastRemovedFiles: [String] = []
    /// Whether the last `build` made the very bytes `publishEditedPage` wrote before it; nil when
    /// no page was published ahead of that build.
    package private(set) var lastPublishedPageMatched: Bool?

    /// Loads, checks and renders the project, reusing what did not change, and brings the output
    /// folder up to date. `changed`: project-relative paths a watcher saw change, forgotten by
    /// the memo whatever their stamps say. Throws as `SiteGenerator.build` does; a failed
    /// build leaves the output folder as it was.
    package func build(changed: some Sequence<String> = [String]()) throws -> BuildReport {
        let early = published
        published = nil
        previous = nil
        lastPublishedPageMatched = nil
        do {
            return try build(changed: changed, early: early)
        } catch {
            // The site stays the last good one: without the page published ahead of this build.
            if let early, written != nil, let output = options.output {
                written?[early.path] = early.before
                if let before = early.before {
                    try? Self.replace(output + "/" + early.path, with: before)
                } else {
                    unlink(output + "/" + early.path)
                }
            }
            throw error
        }
    }

    private func build(
        changed: some Sequence<String>, early: (path: String, contents: SiteFile.Contents, before: SiteFile.Contents?)?
    ) throws -> BuildReport {
        let start = DispatchTime.now()
        let timings = PhaseTimer()
        memo.forget(changed)
        // Here, not after the build, so its counters describe the last build.
        sampleProfiles.prune()
        let project = try ProjectLoader.load(
            root: root, options: options, timings: timings, memo: memo, gitLog: gitLog,
            sampleProfiles: sampleProfiles)
        let theme = try Theme.load(name: project.config.theme, projectRoot: project.root)
        var context: SiteContext?
        let files = SiteBuilder.build(project: project, theme: theme, cache: pages, prepared: { context = $0 })
        var report = BuildReport(project: project, files: files, seconds: 0)
        report.pagesFromCache = pages.hits
        report.pagesRendered = pages.misses
        report.sitePagesFromCache = pages.siteHits
        report.sitePagesRendered = pages.siteMisses
        pages.prune()
        timings.mark("render")
        if let written {
            try update(project.outputURL.path, from: written, to: files)
        } else {
            try OutputWriter.write(files, to: project.outputURL)
            lastChangedFiles = files.map(\.path)
            lastRemovedFiles = []
        }
        var now: [String: SiteFile.Contents] = [:]
        now.reserveCapacity(files.count)
        for file in files { now[file.path] = file.contents }
        written = now
        if let early { lastPublishedPageMatched = now[early.path].map { Self.same($0, early.contents) } ?? false }
        previous = context.map { ($0, theme) }
        timings.mark("write")
        timings.report()
        report.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return report
    }

    /// Renders the page of the one document in `changed` and writes it into the output folder
    /// ahead of the rebuild, when the edit changed that document's prose and nothing else: the
    /// document loads the same but for its body and search text (front matter, headings, links,
    /// tables, code blocks and their lines, load findings), so every check finds what it found,
    /// and no page or check reads the file as code or data. Its page is then the rebuild's, byte
    /// for byte (the rebuild checks: `lastPublishedPageMatched`). Returns the page's site path,
    /// nil when the edit does not qualify (a title, a link or a line moved, several files) and
    /// the rebuild does it all. The next `build` must follow: it publishes the rest.
    package func publishEditedPage(changed: Set<String>) -> String? {
        guard let previous, written != nil, published == nil, let output = options.output else { return nil }
        let project = previous.site.project
        let edited = changed.filter { project.index.byPath[$0] != nil }
        // A file a code reference (or a folder above it) names: its uncommitted edit can make that
        // document stale, which the navigation of every page shows; a data or published file.
        let readers = OtherReaders(project: project)
        guard edited.count == 1, let path = edited.first,
            changed.allSatisfy({ $0 == path || Self.isTransient($0, beside: path, in: project, readers: readers) }),
            let index = project.index.byPath[path], index < project.documents.count,
            project.layout.homeDocument != index, !readers.reads(path),
            let old = memo.peek(path), let oldDocument = old.document
        else { return nil }
        let files = ProjectFiles(projectRoot: project.root)
        let (loaded, findings, digest) = ProjectLoader.loadDocument(path, files: files)
        // Markdown only: a notebook's figures (attachments) and cell analysis are left to the rebuild.
        guard let new = loaded, case .markdown = new.body, ProseFace.of(new) == ProseFace.of(oldDocument),
            String(reflecting: findings) == String(reflecting: old.findings)
        else { return nil }
        var document = project.documents[index]
        document.body = new.body
        document.analysis.text = new.analysis.text
        let site = previous.site.replacingDocument(index, with: document, sourceDigest: digest)
        let page = project.layout.pages[index]
        let contents = SiteFile.Contents.text(DocumentPage(site: site, index: index).render(theme: previous.theme))
        do {
            try Self.replace(output + "/" + page, with: contents)
        } catch {
            return nil  // the rebuild writes it
        }
        published = (page, contents, written?[page])
        written?[page] = contents
        return page
    }

    /// Whether `path` is an editor's temporary file that came and went beside the document at
    /// `document` (a save written aside, then renamed over it; a swap or backup file): gone now,
    /// hidden or a backup by its name, and read by nothing the last build read.
    private static func isTransient(
        _ path: String, beside document: String, in project: LoadedProject, readers: OtherReaders
    ) -> Bool {
        let name = ProjectPath.lastComponent(path) ?? ""
        var info = stat()
        guard ProjectPath.directory(of: path) == ProjectPath.directory(of: document),
            name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix("___jb_tmp___")
                || name.hasSuffix("___jb_old___"),
            lstat(project.root.path + "/" + path, &info) != 0
        else { return false }
        return !readers.reads(path) && !project.repository.entries.contains { $0.path == path }
    }

    /// Writes the files of `files` that differ from `previous` into `output`, removes those no
    /// longer built, and rewrites the manifest when the set of files changed.
    private func update(_ output: String, from previous: [String: SiteFile.Contents], to files: [SiteFile]) throws {
        let changed = files.filter { file in
            guard let old = previous[file.path] else { return true }
            return !Self.same(old, file.contents)
        }
        let kept = Set(files.map(\.path))
        let removed = previous.keys.filter { !kept.contains($0) }.sorted()
        for file in changed {
            try Self.replace(output + "/" + file.path, with: file.contents)
        }
        for path in removed {
            unlink(output + "/" + path)
            // Folders the site no longer has go too, as a full build would not make them.
            var folder = ProjectPath.directory(of: path)
            while !folder.isEmpty, rmdir(output + "/" + folder) == 0 { folder = ProjectPath.directory(of: folder) }
        }
        if changed.contains(where: { previous[$0.path] == nil }) || !removed.isEmpty {
            let manifest = (files.map(\.path) + [OutputWriter.manifestName]).sorted().joined(separator: "\n") + "\n"
            try ProjectFiles.write(manifest, to: output + "/" + OutputWriter.manifestName)
        }
        lastChangedFiles = changed.map(\.path)
        lastRemovedFiles = removed
    }

    /// Writes `contents` to `path` (absolute) under a hidden temporary name, then renames it over
    /// the file, so a request never reads half a page.
    private static func replace(_ path: String, with contents: SiteFile.Contents) throws {
        let folder = ProjectPath.directory(of: path)
        try ProjectFiles.makeDirectories(folder)
        let name = path.split(separator: "/").last.map(String.init) ?? "file"
        let temporary = folder + "/.\(name).dossier-serve-\(getpid())"
        switch contents {
        case var .text(text):
            try text.withUTF8 { try ProjectFiles.write(bytes: UnsafeRawBufferPointer($0), to: temporary) }
        case let .bytes(bytes): try bytes.withUnsafeBytes { try ProjectFiles.write(bytes: $0, to: temporary) }
        case .written: preconditionFailure("SiteBuilder.build without `stream` writes nothing")
        }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw ProjectFiles.Failure(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Byte-equal contents (`String`'s `==` would call canonically equivalent texts equal); the
    /// same kept string compares in constant time.
    private static func same(_ a: SiteFile.Contents, _ b: SiteFile.Contents) -> Bool {
        func equal(_ x: UnsafeRawBufferPointer, _ y: UnsafeRawBufferPointer) -> Bool {
            guard x.count == y.count else { return false }
            guard x.count > 0, let p = x.baseAddress, let q = y.baseAddress else { return true }
            return p == q || memcmp(p, q, x.count) == 0
        }
        switch (a, b) {
        case (.text(var x), .text(var y)):
            return x.withUTF8 { x in y.withUTF8 { y in equal(UnsafeRawBufferPointer(x), UnsafeRawBufferPointer(y)) } }
        case let (.bytes(x), .bytes(y)):
            return x.withUnsafeBytes { x in y.withUnsafeBytes { y in equal(x, y) } }
        case (.text(var x), .bytes(let y)), (.bytes(let y), .text(var x)):
            return x.withUTF8 { x in y.withUnsafeBytes { y in equal(UnsafeRawBufferPointer(x), y) } }
        case (.written, _), (_, .written):
            return false
        }
    }
}
