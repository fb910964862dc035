import DossierCore
import Foundation

/// The project's git history, read once: every first-parent commit with the files it touched
/// (renames followed), the working tree's uncommitted changes, and a blob reader for comparing
/// symbols at old commits.
///
/// Three git processes build it — `rev-parse`, one `log --first-parent --name-status -M -z` over
/// the whole history and one `status --porcelain -z` — and one long-lived `cat-file --batch`
/// serves `contents(of:at:)` on demand. Paths are relative to the project root, which may be a
/// folder inside the repository; history outside it is ignored.
///
/// Thread-safe: the index is immutable after `init`; the lazily built look-up tables and the
/// blob reader are behind locks. That is why it is `@unchecked Sendable`.
package final class GitHistory: @unchecked Sendable {
    /// Whether history could be read, and if not, why.
    package enum Status: Sendable, Hashable {
        case available
        /// The project is not inside a git work tree.
        case notARepository
        /// No `git` executable on `PATH`.
        case gitNotFound
        /// git ran and failed (a repository owned by another user, a corrupt repository…): its message.
        case failed(String)
    }

    /// The result of looking up a (possibly abbreviated) commit hash in the first-parent history.
    package enum CommitLookup: Sendable, Hashable {
        case found(GitCommit)
        case notFound
        /// The abbreviation matches several commits.
        case ambiguous
    }

    /// A file's appearance in one commit.
    package struct Touch: Sendable {
        /// Index into `commits` (0 is HEAD).
        package var commit: Int32
        /// The file's name (a path id) after this commit.
        package var path: Int32
        /// For a rename, the name before it; otherwise -1.
        package var oldPath: Int32
        /// `A`, `M`, `D`, `R`, `T`… as `--name-status` prints it.
        package var status: UInt8
        /// A rename or copy that kept the content byte for byte (`R100`): a move, not an edit.
        package var unchangedContent = false
    }

    /// The project folder, absolute and standardized.
    package let projectRoot: String
    package let status: Status
    /// The git work tree's top-level folder, when there is one.
    package let repositoryRoot: String?
    /// The project's folder inside the repository, with a trailing `/`; empty at the top level.
    package let projectPrefix: String
    /// A shallow clone: the oldest commit read stands in for all the history that is missing.
    package let isShallow: Bool
    /// The first-parent history, newest (HEAD) first.
    package let commits: [GitCommit]

    private let positions: [String: Int]
    private let paths: [String]
    private let pathIDs: [String: Int32]
    private let touchesByPath: [Int32: [Touch]]
    /// Old name → the current name of the file most recently renamed away from it.
    private let renamedTo: [Int32: Int32]
    private let uncommitted: Set<String>
    /// `uncommitted` and every folder above one of its paths (`a` and `a/b` for `a/b/c.py`): a path
    /// without a trailing `/` has uncommitted changes, as a file or as a folder, when it is here.
    /// One look-up, where making `path + "/"` and searching the sorted paths for it was 14 M
    /// instructions of a build after one edit at 10,000 documents (a look-up per code reference).
    private let uncommittedOrAbove: Set<String>
    private let untrackedFolders: [String]
    /// Renames staged in the index: new name → old name.
    private let stagedRenames: [String: String]
    private let reader: GitObjectReader?

    private let lock = NSLock()
    private var sortedTrackedPaths: [String]?
    private var sortedUncommittedPaths: [String]?
    private var abbreviations: [String: CommitLookup] = [:]

    /// Reads the history of the repository holding `projectRoot`.
    ///
    /// `gitExecutable` defaults to the first `git` on `PATH`. Never throws: a folder outside git,
    /// a missing git or a failing git give a `status` that says so, and an empty history.
    /// `memo` (`dossier serve`) keeps the parsed `git log` between rebuilds with the same HEAD.
    /// `early`: git commands `launchEarly` started for this root (before the documents loaded, so
    /// that they ran alongside them); each is used only when it is the very command `init` runs.
    package init(
        projectRoot: String, gitExecutable: String? = nil, memo: GitLogMemo? = nil,
        early: EarlyCommands = EarlyCommands()
    ) {
        let root = Self.standardized(projectRoot)
        self.projectRoot = root
        var builder = Builder()
        let git = gitExecutable ?? GitProcess.locate()
        builder.early = early
        builder.read(root: root, git: git, memo: memo)
        status = builder.status
        repositoryRoot = builder.repositoryRoot
        projectPrefix = builder.prefix
        isShallow = builder.isShallow
        commits = builder.commits
        positions = builder.positions
        paths = builder.paths
        pathIDs = builder.pathIDs
        touchesByPath = builder.touches
        renamedTo = builder.renamedTo
        uncommitted = builder.uncommitted
        uncommittedOrAbove = Self.withFoldersAbove(builder.uncommitted)
        untrackedFolders = builder.untrackedFolders
        stagedRenames = builder.stagedRenames
        if builder.status == .available, !builder.commits.isEmpty, let git, let top = builder.repositoryRoot {
            reader = GitObjectReader(git: git, directory: top)
        } else {
            reader = nil
        }
    }

    /// Git commands started before they are read, each read by the `GitHistory` that runs it.
    package struct EarlyCommands: Sendable {
        package fileprivate(set) var launched: [GitProcess.Launched] = []

        package init() {}

        /// The launched command that is this one, taken out of the list.
        fileprivate mutating func take(_ git: String, _ arguments: [String], in root: String) -> GitProcess.Launched? {
            let index = launched.firstIndex { $0.git == git && $0.arguments == arguments && $0.directory == root }
            return index.map { launched.remove(at: $0) }
        }
    }

    /// Starts what `init` runs for this root and git — `rev-parse`, `status` (its walk over the
    /// work tree is most of the history's time) and `log` as a project at the top of its
    /// repository logs it — so that they run while the documents load; `init(early:)` reads them.
    /// Nothing where `init` would run nothing (no folder, no git).
    package static func launchEarly(projectRoot: String, gitExecutable: String? = nil) -> EarlyCommands {
        var early = EarlyCommands()
        let root = standardized(projectRoot)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), isFolder.boolValue,
            let git = gitExecutable ?? GitProcess.locate(), FileManager.default.isExecutableFile(atPath: git)
        else { return early }
        for arguments in [Builder.revParseArguments, Builder.statusArguments, Builder.logArguments(prefix: "")] {
            if let launched = GitProcess.launch(git, arguments, in: root) { early.launched.append(launched) }
        }
        return early
    }

    private static func standardized(_ projectRoot: String) -> String {
        URL(fileURLWithPath: projectRoot).standardizedFileURL.path
    }

    /// HEAD, when there is at least one commit.
    package var head: GitCommit? { commits.first }

    /// The oldest commit read, when this is a shallow clone: it appears to add every file.
    package var shallowBoundary: Int? { isShallow && !commits.isEmpty ? commits.count - 1 : nil }

    // MARK: - Per-path history

    /// First-parent commits that touched `path` (a file, project-relative), newest first,
    /// including those made under its earlier names.
    package func commits(touching path: String) -> [GitCommit] {
        touches(of: path).map { commits[Int($0.commit)] }
    }

    /// The newest first-parent commit that touched `path`, or `nil` when none did (an untracked
    /// or never-committed file) or when that commit is a shallow clone's boundary, whose date
    /// would be wrong.
    package func lastChange(of path: String) -> GitCommit? {
        guard let newest = touches(of: path).first else { return nil }
        if let boundary = shallowBoundary, Int(newest.commit) == boundary { return nil }
        return commits[Int(newest.commit)]
    }

    /// The newest first-parent commit that changed the content of the file now called `path`:
    /// a pure move (`git mv`, `R100`) does not count, so a moved document keeps its baseline.
    package func lastContentChange(of path: String) -> Touch? {
        touches(of: path).first { !$0.unchangedContent }
    }

    /// The current name of the file most recently renamed away from `path` (it may have been
    /// deleted since: check before suggesting it).
    package func currentPath(ofRenamed path: String) -> String? {
        guard let id = pathIDs[path], let target = renamedTo[id], target != id else { return nil }
        return paths[Int(target)]
    }

    /// Does the working tree or index hold changes to `path`, or to anything under it when it is
    /// a folder (modified, added, deleted, renamed or untracked)?
    package func hasUncommittedChanges(_ path: String) -> Bool {
        // `git status` lists an untracked folder, not the files in it.
        if !untrackedFolders.isEmpty || path.utf8.last == UInt8(ascii: "/") {
            if uncommitted.contains(path) { return true }
            let folder = path.hasSuffix("/") ? path : path + "/"
            for untracked in untrackedFolders where path.hasPrefix(untracked) || untracked.hasPrefix(folder) {
                return true
            }
            return !uncommittedPaths(under: folder).isEmpty
        }
        // A path under `path + "/"` is one whose folders above include `path`.
        return uncommittedOrAbove.contains(path)
    }

    /// `paths` and the folders above each (every prefix that ends before a `/`).
    static func withFoldersAbove(_ paths: Set<String>) -> Set<String> {
        var all = paths
        for path in paths {
            var bytes = path.utf8[...]
            while let slash = bytes.lastIndex(of: UInt8(ascii: "/")) {
                bytes = path.utf8[..<slash]
                all.insert(String(Substring(bytes)))
            }
        }
        return all
    }

    /// The uncommitted paths under `folder` (which ends with `/`).
    package func uncommittedPaths(under folder: String) -> [String] {
        let sorted = lock.withLock {
            if let cached = sortedUncommittedPaths { return cached }
            let sorted = uncommitted.sorted()
            sortedUncommittedPaths = sorted
            return sorted
        }
        return Self.range(of: folder, in: sorted).map { sorted[$0] }
    }

    /// Looks up a full or abbreviated (at least 4 hex digits) commit hash in the first-parent history.
    package func commit(matching hash: String) -> CommitLookup {
        switch position(matching: hash) {
        case let .found(index): .found(commits[index])
        case .notFound: .notFound
        case .ambiguous: .ambiguous
        }
    }

    package enum Position: Hashable {
        case found(Int)
        case notFound, ambiguous
    }

    package func position(matching hash: String) -> Position {
        let hash = hash.lowercased()
        if let index = positions[hash] { return .found(index) }
        guard hash.count >= 4, hash.count < 64, hash.utf8.allSatisfy(Self.isHexDigit) else { return .notFound }
        let cached: CommitLookup? = lock.withLock { abbreviations[hash] }
        let lookup: CommitLookup
        if let cached {
            lookup = cached
        } else {
            var matches = commits.lazy.filter { $0.hash.hasPrefix(hash) }.prefix(2).makeIterator()
            switch (matches.next(), matches.next()) {
            case (nil, _): lookup = .notFound
            case let (first?, nil): lookup = .found(first)
            default: lookup = .ambiguous
            }
            lock.withLock { abbreviations[hash] = lookup }
        }
        switch lookup {
        case let .found(commit): return positions[commit.hash].map(Position.found) ?? .notFound
        case .notFound: return .notFound
        case .ambiguous: return .ambiguous
        }
    }

    // MARK: - Contents at a commit

    /// The text of `path` (project-relative) as it was at `commit` (a full hash), read through the
    /// shared `git cat-file --batch` process; `nil` when the file did not exist there.
    package func contents(of path: String, at commit: String) -> String? {
        guard let reader else { return nil }
        return reader.blob("\(commit):\(projectPrefix)\(path)").map { String(decoding: $0, as: UTF8.self) }
    }

    /// The bytes of `path` (project-relative) at commit index `index`; `nil` when it did not exist.
    package func bytes(of path: String, atCommit index: Int) -> [UInt8]? {
        guard let reader else { return nil }
        return reader.blob("\(commits[index].hash):\(projectPrefix)\(path)").map { [UInt8]($0) }
    }

    /// The bytes of `path` at any commit git knows by `hash` (full or abbreviated), first-parent
    /// or not: a commit merged in from a branch; `nil` when there is no such commit or file.
    package func bytes(of path: String, atRevision hash: String) -> [UInt8]? {
        guard let reader, hash.count >= 4, hash.count <= 64, hash.lowercased().utf8.allSatisfy(Self.isHexDigit) else {
            return nil
        }
        return reader.blob("\(hash.lowercased()):\(projectPrefix)\(path)").map { [UInt8]($0) }
    }

    /// Loads `(path, commit index)` blobs in batches, so the `contents` calls that follow are answered from memory.
    package func prefetch(_ requests: [(path: String, commit: Int)]) {
        reader?.prefetch(requests.map { "\(commits[$0.commit].hash):\(projectPrefix)\($0.path)" })
    }

    /// `contents(of:at:)` for the file now called `path`, under the name it had at commit `index`.
    package func contents(ofCurrent path: String, atCommit index: Int) -> String? {
        guard let name = name(of: path, atCommit: index) else { return nil }
        return contents(of: name, at: commits[index].hash)
    }

    /// The name the file now called `path` had right after commit `index`, or `nil` when it was
    /// created later.
    package func name(of path: String, atCommit index: Int) -> String? {
        let touches = touches(of: path)
        // Touches are newest first: those made after `index` come first; the oldest of them says
        // what the file was called before it.
        var oldestAfter: Touch?
        for touch in touches {
            guard Int(touch.commit) < index else { break }
            oldestAfter = touch
        }
        guard let touch = oldestAfter else { return stagedRenames[path] ?? path }
        switch touch.status {
        case UInt8(ascii: "R"): return paths[Int(touch.oldPath)]
        case UInt8(ascii: "A"), UInt8(ascii: "C"): return nil
        default: return paths[Int(touch.path)]
        }
    }

    // MARK: - Internal look-ups

    /// The path with id `id`.
    package func pathName(_ id: Int32) -> String { paths[Int(id)] }

    /// The touches of the file now called `path` (a staged rename's history included), newest first.
    package func touches(of path: String) -> [Touch] {
        if let id = pathIDs[path], let touches = touchesByPath[id] { return touches }
        if let old = stagedRenames[path], let id = pathIDs[old], let touches = touchesByPath[id] { return touches }
        return []
    }

    /// Commit indices (ascending: newest first) that touched anything under `folder` (ending with `/`).
    package func commitIndices(under folder: String) -> [Int] {
        let sorted = lock.withLock {
            if let cached = sortedTrackedPaths { return cached }
            let sorted = touchesByPath.keys.map { paths[Int($0)] }.sorted()
            sortedTrackedPaths = sorted
            return sorted
        }
        var indices = Set<Int>()
        for i in Self.range(of: folder, in: sorted) {
            for touch in touches(of: sorted[i]) { indices.insert(Int(touch.commit)) }
        }
        return indices.sorted()
    }

    /// Every path that some commit after `index` (newer) touched, under any of its names.
    package func pathsTouched(after index: Int) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for touches in touchesByPath.values {
            for touch in touches {
                guard Int(touch.commit) < index else { break }
                for id in [touch.path, touch.oldPath] where id >= 0 {
                    let name = paths[Int(id)]
                    if seen.insert(name).inserted { result.append(name) }
                }
            }
        }
        return result.sorted()
    }

    /// The indices of `sorted` whose element starts with `prefix`.
    private static func range(of prefix: String, in sorted: [String]) -> Range<Int> {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < prefix { lo = mid + 1 } else { hi = mid }
        }
        var end = lo
        while end < sorted.count, sorted[end].hasPrefix(prefix) { end += 1 }
        return lo..<end
    }

    package static func isHexDigit(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "f"))
    }
}

