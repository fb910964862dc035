import DossierCore
import Foundation

/// Notices changes to a project's files by polling: the size and modification time of every file
/// under the root. Polling needs no inotify or FSEvents and sees every kind of edit, including an
/// editor's write-aside-then-rename; half a second's stat calls are cheap for a repository.
///
/// Skips `.git/` and every other hidden folder, `.build/`, `node_modules/`, virtual environments,
/// `__pycache__/` and the folders in `skipping` (the project's own output, the server's output).
/// Linked folders are not entered, so a link loop cannot make a scan run forever.
package struct FileWatcher: Sendable {
    /// What is compared: a file that changes without changing either is not noticed.
    package struct Stamp: Equatable, Sendable {
        package var size: Int64
        package var seconds: Int
        package var nanoseconds: Int
    }

    package let root: String
    /// Absolute paths of folders not to enter.
    package var skipping: Set<String>
    private(set) var snapshot: [String: Stamp]

    package static let skippedFolders: Set<String> = ["node_modules", "venv", "__pycache__", "site-packages"]

    package init(root: String, skipping: Set<String>) {
        self.root = root
        self.skipping = skipping
        snapshot = Self.scan(root: root, skipping: skipping)
    }

    /// Rescans; true when any file was added, removed or changed since the last scan.
    package mutating func changed() -> Bool {
        let now = Self.scan(root: root, skipping: skipping)
        defer { snapshot = now }
        return now != snapshot
    }

    /// Project-relative path → stamp for every file under `root`.
    package static func scan(root: String, skipping: Set<String>) -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        walk(folder: "", absolute: root, skipping: skipping, into: &stamps)
        return stamps
    }

    private static func walk(
        folder: String, absolute: String, skipping: Set<String>, into stamps: inout [String: Stamp]
    ) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: absolute) else { return }
        if !folder.isEmpty, names.contains("pyvenv.cfg") { return }
        for name in names {
            let relative = folder.isEmpty ? name : folder + "/" + name
            let full = absolute + "/" + name
            var info = stat()
            guard lstat(full, &info) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFDIR {
                if name.hasPrefix(".") || skippedFolders.contains(name) || skipping.contains(full) { continue }
                walk(folder: relative, absolute: full, skipping: skipping, into: &stamps)
            } else {
                #if canImport(Darwin)
                    let mtime = info.st_mtimespec
                #else
                    let mtime = info.st_mtim
                #endif
                stamps[relative] = Stamp(
                    size: Int64(info.st_size), seconds: Int(mtime.tv_sec), nanoseconds: Int(mtime.tv_nsec))
            }
        }
    }
}
