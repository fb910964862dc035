import Foundation

/// Absolute folder paths already seen, by `lstat`, to be real folders and not symbolic links,
/// during one load of a project: walking `docs/guides/x.md` then `docs/guides/y.md` checks
/// `docs` and `docs/guides` once, not once per file (the walks of ten thousand documents made
/// most of `check`'s `lstat` calls). Only a folder is remembered, never a file or a link, and an
/// instance lives as long as one load, so a change between loads is always seen.
///
/// Thread-safe (documents load on every core): the set is behind a lock.
package final class KnownFolders: @unchecked Sendable {
    private let lock = NSLock()
    private var folders = Set<String>()
    /// Folder paths under a root (`root`, NUL, the relative folder) whose every part `plainLstat`
    /// found to be a real folder.
    private var chains = Set<String>()

    package init() {}

    /// True when `path` was recorded as a real folder.
    package func contains(_ path: String) -> Bool {
        lock.withLock { folders.contains(path) }
    }

    /// Records that `lstat` found `path` to be a folder (not a link to one).
    package func insert(_ path: String) {
        _ = lock.withLock { folders.insert(path) }
    }

    /// Whether `path` is a real folder, by `lstat`, remembered: a folder is looked at once.
    /// False for a link, a file, or nothing there (none of which is remembered).
    package func isRealFolder(_ path: String) -> Bool {
        if contains(path) { return true }
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return false }
        insert(path)
        return true
    }

    /// `lstat` of `relative` under `root` when it is a plain path (no empty, `.` or `..` part, no
    /// leading or trailing `/`) whose folders are real ones (`isRealFolder`), so that what it
    /// names is inside `root`; nil when the path is not that simple or nothing is there. The last
    /// part may itself be a link: the caller looks at the mode.
    ///
    /// Scanned over bytes (parts split at every `/` byte), with each folder chain remembered once
    /// checked whole (`chains`): splitting the path into parts and building the path of every
    /// folder on the way was most of the cost, ~10,000 instructions a call, paid for every file a
    /// document names on every build (callgrind, issue 15).
    package func plainLstat(_ relative: String, under root: String) -> stat? {
        var relative = relative
        guard let parent: Int = relative.withUTF8({ Self.plainParentEnd($0) }) else { return nil }
        if parent > 0 {
            let folder = String(relative.utf8.prefix(parent))!
            let chain = root + "\u{0}" + folder
            if !lock.withLock({ chains.contains(chain) }) {
                var current = root
                for part in folder.utf8.split(separator: 0x2F, omittingEmptySubsequences: false) {
                    current += "/" + String(part)!
                    guard isRealFolder(current) else { return nil }
                }
                _ = lock.withLock { chains.insert(chain) }
            }
        }
        var path = Array(root.utf8)
        path.reserveCapacity(path.count + relative.utf8.count + 2)
        path.append(0x2F)
        relative.withUTF8 { path.append(contentsOf: $0) }
        path.append(0)
        var info = stat()
        let found = path.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { lstat($0, &info) }
        }
        return found == 0 ? info : nil
    }

    /// Where the folder part of the plain relative path `bytes` ends (the offset of its last `/`,
    /// 0 when it has none); nil unless every part between the `/` bytes is neither empty nor `.`
    /// nor `..`, and the path is not empty and holds no NUL.
    static func plainParentEnd(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty else { return nil }
        var partStart = 0
        var lastSlash = 0
        for index in 0...bytes.count {
            guard index == bytes.count || bytes[index] == 0x2F else {
                if bytes[index] == 0 { return nil }
                continue
            }
            let length = index - partStart
            guard length > 0 else { return nil }
            if length <= 2, bytes[partStart] == 0x2E, length == 1 || bytes[partStart + 1] == 0x2E { return nil }
            if index < bytes.count { lastSlash = index }
            partStart = index + 1
        }
        return lastSlash
    }
}
