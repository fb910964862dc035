import DossierChecks
import DossierCore
import DossierMarkdown
import DossierModel
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A build after an edit of one document's prose and nothing else, without loading the project:
/// the page and search index a full build would write, made from what the last build left
/// (`ProseEditState`, `BuildReceipt`, the saved documents and the cached search chunks).
///
/// It applies when the fingerprint differs from the last build's in that one document's stamp
/// alone, the document qualifies (`ProseEditState.made`), and it loads with the face it was saved
/// with (`ProseFace`: front matter, headings, links, tables, code blocks and their lines, load
/// findings): then every check finds what it found, and of the whole site only the document's
/// page and the search index can change. Its new body is filled with the answers its links were
/// given (`ReplayingLinker`) and put in place of the old one in its page (`BodyLocator`); its
/// search chunk is made again and joined with the others' cached postings. Anything else (a
/// question the body never asked, a body found at no single place, a page that loads other
/// assets, a search index with other files) and the full build runs, from the start.
package enum ProseEdit {
    /// How an attempt ended: the site updated, or nothing written and what the full build may
    /// take of what was read (the state, whose page records it keeps by key, and the saved
    /// documents), so that neither is read twice.
    enum Attempt {
        case built(BuildReport)
        case declined(state: ProseEditState?, saved: DocumentMemoFile?)
    }

    /// Publishes the edit when it qualifies.
    static func build(
        settings: ProjectSettings, options: BuildOptions, fingerprint: BuildFingerprint.Taken, cacheFolder: String,
        start: DispatchTime, timings: PhaseTimer
    ) -> Attempt {
        var saved: DocumentMemoFile?
        let state = ProseEditState.read(folder: cacheFolder)
        guard let state,
            let report = publish(
                state: state, settings: settings, options: options, fingerprint: fingerprint,
                cacheFolder: cacheFolder, start: start, timings: timings, saved: &saved)
        else { return .declined(state: state, saved: saved) }
        return .built(report)
    }

    /// The report of the build, nil when the edit does not qualify and nothing was written;
    /// `saved` is the saved documents once they were read.
    private static func publish(
        state: ProseEditState, settings: ProjectSettings, options: BuildOptions, fingerprint: BuildFingerprint.Taken,
        cacheFolder: String, start: DispatchTime, timings: PhaseTimer, saved savedDocuments: inout DocumentMemoFile?
    ) -> BuildReport? {
        guard state.settings == fingerprint.settings,
            state.gitState == fingerprint.gitState, state.tree.count == fingerprint.tree.count,
            let edited = editedDocument(state: state, tree: fingerprint.tree)
        else { return nil }
        let entry = state.documents[edited]
        // The page is written inside the output only: a plain relative path, as the build made it.
        let parts = entry.page.split(separator: "/", omittingEmptySubsequences: false)
        guard let record = ProseEditState.Record(entry.record), entry.page.hasSuffix(".html"),
            !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." })
        else { return nil }
        let output = settings.outputURL
        let root = settings.root
        let saved = DocumentMemoFile.load(
            path: cacheFolder + "/" + DocumentMemoFile.fileName,
            key: DocumentMemoFile.key(identity: BuildCache.executableIdentity, root: root, options: options))
        // Read as the full build reads them: it takes them if the edit does not qualify.
        savedDocuments = saved
        let files = ProjectFiles(projectRoot: root)
        let preparing = PreparedBodies()
        let (loaded, findings, _) = ProjectLoader.loadDocument(entry.path, files: files, preparing: preparing)
        guard let loaded, let prepared = preparing?.body(of: entry.path),
            let (old, oldFindings) = saved.savedDocument(entry.path, withText: false),
            ProseFace.of(loaded) == ProseFace.of(old), String(reflecting: findings) == String(reflecting: oldFindings)
        else { return nil }
        // The cache is locked (and its index read) beside the body's filling: the receipt and the
        // site's stamps are read once it is held, so a build running beside this one cannot
        // change them in between. Waited for on every way out, so that a full build that follows
        // finds the cache free.
        let cacheOpened = BackgroundResult { BuildCache(folder: cacheFolder) }
        defer { _ = cacheOpened.value }
        let stores = MLflowStores()
        let drift = ExperimentDriftCheck(
            projectRoot: root, metricTolerance: settings.config.metricTolerance, mlflowStores: stores)
        let join: @Sendable (Document) -> Document = {
            ProjectLoader.join($0, root: root, experimentDrift: drift, mlflowStores: stores)
        }
        let document = join(loaded)
        guard let answers = record.answers else { return nil }
        let links = ReplayingLinker(answers: answers)
        let body = DocumentPage.preparedBodyHTML(
            prepared, document: document, links: links, page: entry.page, dropTitle: true,
            allowRawHTML: settings.config.unsafeHTML, graphviz: GraphvizRenderer.locate(explicit: options.dot))
        guard !links.missed, let cache = cacheOpened.value else { return nil }
        // The site must be the one the state describes (stamped as the receipt says).
        let siteStamps = BackgroundResult { BuildReceipt.outputStamps(output) }
        guard let receipt = BuildReceipt.read(folder: cacheFolder, inputs: state.inputs),
            receipt.inputs == state.inputs,
            let page = splice(body, into: output.path, page: entry.page, at: record.locator)
        else { return nil }
        guard
            let search = searchFiles(
                state: state, edited: edited, document: document, saved: saved, root: root, cache: cache, join: join),
            siteStamps.value == receipt.output,
            let changed = changedFiles(
                search.made + [SiteFile(path: entry.page, text: page)], kept: search.kept, output: output.path)
        else { return nil }
        // From here the output changes: the receipt and the state go first (a build killed
        // midway leaves neither, and the next build runs in full), and come back once it is done.
        BuildReceipt.remove(folder: cacheFolder)
        ProseEditState.remove(folder: cacheFolder)
        for file in changed {
            guard write(file, output: output.path) else { return nil }
        }
        if !fingerprint.isRacy, let stamps = BuildReceipt.outputStamps(output) {
            var next = state
            next.inputs = fingerprint.digest
            next.tree = fingerprint.tree
            next.documents[edited].record =
                ProseEditState.Record(
                    key: "prose edit \(record.key)", locator: BodyLocator(body: body), answerBytes: record.answerBytes
                ).encoded()
            // Its chunk's cached postings are the old text's: made again by the next edit.
            next.chunkKeys[edited / SearchIndex.docsPerChunk] = ""
            if !next.editedSinceSaved.contains(entry.path) { next.editedSinceSaved.append(entry.path) }
            next.write(folder: cacheFolder)
            var updated = receipt
            updated.inputs = fingerprint.digest
            updated.output = stamps
            updated.write(folder: cacheFolder)
        }
        timings.mark("prose edit")
        var report = BuildReport(
            project: LoadedProject(settings: settings, findings: receipt.findings), filesWritten: receipt.filesWritten,
            pagesWritten: receipt.pagesWritten,
            seconds: Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
        report.proseEdit = entry.path
        report.releasable = [saved, cache]
        return report
    }

    /// The index of the one document whose stamp alone differs between the state's tree and
    /// `tree` (the same paths in the same order), when it may be updated alone.
    private static func editedDocument(state: ProseEditState, tree: [FileStamps.Record]) -> Int? {
        var changed: UInt64?
        for (old, new) in zip(state.tree, tree) {
            guard old.path == new.path else { return nil }
            if old.stamp != new.stamp {
                guard changed == nil else { return nil }
                changed = new.path
            }
        }
        guard let changed else { return nil }
        let found = state.documents.indices.filter { FileStamps.pathHash(state.documents[$0].path) == changed }
        guard found.count == 1, let index = found.first, !state.documents[index].record.isEmpty else { return nil }
        return index
    }

    /// The page at `page` in `output` (a regular file) with the body `locator` finds in it
    /// replaced by `body`; nil when it cannot be read or the body is not found at one place,
    /// or the new page loads other assets than the old one.
    private static func splice(_ body: String, into output: String, page: String, at locator: BodyLocator) -> String? {
        let path = output + "/" + page
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
            let old = try? ProjectFiles.readBytes(path, limit: 64 << 20)
        else { return nil }
        guard let offset = old.withUnsafeBufferPointer({ locator.offset(in: $0) }) else { return nil }
        let pagePath = page
        var spliced = [UInt8]()
        spliced.reserveCapacity(old.count - locator.length + body.utf8.count)
        spliced += old[..<offset]
        spliced += body.utf8
        spliced += old[(offset + locator.length)...]
        let text = String(decoding: spliced, as: UTF8.self)
        guard
            PageAssets.Loads(SiteFile(path: pagePath, bytes: old))
                == PageAssets.Loads(SiteFile(path: pagePath, text: text))
        else { return nil }
        return text
    }

    /// The search index's files with the edited document's chunk made again, and each chunk
    /// without a cached entry (`ProseEditState.chunkKeys`) made from the saved documents (or
    /// from the files of those they do not hold as they are now); the other chunks' document
    /// files are kept as the site holds them (by path). Nil when a document cannot be made.
    private static func searchFiles(
        state: ProseEditState, edited: Int, document: Document, saved: DocumentMemoFile, root: URL,
        cache: BuildCache, join: @escaping @Sendable (Document) -> Document
    ) -> (made: [SiteFile], kept: [String])? {
        let count = min(state.documents.count, SearchIndex.maxDocuments)
        let perChunk = SearchIndex.docsPerChunk
        let chunks = (count + perChunk - 1) / perChunk
        guard state.chunkKeys.count == chunks else { return nil }
        let editedChunk = edited / perChunk
        let fresh = Set(state.editedSinceSaved)
        let files = ProjectFiles(projectRoot: root)
        let made = Made()
        /// The entry of document `index`, nil when it cannot be made.
        @Sendable func entry(_ index: Int) -> SearchEntry? {
            let entry = state.documents[index]
            if index == edited { return SiteBuilder.searchEntry(document: document, url: entry.page) }
            // A document edited since the documents were saved, and one they do not hold (a
            // notebook), is read from its file, as the full build reads it.
            let kept = fresh.contains(entry.path) ? nil : saved.savedDocument(entry.path, withText: true)?.0
            let loaded = kept ?? ProjectLoader.loadDocument(entry.path, files: files).0
            return loaded.map { SiteBuilder.searchEntry(document: join($0), url: entry.page) }
        }
        let shards = SiteBuilder.searchShards(count: count, chunks: chunks) { chunk, joined in
            let documents = (chunk * perChunk)..<min(count, (chunk + 1) * perChunk)
            let path = SearchIndex.documentFilePath(chunk: chunk)
            let key = state.chunkKeys[chunk]
            if chunk != editedChunk, !key.isEmpty, let bytes = cache.lookupPart(key),
                CachedSearchChunk.decode(bytes, chunk: chunk, documents: documents, into: &joined) != nil
            {
                // The file the last build wrote from this very entry, which the site still holds.
                made.keep(path)
                return
            }
            let entries = documents.compactMap(entry)
            guard entries.count == documents.count else {
                made.fail()
                return
            }
            let chunkMade = SearchIndex.chunk(chunk, entries: entries)
            made.add(SiteFile(path: path, bytes: chunkMade.docs))
            joined.add(chunkMade.postings)
        }
        guard let docs = made.files else { return nil }
        return (docs.made + shards, docs.kept)
    }

    /// Files made on several threads, the paths of those kept as the site holds them, or a failure.
    private final class Made: @unchecked Sendable {
        private let lock = NSLock()
        private var made: [SiteFile] = []
        private var kept: [String] = []
        private var failed = false

        func add(_ file: SiteFile) { lock.withLock { made.append(file) } }
        func keep(_ path: String) { lock.withLock { kept.append(path) } }
        func fail() { lock.withLock { failed = true } }
        var files: (made: [SiteFile], kept: [String])? { lock.withLock { failed ? nil : (made, kept) } }
    }

    /// The files of `files` whose bytes differ from the output's, when the output's search
    /// folder holds exactly the search files of `files` and `kept` (else a full build removes or
    /// adds some, and rewrites the site's manifest).
    private static func changedFiles(_ files: [SiteFile], kept: [String], output: String) -> [SiteFile]? {
        let searchFolder = output + "/" + SearchIndex.directory
        guard let listed = ProjectFiles.listNames(searchFolder)?.names else { return nil }
        let present = Set(listed.map { SearchIndex.directory + $0 })
        let searchPaths = Set(files.map(\.path).filter { $0.hasPrefix(SearchIndex.directory) } + kept)
        guard present == searchPaths else { return nil }
        return files.filter { file in
            guard let old = try? ProjectFiles.readBytes(output + "/" + file.path, limit: 256 << 20) else { return true }
            switch file.contents {
            case let .bytes(bytes): return bytes != old
            case let .text(text): return !text.utf8.elementsEqual(old)
            case .written: return true
            }
        }
    }

    /// Writes `file` into `output` under a temporary name, then renames it over the old one.
    private static func write(_ file: SiteFile, output: String) -> Bool {
        switch file.contents {
        case let .bytes(bytes):
            return bytes.withUnsafeBytes { ProjectFiles.replaceWhole(output + "/" + file.path, with: $0) }
        case let .text(text): return ProjectFiles.replaceWhole(output + "/" + file.path, with: text)
        case .written: return false
        }
    }
}
