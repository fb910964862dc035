import DossierChecks
import DossierCore
import DossierModel
import Foundation

/// A file of the site, relative to the output folder.
package struct SiteFile: Sendable {
    package enum Contents: Sendable {
        case text(String)
        case bytes([UInt8])
        /// Already written to the staging folder while the site rendered (`OutputWriter.Staging`);
        /// only which page assets it loads is kept.
        case written(PageAssets.Loads)
    }
    package var path: String
    package var contents: Contents

    package init(path: String, text: String) {
        self.path = path
        contents = .text(text)
    }

    package init(path: String, bytes: [UInt8]) {
        self.path = path
        contents = .bytes(bytes)
    }

    package init(path: String, written loads: PageAssets.Loads) {
        self.path = path
        contents = .written(loads)
    }
}

/// Renders a loaded project into the files of its site. Pages render in parallel; the result
/// is sorted by path so the same inputs always give the same files.
package enum SiteBuilder {
    /// With a `cache`, a document page whose key (`PageCacheKeys`) is stored is taken from it
    /// instead of rendered; every other file renders as without it. With `stream`, each page is
    /// handed to it as soon as it renders (to be written and dropped), and what it returns is kept.
    /// `limits` split catalogs and the sitemap (`SiteLimits`); tests pass small ones. `search` is
    /// the search index when the caller made it already (`searchFiles`, before the project dropped
    /// its search text); without it the index is made here, beside the pages. `prepared` hears the
    /// context every page renders from, before they render (`serve` keeps it). With a `record` of
    /// the site being replaced, a document page the old site holds unchanged under the same key is
    /// kept for the new one (`linkPrevious`: left in place, or linked) instead of read from the cache. `faces` are
    /// `PageCacheKeys.faces(of: project)` when the caller made them already (for `searchFiles`).
    /// `writtenAt` tells where `stream` wrote a page, so that the cache may keep that file.
    package static func build(
        project: LoadedProject, theme: Theme, cache: (any BuildCacheStore)? = nil, limits: SiteLimits = SiteLimits(),
        search: [SiteFile]? = nil, stream: (@Sendable (SiteFile) -> SiteFile)? = nil,
        prepared: ((SiteContext) -> Void)? = nil, record: OutputRecord? = nil,
        linkPrevious: (@Sendable (String) -> Bool)? = nil, faces: [StableDigest]? = nil,
        writtenAt: (@Sendable (String) -> String)? = nil, bodies: RenderedBodies? = nil
    ) -> [SiteFile] {
        let layout = project.layout
        let copied = referencedFiles(project: project)
        let site = SiteContext(project: project, layout: layout, copiedFiles: Set(copied.map(\.path)), theme: theme)
        prepared?(site)
        let faces = cache.map { _ in faces ?? PageCacheKeys.faces(of: project) }
        // The page keys' pieces and what the listing pages show besides are independent: made in
        // one pass on every core (a pass inside a pass ran its inner work on one thread).
        let pieces = cache == nil ? [] : PageCacheKeys.pieces(of: project)
        let made: [StableDigest] =
            cache == nil
            ? []
            : Array(0...pieces.count).parallelMap { i in
                i == 0
                    ? SiteWideCacheKeys.shown(of: project)
                    : PageCacheKeys.digest(pieces[i - 1], site: site, faces: faces)
            }
        let keys: PageCacheKeys?
        let siteKeys: SiteWideCacheKeys?
        if let shown = made.first {
            let pageKeys = PageCacheKeys(
                site: site, themeFingerprint: theme.fingerprint, pieces: Array(made.dropFirst()))
            keys = pageKeys
            siteKeys = SiteWideCacheKeys(site: pageKeys.site, shown: shown, project: project)
        } else {
            (keys, siteKeys) = (nil, nil)
        }

        // Every page is independent of the others: render them all in one parallel pass, the
        // large site-wide pages (home, catalogs, runs, health, search) alongside the documents.
        enum Job: Sendable {
            case document(Int)
            case catalog(DocumentKind?)
            case section(Int)
            case home, health, experiments, notFound, search, repository
        }
        var jobs: [Job] = [.home, .experiments, .health, .notFound, .catalog(nil), .repository]
        if search == nil { jobs.insert(.search, at: 3) }
        jobs += DocumentKind.allCases.sorted().map { .catalog($0) }
        jobs += site.navigation.tree.sections.indices.map { .section($0) }
        jobs += project.documents.indices.filter { layout.pages[$0] != SiteLayout.home || layout.homeDocument == nil }
            .map { .document($0) }
        @Sendable func render(_ job: Job) -> [SiteFile] {
            switch job {
            case let .document(index):
                if let cache, let keys {
                    let key = cache.key(keys.parts(index: index, project: project))
                    bodies?.note(index, key: key)
                    if let record, let linkPrevious,
                        let loads = record.reuse(layout.pages[index], key: key, cache: cache, link: linkPrevious)
                    {
                        return [SiteFile(path: layout.pages[index], written: loads)]
                    }
                    if let bytes = cache.lookup(key, siteWide: false) {
                        return [SiteFile(path: layout.pages[index], bytes: bytes)]
                    }
                    let recording = bodies.map { _ in BodyRecording(key: key) }
                    var text = DocumentPage(site: site, index: index).render(theme: theme, recording: recording)
                    if let record = recording?.record { bodies?.note(index, record: record) }
                    // Written first, so the cache can keep the written file instead of a copy.
                    if let stream, let writtenAt {
                        let file = stream(SiteFile(path: layout.pages[index], text: text))
                        text.withUTF8 { bytes in
                            if case .written = file.contents {
                                cache.store(key, bytes: UnsafeRawBufferPointer(bytes), linking: writtenAt(file.path))
                            } else {
                                cache.store(key, bytes: UnsafeRawBufferPointer(bytes))
                            }
                        }
                        return [file]
                    }
                    cache.store(key, text: text)
                    return [SiteFile(path: layout.pages[index], text: text)]
                }
                return [
                    SiteFile(
                        path: layout.pages[index], text: DocumentPage(site: site, index: index).render(theme: theme))
                ]
            case .home:
                return page(SiteLayout.home, cache, siteKeys) { HomePage(site: site).render(theme: theme) }
            case let .catalog(kind):
                // A catalog is one page per `catalogRowsPerPage` rows, cached as one bundle.
                return pages(SiteLayout.catalog(kind), folder: SiteLayout.catalogDirectory, cache, siteKeys) {
                    CatalogPage(site: site, kind: kind, rowsPerPage: limits.catalogRowsPerPage).files(theme: theme)
                }
            case let .section(section):
                let listing = SectionPage(site: site, section: section)
                return page(listing.path, cache, siteKeys) { listing.render(theme: theme) }
            case .health:
                return page(SiteLayout.health, cache, siteKeys) { HealthPage(site: site).render(theme: theme) }
            case .experiments:
                return page(SiteLayout.experiments, cache, siteKeys) {
                    ExperimentsPage(site: site).render(theme: theme)
                }
            case .notFound:
                return page(SiteLayout.notFound, cache, siteKeys) { notFound(site: site, theme: theme) }
            case .repository:
                return page(RepositoryPage.path, cache, siteKeys) { RepositoryPage(site: site).render(theme: theme) }
            case .search:
                return searchFiles(project: project, cache: cache, stream: stream, faces: faces)
            }
        }
        let rendered: [[SiteFile]] = jobs.parallelMap { job in
            let files = render(job)
            guard let stream else { return files }
            return files.map(stream)
        }
        var files = rendered.flatMap { $0 } + (search ?? [])
        files.append(SiteFile(path: ".nojekyll", text: ""))
        for asset in theme.assets { files.append(SiteFile(path: asset.path, bytes: asset.bytes)) }
        if let base = project.config.baseURL {
            let pagePaths = files.map(\.path).filter { $0.hasSuffix(".html") && $0 != SiteLayout.notFound }
            files += Sitemap.files(baseURL: base, pages: pagePaths, maxURLs: limits.sitemapURLsPerFile)
            if let robots = Sitemap.robots(baseURL: base) { files.append(robots) }
        }
        files += copied
        files += PageAssets.files(for: files)
        for (index, document) in project.documents.enumerated() where !document.attachments.isEmpty {
            let folder = ProjectPath.directory(of: layout.pages[index])
            for file in document.attachments {
                files.append(SiteFile(path: folder.isEmpty ? file.name : folder + "/" + file.name, bytes: file.bytes))
            }
        }
        files.sort { $0.path < $1.path }
        return files
    }

    /// A site-wide page from the cache when its listing key is stored, else rendered (and stored).
    private static func page(
        _ path: String, _ cache: (any BuildCacheStore)?, _ keys: SiteWideCacheKeys?, _ render: () -> String
    ) -> [SiteFile] {
        guard let cache, let keys else { return [SiteFile(path: path, text: render())] }
        let key = cache.key(keys.parts(page: path))
        if let bytes = cache.lookup(key, siteWide: true) { return [SiteFile(path: path, bytes: bytes)] }
        let text = render()
        cache.store(key, text: text)
        return [SiteFile(path: path, text: text)]
    }

    /// The search index's files, from the cache when it holds an index of the same entries.
    /// Like `page`, for a page that may be split in several files below `folder`: stored as one
    /// bundle, read back as hostile input (`CachedFileBundle`).
    private static func pages(
        _ path: String, folder: String, _ cache: (any BuildCacheStore)?, _ keys: SiteWideCacheKeys?,
        _ render: () -> [SiteFile]
    ) -> [SiteFile] {
        guard let cache, let keys else { return render() }
        let key = cache.key(keys.parts(page: path))
        if let bytes = cache.lookup(key, siteWide: true), let files = CachedFileBundle.decode(bytes, folder: folder) {
            return files
        }
        let files = render()
        CachedFileBundle.encode(files).withUnsafeBytes { cache.store(key, bytes: $0) }
        return files
    }

    /// The search index's files, from the cache when it holds an index of the same entries. Each
    /// file goes to `stream` as soon as it is made (or read from the cache) and only what `stream`
    /// returns is kept, so the index is never held whole; with a cache, the one copy kept is the
    /// bundle being stored.
    ///
    /// With a cache, the index is made chunk by chunk (`SearchIndex.chunk`, keyed by the chunk's
    /// entries): a chunk the cache holds is not tokenized again, so a build after one edit makes
    /// one chunk and joins the stored postings of the others.
    ///
    /// `faces` are `PageCacheKeys.faces(of: project)` when the caller has them (they are made here
    /// otherwise); with them and the source digests a chunk is keyed without making its entries
    /// (`SiteWideCacheKeys.searchChunkParts(chunk:documents:project:faces:config:)`). `entriesMade`
    /// counts the search entries made; `chunkKeysMade` hears the chunks' keys (`ProseEditState`).
    package static func searchFiles(
        project: LoadedProject, cache: (any BuildCacheStore)?, stream: (@Sendable (SiteFile) -> SiteFile)?,
        faces: [StableDigest]? = nil, entriesMade: WorkCount? = nil, chunkKeysMade: (([String]) -> Void)? = nil
    ) -> [SiteFile] {
        let count = min(project.documents.count, SearchIndex.maxDocuments)
        let entry: @Sendable (Int) -> SearchEntry = {
            entriesMade?.add(1)
            return searchEntry(project: project, index: $0)
        }
        guard let cache else {
            let out = StreamedFiles(stream: stream, bundling: false)
            SearchIndex.write(count: count, entry: entry) { path, bytes in
                out.add(SiteFile(path: path, bytes: bytes))
            }
            return out.files
        }
        let perChunk = SearchIndex.docsPerChunk
        let chunks = Array(0..<((count + perChunk - 1) / perChunk))
        let documents: @Sendable (Int) -> Range<Int> = { ($0 * perChunk)..<min(count, ($0 + 1) * perChunk) }
        // Each chunk's entries are made for its key and dropped; only a chunk the cache lacks makes
        // them again (after one edit, one chunk).
        let faces = faces ?? PageCacheKeys.faces(of: project)
        let config = PageCacheKeys.configDigest(project.config)
        let chunkKeys = chunks.parallelMap { chunk in
            let parts =
                SiteWideCacheKeys.searchChunkParts(
                    chunk: chunk, documents: documents(chunk), project: project, faces: faces, config: config)
                ?? SiteWideCacheKeys.searchChunkParts(chunk: chunk, entries: documents(chunk).map(entry))
            return cache.key(parts)
        }
        chunkKeysMade?(chunkKeys)
        let key = cache.key(SiteWideCacheKeys.searchParts(count: count, chunkKeys: chunkKeys))
        if let bytes = cache.lookup(key, siteWide: true),
            let contents = CachedFileBundle.contents(of: bytes, folder: SearchIndex.directory)
        {
            // The chunks stay in the cache for the next edit.
            for chunkKey in chunkKeys { _ = cache.keep(chunkKey) }
            let out = StreamedFiles(stream: stream, bundling: false)
            for file in contents { out.add(SiteFile(path: file.path, bytes: Array(bytes[file.bytes]))) }
            return out.files
        }
        // Most chunks missing (a first build, a new Dossier, a change every page shows): the index
        // is made as without a cache, in a few large slices, and each slice's postings are cut
        // into the chunks to store (made one by one, they cost a first build 11 MB more at 10,000
        // documents).
        let present = chunks.map { cache.keep(chunkKeys[$0]) }
        if present.filter({ $0 }).count * 2 < chunks.count {
            let out = StreamedFiles(stream: stream, bundling: true)
            SearchIndex.write(
                count: count, entry: entry,
                sliced: { docs, postings in
                    CachedSearchChunk.encode(split: postings, docs: docs) { chunk, entry in
                        guard !present[chunk] else { return }
                        entry.withUnsafeBytes { cache.store(chunkKeys[chunk], bytes: $0) }
                        // Marked used, so the prune keeps it for the next build (a store alone is not).
                        _ = cache.keep(chunkKeys[chunk])
                    }
                },
                emit: { path, bytes in out.add(SiteFile(path: path, bytes: bytes)) })
            cache.store(key, parts: out.bundle)
            return out.files
        }
        let out = StreamedFiles(stream: stream, bundling: true)
        /// Joins chunk `chunk`'s postings to `joined`: read from the cache, or made and stored.
        @Sendable func join(_ chunk: Int, _ joined: inout SearchPostings.Joined) {
            let path = SearchIndex.documentFilePath(chunk: chunk)
            if let bytes = cache.lookupPart(chunkKeys[chunk]),
                let docs = CachedSearchChunk.decode(bytes, chunk: chunk, documents: documents(chunk), into: &joined)
            {
                out.add(SiteFile(path: path, bytes: docs))
                return
            }
            let made = SearchIndex.chunk(chunk, entries: documents(chunk).map(entry))
            CachedSearchChunk.encode(docs: made.docs, postings: made.postings).withUnsafeBytes {
                cache.store(chunkKeys[chunk], bytes: $0)
            }
            out.add(SiteFile(path: path, bytes: made.docs))
            joined.add(made.postings)
        }
        let shards = searchShards(count: count, chunks: chunks.count, join: join)
        // The bundle is written to the cache beside the staging, not after it.
        out.addAll(shards) { cache.store(key, parts: $0) }
        return out.files
    }

    /// The term shards and the manifest of the search index of `count` documents in `chunks`
    /// chunks, whose postings `join` adds chunk by chunk to a slice's.
    ///
    /// Consecutive chunks are joined into a few slices on the threads that read them, each into
    /// one term table as it is read, so the term tables of hundreds of chunks are never made
    /// (nor all held at once: at 10,000 documents they added 30 MB to the peak). The shards are
    /// held for the bundle anyway: they are handed to `stream` (which compares each with the old
    /// site's file) on every core once all are made, not one by one on this thread while the
    /// other cores idle.
    package static func searchShards(
        count: Int, chunks: Int, join: @Sendable (Int, inout SearchPostings.Joined) -> Void
    ) -> [SiteFile] {
        let slices = max(1, min(2 * ProcessInfo.processInfo.activeProcessorCount, chunks))
        let perSlice = (chunks + slices - 1) / max(1, slices)
        let groups = stride(from: 0, to: chunks, by: max(1, perSlice)).map { $0..<min(chunks, $0 + perSlice) }
        var postings = groups.parallelMap { group -> SearchPostings in
            var joined = SearchPostings.Joined(expectedTerms: 4096)
            for chunk in group { join(chunk, &joined) }
            return joined.finish()
        }
        var shards: [SiteFile] = []
        SearchIndex.finish(count: count, slices: &postings) { path, bytes in
            shards.append(SiteFile(path: path, bytes: bytes))
        }
        return shards
    }

    /// Files made on several threads, each handed to `stream` at once; what `stream` returns is
    /// kept. `bundling` also keeps each file's bytes as parts of a `CachedFileBundle`, to store in
    /// the cache: the parts share the files' storage, and are never copied into one buffer (which,
    /// grown by appending, held the bundle up to three times over).
    private final class StreamedFiles: @unchecked Sendable {
        private let stream: (@Sendable (SiteFile) -> SiteFile)?
        private let bundling: Bool
        private let lock = NSLock()
        private var kept: [SiteFile] = []
        private var bundled = [CachedFileBundle.start()]

        init(stream: (@Sendable (SiteFile) -> SiteFile)?, bundling: Bool) {
            self.stream = stream
            self.bundling = bundling
        }

        func add(_ file: SiteFile) {
            addToBundle(file)
            let file = stream?(file) ?? file
            lock.withLock { kept.append(file) }
        }

        /// Adds `file` to the bundle the cache keeps, when bundling and it has bytes.
        private func addToBundle(_ file: SiteFile) {
            guard bundling, case let .bytes(bytes) = file.contents else { return }
            let head = CachedFileBundle.head(path: file.path, count: bytes.count)
            lock.withLock { bundled += [head, bytes] }
        }

        /// `add` of each of `files`, bundled in their order, streamed on every core; `alongside`
        /// is handed the bundle then and runs beside the streaming.
        func addAll(_ files: [SiteFile], alongside: @Sendable ([[UInt8]]) -> Void) {
            for file in files { addToBundle(file) }
            let bundle = self.bundle
            let stream = stream
            // Slot 0 runs `alongside`; slot i + 1 streams file i.
            let streamed = Array(0...files.count).parallelMap { i -> SiteFile? in
                guard i > 0 else {
                    alongside(bundle)
                    return nil
                }
                return stream?(files[i - 1]) ?? files[i - 1]
            }
            lock.withLock { kept += streamed.dropFirst().map { $0! } }
        }

        var files: [SiteFile] { lock.withLock { kept } }
        var bundle: [[UInt8]] { lock.withLock { bundled } }
    }

    package static func notFound(site: SiteContext, theme: Theme) -> String {
        // GitHub Pages serves 404.html at any depth, so relative links only work from the root;
        // with `base_url` the page links absolutely instead.
        var layout = site.layoutContext(page: SiteLayout.notFound, title: "Page not found", pageType: "notfound")
        var view = RootView(root: "")
        if let base = site.project.config.baseURL {
            layout.root = base
            view.root = base
        }
        return theme.render("notfound", view: view, layout: layout)
    }

    /// The project files the loader decided to publish (`LoadedProject.publishedFiles`), read
    /// through `ProjectFiles` so a link swapped in since the check is still refused.
    package static func referencedFiles(project: LoadedProject) -> [SiteFile] {
        let files = ProjectFiles(projectRoot: project.root)
        return project.publishedFiles.compactMap { path in
            (try? files.bytes(path, limit: PublishedFiles.maximumBytes)).map { SiteFile(path: path, bytes: $0) }
        }
    }

    package static func searchEntries(site: SiteContext) -> [SearchEntry] {
        site.project.documents.indices.map { searchEntry(project: site.project, index: $0) }
    }

    /// What the search index knows of document `i`.
    package static func searchEntry(project: LoadedProject, index i: Int) -> SearchEntry {
        var document = project.documents[i]
        // A text the load passed over is read now (after an edit, for one chunk's documents).
        if let text = project.deferredTexts?.text(document.path) { document.analysis.text = text }
        return searchEntry(document: document, url: project.layout.pages[i])
    }

    /// What the search index knows of `document`, whose page is at `url`.
    package static func searchEntry(document: Document, url: String) -> SearchEntry {
        var params: [String] = []
        for run in document.runs {
            if let model = run.model { params.append(model) }
            for value in run.params { params.append("\(value.key) \(value.text)") }
            for value in run.metrics { params.append(value.key) }
        }
        // The page that defines a field or a run ranks above the pages that mention it.
        let definitions = document.schemaFields.map(\.key) + document.runs.map(\.name)
        var entry = SearchEntry(
            url: url, title: document.title, kind: document.kind?.rawValue ?? "page",
            headings: document.analysis.headings.map(\.text), text: document.analysis.text,
            fields: document.schemaFields.map(\.description), params: params,
            definitions: definitions, facts: SearchFacts.strings(document.frontMatter))
        entry.snippet = SearchFacts.snippet(document)
        entry.anchors = SearchFacts.anchors(document)
        return entry
    }
}