// MARK: - Reading

extension GitHistory {
    /// Runs git and builds the index; kept apart so `init` can assign immutable properties.
    fileprivate struct Builder {
        package var status: Status = .notARepository
        package var repositoryRoot: String?
        package var prefix = ""
        package var isShallow = false
        package var commits: [GitCommit] = []
        package var positions: [String: Int] = [:]
        package var paths: [String] = []
        package var pathIDs: [String: Int32] = [:]
        package var touches: [Int32: [Touch]] = [:]
        /// While walking newest to oldest: old name → the file's current name (-1: that older
        /// file no longer exists under any name).
        package var aliases: [Int32: Int32] = [:]
        package var renamedTo: [Int32: Int32] = [:]
        package var uncommitted = Set<String>()
        package var untrackedFolders: [String] = []
        package var stagedRenames: [String: String] = [:]

        static let revParseArguments = [
            "rev-parse", "--show-toplevel", "--is-shallow-repository", "--show-prefix", "HEAD",
        ]
        static let statusArguments = ["status", "--porcelain", "-z", "--untracked-files=normal", "--", "."]

        /// `git log`'s arguments for a project `prefix` inside its repository ("" at the top).
        static func logArguments(prefix: String) -> [String] {
            var arguments = [
                "log", "--first-parent", "-m", "--name-status", "-M", "-z", "--root", "--no-color",
                "--no-show-signature", "--format=%x00%H%x00%ct%x00%s",
            ]
            if !prefix.isEmpty { arguments.append("--relative") }
            return arguments + ["HEAD", "--"]
        }

        /// Commands started before the load (`GitHistory.launchEarly`).
        var early = EarlyCommands()

        /// `git arguments…`: the early one when it is this command, else run now.
        private mutating func run(_ git: String, _ arguments: [String], in root: String) -> GitProcess.Output? {
            early.take(git, arguments, in: root)?.finish() ?? GitProcess.run(git, arguments, in: root)
        }

        package mutating func read(root: String, git: String?, memo: GitLogMemo? = nil) {
            // Early commands this read does not use are still read to the end and reaped.
            defer {
                for unused in early.launched { _ = unused.finish() }
                early = EarlyCommands()
            }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), isFolder.boolValue else {
                status = .failed("the project folder \(root) does not exist")
                return
            }
            guard let git, FileManager.default.isExecutableFile(atPath: git) else {
                status = .gitNotFound
                return
            }
            guard let revParse = run(git, Self.revParseArguments, in: root) else {
                status = .gitNotFound
                return
            }
            // In a repository without commits rev-parse fails on `HEAD` after printing the rest.
            let lines = String(decoding: revParse.stdout, as: UTF8.self).split(
                separator: "\n", omittingEmptySubsequences: false)
            guard lines.count >= 3, lines[0].hasPrefix("/") || lines[0].contains(":") else {
                let message = revParse.errorText
                status = message.contains("not a git repository") ? .notARepository : .failed(Self.summary(message))
                return
            }
            repositoryRoot = String(lines[0])
            isShallow = lines[1] == "true"
            prefix = String(lines[2])
            let hasCommits = revParse.status == 0 && lines.count >= 4 && lines[3].utf8.count >= 40
            status = .available

            // `status` runs while `log` is read: they are independent.
            let statusRun =
                early.take(git, Self.statusArguments, in: root).map { GitProcess.Pending($0) }
                ?? GitProcess.start(git, Self.statusArguments, in: root)
            // A shallow clone's history can deepen under the same HEAD: never kept.
            let memoKey =
                hasCommits && !isShallow && memo != nil
                ? GitLogMemo.Key(git: git, repositoryRoot: String(lines[0]), prefix: prefix, head: String(lines[3]))
                : nil
            if let memoKey, let kept = memo?.lookup(memoKey) {
                restore(kept)
            } else if hasCommits {
                let logRun = run(git, Self.logArguments(prefix: prefix), in: root)
                guard let log = logRun, log.status == 0 else {
                    _ = statusRun.wait()
                    // git's own reason (an object missing from a partial or damaged clone, say)
                    // is what tells the reader what to fix.
                    let reason = logRun?.errorText ?? ""
                    status = .failed(reason.isEmpty ? "git log failed" : "git log failed: \(Self.summary(reason))")
                    return
                }
                parseLog(log.stdout)
                if let memoKey { memo?.store(memoKey, keptLog) }
            }
            if let statusOutput = statusRun.wait(), statusOutput.status == 0 {
                parseStatus(statusOutput.stdout)
            }
        }

