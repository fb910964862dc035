import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A digest of what files look like without reading them: for every file its path, type, size,
/// inode, and modification and change times (nanoseconds), as `lstat` gives them. Two digests are
/// equal only when no file was added, removed, renamed, replaced or written in between — `make`'s
/// test, with the change time and inode added so that a file written back with an old
/// modification time, or swapped for a copy, still counts as changed.
///
/// Folders are walked in byte order of their names, so the digest does not depend on the order
/// the file system lists them in. A folder's own times are left out: they change when any entry
/// in it is created and removed again (the output's staging folder beside it), which changes no
/// file. Links are stamped, not followed. A walk stops at `entryLimit` entries or `maximumDepth`
/// levels and marks the stamps `incomplete`; a caller must then not trust them.
package struct FileStamps {
    /// More entries than this make the stamps incomplete (a bound on the time spent walking).
    package static let defaultEntryLimit = 2_000_000
    package static let maximumDepth = 256

    private var digest = StableDigest()
    private let entryLimit: Int
    /// Entries stamped so far.
    package private(set) var entries = 0
    /// The latest modification or change time of a file stamped, in nanoseconds since 1970.
    package private(set) var newestChange: Int64 = 0
    /// True when a walk stopped early: the digest then describes part of a tree only.
    package private(set) var incomplete = false
    /// With `add(tree:recording:skip:)` recording, each entry that walk stamped, in walk order: what
    /// a memo of part of the tree keys itself on, leaving out the files it does not read.
    package private(set) var records: [Record] = []

    /// One stamped entry: its path below the tree (`pathHash`) and its stamp, as 64-bit hashes.
    package struct Record: Sendable, Equatable {
        package var path: UInt64
        package var stamp: UInt64

        package init(path: UInt64, stamp: UInt64) {
            self.path = path
            self.stamp = stamp
        }
    }

    package init(entryLimit: Int = defaultEntryLimit) {
        self.entryLimit = entryLimit
    }

    /// 32 hex digits.
    package var hex: String { digest.hex }

    /// Adds a value the result depends on besides files (an option, a variable, a version).
    package mutating func add(_ value: String) {
        digest.add(value)
    }

    /// Adds `other` as one value (its digest), with its newest change and its completeness.
    package mutating func add(stamps other: FileStamps) {
        digest.add(other.hex)
        newestChange = max(newestChange, other.newestChange)
        if other.incomplete { incomplete = true }
    }

    /// Adds the stamp of the file at `absolute` (of what it leads to when `following` links),
    /// or that nothing is there.
    package mutating func add(file absolute: String, following: Bool = false) {
        digest.add(absolute)
        var info = stat()
        guard (following ? stat(absolute, &info) : lstat(absolute, &info)) == 0 else {
            digest.add("missing")
            return
        }
        record(info)
    }

    /// Adds every entry under the folder `absolute` except those `skip` names (absolute paths;
    /// a skipped folder is not entered). A missing folder is stamped as missing.
    /// With `recording`, also keeps each entry's `Record` (`records`). With `parallel`, the
    /// folders near the top are walked on every core (`TreeWalk`); the digest and the records are
    /// the same bytes in the same order either way.
    package mutating func add(
        tree absolute: String, recording: Bool = false, parallel: Bool = false,
        skip: @escaping @Sendable (String) -> Bool
    ) {
        add(tree: absolute, recording: recording, parallel: parallel, skipping: SkippedPaths(matching: skip))
    }

    /// `add(tree:recording:parallel:skip:)` with the paths left out given as `SkippedPaths`.
    package mutating func add(
        tree absolute: String, recording: Bool = false, parallel: Bool = false, skipping skip: SkippedPaths = .none
    ) {
        digest.add(absolute)
        var info = stat()
        guard lstat(absolute, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            digest.add("not a folder")
            return
        }
        let path = Array(absolute.utf8)
        let fd = Self.withCPath(path) { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        let walk = TreeWalk(
            entryLimit: entryLimit - entries, recordedPrefix: recording ? path.count + 1 : 0,
            splitDepth: parallel ? TreeWalk.splitDepth : 0, skip: skip)
        walk.run(root: path, fd: fd, workers: parallel ? ProcessInfo.processInfo.activeProcessorCount : 1)
        entries += walk.entries
        newestChange = max(newestChange, walk.newestChange)
        if walk.incomplete { incomplete = true }
        replay(walk.pieces, 0)
    }

    /// Adds what the walk of piece `index` recorded to the digest and the records, in walk order:
    /// a folder walked apart is replayed where the serial walk would have entered it.
    private mutating func replay(_ pieces: [TreeWalk.Piece?], _ index: Int) {
        guard let piece = pieces[index] else { return }
        piece.bytes.withUnsafeBytes { bytes in
            for op in piece.ops {
                switch op {
                case .name(let start, let end):
                    digest.add(counted: UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                case .stamp(let start):
                    digest.add(UnsafeRawBufferPointer(rebasing: bytes[start..<(start + TreeWalk.stampBytes)]))
                case .tag(let tag):
                    digest.add(tag.rawValue)
                case .record(let record):
                    records.append(record)
                case .folder(let child):
                    replay(pieces, child)
                }
            }
        }
    }

    /// The hash `Record.path` holds of `relative`, a path below the recorded tree.
    package static func pathHash(_ relative: String) -> UInt64 {
        var relative = relative
        return relative.withUTF8 { hash(UnsafeRawBufferPointer($0)) }
    }

    /// FNV-1a, 64 bits, over contiguous bytes (a generic sequence of them cost ten times more).
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }

    /// Adds the stamp in `info` to the digest.
    private mutating func record(_ info: stat) {
        var fields = Self.stampFields(info)
        newestChange = max(newestChange, fields.3, fields.4)
        withUnsafeBytes(of: &fields) { digest.add($0) }
    }

    /// What a stamp adds to the digest: type and permissions, inode, size, modification and
    /// change times (nanoseconds).
    package static func stampFields(_ info: stat) -> (UInt64, UInt64, Int64, Int64, Int64) {
        #if canImport(Darwin)
            let mtime = info.st_mtimespec, ctime = info.st_ctimespec
        #else
            let mtime = info.st_mtim, ctime = info.st_ctim
        #endif
        let modified = Int64(mtime.tv_sec) * 1_000_000_000 + Int64(mtime.tv_nsec)
        let changed = Int64(ctime.tv_sec) * 1_000_000_000 + Int64(ctime.tv_nsec)
        return (UInt64(info.st_mode), UInt64(info.st_ino), Int64(info.st_size), modified, changed)
    }

    /// `body` given `path` as a C string (names need not be UTF-8).
    static func withCPath<T>(_ path: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        (path + [0]).withUnsafeBufferPointer { buffer in
            body(UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self))
        }
    }

    /// Now, in the nanoseconds `newestChange` counts.
    package static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
