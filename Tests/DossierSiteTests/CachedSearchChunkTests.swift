@testable import DossierSite
import Foundation
import Testing

/// The search index made chunk by chunk, as a cached build makes it (`SearchIndex.chunk` per
/// chunk, `SearchIndex.finish` to join them), is the index `SearchIndex.files(for:)` makes, byte
/// for byte, also when every chunk went through the cache (`CachedSearchChunk`); and a stored
/// chunk that is not well formed is a miss, never a crash.
@Suite struct CachedSearchChunkTests {
    /// The index's files made chunk by chunk; with `roundTrip`, each chunk is encoded and decoded
    /// as a cached build reads it back.
    static func chunked(
        _ entries: [SearchEntry], shardTargetBytes: Int = SearchIndex.shardTargetBytes, roundTrip: Bool
    ) throws -> [(path: String, contents: String)] {
        var files: [(path: String, bytes: [UInt8])] = []
        var slices: [SearchPostings] = []
        let perChunk = SearchIndex.docsPerChunk
        for chunk in 0..<((entries.count + perChunk - 1) / perChunk) {
            let documents = (chunk * perChunk)..<min(entries.count, (chunk + 1) * perChunk)
            var made = SearchIndex.chunk(chunk, entries: Array(entries[documents]))
            if roundTrip {
                let bytes = CachedSearchChunk.encode(docs: made.docs, postings: made.postings)
                made = try #require(CachedSearchChunk.decode(bytes, chunk: chunk, documents: documents))
            }
            files.append((SearchIndex.documentFilePath(chunk: chunk), made.docs))
            slices.append(made.postings)
        }
        SearchIndex.finish(count: entries.count, slices: &slices, shardTargetBytes: shardTargetBytes) {
            files.append(($0, $1))
        }
        return files.map { (path: $0.path, contents: String(decoding: $0.bytes, as: UTF8.self)) }
            .sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    static func expectSame(
        _ a: [(path: String, contents: String)], _ b: [(path: String, contents: String)]
    ) {
        #expect(a.map(\.path) == b.map(\.path))
        #expect(a.map(\.contents) == b.map(\.contents))
    }

    @Test(arguments: [false, true]) func chunksJoinedAreTheWholeIndex(roundTrip: Bool) throws {
        let rich = SearchIndexBytesTests.rich
        Self.expectSame(try Self.chunked(rich, roundTrip: roundTrip), SearchIndex.files(for: rich))
        Self.expectSame(
            try Self.chunked(rich, shardTargetBytes: 1024, roundTrip: roundTrip),
            SearchIndex.files(for: rich, shardTargetBytes: 1024))
        let everyPage = SearchShardBoundTests.entries(count: 3_000)
        Self.expectSame(
            try Self.chunked(everyPage, shardTargetBytes: 2048, roundTrip: roundTrip),
            SearchIndex.files(for: everyPage, shardTargetBytes: 2048))
        let fixture = SearchIndexTests.javaScriptFixtureEntries
        Self.expectSame(
            try Self.chunked(fixture, shardTargetBytes: 120, roundTrip: roundTrip),
            SearchIndex.files(for: fixture, shardTargetBytes: 120))
        Self.expectSame(try Self.chunked([], roundTrip: roundTrip), SearchIndex.files(for: []))
    }

    /// Postings as term → list, whatever the term ids.
    static func byTerm(_ postings: SearchPostings) -> [String: [UInt32]] {
        var out: [String: [UInt32]] = [:]
        for id in postings.postings.indices where !postings.postings[id].isEmpty {
            out[postings.terms.string(of: id)] = postings.postings[id]
        }
        return out
    }

    /// A slice's postings cut into chunks (a first cached build) read back as the chunks made alone.
    @Test func slicesCutIntoChunksAreTheChunks() throws {
        let entries = Array(SearchIndexBytesTests.rich.prefix(1_010))
        final class Stored: @unchecked Sendable {
            let lock = NSLock()
            var entries: [Int: [UInt8]] = [:]
        }
        let stored = Stored()
        SearchIndex.write(
            count: entries.count, entry: { entries[$0] },
            sliced: { docs, postings in
                CachedSearchChunk.encode(split: postings, docs: docs) { chunk, entry in
                    stored.lock.withLock { stored.entries[chunk] = entry }
                }
            }, emit: { _, _ in })
        let perChunk = SearchIndex.docsPerChunk
        let chunkCount = (entries.count + perChunk - 1) / perChunk
        #expect(stored.entries.count == chunkCount)
        for chunk in 0..<chunkCount {
            let documents = (chunk * perChunk)..<min(entries.count, (chunk + 1) * perChunk)
            let alone = SearchIndex.chunk(chunk, entries: Array(entries[documents]))
            let bytes = try #require(stored.entries[chunk])
            let read = try #require(CachedSearchChunk.decode(bytes, chunk: chunk, documents: documents))
            #expect(read.docs == alone.docs)
            #expect(Self.byTerm(read.postings) == Self.byTerm(alone.postings))
        }
    }

    /// A stored chunk of documents 25..<50 (chunk 1) and its parts.
    static func storedChunk() -> (bytes: [UInt8], docs: [UInt8], postings: SearchPostings) {
        let entries = Array(SearchIndexBytesTests.rich[25..<50])
        let made = SearchIndex.chunk(1, entries: entries)
        return (CachedSearchChunk.encode(docs: made.docs, postings: made.postings), made.docs, made.postings)
    }

    @Test func aChunkReadsBackAsItWasStored() throws {
        let stored = Self.storedChunk()
        let read = try #require(CachedSearchChunk.decode(stored.bytes, chunk: 1, documents: 25..<50))
        #expect(read.docs == stored.docs)
        let kept = stored.postings.postings.indices.filter { !stored.postings.postings[$0].isEmpty }
        #expect(read.postings.terms.count == kept.count)
        for (id, original) in kept.enumerated() {
            #expect(read.postings.terms.string(of: id) == stored.postings.terms.string(of: original))
            #expect(read.postings.postings[id] == stored.postings.postings[original])
        }
    }

    @Test func aMalformedChunkIsAMiss() {
        let bytes = Self.storedChunk().bytes
        // Another chunk's or other documents' entry.
        #expect(CachedSearchChunk.decode(bytes, chunk: 2, documents: 50..<75) == nil)
        #expect(CachedSearchChunk.decode(bytes, chunk: 1, documents: 25..<40) == nil)
        // Cut anywhere, or with bytes after its end.
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 300)) {
            #expect(CachedSearchChunk.decode(Array(bytes[0..<length]), chunk: 1, documents: 25..<50) == nil)
        }
        #expect(CachedSearchChunk.decode(bytes + [0], chunk: 1, documents: 25..<50) == nil)
        // Any byte changed: either a miss or an entry that still reads as a well-formed chunk
        // (a changed letter of a term or of the document file); never a crash.
        for at in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 500)) {
            for value: UInt8 in [0, 0xFF, bytes[at] &+ 1] {
                var changed = bytes
                changed[at] = value
                _ = CachedSearchChunk.decode(changed, chunk: 1, documents: 25..<50)
            }
        }
    }

    /// A cached build reads the stored chunks into a few joined slices (`SearchPostings.Joined`),
    /// one table per slice: the index is still the whole index, byte for byte.
    @Test func chunksReadIntoJoinedSlicesAreTheWholeIndex() throws {
        for (entries, target) in [
            (SearchIndexBytesTests.rich, SearchIndex.shardTargetBytes), (SearchIndexBytesTests.rich, 1024),
            (SearchShardBoundTests.entries(count: 3_000), 2048), (SearchIndexTests.javaScriptFixtureEntries, 120),
        ] {
            let perChunk = SearchIndex.docsPerChunk
            let chunks = (entries.count + perChunk - 1) / perChunk
            var files: [(path: String, bytes: [UInt8])] = []
            var slices: [SearchPostings] = []
            var joined = SearchPostings.Joined(expectedTerms: 16)
            for chunk in 0..<chunks {
                let documents = (chunk * perChunk)..<min(entries.count, (chunk + 1) * perChunk)
                let made = SearchIndex.chunk(chunk, entries: Array(entries[documents]))
                if chunk % 3 == 2 {
                    // Made anew (the edited chunk) rather than read.
                    joined.add(made.postings)
                    files.append((SearchIndex.documentFilePath(chunk: chunk), made.docs))
                } else {
                    let bytes = CachedSearchChunk.encode(docs: made.docs, postings: made.postings)
                    let docs = try #require(
                        CachedSearchChunk.decode(bytes, chunk: chunk, documents: documents, into: &joined))
                    files.append((SearchIndex.documentFilePath(chunk: chunk), docs))
                }
                // Two slices, as the threads that read them make.
                if chunk == chunks / 2 || chunk == chunks - 1 { slices.append(joined.finish()) }
            }
            SearchIndex.finish(count: entries.count, slices: &slices, shardTargetBytes: target) {
                files.append(($0, $1))
            }
            let read = files.map { (path: $0.path, contents: String(decoding: $0.bytes, as: UTF8.self)) }
                .sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
            Self.expectSame(read, SearchIndex.files(for: entries, shardTargetBytes: target))
        }
    }

    /// A stored chunk found malformed halfway through its postings leaves the joined slice as it
    /// was: the chunk made anew and joined then gives the postings a clean join gives.
    @Test func aChunkMalformedHalfwayIsUndone() throws {
        let entries = Array(SearchIndexBytesTests.rich[0..<50])
        let first = SearchIndex.chunk(0, entries: Array(entries[0..<25]))
        let second = SearchIndex.chunk(1, entries: Array(entries[25..<50]))
        let secondBytes = CachedSearchChunk.encode(docs: second.docs, postings: second.postings)
        var clean = SearchPostings.Joined(expectedTerms: 16)
        clean.add(first.postings)
        clean.add(second.postings)
        let expected = Self.byTerm(clean.finish())
        var cuts = 0
        for length in stride(from: secondBytes.count / 2, to: secondBytes.count, by: 7) {
            var joined = SearchPostings.Joined(expectedTerms: 16)
            joined.add(first.postings)
            #expect(
                CachedSearchChunk.decode(
                    Array(secondBytes[0..<length]), chunk: 1, documents: 25..<50, into: &joined) == nil)
            joined.add(second.postings)
            #expect(Self.byTerm(joined.finish()) == expected)
            cuts += 1
        }
        #expect(cuts > 3)
    }

    @Test func postingsOutOfOrderOrATermTwiceAreAMiss() {
        var terms = SearchTermTable(capacity: 4)
        var bytes = Array("alpha".utf8)
        _ = bytes.withUnsafeBufferPointer { terms.id(of: $0) }
        let docs = SearchIndex.documentFileStart(chunk: 0) + Array("]);\n".utf8)
        let good = CachedSearchChunk.encode(
            docs: docs, postings: SearchPostings(terms: terms, postings: [[0 << 8 | 5, 3 << 8 | 1]]))
        #expect(CachedSearchChunk.decode(good, chunk: 0, documents: 0..<25) != nil)
        let backwards = CachedSearchChunk.encode(
            docs: docs, postings: SearchPostings(terms: terms, postings: [[3 << 8 | 5, 0 << 8 | 1]]))
        #expect(CachedSearchChunk.decode(backwards, chunk: 0, documents: 0..<25) == nil)
        let repeated = CachedSearchChunk.encode(
            docs: docs, postings: SearchPostings(terms: terms, postings: [[3 << 8 | 5, 3 << 8 | 1]]))
        #expect(CachedSearchChunk.decode(repeated, chunk: 0, documents: 0..<25) == nil)
        // The same term twice: the second would get the first one's id.
        bytes = Array("beta".utf8)
        _ = bytes.withUnsafeBufferPointer { terms.id(of: $0) }
        var twice = CachedSearchChunk.encode(
            docs: docs, postings: SearchPostings(terms: terms, postings: [[1 << 8 | 5], [2 << 8 | 5]]))
        let beta = twice.indices.first { twice[$0...].starts(with: Array("beta".utf8)) }!
        twice.replaceSubrange(beta..<(beta + 4), with: Array("alph".utf8))
        twice[beta - 1] = 5
        twice.insert(UInt8(ascii: "a"), at: beta + 4)
        #expect(CachedSearchChunk.decode(twice, chunk: 0, documents: 0..<25) == nil)
    }
}
