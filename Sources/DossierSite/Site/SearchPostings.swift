import DossierCore
import Foundation

/// Every term of the index with the documents it appears in: `postings[id]` lists
/// `document number << 8 | weight` in document order for the term `terms[id]`.
package struct SearchPostings: Sendable {
    package var terms: SearchTermTable
    package var postings: [[UInt32]]

    /// Where in a document a term was seen. Title, headings and fields/params count once however
    /// often the word appears there.
    package enum Field: UInt8 {
        case body = 0
        case title = 1
        case heading = 2
        case fieldOrParam = 4
        case definition = 8
    }

    /// How much one document's use of a term counts. Body occurrences count up to a cap, so a long
    /// page that repeats a word never outranks a page named for it (10 > 5).
    package enum Weight {
        package static let title: UInt32 = 10
        package static let heading: UInt32 = 5
        package static let fieldOrParam: UInt32 = 4
        /// A schema field's key or a run's name: the page that defines it ranks above pages that
        /// mention it.
        package static let definition: UInt32 = 8
        package static let bodyCap: UInt32 = 5

        package static func of(places: UInt8, bodyCount: UInt32) -> UInt32 {
            (places & Field.title.rawValue != 0 ? title : 0)
                + (places & Field.heading.rawValue != 0 ? heading : 0)
                + (places & Field.fieldOrParam.rawValue != 0 ? fieldOrParam : 0)
                + (places & Field.definition.rawValue != 0 ? definition : 0)
                + min(bodyCount, bodyCap)
        }
    }

    /// Joins the postings of consecutive slices of the documents (each from a `Builder`, in document
    /// order), so each term's postings stay sorted by document number without a sort. Every list is
    /// allocated once at its final size, and each slice is released as soon as it is copied: at no
    /// time are the postings held twice over, nor lists grown by doubling.
    package static func merge(_ slices: inout [SearchPostings]) -> SearchPostings {
        if slices.count <= 1 {
            defer { slices.removeAll() }
            return slices.first ?? SearchPostings(terms: SearchTermTable(capacity: 0), postings: [])
        }
        var terms = SearchTermTable(capacity: slices.map(\.terms.count).max() ?? 0)
        var counts: [Int] = []
        // Per slice, the merged id of each of its terms (-1 for a term without postings).
        let ids: [[Int32]] = slices.map { slice in
            (0..<slice.terms.count).map { id in
                if slice.postings[id].isEmpty { return -1 }
                let merged = slice.terms.withBytes(of: id) { terms.id(of: $0) }
                if merged == counts.count { counts.append(0) }
                counts[merged] += slice.postings[id].count
                return Int32(merged)
            }
        }
        var postings = counts.map { count -> [UInt32] in
            var list: [UInt32] = []
            list.reserveCapacity(count)
            return list
        }
        for k in slices.indices {
            let slice = slices[k].postings
            slices[k] = SearchPostings(terms: SearchTermTable(capacity: 0), postings: [])
            for (id, merged) in ids[k].enumerated() where merged >= 0 {
                postings[Int(merged)].append(contentsOf: slice[id])
            }
        }
        slices.removeAll()
        return SearchPostings(terms: terms, postings: postings)
    }

    /// The postings of consecutive chunks of documents joined as each chunk is read, into one
    /// term table: a build after an edit reads hundreds of stored chunks (`CachedSearchChunk`),
    /// and a table made per chunk and then merged cost more than reading them. Chunks come in
    /// document order, so each term's list stays sorted by appending. A chunk that turns out
    /// malformed halfway is undone (`undoChunk`): its terms keep their ids with the lists they
    /// had (terms left without postings are passed over like any empty list).
    package struct Joined {
        private var terms: SearchTermTable
        private var postings: [[UInt32]] = []
        /// Per term, the serial of the last chunk that gave it postings.
        private var lastChunk: [Int] = []
        private var serial = 0
        /// The terms the current chunk gave postings to, with their lists' counts before it.
        private var touched: [(id: Int, count: Int)] = []

        package init(expectedTerms: Int) {
            terms = SearchTermTable(capacity: expectedTerms)
        }

        /// Starts the next chunk.
        package mutating func beginChunk() {
            serial += 1
            touched.removeAll(keepingCapacity: true)
        }

        /// The id of `term`, whose postings the current chunk gives next (`append`); nil when
        /// it gave that term postings already (a malformed chunk). `term` is 1 to 255 bytes
        /// without a zero byte.
        package mutating func startTerm(_ term: UnsafeBufferPointer<UInt8>) -> Int? {
            let id = terms.id(of: term)
            if id == postings.count {
                postings.append([])
                lastChunk.append(0)
            }
            guard lastChunk[id] != serial else { return nil }
            lastChunk[id] = serial
            touched.append((id, postings[id].count))
            return id
        }

        /// Gives term `id` (`startTerm`) the current chunk's postings `list`, in document order.
        package mutating func append(_ list: [UInt32], to id: Int) {
            postings[id].append(contentsOf: list)
        }

        /// Gives term `id` (`startTerm`) the current chunk's postings, in document order, as they
        /// lie in a stored chunk: 4 bytes each, little-endian, anywhere (unaligned). Copied whole.
        package mutating func append(littleEndian bytes: UnsafeRawBufferPointer, to id: Int) {
            let count = bytes.count / 4
            #if _endian(little)
                let start = postings[id].count
                postings[id].append(contentsOf: repeatElement(0, count: count))
                postings[id].withUnsafeMutableBytes { list in
                    list.baseAddress!.advanced(by: 4 * start).copyMemory(from: bytes.baseAddress!, byteCount: 4 * count)
                }
            #else
                for k in 0..<count {
                    postings[id].append(
                        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 4 * k, as: UInt32.self)))
                }
            #endif
        }

        /// Takes back every posting the current chunk gave.
        package mutating func undoChunk() {
            for (id, count) in touched { postings[id].removeSubrange(count...) }
            touched.removeAll(keepingCapacity: true)
        }

        /// Joins a chunk made anew (`SearchIndex.chunk`) as the next chunk.
        package mutating func add(_ chunk: SearchPostings) {
            beginChunk()
            for id in chunk.postings.indices where !chunk.postings[id].isEmpty {
                // Each term of a table is there once, so the chunk never gives one twice.
                guard let joined = chunk.terms.withBytes(of: id, { startTerm($0) }) else { continue }
                postings[joined].append(contentsOf: chunk.postings[id])
            }
        }

        /// The joined postings; the joiner is left empty.
        package mutating func finish() -> SearchPostings {
            defer { self = Joined(expectedTerms: 0) }
            return SearchPostings(terms: terms, postings: postings)
        }
    }

    /// One slice's postings. A term's weight in a document is known only when the document ends,
    /// so what was seen collects per term while the document is read and becomes a posting then.
    ///
    /// Postings go to one flat list in the order they are made and are grouped by term once, at
    /// the end: appending to a separate array per term touched a cold array header for nearly
    /// every posting, which cost more than tokenizing.
    package struct Builder: SearchTermSink {
        /// The stop words take the first ids of every table, so dropping them costs no extra lookup.
        package static let stopWordCount = SearchTokenizer.stopWords.count

        private var terms: SearchTermTable
        private let bodyLimitBytes: Int
        /// `term id << 32 | document number << 8 | weight`, in document order.
        private var flat: [UInt64] = []
        /// Per term, for the current document: the places it was seen (`Field` bits) << 8 | body
        /// occurrences (saturating at 255); 0 when not seen.
        private var seen: [UInt32] = []
        /// Terms seen in the current document, to reset without scanning every term.
        private var touched: [Int] = []
        /// Where the terms being scanned come from.
        private var field = Field.body

        package init(expectedTerms: Int, bodyLimitBytes: Int) {
            terms = SearchTermTable(capacity: expectedTerms)
            self.bodyLimitBytes = bodyLimitBytes
            for word in SearchTokenizer.stopWords {
                var word = word
                _ = word.withUTF8 { terms.id(of: $0) }
            }
            seen = Array(repeating: 0, count: Self.stopWordCount)
            seen.reserveCapacity(expectedTerms)
        }

        package mutating func add(_ entry: SearchEntry, number: UInt32) {
            field = .title
            SearchTokenizer.scan(entry.title, into: &self)
            field = .heading
            for heading in entry.headings { SearchTokenizer.scan(heading, into: &self) }
            for text in entry.facts { SearchTokenizer.scan(text, into: &self) }
            field = .definition
            for text in entry.definitions { SearchTokenizer.scan(text, into: &self) }
            field = .fieldOrParam
            for text in entry.fields { SearchTokenizer.scan(text, into: &self) }
            for text in entry.params { SearchTokenizer.scan(text, into: &self) }
            field = .body
            SearchTokenizer.scan(entry.text, maxBytes: bodyLimitBytes, into: &self)
            for id in touched {
                let weight = Weight.of(places: UInt8(seen[id] >> 8), bodyCount: seen[id] & 0xFF)
                flat.append(UInt64(id) << 32 | UInt64(number << 8 | weight))
                seen[id] = 0
            }
            touched.removeAll(keepingCapacity: true)
        }

        package mutating func take(_ term: UnsafeBufferPointer<UInt8>) {
            record(term)
            // The stem too, so `flippers` finds `flipper` (search.js stems the query the same way).
            let last = term.last ?? 0
            guard term.count >= 4, last == UInt8(ascii: "s") || last == UInt8(ascii: "d") || last == UInt8(ascii: "g")
            else { return }
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: term.count + 1) { out in
                if let length = SearchStemmer.stem(term, into: out) {
                    record(UnsafeBufferPointer(rebasing: out[0..<length]))
                }
            }
        }

        // Inlined, with the table's look-up, into `take`: three calls per word cost more than the
        // bookkeeping they did (callgrind, 1,000 documents).
        @inline(__always)
        private mutating func record(_ term: UnsafeBufferPointer<UInt8>) {
            let id = terms.id(of: term)
            if id < Self.stopWordCount { return }
            if id == seen.count { seen.append(0) }
            let current = seen[id]
            if current == 0 { touched.append(id) }
            if field == .body {
                if current & 0xFF < 0xFF { seen[id] = current + 1 }
            } else {
                seen[id] = current | UInt32(field.rawValue) << 8
            }
        }

        /// Groups the flat postings by term; a stable counting sort keeps document order. The flat
        /// list and the per-document state are released.
        package mutating func finish() -> SearchPostings {
            var counts = Array(repeating: 0, count: terms.count)
            for posting in flat { counts[Int(posting >> 32)] += 1 }
            var postings = counts.map { count -> [UInt32] in
                var list: [UInt32] = []
                list.reserveCapacity(count)
                return list
            }
            for posting in flat { postings[Int(posting >> 32)].append(UInt32(truncatingIfNeeded: posting)) }
            flat = []
            seen = []
            touched = []
            return SearchPostings(terms: terms, postings: postings)
        }
    }
}

