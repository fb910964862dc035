import DossierCore
import DossierMarkdown
import DossierModel
import Foundation

/// scan → load → index → check: everything `build` and `check` share.
package enum ProjectLoader {
    package static func load(root rootPath: String, options: BuildOptions = BuildOptions()) throws -> LoadedProject {
        try load(root: rootPath, options: options, timings: PhaseTimer())
    }

    /// `forSite: false` (`dossier check`) leaves out what only the site shows and no finding
    /// comes from: the repository map (a walk of the project and a `git ls-files`) and the
    /// documents' source digests (`sourceDigests` holds empty ones). With a
    /// `memo`, a file unchanged since the memo saw it is not read or parsed again; with a
    /// `gitLog`, the git log is parsed again only when HEAD moved; with `sampleProfiles`, a data
    /// sample is profiled again only when its file changed; with a `repositoryMemo`, the repository
    /// map is read back when nothing it is made of changed. With `savedDocuments` (the build
    /// cache's, for a site only), a Markdown file whose bytes it saved is not parsed again.
    /// `committedCache`: the caller's `CommittedCacheCheck` result for this cache folder, if made.
    /// With `savedChecks`, a document whose checks' inputs are those of its saved results is not
    /// checked again (`SavedCheckResults`). `earlyGit`: the git commands the caller launched for
    /// this root (`GitHistory.launchEarly`), else they are launched here.
    package static func load(
        root rootPath: String, options: BuildOptions, timings: PhaseTimer, forSite: Bool = true,
        memo: DocumentLoadMemo? = nil, gitLog: GitLogMemo? = nil, sampleProfiles: SampleProfileMemo? = nil,
        repositoryMemo: RepositoryMapMemo? = nil, savedDocuments: DocumentMemoFile? = nil,
        committedCache: Finding?? = nil, savedChecks: SavedCheckResults? = nil,
        earlyGit: GitHistory.EarlyCommands? = nil
    ) throws -> LoadedProject {
        let settings = try configure(root: rootPath, options: options)
        let (root, config, configFindings, outputURL) =
            (settings.root, settings.config, settings.configFindings, settings.outputURL)
        let outputInside = settings.outputInside
        // The git history's commands (`git status` walks the whole work tree) start now, as
        // processes of their own, and run while the documents load; the checks read them. (With
        // `gitLog`, `dossier serve`, the history is mostly kept: nothing is started early.) A
        // caller may have started them sooner (`earlyGit`: `SiteGenerator`).
        let earlyGit =
            earlyGit ?? (gitLog == nil ? GitHistory.launchEarly(projectRoot: root.path) : GitHistory.EarlyCommands())

        let scan = ProjectScanner(root: root, config: config, outputFolder: outputInside).scanReportingNames()
        let files = ProjectFiles(projectRoot: root)
        // One read of each MLflow store for the metric columns, the tracker runs, the drifted
        // cells and the drift check.
        let mlflowStores = MLflowStores()
        let experimentDrift = ExperimentDriftCheck(
            projectRoot: root, metricTolerance: config.metricTolerance, mlflowStores: mlflowStores)
        // Tracker runs join before the index, so `selected` may name a run only MLflow records;
        // drifted cells are marked on the runs, for the runs table (the check reports them). Each
        // document's join depends on that document alone, so it runs on the loading thread.
        let joined: @Sendable (Document?) -> Document? = { document in
            document.map { join($0, root: root, experimentDrift: experimentDrift, mlflowStores: mlflowStores) }
        }
        // Each document's source digest is taken from the very bytes it was loaded from, so a
        // build-cache key can never pair new bytes with a page rendered from old ones.
        // A build renders each body it parses at load (`PreparedBodies`); `serve` (with `memo`)
        // keeps its trees' text and parses at render.
        let preparing = forSite && memo == nil ? PreparedBodies() : nil
        var loaded: [(Document?, [Finding], String)] = scan.paths.parallelMap { path in
            guard let memo else {
                // `check` renders no page and writes no search index: what it needs of the body
                // was taken at load, and the search text is not built at all.
                var result = loadDocument(
                    path, files: files, keepingText: forSite, digesting: forSite,
                    saved: forSite ? savedDocuments : nil, preparing: preparing)
                if !forSite {
                    result.0?.body = .dropped
                    result.0?.analysis.text = ""  // a notebook's (its cells are analysed elsewhere)
                } else if case .markdown = result.0?.body, preparing?.holds(path) == true {
                    // Without the build cache the text was held to the last page (24 MB at 10,000
                    // documents); the page now shows the body rendered at load.
                    result.0?.body = .dropped
                }
                result.0 = joined(result.0)
                return result
            }
            let stamp = DocumentLoadMemo.Stamp(absolute: root.path + "/" + path)
            if let hit = memo.lookup(path, stamp: stamp) {
                return (joined(hit.document), hit.findings, hit.sourceDigest)
            }
            let result = loadDocument(path, files: files)
            if let stamp {
                memo.store(path, .init(stamp: stamp, document: result.0, findings: result.1, sourceDigest: result.2))
            }
            return (joined(result.0), result.1, result.2)
        }
        memo?.prune()
        // Sized once: the documents live as long as the build, and an array grown by appending
        // holds up to twice its elements (at 10,000 documents, megabytes).
        var documents: [Document] = []
        documents.reserveCapacity(loaded.count)
        var sourceDigests: [String] = []
        sourceDigests.reserveCapacity(loaded.count)
        var findings = configFindings + scan.findings + OverrideLinkCheck.findings(files)
        // Each result is moved out of `loaded` (swapped for an empty one), in order: iterating the
        // array copied every document, a retain and later a release of each of its fields.
        for i in loaded.indices {
            var entry: (Document?, [Finding], String) = (nil, [], "")
            swap(&entry, &loaded[i])
            if let document = entry.0.take() {
                documents.append(document)
                sourceDigests.append(entry.2)
            }
            findings += entry.1
        }
        loaded = []
        // A cache that came with the repository is not trusted (CommittedCacheCheck). Not started
        // alongside the load: its threads took a malloc arena the loading threads then shared (when
        // `MallocTuning` capped arenas at one per core), and `check` measured up to 60% slower.
        var cacheTrusted = options.useCache
        if options.useCache {
            let folder =
                options.cacheFolder.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
                ?? root.appendingPathComponent(CommittedCacheCheck.defaultFolderName).path
            // A build decided on its cache before loading (`committedCache`); git is not asked twice.
            if let finding = committedCache ?? CommittedCacheCheck.check(cacheFolder: folder, projectRoot: root) {
                findings.append(finding)
                cacheTrusted = false
            }
        }
        let graphviz = GraphvizRenderer.locate(explicit: options.dot)
        if graphviz == nil { findings += DiagramChecks.missingGraphviz(documents) }
        timings.mark("scan and load")
        // The index, navigation, page paths and published files are one serial pass; the checks
        // need only the documents and keep every core busy. Run side by side, the serial pass
        // no longer leaves a core idle (nor does the git history the checks start by reading).
        let navFile =
            options.config ?? (config.fromMkDocs ? MkDocsConfig.fileName : ProjectConfig.fileName(in: root))
            ?? "dossier.yml"
        // The repository memo's key (but for the samples) and its file are made ready on the index
        // pass's thread, which ends well before the checks do.
        let indexing = BackgroundResult { [documents] in
            let indexed = IndexPass(
                documents: documents, config: config, navFile: navFile, files: files, forSite: forSite)
            if forSite {
                repositoryMemo?.prepare(root: root, config: config, documents: documents, output: outputInside)
            }
            return indexed
        }
        var checks = ProjectChecks(root: root, config: config, documents: documents, mlflowStores: mlflowStores)
        // The git history is read first thing in the checks, while the index pass runs, not
        // alongside the load: a third thread allocating during the load shared a malloc arena
        // with a loading one (when `MallocTuning` capped arenas), and `check` measured bimodal
        // (thousands more futex waits, up to twice the wall time in some runs).
        checks.gitLog = gitLog
        checks.earlyGit = earlyGit
        checks.sampleProfiles = sampleProfiles
        if let savedChecks {
            checks.savedResults = savedChecks
            checks.sourceDigests = sourceDigests
        }
        let checked = checks.run(timings: timings)
        let indexed = indexing.value
        timings.mark("index (alongside the checks)")
        let (index, layout, published, navTree) = (indexed.index, indexed.layout, indexed.published, indexed.navTree)
        findings += indexed.findings
        findings += checked.documentFindings.flatMap { $0 }

        // The map (a walk of the whole project) is made beside what follows; only the site-wide
        // pages that show it wait for it. It adds no finding.
        let repository: RepositoryMapSource
        if !forSite {
            repository = RepositoryMapSource(RepositoryMap())
        } else {
            repository = RepositoryMapSource { [documents, samples = checked.dataFiles] in
                guard let repositoryMemo else {
                    return RepositoryMap(
                        root: root, config: config, documents: documents, samples: samples, output: outputInside)
                }
                return repositoryMemo.map(
                    root: root, config: config, documents: documents, samples: samples, output: outputInside)
            }
        }

        findings.sort(by: Finding.reportOrder)
        var perDocument = Array(repeating: [Finding](), count: documents.count)
        for finding in findings {
            if let i = index.byPath[finding.location.path] { perDocument[i].append(finding) }
        }
        for (i, list) in checked.documentFindings.enumerated() {
            perDocument[i] += list.filter { $0.location.path != documents[i].path }
        }
        let states = perDocument.map { list in list.compactMap(\.state).max() ?? .fresh }
        var project = LoadedProject(
            root: root, config: config, documents: documents, index: index, findings: findings,
            documentFindings: perDocument, states: states, lastChanges: checked.lastChanges,
            layout: layout, navTree: navTree, outputURL: outputURL, publishedFiles: published.paths,
            samples: checked.samples, dataFiles: checked.dataFiles,
            readiness: Readiness.all(index: index, states: states), repositoryMap: repository,
            sourceDigests: sourceDigests)
        project.graphvizExecutable = graphviz
        project.profileDigests = checked.profileDigests
        project.cacheTrusted = cacheTrusted
        // Bodies left in their files: by a trusted stamp, or parsed and saved (`DocumentMemoFile.store`).
        if forSite, memo == nil, savedDocuments != nil { project.deferredBodies = DeferredBodies(projectRoot: root) }
        project.preparedBodies = preparing
        project.deferredTexts = savedDocuments?.deferredTexts()
        return project
    }

    /// `document` as the project holds it: an experiment with its tracker runs joined and its
    /// drifted cells marked (`load` does it to each document as it loads).
    package static func join(
        _ document: Document, root: URL, experimentDrift: ExperimentDriftCheck, mlflowStores: MLflowStores
    ) -> Document {
        // Only an experiment joins anything: each of the four steps takes and returns the whole
        // document, and for the other kinds (most documents) those copies were all they did
        // (about 27 M instructions of an edit build at 10,000 documents, callgrind).
        guard document.kind == .experiment else { return document }
        let classified = MetricColumns.classify(document, records: experimentDrift)
        return experimentDrift.markingDrift(
            TrackerRuns.merge(classified, projectRoot: root, mlflowStores: mlflowStores))
    }

    /// What a project's configuration and the options decide before any document is read: the
    /// root, the configuration with the options applied, and the output folder. Throws when the
    /// project folder or its configuration cannot be read.
    package static func configure(root rootPath: String, options: BuildOptions) throws -> ProjectSettings {
        let root = URL(fileURLWithPath: rootPath).standardizedFileURL
        guard ProjectFiles.isDirectory(root.path) else {
            throw ProjectError(message: "no project folder at \(rootPath)", findings: [])
        }
        var (config, configFindings) = ProjectConfig.load(projectRoot: root, file: options.config)
        if configFindings.contains(where: { $0.severity == .error }) {
            let name =
                options.config ?? ProjectConfig.fileName(in: root)
                ?? configFindings.first?.location.path ?? "dossier.yml"
            throw ProjectError(message: "\(name) cannot be read", findings: configFindings)
        }
        if let output = options.output { config.output = output }
        if let strict = options.strict, strict { config.strict = true }
        if let baseURL = options.baseURL {
            if let problem = ProjectConfig.webURLProblem(baseURL) {
                throw ProjectError(message: "--base-url \(problem)", findings: [])
            }
            config.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        }
        if config.repoURL != nil, !config.repoBranchGiven {
            config.repoBranch = DefaultBranch.resolve(projectRoot: root.path)
        }

        let outputURL =
            config.output.hasPrefix("/")
            ? URL(fileURLWithPath: config.output).standardizedFileURL
            : root.appendingPathComponent(config.output).standardizedFileURL
        let outputInside: String? =
            outputURL.path.hasPrefix(root.path + "/")
            ? String(outputURL.path.dropFirst(root.path.count + 1)) : nil
        return ProjectSettings(
            root: root, config: config, configFindings: configFindings, outputURL: outputURL, outputInside: outputInside
        )
    }

    /// One scanned file's document, its load findings and its source digest, as the memo keeps
    /// them (before tracker runs and drifted cells are joined). With `saved` (and the text kept),
    /// a Markdown file is taken from it when its bytes are the saved ones, and saved otherwise.
    /// `digesting: false` (`check`, which keeps no build cache) leaves the digest empty.
    package static func loadDocument(
        _ path: String, files: ProjectFiles, keepingText: Bool = true, digesting: Bool = true,
        saved: DocumentMemoFile? = nil, preparing: PreparedBodies? = nil
    ) -> (Document?, [Finding], String) {
        // A file its saved entry's stamp vouches for is not read (`DocumentMemoFile.lookup(_:)`).
        if let saved, keepingText, let trusted = saved.lookup(path) { return trusted }
        do throws(DriftFileProblem) {
            let limit = DocumentLoader.maxBytes(for: path)
            let bytes: [UInt8]
            switch try files.boundedBytes(path, limit: limit) {
            case let .bytes(read): bytes = read
            case let .tooLarge(size):
                let tooLarge =
                    Notebook.isNotebook(path)
                    ? NotebookPage.tooLarge(path: path, size: size)
                    : DocumentLoader.tooLarge(path: path, size: size)
                return (nil, [tooLarge], "")
            }
            if let saved, keepingText, !Notebook.isNotebook(path) {
                let digest = StableDigest.of(bytes: bytes)
                if let (document, findings) = saved.lookup(path, source: digest, bytes: bytes) {
                    return (document, findings, digest)
                }
                let (document, findings) = DocumentLoader.load(path: path, bytes: bytes, preparing: preparing)
                guard let document else { return (nil, findings, "") }
                // Its body most likely left in the file, read again when its page renders.
                let kept = saved.store(path, source: digest, bytes: bytes, document: document, findings: findings)
                return (kept, findings, digest)
            }
            let (document, findings) = DocumentLoader.load(
                path: path, bytes: bytes, keepingText: keepingText, preparing: keepingText ? preparing : nil)
            return (document, findings, document == nil || !digesting ? "" : StableDigest.of(bytes: bytes))
        } catch {
            return (
                nil,
                [
                    Finding(
                        .error, "document.unreadable", "cannot read the file: \(error.reason)",
                        at: SourceLocation(path: path))
                ], ""
            )
        }
    }

    /// What the serial pass after loading decides: the index with its findings (and the column
    /// references', which need it), page paths, published files and the sidebar's tree (for a site
    /// only: `check` shows none). Made on a thread of its own beside the parallel checks.
    private struct IndexPass: Sendable {
        var index: DocumentIndex
        var layout: SiteLayout
        var published: PublishedFiles.Decision
        var navTree: NavTree
        var findings: [Finding] = []

        init(documents: [Document], config: ProjectConfig, navFile: String, files: ProjectFiles, forSite: Bool) {
            index = DocumentIndex(documents: documents)
            findings += index.findings + ColumnReferenceCheck.findings(index)
            findings += NavCheck.findings(
                config: config, documentPaths: Set(documents.map(\.path)), configFile: navFile)
            // Page paths are decided here, not while rendering, so a path conflict is a finding of
            // the checked project like any other and counts in its health.
            layout = SiteLayout(documents: documents)
            findings += layout.findings
            // What the site publishes besides its pages is decided here too, so a refused or
            // colliding file is a finding before anything renders.
            published = PublishedFiles.decide(documents: documents, index: index, layout: layout, files: files)
            findings += published.findings
            // The sidebar's tree: made here, it no longer holds up the render (37 ms at 10,000
            // documents on the main thread while the other core idled).
            navTree =
                forSite
                ? NavTree(
                    documents: documents, pages: layout.pages, homeDocument: layout.homeDocument, nav: config.navTree)
                : NavTree(documents: [], pages: [], homeDocument: nil, nav: [])
        }
    }
}