        /// git's first error line, plus the `safe.directory` command git suggests for a
        /// repository owned by another user (common in CI containers).
        /// What the log parse built, for `GitLogMemo`.
        private var keptLog: GitLogMemo.Log {
            GitLogMemo.Log(
                commits: commits, positions: positions, paths: paths, pathIDs: pathIDs, touches: touches,
                aliases: aliases, renamedTo: renamedTo)
        }

        private mutating func restore(_ log: GitLogMemo.Log) {
            commits = log.commits
            positions = log.positions
            paths = log.paths
            pathIDs = log.pathIDs
            touches = log.touches
            aliases = log.aliases
            renamedTo = log.renamedTo
        }

        private static func summary(_ text: String) -> String {
            let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            var summary = lines.first ?? "git failed"
            if summary.hasPrefix("fatal: ") { summary.removeFirst(7) }
            if let fix = lines.first(where: { $0.hasPrefix("git config") && $0.contains("safe.directory") }) {
                summary += "; to trust it, run `\(fix)`"
            }
            return summary
        }

        private mutating func intern(_ bytes: UnsafeRawBufferPointer.SubSequence) -> Int32 {
            let path = String(decoding: bytes, as: UTF8.self)
            if let id = pathIDs[path] { return id }
            let id = Int32(paths.count)
            paths.append(path)
            pathIDs[path] = id
            return id
        }

