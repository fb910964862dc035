/// One chunk of the search index (`SearchIndex.docsPerChunk` documents) as a build-cache entry:
/// its document file and its postings, so a build after one edit tokenizes only the chunk that
/// holds the edited document and joins the others' stored postings (`SearchIndex.finish`).
///
/// Layout: a header line, the document file's byte count (4 bytes, little-endian) and bytes,
/// the number of terms, then per term its byte count (1 byte), its bytes, its number of
/// postings and the postings (4 bytes each). The entry is read as hostile input: a term must be
/// 1 to 255 bytes without a zero byte, each posting must name a document of the chunk, in
/// increasing order (the shards write gaps between them), the document file must be the
/// chunk's, and every count must fit in what was read; anything else is a miss.
package enum CachedSearchChunk {
    private static let header = Array("dossier-search-chunk 1\n".utf8)

    /// The entry for a chunk whose document file is `docs` and whose postings are `postings`.
    package static func encode(docs: [UInt8], postings: SearchPostings) -> [UInt8] {
        var out = header
        out.reserveCapacity(header.count + docs.count + 8 * postings.postings.count)
        append(UInt32(docs.count), to: &out)
        out += docs
        let ids = postings.postings.indices.filter { !postings.postings[$0].isEmpty }
        append(UInt32(ids.count), to: &out)
        for id in ids {
            postings.terms.withBytes(of: id) { term in
                out.append(UInt8(term.count))
                out.append(contentsOf: term)
            }
            let list = postings.postings[id]
            append(UInt32(list.count), to: &out)
            append(list[...], to: &out)
        }
        return out
    }

    /// The entries of consecutive chunks made together (`SearchIndex.write`'s slices): `docs` are
    /// their document files, in chunk order, and `postings` the postings of all their documents.
    /// Each entry decodes to the postings `SearchIndex.chunk` makes of the chunk alone. Each is
    /// begun with its document file and a place for its term count, filled in at the end, and
    /// handed to `body` then released, so no entry is copied and they are not all held at once.
    package static func encode(
        split postings: SearchPostings, docs: [(chunk: Int, bytes: [UInt8])], _ body: (Int, [UInt8]) -> Void
    ) {
        guard let first = docs.first?.chunk else { return }
        var entries = docs.map { chunk -> [UInt8] in
            var out = header
            append(UInt32(chunk.bytes.count), to: &out)
            out += chunk.bytes
            append(0, to: &out)  // the term count
            return out
        }
        let countAt = entries.map { $0.count - 4 }
        var counts = Array(repeating: UInt32(0), count: docs.count)
        for id in postings.postings.indices where !postings.postings[id].isEmpty {
            let list = postings.postings[id]
            var start = 0
            while start < list.count {
                let chunk = Int(list[start] >> 8) / SearchIndex.docsPerChunk
                var end = start + 1
                while end < list.count && Int(list[end] >> 8) / SearchIndex.docsPerChunk == chunk { end += 1 }
                let k = chunk - first
                guard k >= 0, k < docs.count else { break }  // not a document of these chunks
                postings.terms.withBytes(of: id) { term in
                    entries[k].append(UInt8(term.count))
                    entries[k].append(contentsOf: term)
                }
                append(UInt32(end - start), to: &entries[k])
                append(list[start..<end], to: &entries[k])
                counts[k] += 1
                start = end
            }
        }
        for k in docs.indices {
            var entry: [UInt8] = []
            swap(&entry, &entries[k])
            for byte in 0..<4 { entry[countAt[k] + byte] = UInt8(truncatingIfNeeded: counts[k] >> (8 * UInt32(byte))) }
            body(docs[k].chunk, entry)
        }
    }

    /// The document file and postings of chunk `chunk`, whose documents are `documents`; nil
    /// when `bytes` is not a well-formed entry for it.
    package static func decode(
        _ bytes: [UInt8], chunk: Int, documents: Range<Int>
    ) -> (docs: [UInt8], postings: SearchPostings)? {
        var joined = SearchPostings.Joined(expectedTerms: 1024)
        guard let docs = decode(bytes, chunk: chunk, documents: documents, into: &joined) else { return nil }
        return (docs, joined.finish())
    }

    /// The document file of chunk `chunk`, whose documents are `documents`, its postings joined
    /// to `joined` as its next chunk; nil (and `joined` as it was) when `bytes` is not a
    /// well-formed entry for it.
    package static func decode(
        _ bytes: [UInt8], chunk: Int, documents: Range<Int>, into joined: inout SearchPostings.Joined
    ) -> [UInt8]? {
        joined.beginChunk()
        let docs = bytes.withUnsafeBufferPointer { buffer -> [UInt8]? in
            guard buffer.count >= header.count, buffer[0..<header.count].elementsEqual(header),
                let base = buffer.baseAddress
            else { return nil }
            let raw = UnsafeRawPointer(base)
            var at = header.count
            func integer() -> Int? {
                guard buffer.count - at >= 4 else { return nil }
                defer { at += 4 }
                return Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
            }
            guard let docsCount = integer(), docsCount <= buffer.count - at else { return nil }
            let docs = Array(buffer[at..<(at + docsCount)])
            at += docsCount
            let start = SearchIndex.documentFileStart(chunk: chunk)
            guard docs.count > start.count, docs[0..<start.count].elementsEqual(start) else { return nil }
            // Each term takes at least 6 bytes, so a count past what is left is malformed.
            guard let termCount = integer(), termCount <= (buffer.count - at) / 6 else { return nil }
            // A term's postings are checked where they lie, then copied to its list at once: made
            // into a list of their own first, one by one, they cost half the read (callgrind,
            // 10,000 documents: 127 M instructions, a million postings).
            for _ in 0..<termCount {
                guard at < buffer.count else { return nil }
                let length = Int(buffer[at])
                at += 1
                guard length > 0, length <= buffer.count - at else { return nil }
                let term = UnsafeBufferPointer(rebasing: buffer[at..<(at + length)])
                // A term given twice would be given the first one's list again.
                guard !term.contains(0), let id = joined.startTerm(term) else { return nil }
                at += length
                guard let count = integer(), count > 0, count <= (buffer.count - at) / 4 else { return nil }
                // The count was checked against what is left: read the postings straight. In
                // increasing order, they are all the chunk's when the first and the last are.
                let postings = UnsafeRawBufferPointer(start: raw + at, count: 4 * count)
                var previous = -1
                for offset in stride(from: 0, to: postings.count, by: 4) {
                    let document = Int(
                        UInt32(littleEndian: postings.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) >> 8)
                    guard document > previous else { return nil }
                    previous = document
                }
                let first = Int(UInt32(littleEndian: postings.loadUnaligned(as: UInt32.self)) >> 8)
                guard documents.contains(first), documents.contains(previous) else { return nil }
                joined.append(littleEndian: postings, to: id)
                at += 4 * count
            }
            guard at == buffer.count else { return nil }
            return docs
        }
        if docs == nil { joined.undoChunk() }
        return docs
    }

    /// `values`, 4 bytes each, little-endian: at once rather than byte by byte, which cost more
    /// than the rest of making the entries (callgrind, 1,000 documents).
    private static func append(_ values: ArraySlice<UInt32>, to out: inout [UInt8]) {
        #if _endian(little)
            values.withUnsafeBytes { out.append(contentsOf: $0) }
        #else
            for value in values { append(value, to: &out) }
        #endif
    }

    private static func append(_ value: UInt32, to out: inout [UInt8]) {
        out.append(UInt8(truncatingIfNeeded: value))
        out.append(UInt8(truncatingIfNeeded: value >> 8))
        out.append(UInt8(truncatingIfNeeded: value >> 16))
        out.append(UInt8(truncatingIfNeeded: value >> 24))
    }
}
