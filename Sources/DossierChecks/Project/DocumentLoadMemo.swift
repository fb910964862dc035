import DossierCore
import DossierModel
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Parsed documents kept between loads of the same project, so that a load re-parses only the
/// files that changed (`dossier serve`'s in-memory rebuild). A file is taken from the memo when
/// its `lstat` stamp (device, inode, size, modification and change times) is the one it had when
/// it was parsed, and the stamp is taken before the bytes are read, so an edit racing the read
/// only costs one more parse. Only regular files are remembered: a link is read through
/// `ProjectFiles` every time, which re-checks where it leads.
///
/// The small interface `ProjectLoader` needs from a cache of parsed documents; an on-disk cache
/// keyed by content digests can take its place behind the same two calls.
package final class DocumentLoadMemo: @unchecked Sendable {
    /// What identifies one version of a file without reading it.
    package struct Stamp: Equatable, Sendable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modified: Int64
        var changed: Int64

        /// The stamp of the regular file at `absolute` (not following a final link); nil otherwise.
        package init?(absolute: String) {
            var info = stat()
            guard lstat(absolute, &info) == 0 else { return nil }
            self.init(info)
        }

        /// The stamp of the regular file `name` in the open folder `folder` (not following a final
        /// link), as `init?(absolute:)` takes it of the same file: one path component to look up.
        package init?(folder: Int32, name: String) {
            var info = stat()
            guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
            self.init(info)
        }

        /// The stamp of what `info` (an `lstat`) describes when it is a regular file; nil otherwise.
        package init?(_ info: stat) {
            guard info.st_mode & S_IFMT == S_IFREG else { return nil }
            #if canImport(Darwin)
                let mtime = info.st_mtimespec, ctime = info.st_ctimespec
            #else
                let mtime = info.st_mtim, ctime = info.st_ctim
            #endif
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            size = Int64(info.st_size)
            modified = Int64(mtime.tv_sec) * 1_000_000_000 + Int64(mtime.tv_nsec)
            changed = Int64(ctime.tv_sec) * 1_000_000_000 + Int64(ctime.tv_nsec)
        }
    }

    /// One load's result for one path: what `ProjectLoader` makes of the file's bytes.
    package struct Entry: Sendable {
        package var stamp: Stamp
        package var document: Document?
        package var findings: [Finding]
        package var sourceDigest: String
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var used: Set<String> = []
    private var missCount = 0
    private var parsed = 0
    /// How many files the last load (up to its `prune()`) read and parsed, for tests and timings.
    package var parsedByLastLoad: Int { lock.withLock { parsed } }

    package init() {}

    /// The remembered result for `path` when the file still has `stamp`.
    package func lookup(_ path: String, stamp: Stamp?) -> Entry? {
        lock.withLock {
            used.insert(path)
            guard let stamp, let entry = entries[path], entry.stamp == stamp else {
                missCount += 1
                return nil
            }
            return entry
        }
    }

    /// What is remembered for `path`, whatever the file's stamp now; counts as no lookup.
    package func peek(_ path: String) -> Entry? {
        lock.withLock { entries[path] }
    }

    /// Remembers what the file at `path` with `stamp` loaded as.
    package func store(_ path: String, _ entry: Entry) {
        lock.withLock { entries[path] = entry }
    }

    /// Drops what is remembered of `paths` (a watcher saw them change), whatever their stamps say.
    package func forget(_ paths: some Sequence<String>) {
        lock.withLock {
            for path in paths { entries[path] = nil }
        }
    }

    /// Drops every path the last load did not ask for (deleted or no longer scanned files) and
    /// resets the counters.
    package func prune() {
        lock.withLock {
            entries = entries.filter { used.contains($0.key) }
            used = []
            parsed = missCount
            missCount = 0
        }
    }

    /// How many files are remembered.
    package var count: Int { lock.withLock { entries.count } }
}
