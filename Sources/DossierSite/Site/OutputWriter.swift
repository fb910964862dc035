import DossierCore
import Foundation

/// Writes a site safely (SPEC 4): into a folder beside the output, then swapped in, so a failed
/// build leaves the previous site in place. It refuses to replace a non-empty folder that
/// Dossier did not make, and deletes only files that Dossier wrote: anything else found in an
/// old site (a CNAME, say) is carried over into the new one. A build updates an old site of its
/// own in place: only the changed and new files are written aside and moved in (`InPlaceSwap`).
public enum OutputWriter {
    /// Lists every file Dossier wrote; its presence marks a folder as Dossier's.
    package static let manifestName = ".dossier-manifest"

    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
    }

    package static func write(_ files: [SiteFile], to output: URL) throws {
        try Staging(output: output).finish(files)
    }

    /// The paths a manifest lists, one a line: its lines split as `String.split(separator: "\n")`
    /// splits them. Split by bytes when it holds no carriage return (a `\r\n` is one `Character`,
    /// which that split does not cut): split by characters, a 10,000-page site's manifest was
    /// 134 M instructions of every build after an edit.
    ///
    /// The bytes are searched with `memchr`: the generic `contains` and `split` of the UTF-8 view
    /// cost 29 M instructions of the 51 M this took after one edit at 10,000 pages (callgrind).
    package static func manifestPaths(_ manifest: String) -> Set<String> {
        var manifest = manifest
        return manifest.withUTF8 { bytes -> Set<String> in
            guard let base = bytes.baseAddress else { return [] }
            if memchr(base, Int32(UInt8(ascii: "\r")), bytes.count) != nil {
                return Set(String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init))
            }
            var paths = Set<String>()
            paths.reserveCapacity(bytes.count / 48)
            var start = 0
            while start < bytes.count {
                let end =
                    memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start)
                    .map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? bytes.count
                // Empty lines are passed over, as the split does.
                if end > start {
                    paths.insert(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                }
                start = end + 1
            }
            return paths
        }
    }

    /// A site being written into its staging folder. `SiteGenerator` writes each page as soon as
    /// it renders (`write(_:)`) and drops its text, so a build never holds the whole site in
    /// memory; `finish` writes the rest, the manifest, and swaps the folder in.
    package final class Staging: @unchecked Sendable {
        let outputPath: String
        let parent: String
        let staging: String
        let retired: String
        let previousManifest: Set<String>?
        /// Whether the old site is updated in place (`InPlaceSwap`): only changed and new files are
        /// written into the staging folder (`staged`), unchanged ones stay where they are.
        let inPlace: Bool
        /// After `finish`: whether the site was updated in place (files it did not write keep their
        /// stamps), rather than swapped whole.
        package private(set) var updatedInPlace = false
        /// Folders known to exist in the staging folder, and in place the files written into it;
        /// `lock` guards them.
        private var folders: Set<String> = []
        private var staged: Set<String> = []
        private let lock = NSLock()

        /// Refuses an output Dossier may not replace, before anything renders. With `inPlace`, a
        /// site of Dossier's (it has a manifest) that is a plain folder is updated in place: each
        /// file is compared with the old one, so a site an earlier build left half-swapped or a
        /// person edited comes out whole. (`serve` swaps whole.)
        package init(output: URL, inPlace: Bool = false) throws {
            let fm = FileManager.default
            outputPath = output.path
            parent = output.deletingLastPathComponent().path
            let name = output.lastPathComponent
            removeLeftovers(in: parent, name: name, output: outputPath)
            var previous: Set<String>?
            if ProjectFiles.exists(outputPath) {
                guard ProjectFiles.isDirectory(outputPath) else {
                    throw Refusal(
                        description: "\(outputPath) exists and is not a folder; choose another output with -o")
                }
                let contents = (try? fm.contentsOfDirectory(atPath: outputPath)) ?? []
                if !contents.isEmpty {
                    guard let manifest = ProjectFiles.readText(outputPath + "/" + manifestName) else {
                        throw Refusal(
                            description:
                                "\(outputPath) is not empty and was not made by Dossier; refusing to replace it (choose another output with -o, or empty it yourself)"
                        )
                    }
                    previous = OutputWriter.manifestPaths(manifest)
                }
            }
            previousManifest = previous
            var info = stat()
            self.inPlace =
                inPlace && previous != nil && lstat(outputPath, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
            do {
                try ProjectFiles.makeDirectories(parent)
            } catch {
                throw Refusal(
                    description: "cannot create the folder \(parent) for the site: \(reason(of: error)); "
                        + "choose another output with -o")
            }
            let pid = ProcessInfo.processInfo.processIdentifier
            staging = parent + "/.\(name).dossier-new-\(pid)"
            retired = parent + "/.\(name).dossier-old-\(pid)"
            ProjectFiles.removeTree(staging)
        }

        /// Writes `file` now and returns it without its contents; a file that could not be
        /// written comes back whole, so `finish` tries again and reports the failure.
        package func write(_ file: SiteFile) -> SiteFile {
            if case .written = file.contents { return file }
            do {
                if inPlace {
                    try stageIfChanged(file)
                } else {
                    try ensureFolder(of: file.path)
                    try OutputWriter.store(file, into: staging, reusing: previousManifest == nil ? nil : outputPath)
                }
            } catch {
                return file
            }
            return SiteFile(path: file.path, written: PageAssets.Loads(file))
        }

        /// Links the previous site's file at `path` into the new one (the caller knows it holds
        /// the page: `OutputRecord`); false when there is no previous site or the link fails.
        /// In place, the file is left where it is instead (true).
        package func linkPrevious(_ path: String) -> Bool {
            if inPlace { return true }
            guard previousManifest != nil, (try? ensureFolder(of: path)) != nil else { return false }
            return link(outputPath + "/" + path, staging + "/" + path) == 0
        }

        /// Where the file `write` wrote for `path` is now: in the staging folder, or in place, in the
        /// output when it held the same bytes already. (The build cache links it: `BuildCache`.)
        package func location(of path: String) -> String {
            if inPlace, !lock.withLock({ staged.contains(path) }) { return outputPath + "/" + path }
            return staging + "/" + path
        }

        /// In place: writes `file` into the staging folder unless the output holds it already, as
        /// a regular file (no link: `hasContents` opens it with `O_NOFOLLOW`) with the same bytes
        /// (the check the staged swap makes before linking).
        private func stageIfChanged(_ file: SiteFile) throws {
            func stage(_ bytes: UnsafeRawBufferPointer) throws {
                if ProjectFiles.hasContents(outputPath + "/" + file.path, bytes) { return }
                try ensureFolder(of: file.path)
                try ProjectFiles.write(bytes: bytes, to: staging + "/" + file.path)
                lock.withLock { _ = staged.insert(file.path) }
            }
            switch file.contents {
            case var .text(text): try text.withUTF8 { try stage(UnsafeRawBufferPointer($0)) }
            case let .bytes(bytes): try bytes.withUnsafeBytes { try stage($0) }
            case .written: break
            }
        }

        /// In place, when the swap cannot be planned: links every file the staging folder lacks
        /// from the old site (the files it holds unchanged), so the site can be swapped whole.
        private func linkUnchanged(_ paths: [String]) throws {
            let written = lock.withLock { staged }
            for path in paths where !written.contains(path) {
                try ensureFolder(of: path)
                guard link(outputPath + "/" + path, staging + "/" + path) == 0 else {
                    throw ProjectFiles.Failure(path: outputPath + "/" + path, reason: String(cString: strerror(errno)))
                }
            }
        }

        private func ensureFolder(of path: String) throws {
            let dir = ProjectPath.directory(of: path)
            let folder = dir.isEmpty ? staging : staging + "/" + dir
            if lock.withLock({ folders.contains(folder) }) { return }
            try ProjectFiles.makeDirectories(folder)
            lock.withLock { _ = folders.insert(folder) }
        }

        /// Writes the files not yet written and the manifest, carries over what a person added to
        /// the old site, and swaps the staging folder in (or, in place, moves the changed files
        /// in: `InPlaceSwap`). Removes the staging folder on failure. `beforeSwap` runs once
        /// everything is written, before anything in the output changes.
        package func finish(_ files: [SiteFile], beforeSwap: () -> Void = {}) throws {
            do {
                var files = files
                if inPlace, let previousManifest {
                    try OutputWriter.eachInParallel(files) { try stageIfChanged($0) }
                    try ProjectFiles.makeDirectories(staging)
                    let manifest = try OutputWriter.write(manifest: files.map(\.path), into: staging)
                    let staged = lock.withLock { self.staged }.union([manifestName])
                    let paths = Set(files.map(\.path))
                    if let swap = InPlaceSwap.plan(
                        output: outputPath, staging: staging, staged: staged, paths: paths, previous: previousManifest,
                        manifest: manifest)
                    {
                        try swap.run(output: outputPath, staging: staging, beforeSwap: beforeSwap) {
                            try OutputWriter.interruption(of: outputPath, after: $0)
                        }
                        updatedInPlace = true
                        ProjectFiles.removeTree(staging)
                        return
                    }
                    // Swapped whole after all: the unchanged files join the new ones.
                    try linkUnchanged(files.map(\.path).sorted())
                    files = files.map { SiteFile(path: $0.path, written: PageAssets.Loads($0)) }
                }
                try writeAll(files, into: staging, reusing: previousManifest == nil ? nil : outputPath)
                if let previousManifest {
                    try carryOver(
                        from: outputPath, into: staging, written: previousManifest, newFiles: Set(files.map(\.path)))
                    beforeSwap()
                    try move(outputPath, to: retired)
                } else if ProjectFiles.exists(outputPath), rmdir(outputPath) != 0 {  // an empty folder
                    throw ProjectFiles.Failure(path: outputPath, reason: String(cString: strerror(errno)))
                } else {
                    beforeSwap()
                }
                try move(staging, to: outputPath)
            } catch {
                ProjectFiles.removeTree(staging)
                if ProjectFiles.exists(retired), !ProjectFiles.exists(outputPath) { rename(retired, outputPath) }
                if error is Refusal { throw error }
                throw Refusal(
                    description: "cannot write the site to \(outputPath): \(reason(of: error)); check that "
                        + "\(parent) is writable, or choose another output with -o")
            }
            // The retired site now holds only files Dossier wrote.
            ProjectFiles.removeTree(retired)
        }

        /// Removes the staging folder of a build that failed before `finish`.
        package func abandon() {
            ProjectFiles.removeTree(staging)
        }
    }

    /// Removes the staging folders of earlier builds that were killed (their process is gone),
    /// so a crash leaves no copy of the site behind for ever. A retired site whose swap was cut
    /// short is put back when the output folder is missing, else removed.
    package static func removeLeftovers(in parent: String, name: String, output: String) {
        let own = ProcessInfo.processInfo.processIdentifier
        for entry in ProjectFiles.listNames(parent)?.names ?? [] {
            for (marker, isStaging) in [(".\(name).dossier-new-", true), (".\(name).dossier-old-", false)]
            where entry.hasPrefix(marker) {
                guard let pid = Int32(entry.dropFirst(marker.count)), pid != own, kill(pid, 0) != 0, errno == ESRCH
                else { continue }
                let path = parent + "/" + entry
                if !isStaging, !ProjectFiles.exists(output), rename(path, output) == 0 { continue }
                ProjectFiles.removeTree(path)
            }
        }
    }

    private static func move(_ from: String, to: String) throws {
        guard rename(from, to) == 0 else {
            throw ProjectFiles.Failure(path: to, reason: String(cString: strerror(errno)))
        }
    }

    /// What failed, in a sentence, never Foundation's `Error Domain=…` dump.
    private static func reason(of error: Error) -> String {
        if let failure = error as? ProjectFiles.Failure { return "\(failure.path): \(failure.reason)" }
        if let refusal = error as? Refusal { return refusal.description }
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        return nsError.localizedDescription
    }

    /// Writes every file into `folder`. A file whose bytes equal the previous site's file at the
    /// same path is hard-linked instead of written: a rebuild that changes a few pages then
    /// writes only those, and retiring the old site frees no blocks for the unchanged ones.
    package static func writeAll(_ files: [SiteFile], into folder: String, reusing previous: String? = nil) throws {
        var folders: Set<String> = [folder]
        for file in files {
            let dir = ProjectPath.directory(of: file.path)
            if !dir.isEmpty { folders.insert(folder + "/" + dir) }
        }
        for dir in folders.sorted() { try ProjectFiles.makeDirectories(dir) }
        try eachInParallel(files) { try store($0, into: folder, reusing: previous) }
        try write(manifest: files.map(\.path), into: folder)
    }

    /// Runs `write` on every file, on every core; the first failure (in the files' order) is
    /// refused with what to do about it.
    static func eachInParallel(_ files: [SiteFile], _ write: @Sendable (SiteFile) throws -> Void) throws {
        let failures: [String?] = files.parallelMap { file in
            do {
                try write(file)
                return nil
            } catch {
                return "\(error)"
            }
        }
        if let failure = failures.compactMap({ $0 }).first {
            throw Refusal(
                description: "cannot write the site: \(failure); check that the output folder's parent is "
                    + "writable, or choose another output with -o")
        }
    }

    /// Writes the manifest of a site of `paths` into `folder`; returns its text.
    @discardableResult
    static func write(manifest paths: [String], into folder: String) throws -> String {
        let manifest = (paths + [manifestName]).sorted().joined(separator: "\n") + "\n"
        try ProjectFiles.write(manifest, to: folder + "/" + manifestName)
        return manifest
    }

    /// Interrupts the in-place swap into `output` after `renames` files moved (tests: a build
    /// killed half-way); the swap then stops with an error, leaving the output as it is.
    package static func interruptSwap(of output: String, after renames: Int) {
        interruptions.lock.withLock { interruptions.table[output] = renames }
    }

    private struct Interrupted: Error, CustomStringConvertible {
        var description: String { "interrupted (a test)" }
    }

    /// Output → renames after which its swap stops (`interruptSwap`).
    private final class Interruptions: @unchecked Sendable {
        let lock = NSLock()
        var table: [String: Int] = [:]
    }

    private static let interruptions = Interruptions()

    static func interruption(of output: String, after renames: Int) throws {
        let interrupted = interruptions.lock.withLock {
            guard interruptions.table[output] == renames else { return false }
            interruptions.table[output] = nil
            return true
        }
        if interrupted { throw Interrupted() }
    }

    /// Writes one file into `folder` (which exists). A file whose bytes equal the previous
    /// site's file at the same path is hard-linked instead of written. A file already written
    /// while the site rendered is skipped.
    static func store(_ file: SiteFile, into folder: String, reusing previous: String?) throws {
        let path = folder + "/" + file.path
        func store(_ bytes: UnsafeRawBufferPointer) throws {
            if let previous {
                let old = previous + "/" + file.path
                if ProjectFiles.hasContents(old, bytes), link(old, path) == 0 { return }
            }
            try ProjectFiles.write(bytes: bytes, to: path)
        }
        switch file.contents {
        case var .text(text): try text.withUTF8 { try store(UnsafeRawBufferPointer($0)) }
        case let .bytes(bytes): try bytes.withUnsafeBytes { try store($0) }
        case .written: break
        }
    }

    /// Every entry below `root` but its folders (files, links), relative to it, read with `readdir`
    /// (FileManager's enumerator cost more than the rest of a rebuild's writing). Links are not
    /// followed; a name that is not UTF-8 comes back with U+FFFD in place of the bad bytes.
    static func entries(below root: String) -> [String] {
        var found: [String] = []
        // A stack, not recursion: a folder nested thousands deep (up to the path length limit)
        // must not overflow a worker thread's stack.
        var pending = [""]
        while let relative = pending.popLast() {
            guard let listing = FolderListing(relative.isEmpty ? root : root + "/" + relative) else { continue }
            for entry in listing.entries {
                let name = listing.repairedName(entry)
                let path = relative.isEmpty ? name : relative + "/" + name
                var isFolder = entry.type == UInt8(DT_DIR)
                if entry.type == UInt8(DT_UNKNOWN) {
                    var info = stat()
                    isFolder = lstat(root + "/" + path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
                }
                if isFolder { pending.append(path) } else { found.append(path) }
            }
        }
        return found
    }

    /// Moves files that a person added to the old site (not in its manifest) into the new one.
    package static func carryOver(
        from old: String, into staging: String, written: Set<String>, newFiles: Set<String>
    ) throws {
        let fm = FileManager.default
        var foreign: [String] = []
        // The written files are most of the old site: only the others are looked at further.
        for relative in entries(below: old) where !written.contains(relative) && relative != manifestName {
            if ProjectFiles.isDirectory(old + "/" + relative) { continue }
            foreign.append(relative)
        }
        for relative in foreign.sorted() where !newFiles.contains(relative) {
            let target = staging + "/" + relative
            try ProjectFiles.makeDirectories(ProjectPath.directory(of: target))
            try fm.moveItem(atPath: old + "/" + relative, toPath: target)
        }
        // Keep a foreign file that collides with a new page next to it rather than losing it.
        for relative in foreign.sorted() where newFiles.contains(relative) {
            try fm.moveItem(atPath: old + "/" + relative, toPath: staging + "/" + relative + ".kept")
        }
    }
}
