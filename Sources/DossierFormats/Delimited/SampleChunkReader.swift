import DossierCore
import Foundation

/// Reads a file front to back in fixed-size chunks, so a sample of any size costs one chunk of
/// memory. Strips a UTF-8 byte-order mark and refuses UTF-16/32, which only look like text.
package struct SampleChunkReader {
    package static let chunkSize = 64 * 1024

    private let file: OpenFile
    private let path: String
    private var atStart = true
    /// What the file's size says is left to read: each chunk is made that long when it is less
    /// than a whole one, so a small sample's one chunk is not a 64 KiB array (nor copied into one).
    private var left: Int

    /// Opens `file`; `path` is the project-relative name used in errors.
    ///
    /// One `open` and one `fstat`, then plain `read`s: `FileManager.fileExists` before
    /// `FileHandle`, which takes two `fstat`s a chunk, cost four calls more a sample (1,800 samples
    /// in a build at 10,000 documents). `O_NONBLOCK`: a pipe is not waited on (it reads as empty).
    package init(file: URL, path: String) throws(SampleReadError) {
        let fd = open(file.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            // Refused: told as before, from a `stat` (what `fileExists` looked at) and then
            // Foundation's words for why.
            var info = stat()
            guard stat(file.path, &info) == 0 else {
                throw SampleReadError(.missingFile, path: path, "the file does not exist")
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                throw SampleReadError(.notAFile, path: path, "it is a folder, not a data file")
            }
            do {
                try FileHandle(forReadingFrom: file).close()
            } catch {
                throw SampleReadError(.unreadable, path: path, "it cannot be opened (\(error.localizedDescription))")
            }
            throw SampleReadError(.unreadable, path: path, "it cannot be opened (\(String(cString: strerror(errno))))")
        }
        self.file = OpenFile(fd)
        var info = stat()
        let known = fstat(fd, &info) == 0
        if known, info.st_mode & S_IFMT == S_IFDIR {
            throw SampleReadError(.notAFile, path: path, "it is a folder, not a data file")
        }
        left = known && info.st_mode & S_IFMT == S_IFREG ? Int(info.st_size) : 0
        self.path = path
    }

    /// The next chunk, nil at the end of the file.
    package mutating func next() throws(SampleReadError) -> [UInt8]? {
        let fd = file.fd
        var failure: Int32 = 0
        // A whole chunk, or what is left when the file is that close to its end (or has grown).
        let wanted = left > 0 ? min(left, Self.chunkSize) : Self.chunkSize
        var bytes = [UInt8](unsafeUninitializedCapacity: wanted) { buffer, initialized in
            // Up to `wanted` bytes, as `FileHandle.read(upToCount:)` gave: a short read is not the end.
            var filled = 0
            while filled < wanted {
                let got = read(fd, buffer.baseAddress! + filled, wanted - filled)
                if got < 0, errno == EINTR { continue }
                if got < 0, errno == EAGAIN { break }  // a pipe with nothing in it
                if got < 0 { failure = errno }
                guard got > 0 else { break }
                filled += got
            }
            initialized = filled
        }
        if failure != 0 {
            throw SampleReadError(.unreadable, path: path, "reading failed (\(String(cString: strerror(failure))))")
        }
        left -= bytes.count
        guard !bytes.isEmpty else { return nil }
        if atStart {
            atStart = false
            try stripByteOrderMark(&bytes)
            try sniff(bytes)
            if bytes.isEmpty { return try next() }  // the file held only a byte-order mark
        }
        return bytes
    }

    /// Tells two common impostors from text before any parsing: a binary file (text never
    /// holds NUL bytes) and a Git LFS pointer checked out in place of the data.
    private func sniff(_ bytes: [UInt8]) throws(SampleReadError) {
        if bytes.starts(with: Array("version https://git-lfs.github.com/spec/".utf8)) {
            throw SampleReadError(
                .gitLFSPointer, path: path,
                "it is a Git LFS pointer, not the data: run `git lfs pull` (in CI, check out with LFS files)")
        }
        if let nul = bytes.firstIndex(of: 0) {
            let line = bytes[..<nul].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            throw SampleReadError(
                .binary, path: path, line: line, "line \(line) holds a NUL byte: this is a binary file, not text")
        }
    }

    private func stripByteOrderMark(_ bytes: inout [UInt8]) throws(SampleReadError) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes.removeFirst(3)
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
            || bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF])
        {
            throw SampleReadError(
                .notUTF8, path: path, "it is UTF-16 or UTF-32 encoded (byte-order mark); save it as UTF-8")
        }
    }

    package func close() {
        file.close()
    }
}

/// A file descriptor closed once: by `close()`, or when the last reader that holds it goes.
private final class OpenFile: @unchecked Sendable {
    private(set) var fd: Int32
    private let lock = NSLock()

    init(_ fd: Int32) { self.fd = fd }

    func close() {
        let open = lock.withLock { () -> Int32 in
            let open = fd
            fd = -1
            return open
        }
        if open >= 0 { Foundation.close(open) }
    }

    deinit { close() }
}
