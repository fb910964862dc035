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
/// 320 MB read for pages that were then kept anyway. A record that reads back whole also vouches
/// that the site in the output is the one a build swapped in completely (`vouchesForOutput`).
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
    }

    private let folder: String
    private let output: String
    private let identity: String
    private let previous: [String: Page]
    /// Whether a record of this output and Dossier read back whole: the site in the output is then
    /// the one its last build swapped in completely (a build removes the record before it starts
    /// to change the output, and writes it once the site is in place), which may be updated in
    /// place (`OutputWriter.Staging`).
    package let vouchesForOutput: Bool
    private let lock = NSLock()
    /// This build's document pages: path → key.
    private var written: [String: String] = [:]
    /// The old site's files that `reuse` found at their recorded stamps (`previous`).
    private var verified: Set<String> = []
    /// Pages linked from the old site (for tests and timings).
    package private(set) var linked = 0

    /// The record in the cache `folder` for the site at `output`, by the Dossier `identity`.
    package init(folder: String, output: String, identity: String) {
        self.folder = folder
        self.output = output
        self.identity = identity
        let read = Self.read(folder + "/" + Self.fileName, output: output, identity: identity)
        previous = read ?? [:]
        vouchesForOutput = read != nil
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
        note(path, key: key)
        guard let page = previous[path], page.key == key,
            DocumentLoadMemo.Stamp(absolute: output + "/" + path) == page.stamp, cache.keep(key), link(path)
        else { return nil }
        lock.withLock {
            linked += 1
            verified.insert(path)
        }
        return page.loads
    }

    /// Notes that this build writes the page of `key` at `path`.
    package func note(_ path: String, key: String) {
        lock.withLock { written[path] = key }
    }

    /// Records the document pages of the site now in place at `output`, whose files are `files`
    /// (a page written while the site rendered knows its assets): each with its file's stamp.
    /// When the site was `updatedInPlace`, a page `reuse` left where it was keeps the stamp it was
    /// found with (it was not touched: no `lstat` again).
    package func save(files: [SiteFile], updatedInPlace: Bool = false) {
        let (pages, unchanged) = lock.withLock { (written, updatedInPlace ? verified : []) }
        var text = Self.header + "\n" + identity + "\n" + output + "\n"
        for file in files {
            guard let key = pages[file.path], !file.path.utf8.contains(0x0A), case let .written(loads) = file.contents,
                let stamp = unchanged.contains(file.path)
                    ? previous[file.path]?.stamp : DocumentLoadMemo.Stamp(absolute: output + "/" + file.path)
            else { continue }
            text += key + " " + String(loads.rawValue) + " "
            text += stamp.numbers.map(String.init).joined(separator: " ") + " " + file.path + "\n"
        }
        ProjectFiles.replaceWhole(folder + "/" + Self.fileName, with: text)
    }

    /// The pages of the record at `path` when it is a regular file of this output and Dossier and
    /// reads back whole; nil otherwise.
    private static func read(_ path: String, output: String, identity: String) -> [String: Page]? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= maximumBytes,
            let bytes = try? ProjectFiles.readBytes(path, limit: maximumBytes)
        else { return nil }
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.count >= 4, lines.last?.isEmpty == true,
            String(decoding: lines[0], as: UTF8.self) == header,
            String(decoding: lines[1], as: UTF8.self) == identity,
            String(decoding: lines[2], as: UTF8.self) == output
        else { return nil }
        var pages: [String: Page] = [:]
        pages.reserveCapacity(lines.count)
        for line in lines[3..<(lines.count - 1)] {
            // key, loads, five stamp numbers, then the path (which may hold spaces).
            let fields = line.split(separator: UInt8(ascii: " "), maxSplits: 7, omittingEmptySubsequences: false)
            guard fields.count == 8, fields[0].count == 32, !fields[7].isEmpty,
                let loads = UInt8(String(decoding: fields[1], as: UTF8.self)),
                let stamp = DocumentLoadMemo.Stamp(
                    numbers: fields[2..<7].compactMap { Int64(String(decoding: $0, as: UTF8.self)) })
            else { return nil }
            let key = String(decoding: fields[0], as: UTF8.self)
            pages[String(decoding: fields[7], as: UTF8.self)] = Page(
                key: key, loads: PageAssets.Loads(rawValue: loads), stamp: stamp)
        }
        return pages
    }
}
