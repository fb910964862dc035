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
        let settings = try ProjectLoader.configure(root: path, options: options)
        let theme = try Theme.load(name: settings.config.theme, projectRoot: settings.root)
        let cacheFolder = cacheFolder(options: options, root: settings.root)
        // The receipt and the saved sample profiles are part of the cache: used only when the cache
        // may be (`LoadedProject.cacheTrusted`).
        let committedCache =
            options.useCache ? CommittedCacheCheck.check(cacheFolder: cacheFolder, projectRoot: settings.root) : nil
        let cacheUsable = options.useCache && committedCache == nil
        // Taken for the repository map's memo too, even when the receipt is not to be used (tests
        // of the page cache).
        let fingerprint =
            cacheUsable
            ? BuildFingerprint.take(settings: settings, options: options, theme: theme, cacheFolder: cacheFolder)
            : nil
        timings.mark("fingerprint")
        if options.reusesUnchangedSite, let fingerprint,
            let receipt = BuildReceipt.read(folder: cacheFolder, inputs: fingerprint.digest),
            receipt.inputs == fingerprint.digest,
            receipt.output == BuildReceipt.outputStamps(settings.outputURL)
        {
            // A killed build's staging folders go whether or not this one writes (`Staging` does it too).
            let output = settings.outputURL
            OutputWriter.removeLeftovers(
                in: output.deletingLastPathComponent().path, name: output.lastPathComponent, output: output.path)
            timings.report()
            var report = BuildReport(
                project: LoadedProject(settings: settings, findings: receipt.findings),
                filesWritten: receipt.filesWritten, pagesWritten: receipt.pagesWritten, seconds: seconds(since: start))
            report.upToDate = true
            return report
        }
        // After an edit of one document's prose, that page and the search index are all that change.
        // When it is not that, the full build takes the last build's state (its page records)
        // and the saved documents the attempt read.
        let keepsProseState = options.reusesUnchangedSite && fingerprint != nil
        var previousProseState: ProseEditState?
        var savedByAttempt: DocumentMemoFile?
        if keepsProseState, let fingerprint {
            switch ProseEdit.build(
                settings: settings, options: options, fingerprint: fingerprint, cacheFolder: cacheFolder, start: start,
                timings: timings)
            {
            case let .built(report):
                let output = settings.outputURL
                OutputWriter.removeLeftovers(
                    in: output.deletingLastPathComponent().path, name: output.lastPathComponent, output: output.path)
                timings.report()
                return report
            case let .declined(state, saved):
                (previousProseState, savedByAttempt) = (state, saved)
            }
        }
        // The git history's commands (`git status` walks the whole work tree) start now, once the
        // build is known to have work, and run while the cache's memos are read and the documents
        // load (`ProjectLoader.load` reads them); started inside the load, `git status` ran beside
        // the document scan while a core idled as the memos were read.
        let earlyGit = GitHistory.launchEarly(projectRoot: settings.root.path)
        // The samples profiled by the last build, kept while their files' stamps stay (as `serve` keeps
        // them in memory): a build after an edit profiles only the samples that changed.
        let profilesFile = cacheFolder + "/" + profilesFileName
        // The last build's per-document check results: a build after an edit checks again only the
        // documents whose inputs changed.
        let checksFile = cacheFolder + "/" + SavedCheckResults.fileName
        // Read on another core while this one reads the saved documents: each file is read and
        // indexed on its own (at 10,000 documents the three took ~25 ms of the main thread in turn).
        let savedChecksContext = fingerprint.map {
            Self.checksContext(fingerprint: $0, settings: settings, options: options)
        }
        let memosRead = BackgroundResult {
            (
                cacheUsable ? SampleProfileMemo.load(path: profilesFile, identity: BuildCache.executableIdentity) : nil,
                savedChecksContext.map { SavedCheckResults.load(path: checksFile, context: $0) }
            )
        }
        let repositoryMemo = fingerprint.flatMap {
            memo(forRepository: settings, fingerprint: $0, cacheFolder: cacheFolder)
        }
        // The documents the last build loaded, by path and content (`DocumentMemoFile`): a build
        // after an edit parses only the files whose bytes changed.
        let documentsFile = cacheFolder + "/" + DocumentMemoFile.fileName
        let savedDocuments =
            cacheUsable
            ? savedByAttempt
                ?? DocumentMemoFile.load(
                    path: documentsFile,
                    key: DocumentMemoFile.key(
                        identity: BuildCache.executableIdentity, root: settings.root, options: options))
            : nil
        // A document whose file still has the stamp it was saved with is taken without reading the file.
        if let fingerprint { savedDocuments?.trust(stamps: fingerprint.tree, recording: !fingerprint.isRacy) }
        let (sampleProfiles, savedChecks) = memosRead.value
        var project = try ProjectLoader.load(
            root: path, options: options, timings: timings, sampleProfiles: sampleProfiles,
            repositoryMemo: repositoryMemo, savedDocuments: savedDocuments, committedCache: .some(committedCache),
            savedChecks: savedChecks, earlyGit: earlyGit)
        BuildInterruptions.afterLoad(of: project.root.path)
        // The output record is read, and the output's staging set up, while the
        // cache's index is read (~17 ms of the main thread at 10,000 pages); a build that then
        // cannot lock the cache uses neither.
        let cacheAllowed = options.useCache && project.cacheTrusted
        let prepared =
            cacheAllowed
            ? BackgroundResult { [outputURL = project.outputURL] in
                let record = OutputRecord(
                    folder: cacheFolder, output: outputURL.path, identity: BuildCache.executableIdentity)
                return (record, Self.staging(output: outputURL))
            } : nil
        let cache = cacheAllowed ? BuildCache(folder: cacheFolder) : nil
        // Each document's face, made once for the search index's chunk keys and the page keys; of a
        // document taken from the cache, its saved loaded face is taken (`DocumentMemoFile`), and
        // the loaded faces made are saved with the documents below.
        let paths = cache == nil || savedDocuments == nil ? [] : project.documents.map(\.path)
        let madeFaces = cache.map { _ in PageCacheKeys.faces(of: project, saved: savedDocuments?.savedFaces(paths)) }
        if let madeFaces { savedDocuments?.recordFaces(paths: paths, faces: madeFaces.loaded) }
        let faces = madeFaces?.faces
        // Saved while this build holds the cache (`BuildCache` locks it), on a thread of its own
        // while the pages render (~18 ms of the main thread after one edit at 10,000 documents);
        // waited for before the build lets the cache go. Failing only costs the next build its parsing.
        let documentsSaved =
            cache == nil
            ? nil
            : savedDocuments.map { saved in
                BackgroundTask { saved.save(path: documentsFile) }
            }
        // This build replaces the output the receipt describes; a new one is written if it succeeds.
        if cache != nil {
            BuildReceipt.remove(folder: cacheFolder)
            ProseEditState.remove(folder: cacheFolder)
        }
        // Each page is written as soon as it renders and its text dropped: the site is never
        // held in memory whole (at 10,000 documents it is 160 MB).
        // Pages the old site holds unchanged are left in place or linked, not read (`OutputRecord`).
        let record = cache == nil ? nil : prepared?.value.0
        // The old site is updated in place: only what changed is written (`OutputWriter.Staging`).
        let staging =
            try (cache == nil ? nil : prepared?.value.1.get())
            ?? OutputWriter.Staging(output: project.outputURL, inPlace: true)
        // The search index first (on every core): it is the only reader of the documents' search
        // text, which the project then drops, so the pages render without it (issue 15).
        let searchEntries = WorkCount()
        let chunkKeys = LockedValue<[String]>()
        let search = SiteBuilder.searchFiles(
            project: project, cache: cache, stream: staging.write, faces: faces, entriesMade: searchEntries,
            chunkKeysMade: { chunkKeys.value = $0 })
        let deferredTexts = project.deferredTexts
        project.dropSearchText(minimumBytes: project.searchTextWorthDropping)
        let bodies = keepsProseState && cache != nil ? RenderedBodies(documents: project.documents.count) : nil
        let files = SiteBuilder.build(
            project: project, theme: theme, cache: cache, search: search, stream: staging.write, record: record,
            linkPrevious: { staging.linkPrevious($0) }, faces: faces, writtenAt: { staging.location(of: $0) },
            bodies: bodies)
        // A body left in its file that changed since the fingerprint would show text its page's
        // checks and key never saw: nothing of this build is kept (the cache's new pages are not
        // indexed before `prune`), and the site stays as it was.
        if let changed = project.deferredBodies?.changedFiles.first {
            staging.abandon()
            throw ProjectError(
                message: "\(changed) changed while the site was being built; the previous site is left in place: "
                    + "build again", findings: [])
        }
        // Likewise a search text the load passed over whose saved encoding was written over since.
        if let unreadable = deferredTexts?.unreadable.first {
            staging.abandon()
            throw ProjectError(
                message: "the build cache's saved document for \(unreadable) changed while the site was being built; "
                    + "the previous site is left in place: build again", findings: [])
        }
        // What the next build needs to publish an edit of one document's prose alone, made beside
        // the output's update; written with the receipt.
        let proseState = bodies.flatMap { bodies in
            fingerprint.map { fingerprint in
                BackgroundTask { [project, previousProseState] in
                    guard let keys = chunkKeys.value else { return }
                    ProseEditState.made(
                        project: project, fingerprint: fingerprint, bodies: bodies, chunkKeys: keys,
                        previous: previousProseState
                    ).writeAside(folder: cacheFolder)
                }
            }
        }
        // The repository map, made beside the search index and the pages, is done (its memo
        // saves what it made and says whether it read the map back).
        _ = project.repositoryMap.value
        // The cache's index and memo files are written beside the output's update (they touch
        // only the cache folder), and waited for while this build still holds the cache.
        // Before the site's stamps are taken (the output record's, the receipt's): a cache entry
        // removed there may be a link of a site file.
        cache?.removeUnusedFiles()
        let cacheSaved = cache.map { cache in
            BackgroundTask {
                cache.prune()
                sampleProfiles?.save(path: profilesFile, identity: BuildCache.executableIdentity)
                savedChecks?.save(path: checksFile)
                repositoryMemo?.save()
            }
        }
        timings.mark("render")
        record?.closeFolders()
        // The record goes before the output changes, and a new one is written once the site is in
        // place: a build killed in between leaves none, and the next build swaps the whole site in.
        try staging.finish(files, beforeSwap: { record?.invalidate() })
        // While this build still holds the cache; beside the output's stamps (it writes only the
        // cache folder), and waited for before the build returns.
        let updatedInPlace = staging.updatedInPlace
        let recordSaved = record.map { record in
            BackgroundTask { record.save(files: files, updatedInPlace: updatedInPlace) }
        }
        let pagesWritten = files.filter { $0.path.hasSuffix(".html") }.count
        // A fingerprint taken while files were still being written could miss the last write.
        if cache != nil, options.reusesUnchangedSite, let fingerprint, !fingerprint.isRacy,
            let output = BuildReceipt.outputStamps(project.outputURL)
        {
            proseState?.wait()
            ProseEditState.commit(folder: cacheFolder)
            BuildReceipt(
                format: BuildReceipt.format, inputs: fingerprint.digest, output: output, filesWritten: files.count,
                pagesWritten: pagesWritten, findings: project.findings
            ).write(folder: cacheFolder)
        }
        // Not put in place (a racy fingerprint): not left either.
        proseState?.wait()
        if cache != nil { unlink(cacheFolder + "/" + ProseEditState.asideName) }
        recordSaved?.wait()
        cacheSaved?.wait()
        documentsSaved?.wait()
        timings.mark("write")
        timings.report()
        var report = BuildReport(
            project: project, filesWritten: files.count, pagesWritten: pagesWritten, seconds: seconds(since: start))
        report.pagesFromCache = (cache?.hits ?? 0) + (record?.linked ?? 0)
        report.pagesRendered = cache?.misses ?? 0
        report.pagesLinked = record?.linked ?? 0
        report.outputUpdatedInPlace = staging.updatedInPlace
        report.sitePagesFromCache = cache?.siteHits ?? 0
        report.sitePagesRendered = cache?.siteMisses ?? 0
        report.searchEntriesMade = searchEntries.value
        report.repositoryMapReused = repositoryMemo?.reused ?? false
        report.documentsParsed = savedDocuments?.parsed
        report.documentsReused = savedDocuments?.reused ?? 0
        report.documentsTrusted = savedDocuments?.trusted ?? 0
        // Big structures the caller may keep until the process exits instead of freeing them.
        // (The saved profiles' and the passed-over texts' sets freed last were ~3 ms of the main thread.)
        report.checksReused = savedChecks?.hits ?? 0
        report.sampleChecksReused = savedChecks?.sampleChecksReused ?? 0
        report.releasable = [record, savedDocuments, sampleProfiles, deferredTexts, repositoryMemo, savedChecks]
        return report
    }

    /// What every saved check result depends on besides its document's own inputs
    /// (`CheckInputKey`): the configuration files' bytes and Dossier's identity, the fingerprint's
    /// settings (options, environment, theme, tools, git's HEAD, refs and configuration), and the
    /// git that reads the history with the `GIT_*` variables it is run with.
    private static func checksContext(
        fingerprint: BuildFingerprint.Taken, settings: ProjectSettings, options: BuildOptions,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        var stamps = FileStamps()
        stamps.add(DocumentMemoFile.key(identity: BuildCache.executableIdentity, root: settings.root, options: options))
        stamps.add(fingerprint.settings)
        let git = GitProcess.locate()
        stamps.add(git ?? "no git")
        if let git { stamps.add(file: git, following: true) }
        for key in environment.keys.sorted() where key.hasPrefix("GIT_") {
            stamps.add(key)
            stamps.add(environment[key] ?? "")
        }
        return stamps.hex
    }

    /// `OutputWriter.Staging(output:inPlace: true)`, its refusal as a value (made on another thread).
    private static func staging(output: URL) -> Result<OutputWriter.Staging, OutputWriter.Refusal> {
        do {
            return .success(try OutputWriter.Staging(output: output, inPlace: true))
        } catch let refusal as OutputWriter.Refusal {
            return .failure(refusal)
        } catch {
            return .failure(OutputWriter.Refusal(description: "\(error)"))
        }
    }

    /// The repository map's memo file in the cache folder (`RepositoryMapMemo`).
    package static let repositoryFileName = "repository"

    /// The repository map's memo for a build of `settings` stamped as `fingerprint`; nil when the
    /// cache folder is a visible folder inside the project, which the map would list (and which
    /// changes with every build, unstamped).
    private static func memo(
        forRepository settings: ProjectSettings, fingerprint: BuildFingerprint.Taken, cacheFolder: String
    ) -> RepositoryMapMemo? {
        if let inside = ProjectFiles(projectRoot: settings.root).relativePath(ofAbsolute: cacheFolder),
            !ProjectPath.components(inside).contains(where: { $0.hasPrefix(".") })
        {
            return nil
        }
        return RepositoryMapMemo(
            path: cacheFolder + "/" + repositoryFileName, identity: BuildCache.executableIdentity,
            settings: fingerprint.settings, gitState: fingerprint.gitState, tree: fingerprint.tree,
            savable: !fingerprint.isRacy)
    }

    /// The saved sample profiles' file in the cache folder (`SampleProfileMemo.load(path:identity:)`).
    package static let profilesFileName = "profiles"

    private static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    /// `--cache DIR` (relative to the working folder), else `.dossier-cache/` in the project.
    package static func cacheFolder(options: BuildOptions, root: URL) -> String {
        if let folder = options.cacheFolder { return URL(fileURLWithPath: folder).standardizedFileURL.path }
        return root.appendingPathComponent(BuildCache.defaultFolderName).path
    }
}
