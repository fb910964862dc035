import DossierCore
import Foundation

/// Reads a file front to back in fixed-size chunks, so a sample of any size costs one chunk of
/// memory. Strips a UTF-8 byte-order mark and refuses UTF-16/32, which only look like text.
package struct SampleChunkReader {
    package static let chunkSize = 64 * 1024

    private let handle: FileHandle
    private let path: String
    private var atStart = true

    /// Opens `file`; `path` is the project-relative name used in errors.
    package init(file: URL, path: String) throws(SampleReadError) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder) else {
            throw SampleReadError(.missingFile, path: path, "the file does not exist")
        }
        guard !isFolder.boolValue else {
            throw SampleReadError(.notAFile, path: path, "it is a folder, not a data file")
        }
        do {
            handle = try FileHandle(forReadingFrom: file)
        } catch {
            throw SampleReadError(.unreadable, path: path, "it cannot be opened (\(error.localizedDescription))")
        }
        self.path = path
    }

    /// The next chunk, nil at the end of the file.
    package mutating func next() throws(SampleReadError) -> [UInt8]? {
        let data: Data?
        do {
            data = try handle.read(upToCount: Self.chunkSize)
        } catch {
            throw SampleReadError(.unreadable, path: path, "reading failed (\(error.localizedDescription))")
        }
        guard let data, !data.isEmpty else { return nil }
        var bytes = [UInt8](data)
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
        try? handle.close()
    }
}
