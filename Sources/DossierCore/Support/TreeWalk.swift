import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The walk behind `FileStamps.add(tree:)`: every entry under a folder stamped with `fstatat`
/// relative to its folder's descriptor, links not followed, folders entered in byte order of
/// their names. What the walk adds to the digest is recorded in pieces, one per folder walked
/// apart, and replayed in order by `FileStamps`: the folders down to `splitDepth` are each a task
/// that any of the workers takes (a project's 10,000 files stamped on one thread were 26 ms of a
/// cached build's start with the second core idle), deeper ones are walked within their task.
///
/// Bounds: a task holds its folder's descriptor until it runs, and at most `taskLimit` tasks are
/// made (the rest walked within their parent's task), so no more than `taskLimit` descriptors wait,
/// besides at most `FileStamps.maximumDepth` per worker in its walk. Tasks are handed out under one
/// condition lock and written by exactly one worker each; `run` returns after every task finished:
/// hence `@unchecked Sendable`.
final class TreeWalk: @unchecked Sendable {
    /// Folders this deep below the tree (its entries are at depth 1) are walked as tasks of their own.
    static let splitDepth = 3
    static let taskLimit = 128
    /// The bytes of one stamp (`FileStamps.stampFields`).
    static let stampBytes = 40

    /// The texts the walk adds between names and stamps.
    enum Tag: String {
        case vanished
        case folder
        case endOfFolder = "end of folder"
        case unlistable
    }

    /// What the digest and the records get, in order. `folder(n)`: piece `n` goes here.
    enum Op {
        case name(Int, Int)
        case stamp(Int)
        case tag(Tag)
        case record(FileStamps.Record)
        case folder(Int)
    }

    /// One task's record: its ops, with the names' and stamps' bytes they point into.
    struct Piece {
        var bytes: [UInt8] = []
        var ops: [Op] = []
    }

    private struct Task {
        var id: Int
        var folder: [UInt8]
        var fd: Int32
        var depth: Int
    }

    private let entryLimit: Int
    private let recordedPrefix: Int
    private let splitDepth: Int
    private let skip: SkippedPaths

    private let condition = NSCondition()
    private var pending: [Task] = []
    private var running = 0
    private var tasksMade = 0
    /// Indexed by task; piece 0 is the tree's.
    private(set) var pieces: [Piece?] = []
    /// Entries listed (all of them when the walk is complete).
    private(set) var entries = 0
    private(set) var newestChange: Int64 = 0
    /// Past the entry limit or the depth limit: the pieces describe part of the tree only.
    private(set) var incomplete = false

    init(entryLimit: Int, recordedPrefix: Int, splitDepth: Int, skip: SkippedPaths) {
        self.entryLimit = entryLimit
        self.recordedPrefix = recordedPrefix
        self.splitDepth = splitDepth
        self.skip = skip
    }

    /// Walks the folder `root` (its descriptor `fd`, or -1) on `workers` threads, the calling one among them.
    func run(root: [UInt8], fd: Int32, workers: Int) {
        pieces = [nil]
        tasksMade = 1
        pending = [Task(id: 0, folder: root, fd: fd, depth: 0)]
        if workers <= 1 {
            work()
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { _ in work() }
        }
    }

