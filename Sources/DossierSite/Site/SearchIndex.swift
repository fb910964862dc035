import DossierCore
import Foundation

/// One searchable thing: a page, or a part of one (a schema field, an experiment run).
package struct SearchEntry: Sendable {
    /// Site-relative URL, e.g. `docs/data/penguins.html` or `docs/data/penguins.html#field-species`.
    package var url: String
    package var title: String
    /// A document kind (`schema`, `data-source`, …), `page`, or `field` / `run` for sub-entries.
    package var kind: String
    package var headings: [String]
    /// Body text; the first 32 kB (UTF-8) are indexed.
    package var text: String
    /// Schema field names and descriptions.
    package var fields: [String]
    /// Experiment run names, models, hyperparameter names and values.
    package var params: [String]
    /// What the page defines (schema field keys, run names): weighted above any mention.
    package var definitions: [String]
    /// Front-matter values (`owner: ml-team`, `library_name: sklearn`): weighted like headings.
    package var facts: [String]
    /// A line to show under the result (the summary), with the query's words marked by search.js.
    package var snippet: String = ""
    /// Places on the page a result can link to: a heading, a schema field or a run, with its
    /// anchor. search.js links to the first one the query's words match.
    package var anchors: [Anchor] = []

    /// A place on a page: what it is called, its `#id` and what it is (`heading`, `field`, `run`).
    package struct Anchor: Sendable, Hashable {
        package var label: String
        package var id: String
        package var kind: String

        package init(label: String, id: String, kind: String) {
            self.label = label
            self.id = id
            self.kind = kind
        }
    }

    package init(
        url: String, title: String, kind: String, headings: [String] = [], text: String = "",
        fields: [String] = [], params: [String] = [], definitions: [String] = [], facts: [String] = []
    ) {
        self.definitions = definitions
        self.facts = facts
        self.url = url
        self.title = title
        self.kind = kind
        self.headings = headings
        self.text = text
        self.fields = fields
        self.params = params
    }
}

