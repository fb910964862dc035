/// Several site files stored as one build-cache entry (the search index is a few hundred
/// files made in one pass). The entry is read as hostile input: a path must be a plain relative
/// path under the expected folder (no `..`, no absolute path, only the characters Dossier's
/// own names use), and every length must fit in what was read; anything else is a miss.
package enum CachedFileBundle {
    private static let header = Array("dossier-bundle 1\n".utf8)

    /// `files` as one entry: the header, then for each file its path, its byte count and its bytes.
    package static func encode(_ files: [SiteFile]) -> [UInt8] {
        var out = header
        for file in files {
            switch file.contents {
            case var .text(text): text.withUTF8 { append(path: file.path, bytes: UnsafeRawBufferPointer($0), to: &out) }
            case let .bytes(bytes): bytes.withUnsafeBytes { append(path: file.path, bytes: $0, to: &out) }
            case .written:
                // SiteBuilder stores a bundle right after rendering, before any file is streamed out.
                preconditionFailure("a bundle is stored before its files are written")
            }
        }
        return out
    }

    /// An empty bundle, to `append` files to as they are made.
    package static func start() -> [UInt8] { header }

    /// Appends one file to a bundle begun with `start()`: what `encode` writes for it.
    package static func append(path: String, bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        out.append(contentsOf: head(path: path, count: bytes.count))
        out.append(contentsOf: bytes)
    }

    /// What comes before a file's bytes in a bundle: its path and its byte count, a line each.
    package static func head(path: String, count: Int) -> [UInt8] {
        Array((path + "\n" + String(count) + "\n").utf8)
    }

    /// The files of an entry, each path under `folder` (which ends in `/`); nil when the entry
    /// is malformed or names anything else.
    package static func decode(_ bytes: [UInt8], folder: String) -> [SiteFile]? {
        contents(of: bytes, folder: folder)?.map { SiteFile(path: $0.path, bytes: Array(bytes[$0.bytes])) }
    }

    /// Where each file of an entry is in `bytes`, all checked as `decode` checks them: a caller can
    /// then copy out and drop one file at a time instead of holding the whole bundle twice.
    package static func contents(of bytes: [UInt8], folder: String) -> [(path: String, bytes: Range<Int>)]? {
        guard bytes.count >= header.count, bytes[0..<header.count].elementsEqual(header) else { return nil }
        var at = header.count
        var files: [(path: String, bytes: Range<Int>)] = []
        func line() -> String? {
            guard let end = bytes[at...].firstIndex(of: 0x0A), end - at <= 1024 else { return nil }
            defer { at = end + 1 }
            return String(decoding: bytes[at..<end], as: UTF8.self)
        }
        while at < bytes.count {
            guard let path = line(), isSafe(path, under: folder), let countText = line(),
                countText.count <= 12, let count = Int(countText), count >= 0, count <= bytes.count - at
            else { return nil }
            files.append((path, at..<(at + count)))
            at += count
        }
        return files.isEmpty ? nil : files
    }

    /// A relative path below `folder` made only of letters, digits, `-`, `_`, `.` and `/`,
    /// with no empty, `.` or `..` component.
    package static func isSafe(_ path: String, under folder: String) -> Bool {
        guard path.hasPrefix(folder), path.count > folder.count else { return false }
        let allowed = path.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte == 0x2F
        }
        guard allowed else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && $0 != "." && $0 != ".."
        }
    }
}
