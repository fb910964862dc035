@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

@Suite struct SearchIndexTests {
    // MARK: - Tokens

    @Test func tokensAreLowercaseRunsOfLettersAndDigits() {
        #expect(
            SearchTokenizer.terms("Penguins' bill_length_mm (in mm) — F1-score: 0.93, ResNet50!")
                == ["penguins", "bill", "length", "mm", "mm", "f1", "score", "93", "resnet50"])
    }

    @Test func tokensDropSingleCharactersStopWordsAndRunOns() {
        let hash = String(repeating: "ab", count: 21)  // 42 characters
        #expect(SearchTokenizer.terms("a I x The model of the year \(hash) ok") == ["model", "year", "ok"])
    }

    @Test func tokensFoldAccentsAndCase() {
        // Accents go, however the text was composed: readers type "adelie" for "Adélie".
        #expect(
            SearchTokenizer.terms("Cafe\u{301} Café ÉCOLE naïve Adélie Tiếng Việt") == [
                "cafe", "cafe", "ecole", "naive", "adelie", "tieng", "viet",
            ])
        // Letters that are not accented forms stay; final sigma folds to σ, as in search.js.
        #expect(SearchTokenizer.terms("Straße Łódź ΚΌΣΜΟΣ κόσμος") == ["straße", "łodz", "κοσμοσ", "κοσμοσ"])
    }

    @Test func cjkRunsBecomeBigrams() {
        #expect(SearchTokenizer.terms("GPT模型 機械学習") == ["gpt", "模型", "機械", "械学", "学習"])
        #expect(SearchTokenizer.terms("猫") == ["猫"])
        // Hangul is spaced like Latin text: whole words.
        #expect(SearchTokenizer.terms("한국어 모델") == ["한국어", "모델"])
    }

    /// The tokenizer reads ASCII eight bytes at a time: runs that end, change case or meet a
    /// non-ASCII letter at every offset around those eight bytes, against the rule written out
    /// plainly (runs of ASCII letters and digits, lowercased, 2 to 40 long, no stop words).
    @Test func tokensAreTheSameWhereverTheyFallInAnEightByteWord() {
        let stop = Set(SearchTokenizer.stopWords)
        func plainTerms(_ text: String) -> [String] {
            text.lowercased().split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.map(String.init)
                .filter { (2...40).contains($0.count) && !stop.contains($0) }
        }
        let words = [
            "a", "ab", "Ab", "abcdefg", "ABCDEFGH", "abcdefgH", "abcdefghi", "abcdEfghijklmnopQ", "x9",
            "0123456789", String(repeating: "Zz", count: 20), String(repeating: "y", count: 41), "the", "The",
        ]
        let separators = [" ", "-", "_", "@", "[", "`", "{", "/", ":", "\n", ", ", "~\u{7F}"]
        for (w, word) in words.enumerated() {
            for padding in 0..<9 {
                for separator in separators {
                    let other = words[(w + padding) % words.count]
                    let text = String(repeating: "q", count: padding) + separator + word + separator + other
                    #expect(SearchTokenizer.terms(text) == plainTerms(text), "\(text)")
                    #expect(SearchTokenizer.terms(word + other) == plainTerms(word + other))
                }
            }
        }
        // A non-ASCII letter anywhere in a run keeps the run whole (and folds its accent).
        #expect(
            SearchTokenizer.terms("abcdefg\u{E9}h ABCDEFGH\u{C9}IJ abcdefghijklmno\u{301}p") == [
                "abcdefgeh", "abcdefgheij", "abcdefghijklmnop",
            ])
        // Non-ASCII separators between ASCII words.
        #expect(
            SearchTokenizer.terms("abcdefgh\u{2014}ijklmnop\u{A0}QRSTUVWXYZ") == [
                "abcdefgh", "ijklmnop", "qrstuvwxyz",
            ])
    }

    @Test func bodyLimitStopsBetweenWords() {
        var seen: [String] = []
        seen = SearchTokenizer.terms("alpha beta gamma delta", maxBytes: 8)
        #expect(seen == ["alpha", "beta"])
    }

    // MARK: - Weights

    @Test func titleBeatsBodyHowEverOftenTheBodyRepeatsAWord() throws {
        let body = Array(repeating: "penguin", count: 50).joined(separator: " ")
        let index = Parsed(
            SearchIndex.files(for: [
                SearchEntry(url: "a.html", title: "Notes", kind: "page", text: body),
                SearchEntry(url: "b.html", title: "Penguin", kind: "schema"),
                SearchEntry(url: "c.html", title: "Other", kind: "page", headings: ["Penguin colonies"]),
                SearchEntry(url: "d.html", title: "Runs", kind: "experiment", params: ["penguin-v2"]),
            ]))
        let postings = try #require(index.postings["penguin"])
        #expect(postings == [0: 5, 1: 10, 2: 5, 3: 4])
    }

    @Test func stemsAreIndexedBesideTheirWords() throws {
        #expect(SearchStemmer.stem("flippers") == "flipper")
        #expect(SearchStemmer.stem("labeled") == "label")
        #expect(SearchStemmer.stem("labeling") == "label")
        #expect(SearchStemmer.stem("studies") == "study")
        #expect(SearchStemmer.stem("classes") == "class")
        #expect(SearchStemmer.stem("running") == "run")
        #expect(SearchStemmer.stem("falling") == "fall")
        #expect(SearchStemmer.stem("status") == nil)
        #expect(SearchStemmer.stem("analysis") == nil)
        #expect(SearchStemmer.stem("used") == nil)  // "us" is too short a stem
        #expect(SearchStemmer.stem("bed") == nil)
        #expect(SearchStemmer.stem("flipper") == nil)
        #expect(SearchStemmer.stem("f1s") == nil)
        let index = Parsed(
            SearchIndex.files(for: [
                SearchEntry(url: "a.html", title: "Flippers", kind: "page", text: "labeling labeled")
            ]))
        #expect(index.postings["flipper"] == [0: 10])
        #expect(index.postings["label"] == [0: 2])
    }

    @Test func aDefinitionOutranksAMentionAndFactsAreIndexed() throws {
        let index = Parsed(
            SearchIndex.files(for: [
                SearchEntry(
                    url: "a.html", title: "Raw", kind: "schema", text: "species species species",
                    fields: ["Becomes species."]),
                SearchEntry(
                    url: "b.html", title: "Tidy", kind: "schema", fields: ["The species."], definitions: ["species"],
                    facts: ["ml-team", "cohen_kappa"]),
            ]))
        #expect(index.postings["species"] == [0: 4 + 3, 1: 4 + 8])
        #expect(index.postings["team"] == [1: 5])
        #expect(index.postings["kappa"] == [1: 5])
    }

    @Test func documentsCarryTheirSnippetAndAnchorsOnlyWhenTheyHaveThem() throws {
        var entry = SearchEntry(url: "s.html", title: "S", kind: "schema")
        entry.snippet = "Penguins \"tidy\" <table>"
        entry.anchors = [SearchEntry.Anchor(label: "bill_length_mm", id: "field-bill_length_mm", kind: "field")]
        let files = SearchIndex.files(for: [entry, SearchEntry(url: "p.html", title: "P", kind: "page")])
        let docs = try #require(files.first { $0.path.hasSuffix("d-0.js") }?.contents)
        #expect(
            docs
                == "window.dossierSearchDocs(0,[[\"s.html\",\"S\",\"schema\",\"Penguins \\\"tidy\\\" \\u003ctable\\u003e\","
                + "[[\"bill_length_mm\",\"field-bill_length_mm\",\"field\"]]],[\"p.html\",\"P\",\"page\"]]);\n")
    }

    @Test func weightsAddUpAcrossPlaces() throws {
        let index = Parsed(
            SearchIndex.files(for: [
                SearchEntry(
                    url: "a.html", title: "Species", kind: "schema", headings: ["Species", "Species again"],
                    text: "species species species species species species species", fields: ["species"])
            ]))
        #expect(index.postings["species"] == [0: 10 + 5 + 4 + 5])
    }

    /// The fast builder (byte-level table, per-core slices merged) against the rule written out
    /// plainly: 10 for the title, 5 for headings, 4 for fields or params, + body count up to 5.
    @Test func postingsMatchAStraightforwardCount() {
        let entries = Self.syntheticEntries(count: 1_200, seed: 3)
        var expected: [String: [Int: Int]] = [:]
        for (doc, entry) in entries.enumerated() {
            var places: [String: Int] = [:]
            var body: [String: Int] = [:]
            // Every word and, beside it, its stem (unless that is a stop word).
            let stop = Set(SearchTokenizer.stopWords)
            func terms(_ text: String) -> [String] {
                SearchTokenizer.terms(text).flatMap { term in
                    [term] + (SearchStemmer.stem(term).flatMap { stop.contains($0) ? nil : [$0] } ?? [])
                }
            }
            for term in terms(entry.title) { places[term, default: 0] |= 1 }
            for term in entry.headings.flatMap(terms) { places[term, default: 0] |= 2 }
            for term in (entry.fields + entry.params).flatMap(terms) { places[term, default: 0] |= 4 }
            for term in terms(entry.text) { body[term, default: 0] += 1 }
            for term in Set(places.keys).union(body.keys) {
                let p = places[term] ?? 0
                expected[term, default: [:]][doc] =
                    (p & 1 != 0 ? 10 : 0) + (p & 2 != 0 ? 5 : 0) + (p & 4 != 0 ? 4 : 0) + min(body[term] ?? 0, 5)
            }
        }
        let index = Parsed(SearchIndex.files(for: entries))
        #expect(index.postings.count == expected.count)
        #expect(index.postings == expected)
    }

    @Test func termTableNumbersEachTermOnce() {
        var table = SearchTermTable(capacity: 4)
        // Long terms that share their first eight bytes, short ones, and enough to grow the table.
        let terms = (0..<500).map { "abcdefgh\($0)" } + (0..<500).map { "t\($0)" } + ["abcdefgh", "abcdefg"]
        func id(_ term: String) -> Int {
            var term = term
            return term.withUTF8 { table.id(of: $0) }
        }
        let first = terms.map(id)
        #expect(first == Array(0..<terms.count))
        #expect(terms.map(id) == first)
        #expect(table.count == terms.count)
        #expect(table.string(of: 777) == terms[777])
    }

    // MARK: - Layout

    @Test func layoutHasManifestShardsAndDocumentChunks() throws {
        let entries = (0..<250).map { SearchEntry(url: "p\($0).html", title: "Page \($0)", kind: "page") }
        let files = SearchIndex.files(for: entries)
        let paths = files.map(\.path)
        #expect(paths.allSatisfy { $0.hasPrefix("dossier/search/") && $0.hasSuffix(".js") })
        #expect(paths.contains("dossier/search/manifest.js"))
        #expect(paths.filter { $0.contains("/d-") } == (0..<10).map { "dossier/search/d-\($0).js" }.sorted())
        let index = Parsed(files)
        #expect(index.documentCount == 250)
        #expect(index.docs[101] == ["p101.html", "Page 101", "page"])
        #expect(index.postings["page"]?.count == 250)
    }

    @Test func everyTermIsInTheShardTheManifestPointsTo() throws {
        // Fullwidth (U+FF..) and astral (U+1D4..) letters sort differently in UTF-8 and UTF-16.
        let words = ["alpha", "alps", "beta", "bet", "gamma", "zeta", "école", "模型", "z9", "alpine", "ｆｕｌｌ", "𝐛𝐨𝐥𝐝"]
        let entries = (0..<60).map { i in
            SearchEntry(
                url: "p\(i).html", title: words[i % words.count], kind: "page",
                text: (0..<30).map { words[($0 * 7 + i) % words.count] + "\($0 % 5)" }.joined(separator: " "))
        }
        // A tiny target forces many shards.
        let files = SearchIndex.files(for: entries, shardTargetBytes: 300)
        let index = Parsed(files)
        #expect(index.shardFirstTerms.count > 5)
        #expect(index.shardFirstTerms == index.shardFirstTerms.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) })
        for (number, terms) in index.shardTerms {
            for term in terms {
                // The shard for a term is the last one whose first term is not after it.
                let expected = index.shardFirstTerms.lastIndex { !term.utf16.lexicographicallyPrecedes($0.utf16) }
                #expect(expected == number, "\(term) in t-\(number)")
            }
        }
        #expect(Set(index.shardTerms.values.flatMap { $0 }).count == index.postings.count)
    }

    @Test func termsSortInJavaScriptOrder() {
        let terms = ["b", "ab", "a", "ｆ", "𝐛", "é", "a𝐛", "aｆ", "z"]
        let sorted = terms.sorted { a, b in
            var a = a
            var b = b
            return a.withUTF8 { a in b.withUTF8 { b in SearchIndex.utf16Precedes(a, b) } }
        }
        // What JavaScript's `<` gives: UTF-16 code units, so surrogates (𝐛) before U+FF46 (ｆ).
        #expect(sorted == ["a", "ab", "a𝐛", "aｆ", "b", "z", "é", "𝐛", "ｆ"])
    }

    @Test func emptySiteHasAManifestAndNothingElse() {
        let files = SearchIndex.files(for: [])
        #expect(files.map(\.path) == ["dossier/search/manifest.js"])
        #expect(files[0].contents.contains("\"docs\":0"))
        #expect(files[0].contents.contains("\"shards\":[]"))
    }

    // MARK: - Bytes

    @Test func outputIsDeterministic() {
        let entries = Self.syntheticEntries(count: 600, seed: 7)
        let first = SearchIndex.files(for: entries)
        let second = SearchIndex.files(for: entries)
        #expect(first.map(\.path) == second.map(\.path))
        #expect(first.map(\.contents) == second.map(\.contents))
    }

    @Test func escapingKeepsScriptsClosedAndStringsIntact() throws {
        let title = "A </script><script>alert(\"x\")</script> \\ 'q' \n\t\u{2028}\u{2029} é 🐧 <!--"
        let files = SearchIndex.files(for: [SearchEntry(url: "a.html?x=\"1\"", title: title, kind: "page")])
        for file in files {
            #expect(!file.contents.lowercased().contains("</script"))
            #expect(!file.contents.contains("<"))
            #expect(file.contents.utf8.allSatisfy { $0 < 0x80 }, "\(file.path) is not pure ASCII")
            #expect(!file.contents.dropLast().contains("\n"), "\(file.path) has a raw line break")
        }
        let index = Parsed(files)
        #expect(index.docs[0] == ["a.html?x=\"1\"", title, "page"])
        #expect(index.postings["script"] != nil)
        #expect(index.postings["🐧"] == nil)  // an emoji is a symbol, not a letter
    }

    // MARK: - The JavaScript side

    /// `Tests/search-js/search.test.js` runs search.js against this index; its `FILES` block must
    /// be exactly what SearchIndex writes today. On failure the message holds the block to paste.
    @Test func javaScriptFixtureMatchesTheIndex() throws {
        let files = SearchIndex.files(for: Self.javaScriptFixtureEntries, shardTargetBytes: 120)
        var block = "const FILES = {\n"
        for file in files {
            let literal = file.contents.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
            block += "  '\(file.path.dropFirst(SearchIndex.directory.count))': \"\(literal)\",\n"
        }
        block += "};\n"
        let testFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../search-js/search.test.js").standardized
        let javaScript = try String(contentsOf: testFile, encoding: .utf8)
        #expect(javaScript.contains(block), "Tests/search-js/search.test.js needs:\n\(block)")
    }

    static let javaScriptFixtureEntries = [
        SearchEntry(
            url: "docs/data/penguins.html", title: "Palmer penguins", kind: "data-source",
            text: "Size measurements for adult foraging penguins near Palmer Station, Antarctica."),
        SearchEntry(
            url: "docs/schemas/penguins.html", title: "Penguins schema", kind: "schema", headings: ["Fields"],
            text: "One row per penguin.",
            fields: [
                "species Penguin species (Adélie, Chinstrap, Gentoo)", "bill_length_mm Bill length in millimetres",
                "island",
            ]),
        SearchEntry(
            url: "docs/schemas/penguins.html#field-species", title: "species", kind: "field",
            fields: ["species", "Penguin species"]),
        SearchEntry(
            url: "docs/experiments/classifier.html", title: "Species classifier", kind: "experiment",
            headings: ["Runs", "Selection"],
            text: "We compared a logistic regression with gradient boosting on the penguin measurements.",
            params: ["baseline logistic_regression C 1.0", "xgb xgboost max_depth 4 learning_rate 0.1"]),
        SearchEntry(
            url: "docs/experiments/classifier.html#run-xgb", title: "xgb", kind: "run",
            params: ["xgboost", "max_depth 4"]),
        SearchEntry(
            url: "docs/models/card.html", title: "Model card </script><b>", kind: "model",
            text: "Predicts the species of a penguin from bill and flipper measurements. Café ΚΌΣΜΟΣ 機械学習."),
        SearchEntry(
            url: "README.html", title: "Read me \"quoted\" & 'single'", kind: "page",
            text: "Penguins penguins penguins everywhere: the penguin README."),
    ]

    // MARK: - Size

    /// 10,000 documents of about 300 words. The bound: a shard of several terms stays within the
    /// 32 kB target; only a term whose postings alone pass it gets a shard to itself, and a posting
    /// costs at most 6 bytes when the term is on every page ("1,24,"), so no shard passes
    /// max(32 kB, 6 × 10,000 B); 96 kB leaves room for the JSON around it. Nothing is loaded
    /// before the first keystroke; the first keystroke costs the manifest plus one or two shards.
    @Test func tenThousandDocumentsStaySmallPerFile() throws {
        let entries = Self.syntheticEntries(count: 10_000, seed: 42)
        let clock = ContinuousClock()
        var files: [(path: String, contents: String)] = []
        let elapsed = clock.measure { files = SearchIndex.files(for: entries) }
        let sizes = files.map { (path: $0.path, bytes: $0.contents.utf8.count) }
        let shards = sizes.filter { $0.path.contains("/t-") }
        let chunks = sizes.filter { $0.path.contains("/d-") }
        let manifest = try #require(sizes.first { $0.path.hasSuffix("manifest.js") })
        let largestShard = try #require(shards.max { $0.bytes < $1.bytes })
        let largestChunk = try #require(chunks.max { $0.bytes < $1.bytes })
        let total = sizes.reduce(0) { $0 + $1.bytes }
        print(
            """
            search index for 10,000 documents: \(files.count) files, \(total) bytes in all, built in \(elapsed)
              manifest \(manifest.bytes) B; \(shards.count) term shards, largest \(largestShard.path) \
            \(largestShard.bytes) B, mean \(shards.reduce(0) { $0 + $1.bytes } / shards.count) B; \
            \(chunks.count) document chunks, largest \(largestChunk.bytes) B
            """)
        #expect(largestShard.bytes < 96 * 1024)
        #expect(manifest.bytes < 16 * 1024)
        #expect(largestChunk.bytes < 4 * 1024)
        #expect(chunks.count == 400)
        // Only single-term shards may pass the target.
        let index = Parsed(files)
        for (number, terms) in index.shardTerms where terms.count > 1 {
            let bytes = try #require(sizes.first { $0.path == "dossier/search/t-\(number).js" }).bytes
            #expect(bytes <= SearchIndex.shardTargetBytes + 64)
        }
    }

    // MARK: - Helpers

    /// Documents of about 300 words drawn from a 50,000-word vocabulary with Zipf frequencies, as
    /// natural text has: a few words on every page, most on a handful.
    static func syntheticEntries(count: Int, seed: UInt64) -> [SearchEntry] {
        var random = SeededGenerator(seed: seed)
        let syllables = [
            "ka", "lo", "mi", "ne", "ra", "to", "su", "vi", "pe", "ng", "ui", "or", "st", "an", "el", "ba",
        ]
        var vocabulary = ["model", "data", "penguin", "species", "train", "schema", "label", "metric", "accuracy"]
        var seen = Set(vocabulary)
        while vocabulary.count < 50_000 {
            var word = ""
            for _ in 0..<(2 + random.next() % 4) { word += syllables[Int(random.next() % 16)] }
            if seen.insert(word).inserted { vocabulary.append(word) }
        }
        // Rank r is drawn with probability ∝ 1/r: a table from 16 random bits to a rank makes
        // drawing a word one lookup (the generator runs in debug builds too).
        var table = [Int](repeating: 0, count: 1 << 16)
        let total = (1...vocabulary.count).reduce(0.0) { $0 + 1 / Double($1) }
        var rank = 0
        var cumulative = 1.0
        for slot in 0..<table.count {
            let target = (Double(slot) + 0.5) / Double(table.count) * total
            while cumulative < target {
                rank += 1
                cumulative += 1 / Double(rank + 1)
            }
            table[slot] = rank
        }
        func words(_ n: Int) -> String {
            var text = ""
            for i in 0..<n {
                if i > 0 { text += " " }
                // The low bits spread each table slot over neighbouring ranks, reaching the tail.
                let draw = random.next()
                text += vocabulary[(table[Int(draw >> 48)] + Int(draw & 7)) % vocabulary.count]
            }
            return text
        }
        let kinds = ["page", "data-source", "schema", "labeling", "experiment", "environment", "pseudocode", "model"]
        return (0..<count).map { i in
            let kind = kinds[i % kinds.count]
            return SearchEntry(
                url: "docs/\(kind)/doc-\(i).html", title: words(2 + Int(random.next() % 4)), kind: kind,
                headings: (0..<4).map { _ in words(3) }, text: words(300),
                fields: kind == "schema" ? (0..<8).map { _ in words(1) + "_" + words(1) + " " + words(6) } : [],
                params: kind == "experiment"
                    ? (0..<5).map { r in "run-\(r) xgboost learning_rate \(Double(r) / 100) max_depth \(r + 3)" } : [])
        }
    }

    /// The index read back as search.js would see it.
    struct Parsed {
        var documentCount = 0
        var shardFirstTerms: [String] = []
        /// Shard number → its terms, in file order.
        var shardTerms: [Int: [String]] = [:]
        /// Term → document number → weight.
        var postings: [String: [Int: Int]] = [:]
        var docs: [Int: [String]] = [:]

        init(_ files: [(path: String, contents: String)]) {
            for file in files {
                let arguments = Self.arguments(of: file.contents)
                if file.path.hasSuffix("manifest.js") {
                    let manifest = arguments[0] as! [String: Any]
                    documentCount = manifest["docs"] as! Int
                    shardFirstTerms = manifest["shards"] as! [String]
                } else if file.path.contains("/t-") {
                    let number = arguments[0] as! Int
                    let object = arguments[1] as! [String: [Int]]
                    // Key order is file order: JSONSerialization loses it, so read the keys from the text.
                    shardTerms[number] = object.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
                    for (term, flat) in object {
                        var doc = 0
                        for pair in stride(from: 0, to: flat.count, by: 2) {
                            doc += flat[pair]
                            postings[term, default: [:]][doc] = flat[pair + 1]
                        }
                    }
                } else if file.path.contains("/d-") {
                    let chunk = arguments[0] as! Int
                    for (i, doc) in (arguments[1] as! [[String]]).enumerated() {
                        docs[chunk * SearchIndex.docsPerChunk + i] = doc
                    }
                }
            }
        }

        /// The arguments of the single call `window.name(…);` that each file is.
        static func arguments(of script: String) -> [Any] {
            let open = script.firstIndex(of: "(")!
            let close = script.range(of: ");\n", options: .backwards)!.lowerBound
            let json = "[" + script[script.index(after: open)..<close] + "]"
            return try! JSONSerialization.jsonObject(with: Data(json.utf8)) as! [Any]
        }
    }
}
