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
    package func plainLstat(_ relative: String, under root: String) -> stat? {
        let components = ProjectPath.components(relative)
        guard !components.isEmpty,
            components.reduce(components.count - 1, { $0 + $1.utf8.count }) == relative.utf8.count,
            !components.contains(where: { $0 == "." || $0 == ".." })
        else { return nil }
        var current = root
        for component in components.dropLast() {
            current += "/" + component
            guard isRealFolder(current) else { return nil }
        }
        current += "/" + components[components.count - 1]
        var info = stat()
        guard lstat(current, &info) == 0 else { return nil }
        return info
    }
}
