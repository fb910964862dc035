import DossierCore
@testable import DossierSite
import Foundation
import Testing

/// The search index's bytes are pinned: the digests below are of the files the index wrote before
/// it was built to stream (issue 15), so a leaner way of building it cannot change one byte of what
/// a site serves. A failure here means the output changed: find out why before updating a digest.
@Suite struct SearchIndexBytesTests {
    /// Synthetic pages (Zipf vocabulary, headings, schema fields, run params) with definitions,
    /// facts, non-ASCII titles, snippets and anchors on some of them: every part of an entry.
    static func richEntries(count: Int, seed: UInt64) -> [SearchEntry] {
        let unicode = ["Adélie", "模型 機械学習", "ΚΌΣΜΟΣ", "ｆｕｌｌ", "𝐛𝐨𝐥𝐝", "naïve café", "한국어 모델"]
        return SearchIndexTests.syntheticEntries(count: count, seed: seed).enumerated().map { i, entry in
            var entry = entry
            if i % 5 == 0 { entry.title += " " + unicode[i % unicode.count] }
            if i % 3 == 0 {
                entry.snippet = "Snippet \(i) <b>\"quoted\"</b> " + unicode[(i / 3) % unicode.count]
                entry.anchors = (0..<(i % 4)).map {
                    SearchEntry.Anchor(label: "field_\($0) é", id: "field-\($0)", kind: $0 % 2 == 0 ? "field" : "run")
                }
            }
            if i % 7 == 0 { entry.definitions = ["defined_\(i % 50)", "species"] }
            if i % 4 == 0 { entry.facts = ["ml-team", "library \(i % 9)", unicode[i % unicode.count]] }
            return entry
        }
    }

    /// Made once: the generator is slow in a debug build.
    static let rich = richEntries(count: 3_000, seed: 11)

    /// One digest over every file's path and bytes, in the order the index lists them.
    static func digest(_ files: [(path: String, contents: String)]) -> String {
        var digest = PinnedDigest()
        digest.add("files \(files.count)")
        for file in files {
            digest.add(file.path)
            digest.add(file.contents)
        }
        return digest.hex
    }

    /// The digest the pinned values were taken with (`StableDigest` as it was then, a byte at a
    /// time), kept here so a faster cache digest cannot move them.
    struct PinnedDigest {
        private var a: UInt64 = 0xcbf2_9ce4_8422_2325
        private var b: UInt64 = 0x6c62_272e_07bb_0142

        mutating func add(_ text: String) {
            for byte in text.utf8 { add(byte) }
            var marker = UInt64(text.utf8.count) ^ 0xff00_ff00_ff00_ff00
            withUnsafeBytes(of: &marker) { for byte in $0 { add(byte) } }
        }

        private mutating func add(_ byte: UInt8) {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 &+ 0x9e37_79b9
        }

        var hex: String {
            func hex16(_ value: UInt64) -> String {
                let digits = String(value, radix: 16)
                return String(repeating: "0", count: 16 - digits.count) + digits
            }
            return hex16(a) + hex16(b)
        }
    }

    @Test func richIndexBytesAreUnchanged() {
        let files = SearchIndex.files(for: Self.rich)
        #expect(files.count == 250)
        #expect(Self.digest(files) == "b282dec687af9717f805e1cb8317022f")
    }

    @Test func richIndexCutIntoSmallShardsIsUnchanged() {
        // A small target cuts the common terms into pieces and makes many shards.
        let files = SearchIndex.files(for: Self.rich, shardTargetBytes: 1024)
        #expect(files.count == 4589)
        #expect(Self.digest(files) == "9fab3cd7e1173d2c2230c7cc0c2ea1fe")
    }

    @Test func aTermOnEveryPageCutOverShardsIsUnchanged() {
        let files = SearchIndex.files(for: SearchShardBoundTests.entries(count: 3_000), shardTargetBytes: 2048)
        #expect(files.count == 187)
        #expect(Self.digest(files) == "c7c4ed1cfe08eca022ebf2cbe8af9d52")
    }

    @Test func smallIndexesAreUnchanged() {
        let fixture = SearchIndex.files(for: SearchIndexTests.javaScriptFixtureEntries, shardTargetBytes: 120)
        #expect(Self.digest(fixture) == "106de8c1bcbc08424a8a9fa889ae3ac1")
        #expect(Self.digest(SearchIndex.files(for: [])) == "1f1d2967e9e132721f07b6842ec26b85")
        let one = SearchIndex.files(for: [SearchEntry(url: "a.html", title: "Alone", kind: "page", text: "x y zz")])
        #expect(Self.digest(one) == "37e39f6f7d4d0c40e91586f464c1a6f5")
    }

    // MARK: - Streaming

    /// What `SearchIndex.write` did, in order, from whichever thread.
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var logged: [String] = []
        func add(_ event: String) { lock.withLock { logged.append(event) } }
        var events: [String] { lock.withLock { logged } }
    }

    @Test func eachDocumentFileIsWrittenAsSoonAsItsEntriesAreIndexed() throws {
        // Under 256 documents the index is one slice, so the order of events is fixed.
        let log = Log()
        let entries = Array(Self.rich.prefix(200))
        SearchIndex.write(count: entries.count) { i in
            log.add("entry \(i)")
            return entries[i]
        } emit: { path, _ in
            log.add(path)
        }
        let events = log.events
        // Every entry is made once, when it is indexed, and no entry is kept for later: each chunk's
        // file goes out right after its last entry, before the next entry is made.
        #expect(events.filter { $0.hasPrefix("entry ") } == (0..<200).map { "entry \($0)" })
        for chunk in 0..<8 {
            let written = try #require(events.firstIndex(of: "dossier/search/d-\(chunk).js"))
            #expect(events[written - 1] == "entry \(chunk * 25 + 24)")
        }
        #expect(events.last == "dossier/search/manifest.js")
        #expect(events.filter { $0.hasPrefix("dossier/") }.sorted() == SearchIndex.files(for: entries).map(\.path))
    }

    @Test func aBundleBuiltFileByFileIsTheEncodedBundle() throws {
        let files = [
            SiteFile(path: "dossier/search/d-0.js", bytes: [1, 2]), SiteFile(path: "dossier/search/m.js", text: ""),
        ]
        var bundle = CachedFileBundle.start()
        for (path, bytes) in [("dossier/search/d-0.js", [UInt8]([1, 2])), ("dossier/search/m.js", [])] {
            bytes.withUnsafeBytes { CachedFileBundle.append(path: path, bytes: $0, to: &bundle) }
        }
        #expect(bundle == CachedFileBundle.encode(files))
        let contents = try #require(CachedFileBundle.contents(of: bundle, folder: "dossier/search/"))
        #expect(contents.map(\.path) == files.map(\.path))
        #expect(contents.map { Array(bundle[$0.bytes]) } == [[1, 2], []])
    }
}