/// The site's search index, split so a page loads nothing until the reader types and then only
/// the little the query needs. Every file is a script that hands its data to a callback of
/// `search.js`, because `file://` pages may not fetch JSON.
///
/// Layout under `dossier/search/`:
/// - `manifest.js`: `window.dossierSearchManifest({...})` — document count, chunk size, tokenizer
///   settings, and the first term of every term shard. Loaded on the first keystroke.
/// - `t-<n>.js`: `window.dossierSearchShard(n, {"term": [doc, weight, gap, weight, …], …})` —
///   terms in UTF-16 order, packed into shards of about `shardTargetBytes`; postings are
///   (document-number gap, weight) pairs, the first gap counted from 0.
/// - `d-<n>.js`: `window.dossierSearchDocs(n, [[url, title, kind, snippet?, anchors?], …])` — documents
///   `n * docsPerChunk ..< (n + 1) * docsPerChunk`, loaded only for the results shown.
///
/// Shards are ranges of the sorted term list rather than fixed two-letter prefixes: every shard
/// is then about the same size whatever the vocabulary, and because the manifest names the
/// shards that exist, the browser never asks for a missing file (which would log an error).
package enum SearchIndex {
    /// Where the index lives, relative to the site root.
    package static let directory = "dossier/search/"
    /// A term shard is closed once adding the next term would pass this size. 32 kB keeps a
    /// query of three letters or more to one or two small files. A term whose postings alone
    /// are larger (a word on nearly every page of a huge site) is cut over several shards of
    /// this size, so no file grows with the site; such a word costs a query one file per 32 kB.
    package static let shardTargetBytes = 32 * 1024
    /// Documents per metadata file. The top 20 results usually fall in 20 different files, so
    /// small files keep a results list cheap: 25 documents are about 2 kB, 40 kB for a full list.
    package static let docsPerChunk = 25
    /// Body text indexed per document. Enough for any page's substance; bounds pathological input.
    package static let bodyLimitBytes = 32 * 1024
    /// A posting packs the document number into 24 bits (with the weight in the other 8).
    package static let maxDocuments = 1 << 24

    /// The files of the search index, as (site-relative path under `dossier/search/`, contents),
    /// sorted by path. The same entries give the same bytes; entry order defines document numbers.
    package static func files(for entries: [SearchEntry]) -> [(path: String, contents: String)] {
        files(for: entries, shardTargetBytes: shardTargetBytes)
    }

    package static func files(for entries: [SearchEntry], shardTargetBytes: Int) -> [(path: String, contents: String)] {
        let collected = Collected()
        write(count: entries.count, shardTargetBytes: shardTargetBytes, entry: { entries[$0] }) { path, bytes in
            collected.add(path, bytes)
        }
        return collected.files.map { (path: $0.path, contents: String(decoding: $0.bytes, as: UTF8.self)) }
            .sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    /// Writes the index of documents `0..<count` (`entry(n)` is document `n`) file by file: each is
    /// handed to `emit` (site-relative path, bytes) as soon as it is complete and is not kept, so
    /// the index is never held whole (issue 15). The same entries give the same files as
    /// `files(for:)`, in no particular order; `emit` is called from several threads at once.
    ///
    /// Each core indexes whole chunks of documents, making every entry only when it indexes it and
    /// writing the chunk's document file (`d-<n>.js`) as soon as its last entry is indexed, so no
    /// entry outlives its turn. The term shards follow once all postings are in, the manifest last.
    ///
    /// `sliced` hears each slice before the slices are joined: its chunks' document files and its
    /// postings (a build cache keeps them as chunks, `CachedSearchChunk.encode(split:docs:)`).
    package static func write(
        count: Int, shardTargetBytes: Int = shardTargetBytes, entry: @Sendable (Int) -> SearchEntry,
        sliced: (@Sendable (_ docs: [(chunk: Int, bytes: [UInt8])], _ postings: SearchPostings) -> Void)? = nil,
        emit: @Sendable (_ path: String, _ bytes: [UInt8]) -> Void
    ) {
        let count = min(count, maxDocuments)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let chunks = (count + docsPerChunk - 1) / docsPerChunk
        let sliceCount = max(1, min(cores * 2, count / 256))
        let chunksPerSlice = max(1, (chunks + sliceCount - 1) / sliceCount)
        let slices = stride(from: 0, to: chunks, by: chunksPerSlice).map {
            ($0 * docsPerChunk)..<min(count, ($0 + chunksPerSlice) * docsPerChunk)
        }
        var built = slices.parallelMap { range -> SearchPostings in
            var builder = SearchPostings.Builder(expectedTerms: 4096, bodyLimitBytes: bodyLimitBytes)
            var docs: [UInt8] = []
            var kept: [(chunk: Int, bytes: [UInt8])] = []
            for doc in range {
                let entry = entry(doc)
                builder.add(entry, number: UInt32(doc))
                if doc % docsPerChunk == 0 {
                    docs = documentFileStart(chunk: doc / docsPerChunk)
                } else {
                    docs.append(UInt8(ascii: ","))
                }
                appendDocument(entry, to: &docs)
                if (doc + 1) % docsPerChunk == 0 || doc + 1 == range.upperBound {
                    docs.append(contentsOf: documentFileEnd)
                    emit(documentFilePath(chunk: doc / docsPerChunk), docs)
                    if sliced != nil { kept.append((doc / docsPerChunk, docs)) }
                }
            }
            let postings = builder.finish()
            sliced?(kept, postings)
            return postings
        }
        finish(count: count, slices: &built, shardTargetBytes: shardTargetBytes, emit: emit)
    }

    /// One chunk of the index made on its own, so a build cache can keep it: the document file of
    /// chunk `chunk` (`d-<chunk>.js`) and the postings of its `entries`, which are documents
    /// `chunk * docsPerChunk` onwards. `finish` joins the chunks' postings as `write` joins its
    /// slices', so the files are the same.
    package static func chunk(_ chunk: Int, entries: [SearchEntry]) -> (docs: [UInt8], postings: SearchPostings) {
        var builder = SearchPostings.Builder(expectedTerms: 1024, bodyLimitBytes: bodyLimitBytes)
        var docs = documentFileStart(chunk: chunk)
        for (k, entry) in entries.enumerated() {
            builder.add(entry, number: UInt32(chunk * docsPerChunk + k))
            if k > 0 { docs.append(UInt8(ascii: ",")) }
            appendDocument(entry, to: &docs)
        }
        docs.append(contentsOf: documentFileEnd)
        return (docs, builder.finish())
    }

    /// Where the document file of chunk `chunk` is, relative to the site root.
    package static func documentFilePath(chunk: Int) -> String { directory + "d-\(chunk).js" }

    /// How the document file of chunk `chunk` begins (its entries follow, comma-separated).
    package static func documentFileStart(chunk: Int) -> [UInt8] {
        Array("window.dossierSearchDocs(\(chunk),[".utf8)
    }

    private static let documentFileEnd = Array("]);\n".utf8)

    /// The term shards and the manifest of the index of `count` documents whose postings are
    /// `slices`, consecutive and in document order (released as they are joined). Each file goes
    /// to `emit` as soon as it is complete, the manifest last.
    package static func finish(
        count: Int, slices: inout [SearchPostings], shardTargetBytes: Int = shardTargetBytes,
        emit: (_ path: String, _ bytes: [UInt8]) -> Void
    ) {
        var index = SearchPostings.merge(&slices)
        var firstTerms: [String] = []
        packShards(&index, targetBytes: shardTargetBytes) { shard in
            var out = Array("window.dossierSearchShard(\(firstTerms.count),{".utf8)
            out.reserveCapacity(shard.bytes.count + 40)
            out.append(contentsOf: shard.bytes)
            out.append(contentsOf: Array("});\n".utf8))
            emit(directory + "t-\(firstTerms.count).js", out)
            firstTerms.append(shard.firstTerm)
        }
        emit(directory + "manifest.js", manifest(documentCount: count, firstTerms: firstTerms))
    }

    /// `[url,title,kind]`, with `,snippet,[anchors]` when it has either.
    private static func appendDocument(_ entry: SearchEntry, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        appendJSONString(entry.url, to: &out)
        out.append(UInt8(ascii: ","))
        appendJSONString(entry.title, to: &out)
        out.append(UInt8(ascii: ","))
        appendJSONString(entry.kind, to: &out)
        // A snippet and anchors only when there are any, so older indexes read the same.
        if !entry.snippet.isEmpty || !entry.anchors.isEmpty {
            out.append(UInt8(ascii: ","))
            appendJSONString(entry.snippet, to: &out)
            out.append(contentsOf: Array(",[".utf8))
            for (k, anchor) in entry.anchors.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "["))
                appendJSONString(anchor.label, to: &out)
                out.append(UInt8(ascii: ","))
                appendJSONString(anchor.id, to: &out)
                out.append(UInt8(ascii: ","))
                appendJSONString(anchor.kind, to: &out)
                out.append(UInt8(ascii: "]"))
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "]"))
    }

    /// What `files(for:)` gathers from the threads that write.
    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var gathered: [(path: String, bytes: [UInt8])] = []

        func add(_ path: String, _ bytes: [UInt8]) { lock.withLock { gathered.append((path, bytes)) } }

        var files: [(path: String, bytes: [UInt8])] { lock.withLock { gathered } }
    }

    // MARK: - Manifest

    private static func manifest(documentCount: Int, firstTerms: [String]) -> [UInt8] {
        var out = Array("window.dossierSearchManifest({\"version\":1,\"docs\":".utf8)
        out.append(contentsOf: Array(String(documentCount).utf8))
        out.append(contentsOf: Array(",\"docsPerChunk\":\(docsPerChunk)".utf8))
        out.append(
            contentsOf: Array(
                ",\"minLength\":\(SearchTokenizer.minLength),\"maxLength\":\(SearchTokenizer.maxLength)".utf8))
        out.append(contentsOf: Array(",\"stopWords\":[".utf8))
        for (i, word) in SearchTokenizer.stopWords.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            appendJSONString(word, to: &out)
        }
        out.append(contentsOf: Array("],\"shards\":[".utf8))
        for (i, term) in firstTerms.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            appendJSONString(term, to: &out)
        }
        out.append(contentsOf: Array("]});\n".utf8))
        return out
    }

    // MARK: - Shards

    package struct Shard {
        package var firstTerm: String
        /// The shard's object body: `"term":[…],"term":[…]`.
        package var bytes: [UInt8]
    }

    /// Sorts the terms in UTF-16 order (the order of JavaScript's `<`, which `search.js` uses to
    /// find a term's shard in the manifest), fills shards greedily up to `targetBytes` and hands
    /// each to `body` as soon as it is full. A term's postings are released once its shard is out.
    package static func packShards(_ index: inout SearchPostings, targetBytes: Int, _ body: (Shard) -> Void) {
        let order = (0..<index.terms.count).filter { !index.postings[$0].isEmpty }.sorted { a, b in
            index.terms.withBytes(of: a) { a in index.terms.withBytes(of: b) { b in utf16Precedes(a, b) } }
        }
        // Writing the numbers is most of the work and independent per term: do it on every core,
        // in runs of consecutive terms, a few runs at a time (so only those are held), and only
        // the packing in order. Runs are cut by postings as well as by terms: the work is in the
        // postings, and a few common words hold most of them, so runs of equal term counts (three
        // at 10,000 documents) left one core writing nearly all the numbers while the other idled.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let runs = Self.runs(of: order, postings: index.postings, pieces: 8 * cores, maxTerms: 2048)
        let window = 2 * cores
        var current: [UInt8] = []
        current.reserveCapacity(targetBytes + 1024)
        var first = 0
        for windowStart in stride(from: 0, to: runs.count, by: window) {
            let batch = runs[windowStart..<min(runs.count, windowStart + window)]
            let encoded: [(bytes: [UInt8], ends: [Int], ids: [Int])]
            do {
                let view = index
                encoded = batch.map { order[$0] }.parallelMap { encodeTerms($0, of: view, pieceBytes: targetBytes) }
            }
            for terms in encoded {
                var start = 0
                for (offset, (end, term)) in zip(terms.ends, terms.ids).enumerated() {
                    let entry = terms.bytes[start..<end]
                    start = end
                    // Every piece of a cut term starts a shard, so the shards holding the term are
                    // exactly those the manifest starts with it.
                    let isPiece =
                        (offset > 0 && terms.ids[offset - 1] == term)
                        || (offset + 1 < terms.ids.count && terms.ids[offset + 1] == term)
                    if !current.isEmpty && (isPiece || current.count + 1 + entry.count > targetBytes) {
                        body(Shard(firstTerm: index.terms.string(of: first), bytes: current))
                        current.removeAll(keepingCapacity: true)
                    }
                    if current.isEmpty {
                        first = term
                    } else {
                        current.append(UInt8(ascii: ","))
                    }
                    current.append(contentsOf: entry)
                }
            }
            for run in batch {
                for id in order[run] { index.postings[id] = [] }
            }
        }
        if !current.isEmpty { body(Shard(firstTerm: index.terms.string(of: first), bytes: current)) }
    }

    /// `order` cut into runs of consecutive terms, each of at most `maxTerms` terms and about
    /// 1/`pieces` of all the postings (a term's postings are never split between runs).
    static func runs(of order: [Int], postings: [[UInt32]], pieces: Int, maxTerms: Int) -> [Range<Int>] {
        var total = 0
        for id in order { total += postings[id].count + 1 }
        let target = max(1, total / max(1, pieces))
        var runs: [Range<Int>] = []
        var start = 0
        var weight = 0
        for (at, id) in order.enumerated() {
            weight += postings[id].count + 1
            if weight >= target || at + 1 - start >= maxTerms {
                runs.append(start..<(at + 1))
                start = at + 1
                weight = 0
            }
        }
        if start < order.count { runs.append(start..<order.count) }
        return runs
    }

    /// `"term":[gap,weight,…]` for each term, back to back; `ends` marks where each entry stops
    /// and `ids` names its term. A term whose postings pass `pieceBytes` (a word on most pages of
    /// a large site) is cut into several entries of at most about that size, each starting a
    /// shard and counting its first gap from 0 again, so no shard grows with the document count:
    /// the manifest then names the term first in each of those shards and `search.js` reads them all.
    private static func encodeTerms(
        _ ids: ArraySlice<Int>, of index: SearchPostings, pieceBytes: Int
    ) -> (bytes: [UInt8], ends: [Int], ids: [Int]) {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        var termIDs: [Int] = []
        ends.reserveCapacity(ids.count)
        termIDs.reserveCapacity(ids.count)
        // Room for one more posting ("16777215,255,") and the closing bracket.
        let limit = max(64, pieceBytes - 16)
        // The numbers go to a small buffer on the stack, appended a few hundred bytes at a time:
        // appending each digit and comma to the array one by one cost about 130 instructions a
        // posting, most of the shards' writing (callgrind, 1,000 documents).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 512) { pending in
            var count = 0
            func flush() {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: pending[0..<count]))
                count = 0
            }
            for id in ids {
                var pieceStart = bytes.count
                index.terms.withBytes(of: id) { appendJSONString(utf8: $0, to: &bytes) }
                bytes.append(UInt8(ascii: ":"))
                bytes.append(UInt8(ascii: "["))
                var previous: UInt32 = 0
                var first = true
                for posting in index.postings[id] {
                    if !first && bytes.count + count - pieceStart >= limit {
                        flush()
                        bytes.append(UInt8(ascii: "]"))
                        ends.append(bytes.count)
                        termIDs.append(id)
                        pieceStart = bytes.count
                        index.terms.withBytes(of: id) { appendJSONString(utf8: $0, to: &bytes) }
                        bytes.append(UInt8(ascii: ":"))
                        bytes.append(UInt8(ascii: "["))
                        previous = 0
                        first = true
                    }
                    // Room for the longest posting, ",16777215,255".
                    if count > pending.count - 16 { flush() }
                    if !first {
                        pending[count] = UInt8(ascii: ",")
                        count += 1
                    }
                    first = false
                    let doc = posting >> 8
                    count = writeDecimal(doc - previous, to: pending, at: count)
                    pending[count] = UInt8(ascii: ",")
                    count = writeDecimal(posting & 0xFF, to: pending, at: count + 1)
                    previous = doc
                }
                flush()
                bytes.append(UInt8(ascii: "]"))
                ends.append(bytes.count)
                termIDs.append(id)
            }
        }
        return (bytes, ends, termIDs)
    }

    /// UTF-16 order over UTF-8 bytes. It is byte order except where one string has a character
    /// from U+E000–U+FFFF (lead byte 0xEE or 0xEF) and the other one beyond U+FFFF (lead byte
    /// 0xF0–0xF4), which UTF-16 writes as surrogates (0xD800–0xDFFF) and so sorts first. Bytes
    /// before the first difference are equal, so a difference at a lead byte is between leads.
    package static func utf16Precedes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for i in 0..<min(a.count, b.count) where a[i] != b[i] {
            let x = a[i]
            let y = b[i]
            if x >= 0xEE && y >= 0xEE && (x >= 0xF0) != (y >= 0xF0) { return x >= 0xF0 }
            return x < y
        }
        return a.count < b.count
    }

    // MARK: - Encoding

    /// Appends `text` as a JSON string literal in pure ASCII: quotes, backslashes and controls
    /// escaped, `<` and `>` as `\u003c`/`\u003e` (so `</script>` or `<!--` never appear raw),
    /// everything beyond ASCII as `\uXXXX` (so the files decode the same whatever charset the
    /// browser assumes for a script loaded from disk, and U+2028/U+2029 can't end a line).
    package static func appendJSONString(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendJSONString(utf8: $0, to: &out) }
    }

    /// `appendJSONString` over the UTF-8 bytes of a string. Runs of bytes that need no escape
    /// (nearly all of them) are copied whole: a walk of the unicode scalars cost more than the
    /// rest of writing the document files (callgrind, 1,000 documents).
    package static func appendJSONString(utf8 bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var runStart = 0
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte &- 0x20 < 0x5F && byte != 0x22 && byte != 0x5C && byte != 0x3C && byte != 0x3E {
                i += 1
                continue
            }
            if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
            switch byte {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case ..<0x80:
                appendUnicodeEscape(UInt32(byte), to: &out)
            default:
                // A scalar beyond ASCII; the bytes come from a String, so they are valid UTF-8.
                let lead = UInt32(byte)
                var value: UInt32
                var length: Int
                if lead < 0xE0 {
                    (value, length) = (lead & 0x1F, 2)
                } else if lead < 0xF0 {
                    (value, length) = (lead & 0x0F, 3)
                } else {
                    (value, length) = (lead & 0x07, 4)
                }
                length = min(length, bytes.count - i)
                for k in 1..<max(1, length) { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
                if value >= 0x10000 {
                    let v = value - 0x10000
                    appendUnicodeEscape(0xD800 + (v >> 10), to: &out)
                    appendUnicodeEscape(0xDC00 + (v & 0x3FF), to: &out)
                } else {
                    appendUnicodeEscape(value, to: &out)
                }
                i += length - 1
            }
            i += 1
            runStart = i
        }
        if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
        out.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func appendUnicodeEscape(_ unit: UInt32, to out: inout [UInt8]) {
        out.append(contentsOf: [0x5C, UInt8(ascii: "u")])
        for shift in stride(from: 12, through: 0, by: -4) {
            out.append(hexDigits[Int((unit >> UInt32(shift)) & 0xF)])
        }
    }

    /// Writes `number` in decimal to `out` from `at` on; returns where it ends. `out` has room.
    @inline(__always)
    private static func writeDecimal(_ number: UInt32, to out: UnsafeMutableBufferPointer<UInt8>, at: Int) -> Int {
        // Gaps and weights are mostly one or two digits.
        if number < 10 {
            out[at] = UInt8(ascii: "0") + UInt8(number)
            return at + 1
        }
        if number < 100 {
            out[at] = UInt8(ascii: "0") + UInt8(number / 10)
            out[at + 1] = UInt8(ascii: "0") + UInt8(number % 10)
            return at + 2
        }
        var digits = 0
        var rest = number
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        rest = number
        for k in stride(from: at + digits - 1, through: at, by: -1) {
            out[k] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        return at + digits
    }
}
