import Foundation

/// Reads the files drift checks compare against, without ever leaving the project.
///
/// Documents come from anyone who can open a pull request, so a `requirements:` of `../../etc/passwd`
/// or a symbolic link pointing out of the repository must not be followed, and a huge or binary
/// file must become a finding instead of a stall or a crash.
package struct DriftFileReader: Sendable {
    /// Lock files of large projects run to a few megabytes; anything far beyond is not a config.
    package static let maximumBytes = 32 * 1024 * 1024

    package let root: URL
    private let resolvedRootPath: String

    package init(projectRoot: URL) {
        root = projectRoot.standardizedFileURL
        resolvedRootPath = root.resolvingSymlinksInPath().path
    }

    /// `relative` joined onto the folder of `base` (both project-relative), or nil when the result
    /// would leave the project.
    package static func join(directoryOf base: String, _ relative: String) -> String? {
        relative.hasPrefix("/") ? nil : ProjectPath.resolve(relative, relativeTo: ProjectPath.directory(of: base))
    }

    /// `relative` with `.` and `..` removed, or nil when it is absolute or climbs out of the project.
    package static func normalize(_ relative: String) -> String? {
        relative.hasPrefix("/") ? nil : ProjectPath.resolve(relative)
    }

    /// The file URL for a project-relative path, refusing paths and links that lead outside.
    package func url(for relative: String) throws(DriftFileProblem) -> URL {
        guard let clean = Self.normalize(relative) else {
            throw DriftFileProblem(path: relative, reason: "the path leads outside the project")
        }
        let url = clean.isEmpty ? root : root.appendingPathComponent(clean)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw DriftFileProblem(path: clean, reason: "it does not exist", isMissing: true)
        }
        let resolved = url.resolvingSymlinksInPath().path
        guard resolved == resolvedRootPath || resolved.hasPrefix(resolvedRootPath + "/") else {
            throw DriftFileProblem(path: clean, reason: "it is a symbolic link that leads outside the project")
        }
        return url
    }

    package func exists(_ relative: String) -> Bool {
        (try? url(for: relative)) != nil
    }

    package func isDirectory(_ relative: String) -> Bool {
        guard let url = try? url(for: relative) else { return false }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Names in a project folder, sorted so every run sees the same order.
    package func contents(ofDirectory relative: String) throws(DriftFileProblem) -> [String] {
        let url = try url(for: relative)
        do {
            return try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
        } catch {
            throw DriftFileProblem(path: relative, reason: "the folder cannot be listed")
        }
    }

    /// The UTF-8 text of a project file (a leading byte-order mark removed).
    package func text(_ relative: String) throws(DriftFileProblem) -> String {
        let url = try url(for: relative)
        let path = Self.normalize(relative) ?? relative
        if isDirectory(path) {
            throw DriftFileProblem(path: path, reason: "it is a folder, not a file")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
        guard size <= Self.maximumBytes else {
            throw DriftFileProblem(path: path, reason: "it is too large (\(size) bytes; at most \(Self.maximumBytes) are read)")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DriftFileProblem(path: path, reason: "it cannot be opened")
        }
        guard data.count <= Self.maximumBytes else {
            throw DriftFileProblem(path: path, reason: "it is too large (\(data.count) bytes; at most \(Self.maximumBytes) are read)")
        }
        return try Self.decode(data, path: path)
    }

    /// UTF-8 text of raw bytes, or a problem naming the line where the bytes stop making sense.
    package static func decode(_ data: Data, path: String) throws(DriftFileProblem) -> String {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let nul = bytes.firstIndex(of: 0) {
            throw DriftFileProblem(path: path, line: line(ofOffset: nul, in: bytes), reason: "it is a binary file, not text")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            // Find the first bad byte so the line number is useful.
            var offset = 0
            var iterator = bytes.makeIterator()
            var decoder = UTF8()
            loop: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar): offset += UTF8.width(scalar)
                case .emptyInput, .error: break loop
                }
            }
            throw DriftFileProblem(path: path, line: line(ofOffset: offset, in: bytes), reason: "it is not valid UTF-8 text")
        }
        return text
    }

    private static func line(ofOffset offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes[..<min(offset, bytes.count)].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
}
