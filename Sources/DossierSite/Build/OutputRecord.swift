import DossierChecks
import DossierCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the last cached build wrote into its output folder (`.dossier-cache/outputs`): for each
/// document page, the cache key it was rendered under, the page assets it loads and the `lstat`
/// stamp of its file once the site was in place. A build whose page has the same key, with the
/// old file still at that stamp, leaves the old file in place (or, when the whole site is swapped,
/// links it into the new one) without reading the page from the cache, reading the old file to
/// compare, or scanning the page for its assets: after one edit of a 10,000-page site that was
/// 320 MB read for pages that were then kept anyway.
///
/// The record is part of the cache and trusted as the cache is (the pages it vouches for came
/// from the same cache); a stamp that differs (the file was edited, replaced or removed), another
/// output folder, another Dossier, or a record that does not read back whole means no reuse.
/// Written under a temporary name and renamed, while the build holds the cache; removed before a
/// build starts to change the output (`invalidate`).
package final class OutputRecord: @unchecked Sendable {
    package static let fileName = "outputs"
    private static let header = "dossier-outputs 1"
    /// A record larger than this is not read.
    private static let maximumBytes = 256 << 20

    private struct Page {
        var key: String
        var loads: PageAssets.Loads
        var stamp: DocumentLoadMemo.Stamp
        /// The page's folder in `folderPaths` (-1: the site's root): `reuse` stamps it in its
        /// folder without making the folder's path and looking it up again.
        var folder: Int
    }

    /// A page this build writes: its key, and the stamp `reuse` found its old file at (it was kept
    /// as it was).
    private struct Written {
        var key: String
        var verified: DocumentLoadMemo.Stamp?
    }

    private let folder: String
    private let output: String
    private let identity: String
    private let previous: [String: Page]
    /// The folders (paths in the output) of the recorded pages.
    private let folderPaths: [String]
    private let lock = NSLock()
    /// This build's document pages, by path.
    private var written: [String: Written] = [:]
    /// Pages linked from the old site (for tests and timings).
    package private(set) var linked = 0
    /// The old site's folders opened by `reuse`, by their index in `folderPaths` (-1: none
    /// there, -2: not opened yet), until `closeFolders`; nil once closed.
    private var folders: [Int32]?

    /// The record in the cache `folder` for the site at `output`, by the Dossier `identity`.
    package init(folder: String, output: String, identity: String) {
        self.folder = folder
        self.output = output
        self.identity = identity
        let read = Self.read(folder + "/" + Self.fileName, output: output, identity: identity)
        previous = read?.pages ?? [:]
        folderPaths = read?.folders ?? []
        folders = Array(repeating: -2, count: folderPaths.count)
    }

    deinit {
        closeFolders()
    }

    /// Closes the folders `reuse` opened; called before the output changes (a folder swapped out
    /// would still answer for the old site). A later `reuse` takes each stamp by its whole path.
    package func closeFolders() {
        let open = lock.withLock {
            defer { folders = nil }
            return folders ?? []
        }
        for fd in open where fd >= 0 { close(fd) }
    }

    /// The stamp of the old site's file at `path`, recorded as `page`: looked up in its folder,
    /// opened once for all its pages (a page's whole path was most of the `lstat` of every page
    /// after one edit), by the folder's number the record was read with (a folder's path made and
    /// looked up for every page was a third of `reuse`). The folder is compared by bytes with
    /// `path`'s own: a path equal as a `String` may be spelled otherwise.
    private func oldStamp(_ path: String, _ page: Page) -> DocumentLoadMemo.Stamp? {
        guard page.folder >= 0 else { return DocumentLoadMemo.Stamp(absolute: output + "/" + path) }
        var folderPath = folderPaths[page.folder]
        let length = path.utf8.count
        let found: DocumentLoadMemo.Stamp?? = path.withCString { whole in
            var folderLength = length - 1
            while folderLength >= 0 && whole[folderLength] != CChar(bitPattern: UInt8(ascii: "/")) { folderLength -= 1 }
            guard folderLength >= 0 else { return .none }
            let sameFolder = folderPath.withUTF8 {
                $0.count == folderLength && (folderLength == 0 || memcmp($0.baseAddress!, whole, folderLength) == 0)
            }
            guard sameFolder, let fd = folderFD(page.folder) else { return .none }
            guard fd >= 0 else { return .some(nil) }
            var info = stat()
            guard fstatat(fd, whole + folderLength + 1, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return .some(nil) }
            return .some(DocumentLoadMemo.Stamp(info))
        }
        return found ?? DocumentLoadMemo.Stamp(absolute: output + "/" + path)
    }

    /// The open folder `folderPaths[number]` of the old site (-1: none there); nil once the
    /// folders are closed.
    private func folderFD(_ number: Int) -> Int32? {
        lock.withLock {
            guard let fd = folders?[number] else { return nil }
            if fd != -2 { return fd }
            // Intermediate links are followed, as `lstat` of the whole path follows them.
            let opened = open(output + "/" + folderPaths[number], O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            folders?[number] = opened
            return opened
        }
    }

    /// Removes the record, before the build changes the output: a build killed while it does
    /// leaves none, and the next one swaps the whole site in again.
    package func invalidate() {
        unlink(folder + "/" + Self.fileName)
    }

    /// The page assets the old site's file at `path` loads, when it is the page of `key` and
    /// unchanged since it was recorded, after keeping it for the new site (`link`) and keeping
    /// its cache entry; nil otherwise (the page is then read or rendered as usual).
    package func reuse(
        _ path: String, key: String, cache: any BuildCacheStore, link: (String) -> Bool
    ) -> PageAssets.Loads? {
        guard let page = previous[path], page.key == key,
            oldStamp(path, page) == page.stamp, cache.keep(key), link(path)
        else {
            note(path, key: key)
            return nil
        }
        lock.withLock {
            linked += 1
            written[path] = Written(key: key, verified: page.stamp)
        }
        return page.loads
    }

    /// Notes that this build writes the page of `key` at `path`.
    package func note(_ path: String, key: String) {
        lock.withLock { written[path] = Written(key: key, verified: nil) }
    }

    /// Records the document pages of the site now in place at `output`, whose files are `files`
    /// (a page written while the site rendered knows its assets): each with its file's stamp.
    /// When the site was `updatedInPlace`, a page `reuse` left where it was keeps the stamp it was
    /// found with (it was not touched: no `lstat` again).
    package func save(files: [SiteFile], updatedInPlace: Bool = false) {
        let pages = lock.withLock { written }
        // Bytes, not a String grown by `+` (10,000 lines of joined number strings): the save is
        // the last thing an edit build waits for.
        var out: [UInt8] = []
        out.reserveCapacity(128 + files.count * 112)
        out.append(contentsOf: (Self.header + "\n" + identity + "\n" + output + "\n").utf8)
        for file in files {
            guard let page = pages[file.path], case let .written(loads) = file.contents, !Self.hasNewline(file.path),
                let stamp = updatedInPlace
                    ? page.verified ?? DocumentLoadMemo.Stamp(absolute: output + "/" + file.path)
                    : DocumentLoadMemo.Stamp(absolute: output + "/" + file.path)
            else { continue }
            out.append(contentsOf: page.key.utf8)
            out.append(0x20)
            Self.appendDecimal(Int64(loads.rawValue), to: &out)
            for number in stamp.numbers {
                out.append(0x20)
                Self.appendDecimal(number, to: &out)
            }
            out.append(0x20)
            out.append(contentsOf: file.path.utf8)
            out.append(0x0A)
        }
        _ = out.withUnsafeBytes { ProjectFiles.replaceWhole(folder + "/" + Self.fileName, with: $0) }
    }

    /// Whether `path` holds a line feed (a record line could not hold it); by `memchr`, which the
    /// UTF-8 view's generic `contains` cost 900 instructions a page more than.
    private static func hasNewline(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, 0x0A, bytes.count) != nil
        }
    }

    /// The decimal number `bytes` spell (an optional `-`, then digits), as `Int64(String)` reads
    /// it without a `+`; nil for anything else or past Int64's range.
    static func decimal(_ bytes: ArraySlice<UInt8>) -> Int64? {
        bytes.withUnsafeBufferPointer { decimal($0) }
    }

    /// `decimal` over a buffer: the record's numbers are read so.
    static func decimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var rest = bytes[...]
        let negative = rest.first == UInt8(ascii: "-")
        if negative { rest = rest.dropFirst() }
        guard !rest.isEmpty, rest.count <= 19 else { return nil }
        var magnitude: UInt64 = 0
        for byte in rest {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            magnitude = magnitude * 10 + UInt64(byte - UInt8(ascii: "0"))
        }
        if negative { return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// Appends `value` in decimal, as `String(value)` spells it.
    static func appendDecimal(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // up to 20 digits, backwards
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for i in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[i]) }
        }
    }

    /// The pages of the record at `path` when it is a regular file of this output and Dossier and
    /// reads back whole, and the folders they are in (`Page.folder`); nil otherwise.
    private static func read(
        _ path: String, output: String, identity: String
    ) -> (pages: [String: Page], folders: [String])? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= maximumBytes,
            let bytes = try? ProjectFiles.readBytes(path, limit: maximumBytes)
        else { return nil }
        // Scanned in place, line by line and field by field: arrays of split lines and fields, and
        // of each line's numbers, were most of the read (callgrind: 9 M instructions at 1,000 pages);
        // and over the bytes' buffer with `memchr`, not the array's slices (which cost 54 M
        // instructions at 10,000 pages).
        return bytes.withUnsafeBufferPointer { buffer -> (pages: [String: Page], folders: [String])? in
            guard let base = buffer.baseAddress, buffer.last == UInt8(ascii: "\n") else { return nil }
            /// Where `byte` is first in `from..<to`.
            func find(_ byte: UInt8, from: Int, to: Int) -> Int? {
                memchr(base + from, Int32(byte), to - from).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) }
            }
            func text(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: buffer[range])
            }
            var start = 0
            func nextLine() -> Range<Int>? {
                guard start < buffer.count, let end = find(UInt8(ascii: "\n"), from: start, to: buffer.count) else {
                    return nil
                }
                defer { start = end + 1 }
                return start..<end
            }
            guard let first = nextLine(), text(first).elementsEqual(header.utf8),
                let second = nextLine(), text(second).elementsEqual(identity.utf8),
                let third = nextLine(), text(third).elementsEqual(output.utf8)
            else { return nil }
            var pages: [String: Page] = [:]
            pages.reserveCapacity(buffer.count / 100)
            var folders: [String] = []
            var folderNumbers: [String: Int] = [:]
            // The record lists pages in the site's order, where pages of a folder follow each
            // other: the last line's folder is compared first.
            var lastFolder: (bytes: Range<Int>, number: Int) = (0..<0, -1)
            while let line = nextLine() {
                // key, loads, five stamp numbers, then the path (which may hold spaces).
                var numbers: [Int64] = []
                numbers.reserveCapacity(5)
                var loads: UInt8 = 0
                var fieldStart = line.lowerBound
                for field in 0..<7 {
                    guard let end = find(UInt8(ascii: " "), from: fieldStart, to: line.upperBound) else { return nil }
                    if field == 0 {
                        guard end - fieldStart == 32 else { return nil }
                    } else {
                        guard let number = decimal(text(fieldStart..<end)) else { return nil }
                        if field == 1 {
                            guard let byte = UInt8(exactly: number) else { return nil }
                            loads = byte
                        } else {
                            numbers.append(number)
                        }
                    }
                    fieldStart = end + 1
                }
                guard fieldStart < line.upperBound, let stamp = DocumentLoadMemo.Stamp(numbers: numbers) else {
                    return nil
                }
                let key = String(decoding: text(line.lowerBound..<(line.lowerBound + 32)), as: UTF8.self)
                var folder = -1
                var slash = line.upperBound - 1
                while slash >= fieldStart && buffer[slash] != UInt8(ascii: "/") { slash -= 1 }
                if slash >= fieldStart {
                    let folderBytes = fieldStart..<slash
                    if folderBytes.count == lastFolder.bytes.count
                        && memcmp(base + folderBytes.lowerBound, base + lastFolder.bytes.lowerBound, folderBytes.count)
                            == 0
                    {
                        folder = lastFolder.number
                    } else {
                        let name = String(decoding: text(folderBytes), as: UTF8.self)
                        if let known = folderNumbers[name] {
                            folder = known
                        } else {
                            folder = folders.count
                            folders.append(name)
                            folderNumbers[name] = folder
                        }
                        lastFolder = (folderBytes, folder)
                    }
                }
                pages[String(decoding: text(fieldStart..<line.upperBound), as: UTF8.self)] = Page(
                    key: key, loads: PageAssets.Loads(rawValue: loads), stamp: stamp, folder: folder)
            }
            return (pages, folders)
        }
    }
}
