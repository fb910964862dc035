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

    /// Files changed, added and removed by the last `build`, site paths (for tests and timings).
    package private(set) var lastChangedFiles: [String] = []
    package private(set) var lastRemovedFiles: [String] = []

    /// Loads, checks and renders the project, reusing what did not change, and brings the output
    /// folder up to date. `changed`: project-relative paths a watcher saw change, forgotten by
    /// the memo whatever their stamps say. Throws as `SiteGenerator.build` does; a failed
    /// build leaves the output folder as it was.
    package func build(changed: some Sequence<String> = [String]()) throws -> BuildReport {
        let start = DispatchTime.now()
        let timings = PhaseTimer()
        memo.forget(changed)
        // Here, not after the build, so its counters describe the last build.
        sampleProfiles.prune()
        let project = try ProjectLoader.load(
            root: root, options: options, timings: timings, memo: memo, gitLog: gitLog,
            sampleProfiles: sampleProfiles)
        let theme = try Theme.load(name: project.config.theme, projectRoot: project.root)
        let files = SiteBuilder.build(project: project, theme: theme, cache: pages)
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
        timings.mark("write")
        timings.report()
        report.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return report
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
            let path = output + "/" + file.path
            let folder = ProjectPath.directory(of: path)
            try ProjectFiles.makeDirectories(folder)
            let name = path.split(separator: "/").last.map(String.init) ?? "file"
            let temporary = folder + "/.\(name).dossier-serve-\(getpid())"
            switch file.contents {
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