    private func work() {
        while let task = next() {
            var piece = Piece()
            var newest: Int64 = 0
            walk(task.folder, fd: task.fd, depth: task.depth, into: &piece, newest: &newest)
            condition.lock()
            pieces[task.id] = piece
            newestChange = max(newestChange, newest)
            running -= 1
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The next task; nil once none is left and none running could make more.
    private func next() -> Task? {
        condition.lock()
        defer { condition.unlock() }
        while pending.isEmpty, running > 0 { condition.wait() }
        guard let task = pending.popLast() else { return nil }
        running += 1
        return task
    }

    /// A task for the folder `folder` (descriptor `fd`), if another may be made: its piece's index.
    private func split(_ folder: [UInt8], fd: Int32, depth: Int) -> Int? {
        guard depth <= splitDepth else { return nil }
        condition.lock()
        defer { condition.unlock() }
        guard tasksMade < Self.taskLimit, !incomplete else { return nil }
        let id = tasksMade
        tasksMade += 1
        pieces.append(nil)
        pending.append(Task(id: id, folder: folder, fd: fd, depth: depth))
        condition.signal()
        return id
    }

    /// Counts `count` more entries; false once the walk is past its limit (then incomplete).
    private func count(_ count: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        entries += count
        if entries > entryLimit { incomplete = true }
        return !incomplete
    }

    private func stop() {
        condition.lock()
        incomplete = true
        condition.unlock()
    }

    /// Records the entries of `folder`, whose descriptor (or -1, when it could not be opened) is
    /// `fd`; closes it. Entries are stamped relative to it (`fstatat`): a full path made the
    /// kernel look up every folder above each file again, most of the walk's time.
    private func walk(_ folder: [UInt8], fd: Int32, depth: Int, into piece: inout Piece, newest: inout Int64) {
        guard depth < FileStamps.maximumDepth else {
            if fd >= 0 { close(fd) }
            stop()
            return
        }
        guard fd >= 0, let dir = fdopendir(fd) else {
            if fd >= 0 { close(fd) }
            piece.ops.append(.tag(.unlistable))
            return
        }
        defer { closedir(dir) }
        // The names in one buffer, sorted with `memcmp`, and each entry's path made in one
        // buffer reused: an array per name and per path, the generic sort and their releases were
        // over half of the walk's 134 M instructions at 10,000 documents (callgrind).
        var listing = FolderListing(reading: dir)
        guard count(listing.entries.count) else { return }
        let folderFD = dirfd(dir)
        listing.sortByBytes()
        var path = folder
        path.append(0x2F)
        let folderLength = path.count
        for entry in listing.entries {
            path.removeSubrange(folderLength...)
            listing.withName(entry) { path.append(contentsOf: $0) }
            if path.withUnsafeBufferPointer({ skip.contains($0) }) { continue }
            var info = stat()
            let found = listing.withCName(entry) { fstatat(folderFD, $0, &info, AT_SYMLINK_NOFOLLOW) }
            let start = piece.bytes.count
            listing.withName(entry) { piece.bytes.append(contentsOf: $0) }
            piece.ops.append(.name(start, piece.bytes.count))
            guard found == 0 else {
                piece.ops.append(.tag(.vanished))
                keep(path, stamp: 1, in: &piece)
                continue
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                piece.ops.append(.tag(.folder))
                keep(path, stamp: 2, in: &piece)
                // Not followed if it became a link since it was stamped.
                let child = listing.withCName(entry) {
                    openat(folderFD, $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                }
                if let task = split(path, fd: child, depth: depth + 1) {
                    piece.ops.append(.folder(task))
                } else {
                    walk(path, fd: child, depth: depth + 1, into: &piece, newest: &newest)
                }
                piece.ops.append(.tag(.endOfFolder))
                if isIncomplete { return }
            } else {
                var fields = FileStamps.stampFields(info)
                newest = max(newest, fields.3, fields.4)
                let at = piece.bytes.count
                withUnsafeBytes(of: &fields) { piece.bytes.append(contentsOf: $0) }
                piece.ops.append(.stamp(at))
                let stamp = recordedPrefix > 0 ? withUnsafeBytes(of: &fields) { FileStamps.hash($0) } : 0
                keep(path, stamp: stamp, in: &piece)
            }
        }
    }

    private var isIncomplete: Bool {
        condition.lock()
        defer { condition.unlock() }
        return incomplete
    }

    private func keep(_ path: [UInt8], stamp: UInt64, in piece: inout Piece) {
        guard recordedPrefix > 0, path.count > recordedPrefix else { return }
        let hash = path.withUnsafeBytes { FileStamps.hash(UnsafeRawBufferPointer(rebasing: $0[recordedPrefix...])) }
        piece.ops.append(.record(FileStamps.Record(path: hash, stamp: stamp)))
    }
}