/// A set of byte strings that numbers its members in order of insertion. The index looks up every
/// word of every page; hashing the raw UTF-8 here spares making a `String` per word (only new terms
/// are stored, in one shared buffer).
///
/// Lookups are bound by cache misses, so each slot carries the term's first eight bytes: most words
/// are shorter, and they are then found or rejected by reading the slot alone. Terms hold letters
/// and digits only, never a zero byte, so the zero-padded prefix of a term under eight bytes is
/// the term itself.
package struct SearchTermTable: Sendable {
    private struct Slot {
        /// The term's first eight bytes, little-endian, zero-padded.
        package var prefix: UInt64
        /// `hash << 32 | (id + 1)`; 0 for an empty slot.
        package var meta: UInt64
    }

    private var arena: [UInt8] = []
    /// Per term: where its bytes start in `arena` << 8 | their count.
    private var spans: [UInt64] = []
    private var slots: [Slot]

    package var count: Int { spans.count }

    package init(capacity: Int) {
        var size = 64
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: Slot(prefix: 0, meta: 0), count: size)
    }

    /// The id of `term`, adding it if new. Terms are 1 to 255 bytes without zero bytes.
    @inline(__always)
    package mutating func id(of term: UnsafeBufferPointer<UInt8>) -> Int {
        let prefix = Self.prefix(term)
        let hash = Self.hash(term, prefix: prefix)
        let mask = slots.count - 1
        var index = Int(hash) & mask
        while true {
            let slot = slots[index]
            if slot.meta == 0 { break }
            if slot.prefix == prefix && UInt32(slot.meta >> 32) == hash {
                let found = Int(slot.meta & 0xFFFF_FFFF) - 1
                if term.count < 8 || equals(found, term) { return found }
            }
            index = (index + 1) & mask
        }
        let id = spans.count
        spans.append(UInt64(arena.count) << 8 | UInt64(term.count))
        arena.append(contentsOf: term)
        slots[index] = Slot(prefix: prefix, meta: UInt64(hash) << 32 | UInt64(id + 1))
        if spans.count * 2 > slots.count { grow() }
        return id
    }

    package func withBytes<R>(of id: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let span = spans[id]
        let start = Int(span >> 8)
        return arena.withUnsafeBufferPointer {
            body(UnsafeBufferPointer(rebasing: $0[start..<(start + Int(span & 0xFF))]))
        }
    }

    package func string(of id: Int) -> String { withBytes(of: id) { String(decoding: $0, as: UTF8.self) } }

    private func equals(_ id: Int, _ term: UnsafeBufferPointer<UInt8>) -> Bool {
        let span = spans[id]
        guard Int(span & 0xFF) == term.count else { return false }
        return arena.withUnsafeBufferPointer { stored in
            memcmp(stored.baseAddress! + Int(span >> 8), term.baseAddress!, term.count) == 0
        }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(prefix: 0, meta: 0), count: old.count * 2)
        let mask = slots.count - 1
        for slot in old where slot.meta != 0 {
            var index = Int(slot.meta >> 32) & mask
            while slots[index].meta != 0 { index = (index + 1) & mask }
            slots[index] = slot
        }
    }

    @inline(__always)
    private static func prefix(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let count = bytes.count
        guard let start = bytes.baseAddress, count > 0 else { return 0 }
        let raw = UnsafeRawPointer(start)
        if count >= 8 { return UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)) }
        // Two overlapping loads of the first and last four (or two) bytes, joined: a byte-by-byte
        // loop was a seventh of the index's look-ups, and a copy into a zeroed word called memcpy
        // for every word (callgrind, 1,000 documents). The overlap holds the same bytes in both.
        if count >= 4 {
            let first = UInt64(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
            let last = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)))
            return first | last << ((count - 4) << 3)
        }
        if count >= 2 {
            let first = UInt64(UInt16(littleEndian: raw.loadUnaligned(as: UInt16.self)))
            let last = UInt64(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: count - 2, as: UInt16.self)))
            return first | last << ((count - 2) << 3)
        }
        return UInt64(start[0])
    }

    /// Multiply-and-fold over 8-byte words (the first one is the prefix already read).
    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, prefix: UInt64) -> UInt32 {
        var hash = (prefix ^ UInt64(bytes.count)) &* 0x9E37_79B9_7F4A_7C15
        var offset = 8
        while offset < bytes.count {
            let rest = UnsafeBufferPointer(rebasing: bytes[offset...])
            hash = (hash ^ (hash >> 29) ^ Self.prefix(rest)) &* 0xBF58_476D_1CE4_E5B9
            offset += 8
        }
        return UInt32(truncatingIfNeeded: ((hash ^ (hash >> 32)) &* 0x94D0_49BB_1331_11EB) >> 32)
    }
}