        /// Parses `\0<hash>\0<date>\0<subject>\0` headers, each followed by `[\n]<status>\0<path>\0`
        /// entries (two paths for renames and copies), newest commit first.
        package mutating func parseLog(_ data: Data) {
            struct Entry { var status: UInt8; var path: Int32; var oldPath: Int32; var unchanged = false }
            var pending: [Entry] = []
            data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
                var position = 0
                func next() -> UnsafeRawBufferPointer.SubSequence? {
                    guard position < buffer.count else { return nil }
                    var end = position
                    while end < buffer.count, buffer[end] != 0 { end += 1 }
                    let token = buffer[position..<end]
                    position = end + 1
                    return token
                }
                while var token = next() {
                    while let first = token.first, first == UInt8(ascii: "\n") { token = token.dropFirst() }
                    guard let letter = token.first else { continue }
                    if token.count >= 40, token.allSatisfy(GitHistory.isHexDigit) {
                        flush(&pending)
                        let hash = String(decoding: token, as: UTF8.self)
                        let date = next().flatMap { Int64(String(decoding: $0, as: UTF8.self)) } ?? 0
                        let subject = next().map { String(decoding: $0, as: UTF8.self) } ?? ""
                        positions[hash] = commits.count
                        commits.append(GitCommit(hash: hash, date: date, subject: subject))
                        continue
                    }
                    guard !commits.isEmpty else { continue }
                    if letter == UInt8(ascii: "R") || letter == UInt8(ascii: "C") {
                        guard let old = next(), let new = next() else { break }
                        let unchanged = token.dropFirst().elementsEqual("100".utf8)
                        pending.append(
                            Entry(status: letter, path: intern(new), oldPath: intern(old), unchanged: unchanged))
                    } else {
                        guard let path = next() else { break }
                        pending.append(Entry(status: letter, path: intern(path), oldPath: -1))
                    }
                }
            }
            flush(&pending)

