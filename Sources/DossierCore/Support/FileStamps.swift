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
    /// Where the recorded tree's relative paths start in an absolute path (0: not recording).
    private var recordedPrefix = 0

    /// One stamped entry: its path below the tree (`pathHash`) and its stamp, as 64-bit hashes.
    package struct Record: Sendable, Equatable {
        package var path: UInt64
        package var stamp: UInt64
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
    /// With `recording`, also keeps each entry's `Record` (`records`).
    package mutating func add(
        tree absolute: String, recording: Bool = false, skip: (String) -> Bool = { _ in false }
    ) {
        digest.add(absolute)
        var info = stat()
        guard lstat(absolute, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            digest.add("not a folder")
            return
        }
        recordedPrefix = recording ? absolute.utf8.count + 1 : 0
        defer { recordedPrefix = 0 }
        let path = Array(absolute.utf8)
        walk(path, fd: Self.withCPath(path) { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }, depth: 0, skip: skip)
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

    private mutating func keep(_ path: [UInt8], stamp: UInt64) {
        guard recordedPrefix > 0, path.count > recordedPrefix else { return }
        let hash = path.withUnsafeBytes { Self.hash(UnsafeRawBufferPointer(rebasing: $0[recordedPrefix...])) }
        records.append(Record(path: hash, stamp: stamp))
    }

    /// Stamps the entries of `folder`, whose descriptor (or -1, when it could not be opened) is
    /// `fd`; closes it. Entries are stamped relative to it (`fstatat`): a full path made the
    /// kernel look up every folder above each file again, most of the walk's time.
    private mutating func walk(_ folder: [UInt8], fd: Int32, depth: Int, skip: (String) -> Bool) {
        guard depth < Self.maximumDepth else {
            if fd >= 0 { close(fd) }
            incomplete = true
            return
        }
        guard fd >= 0, let dir = fdopendir(fd) else {
            if fd >= 0 { close(fd) }
            digest.add("unlistable")
            return
        }
        defer { closedir(dir) }
        var names: [[UInt8]] = []
        while let entry = readdir(dir) {
            let name: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            names.append(name)
        }
        let folderFD = dirfd(dir)
        names.sort { $0.lexicographicallyPrecedes($1) }
        for name in names {
            entries += 1
            if entries > entryLimit {
                incomplete = true
                return
            }
            let path = folder + [0x2F] + name
            if skip(String(decoding: path, as: UTF8.self)) { continue }
            var info = stat()
            let found = Self.withCPath(name) { fstatat(folderFD, $0, &info, AT_SYMLINK_NOFOLLOW) }
            digest.add(bytes: name)
            guard found == 0 else {
                digest.add("vanished")
                keep(path, stamp: 1)
                continue
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                digest.add("folder")
                keep(path, stamp: 2)
                // Not followed if it became a link since it was stamped.
                let child = Self.withCPath(name) {
                    openat(folderFD, $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                }
                walk(path, fd: child, depth: depth + 1, skip: skip)
                digest.add("end of folder")
                if incomplete { return }
            } else {
                let stamp = record(info)
                keep(path, stamp: stamp)
            }
        }
    }

    /// Adds the stamp in `info` to the digest; returns it as a 64-bit hash (for `records`).
    @discardableResult
    private mutating func record(_ info: stat) -> UInt64 {
        record(Self.fields(info))
    }

    /// Adds a stamp's `fields` (`fields(_:)`) to the digest; returns it as a 64-bit hash (for `records`).
    @discardableResult
    mutating func record(_ fields: Fields) -> UInt64 {
        var fields = fields
        newestChange = max(newestChange, fields.3, fields.4)
        withUnsafeBytes(of: &fields) { digest.add($0) }
        return recordedPrefix > 0 ? withUnsafeBytes(of: &fields) { Self.hash($0) } : 0
    }

    /// What a stamp holds of a file: type and mode, inode, size, modification and change times.
    typealias Fields = (UInt64, UInt64, Int64, Int64, Int64)

    static func fields(_ info: stat) -> Fields {
        #if canImport(Darwin)
            let mtime = info.st_mtimespec, ctime = info.st_ctimespec
        #else
            let mtime = info.st_mtim, ctime = info.st_ctim
        #endif
        let modified = Int64(mtime.tv_sec) * 1_000_000_000 + Int64(mtime.tv_nsec)
        let changed = Int64(ctime.tv_sec) * 1_000_000_000 + Int64(ctime.tv_nsec)
        return (UInt64(info.st_mode), UInt64(info.st_ino), Int64(info.st_size), modified, changed)
    }

    /// Adds to the digest what the walks add for an entry's `name`, or for a `marker`.
    mutating func addWalked(name: [UInt8]) { digest.add(bytes: name) }
    mutating func addWalked(marker: String) { digest.add(marker) }

    /// Marks the stamps incomplete (a parallel walk hit `entryLimit` or `maximumDepth`).
    mutating func markIncomplete() { incomplete = true }

    /// The entry limit this value was made with.
    var limit: Int { entryLimit }

    /// Counts `count` entries stamped by a parallel walk.
    mutating func count(_ count: Int) { entries += count }

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
