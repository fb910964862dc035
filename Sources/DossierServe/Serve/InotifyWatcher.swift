import DossierCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Notices changes to a project's files with Linux's inotify, instead of stating every file twice
/// a second (`FileWatcher`, the fallback where inotify is missing or its watch limit is reached).
///
/// One watch per folder, added recursively and for every folder created or moved in later. It
/// skips what `FileWatcher` skips (hidden folders, `node_modules/`, virtual environments,
/// `__pycache__/`, the folders in `skipping`) and never follows a link: folders are found with
/// `lstat` and watched with `IN_DONT_FOLLOW`, so a link cannot lead it out of the project.
/// `.git/` is the one hidden folder it looks into, and only at what moves a branch: `HEAD`,
/// `packed-refs` and `refs/heads/`, because a commit can make documents stale without touching
/// a file of the work tree. A lost event queue (`IN_Q_OVERFLOW`) reports `.everything`, which
/// the server answers with a full rescan.
package final class InotifyWatcher: @unchecked Sendable {
    /// What changed since the last `next(…)`.
    package enum Change: Equatable, Sendable {
        /// Project-relative paths of the files and folders events named (`.git/HEAD` for a commit).
        case paths(Set<String>)
        /// Events were lost: anything may have changed.
        case everything
    }

    /// Why the watcher cannot run; the server polls instead.
    package struct Unavailable: Error, CustomStringConvertible, Sendable {
        package var description: String
    }

    package let root: String
    package let skipping: Set<String>
    // Only the thread calling `next(…)` touches these (and `init`).
    private let fd: Int32
    private var folders: [Int32: String] = [:]
    /// True once a watch could not be added (the limit in /proc/sys/fs/inotify/max_user_watches).
    package private(set) var limitReached = false

    private static let fileEvents: UInt32 =
        UInt32(IN_CLOSE_WRITE) | UInt32(IN_MODIFY) | UInt32(IN_ATTRIB) | UInt32(IN_MOVED_TO)
        | UInt32(IN_MOVED_FROM) | UInt32(IN_CREATE) | UInt32(IN_DELETE) | UInt32(IN_DELETE_SELF)
        | UInt32(IN_MOVE_SELF)
    private static let watchFlags: UInt32 = fileEvents | UInt32(IN_DONT_FOLLOW) | UInt32(IN_ONLYDIR)

    /// Watches every folder under `root` but those skipped. Throws `Unavailable` when inotify
    /// cannot be had or the watch limit is too low for the project.
    package init(root: String, skipping: Set<String>) throws(Unavailable) {
        self.root = root
        self.skipping = skipping
        let fd = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
        guard fd >= 0 else { throw Unavailable(description: "inotify: \(String(cString: strerror(errno)))") }
        self.fd = fd
        addTree("")
        if limitReached {
            close(fd)
            throw Unavailable(description: "inotify: the watch limit is too low for this project")
        }
    }

    deinit { close(fd) }

    /// How many folders are watched.
    package var watchCount: Int { folders.count }

    /// Waits up to `timeout` seconds for a change; then gathers further events until none came
    /// for `quiet` seconds (an editor's write-aside-then-rename is one change), but no longer than
    /// `longest`. Nil when nothing changed in `timeout`.
    package func next(timeout: Double, quiet: Double = 0.02, longest: Double = 0.2) -> Change? {
        guard wait(timeout) else { return nil }
        var paths: Set<String> = []
        var lost = false
        let end = Date().addingTimeInterval(longest)
        repeat {
            lost = drain(into: &paths) || lost
        } while Date() < end && wait(min(quiet, max(0, end.timeIntervalSinceNow)))
        if lost {
            addTree("")
            return .everything
        }
        return paths.isEmpty ? nil : .paths(paths)
    }

    /// Whether events are waiting, after up to `seconds`.
    private func wait(_ seconds: Double) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, Int32(max(0, seconds * 1000))) > 0
    }

    /// Reads every queued event; true when the queue overflowed.
    private func drain(into paths: inout Set<String>) -> Bool {
        var overflowed = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= count {
                let (wd, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (event.wd, event.mask, Int(event.len))
                }
                let nameBytes = buffer[(offset + header)..<min(count, offset + header + length)]
                let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                offset += header + length
                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    overflowed = true
                    continue
                }
                handle(wd: wd, mask: mask, name: name, into: &paths)
            }
        }
        return overflowed
    }

    private func handle(wd: Int32, mask: UInt32, name: String, into paths: inout Set<String>) {
        guard let folder = folders[wd] else { return }
        if mask & UInt32(IN_IGNORED) != 0 {
            folders[wd] = nil
            return
        }
        let path = name.isEmpty ? folder : (folder.isEmpty ? name : folder + "/" + name)
        if Self.isGit(folder) {
            // Only what moves a branch; the index, objects and logs change on every `git status`.
            guard path == ".git/HEAD" || path == ".git/packed-refs" || path.hasPrefix(".git/refs/heads/") else {
                return
            }
            if path.hasSuffix(".lock") { return }
            if mask & UInt32(IN_ISDIR) != 0, mask & (UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)) != 0 {
                addTree(path)
            }
            paths.insert(path)
            return
        }
        if mask & UInt32(IN_ISDIR) != 0, mask & (UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)) != 0, !name.isEmpty {
            // A new folder: watch it (and what it already holds; files written before the watch
            // was added are found by the rebuild's own scan).
            addTree(path)
        }
        paths.insert(path)
    }

    private static func isGit(_ folder: String) -> Bool {
        folder == ".git" || folder.hasPrefix(".git/")
    }

    /// Watches the folder at project-relative `relative` and every folder under it not skipped.
    private func addTree(_ relative: String) {
        let absolute = relative.isEmpty ? root : root + "/" + relative
        var info = stat()
        // The root is the user's to name through a link; nothing under it is followed.
        let found = relative.isEmpty ? stat(absolute, &info) : lstat(absolute, &info)
        guard found == 0, info.st_mode & S_IFMT == S_IFDIR else { return }
        // A virtual environment is skipped whole, as `FileWatcher` skips it.
        if !relative.isEmpty, !Self.isGit(relative), ProjectFiles.exists(absolute + "/pyvenv.cfg") { return }
        let flags = relative.isEmpty ? Self.watchFlags & ~UInt32(IN_DONT_FOLLOW) : Self.watchFlags
        let wd = inotify_add_watch(fd, absolute, flags)
        guard wd >= 0 else {
            if errno == ENOSPC || errno == ENOMEM { limitReached = true }
            return
        }
        folders[wd] = relative
        if relative == ".git" {
            // Not the whole of .git: its objects folder alone can hold thousands of folders.
            for sub in ["refs", "refs/heads"] { addGitFolder(".git/" + sub) }
            return
        }
        if Self.isGit(relative) {
            if relative.hasPrefix(".git/refs/heads") { addChildren(of: relative, absolute: absolute, git: true) }
            return
        }
        addChildren(of: relative, absolute: absolute, git: false)
    }

    private func addGitFolder(_ relative: String) {
        let absolute = root + "/" + relative
        var info = stat()
        guard lstat(absolute, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return }
        if relative == ".git/refs/heads" {
            addTree(relative)
            return
        }
        let wd = inotify_add_watch(fd, absolute, Self.watchFlags)
        if wd >= 0 { folders[wd] = relative } else if errno == ENOSPC || errno == ENOMEM { limitReached = true }
    }

    private func addChildren(of relative: String, absolute: String, git: Bool) {
        guard let names = ProjectFiles.listNames(absolute)?.names else { return }
        for name in names.sorted() {
            let full = absolute + "/" + name
            var info = stat()
            guard lstat(full, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { continue }
            let child = relative.isEmpty ? name : relative + "/" + name
            if child == ".git" {
                addTree(child)
                continue
            }
            if !git, name.hasPrefix(".") || FileWatcher.skippedFolders.contains(name) || skipping.contains(full) {
                continue
            }
            addTree(child)
        }
    }
}