            /// Files the newest-first walk has seen renamed: older commits touching the old name
            /// count for the new one; a file created in a commit cuts off older history of its name.
            func flush(_ pending: inout [Entry]) {
                guard !pending.isEmpty else { return }
                let commit = Int32(commits.count - 1)
                for entry in pending {
                    let key = aliases[entry.path] ?? entry.path
                    guard key >= 0 else { continue }
                    touches[key, default: []].append(
                        Touch(
                            commit: commit, path: entry.path, oldPath: entry.oldPath,
                            status: entry.status, unchangedContent: entry.unchanged))
                }
                var updates: [(Int32, Int32)] = []
                var sources = Set<Int32>()
                for entry in pending where entry.status == UInt8(ascii: "R") {
                    sources.insert(entry.oldPath)
                    let target = aliases[entry.path] ?? entry.path
                    updates.append((entry.oldPath, target))
                    if target >= 0, renamedTo[entry.oldPath] == nil { renamedTo[entry.oldPath] = target }
                }
                for entry in pending
                where
                    (entry.status == UInt8(ascii: "A") || entry.status == UInt8(ascii: "R")
                    || entry.status == UInt8(ascii: "C"))
                    && !sources.contains(entry.path)
                {
                    updates.append((entry.path, -1))
                }
                for (old, new) in updates { aliases[old] = new }
                pending.removeAll(keepingCapacity: true)
            }
        }

        /// Parses `XY <path>\0` entries (`XY <new>\0<old>\0` for renames and copies), whose paths
        /// are relative to the repository root.
        package mutating func parseStatus(_ data: Data) {
            let tokens = data.split(separator: 0, omittingEmptySubsequences: true)
            var i = 0
            while i < tokens.count {
                let token = tokens[i]
                i += 1
                guard token.count > 3 else { continue }
                let x = token[token.startIndex]
                let y = token[token.startIndex + 1]
                let path = String(decoding: token.dropFirst(3), as: UTF8.self)
                var old: String?
                if x == UInt8(ascii: "R") || x == UInt8(ascii: "C") || y == UInt8(ascii: "R") || y == UInt8(ascii: "C")
                {
                    if i < tokens.count { old = String(decoding: tokens[i], as: UTF8.self) }
                    i += 1
                }
                guard let relative = projectRelative(path) else { continue }
                if relative.hasSuffix("/") {
                    untrackedFolders.append(relative)
                } else {
                    uncommitted.insert(relative)
                }
                if let old, let oldRelative = projectRelative(old) {
                    uncommitted.insert(oldRelative)
                    if x == UInt8(ascii: "R") { stagedRenames[relative] = oldRelative }
                }
            }
        }

        private func projectRelative(_ path: String) -> String? {
            guard !prefix.isEmpty else { return path }
            guard path.hasPrefix(prefix) else { return nil }
            return String(path.dropFirst(prefix.count))
        }
    }
}
