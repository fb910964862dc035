import Foundation

/// Plain POSIX file reads and writes: several times faster than `Data(contentsOf:)` and
/// `Data.write(to:)` on Linux, which matters at ten thousand pages.
package enum FileIO {
    package struct Failure: Error, CustomStringConvertible {
        package init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }

        package var path: String
        package var reason: String
        package var description: String { "\(path): \(reason)" }
    }

    package static func readBytes(_ path: String, limit: Int = Int.max) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        let size = fstat(fd, &info) == 0 ? Int(info.st_size) : 0
        if size > limit {
            // Return one byte past the limit so callers can tell "too large" without reading it all.
            return [UInt8](repeating: 0x20, count: limit + 1)
        }
        var bytes = [UInt8](repeating: 0, count: max(size, 0))
        var filled = 0
        while filled < bytes.count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if n <= 0 { break }
            filled += n
        }
        if filled < bytes.count { bytes.removeLast(bytes.count - filled) }
        return bytes
    }

    package static func readText(_ path: String) -> String? {
        guard let bytes = try? readBytes(path) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    package static func write(_ text: String, to path: String) throws {
        var text = text
        try text.withUTF8 { try write(bytes: UnsafeRawBufferPointer($0), to: path) }
    }

    package static func write(bytes: UnsafeRawBufferPointer, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let n = Foundation.write(fd, bytes.baseAddress! + written, bytes.count - written)
            if n <= 0 { throw Failure(path: path, reason: String(cString: strerror(errno))) }
            written += n
        }
    }

    /// `mkdir -p`.
    package static func makeDirectories(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// True when the file at `path` holds exactly `bytes` (sizes are compared before reading).
    package static func hasContents(_ path: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) == bytes.count,
              let existing = try? readBytes(path) else { return false }
        return existing.withUnsafeBytes { $0.elementsEqual(bytes) }
    }

    /// Removes a folder and everything in it with plain unlink/rmdir calls (faster than
    /// FileManager's removeItem on Linux). Does not follow symbolic links.
    package static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if info.st_mode & S_IFMT == S_IFDIR {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
                removeTree(path + "/" + name)
            }
            rmdir(path)
        } else {
            unlink(path)
        }
    }

    package static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    package static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }
}
