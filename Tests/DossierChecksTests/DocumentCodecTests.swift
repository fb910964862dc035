@testable import DossierCore
@testable import DossierFormats
@testable import DossierMarkdown
@testable import DossierModel
import Foundation
import Testing

/// The build cache's encoding of loaded documents (`DocumentCodec`): every stored property of
/// every type it holds is written (a new one fails the guard test), documents of every shape read
/// back equal to what loading gave, and damaged bytes throw instead of crashing.
@Suite struct DocumentCodecTests {
    /// Documents covering what the codec writes: front matter of every kind and value type,
    /// TOML, schema and runs tables, runs in front matter, references, load findings, verified
    /// fingerprints (in front matter and as a trailing comment), raw HTML, anchors, code blocks.
    static let fixtures: [(path: String, text: String)] = [
        ("docs/plain.md", "# Guide\n\nText with [[some-id|a label]] and [a link](other.md#part).\n"),
        (
            "docs/data/source.md",
            """
            ---
            kind: data-source
            id: source-1
            title: "Source: quoted"
            summary: A source
            owner: [team-a, team-b]
            status: active
            tags: [a, b]
            schemas: [schema:my-schema]
            code: [src/a.py#L1-L3, src/b.py#func]
            sample: data/sample.csv
            location: s3://bucket/x
            refresh: 3
            weight: 0.10
            flag: true
            nothing: null
            nested: {a: {b: [1, 2.5, {c: d}]}}
            verified:
              src/a.py#L1-L3: abc123
              src/b.py#func: def456
            ---
            # Heading *one*

            ## Sub heading <a id="anchor-x"></a>

            Text [[schema.column]] and ![image](pic.png) and [file](../../src/a.py#L2) and [out](../../../x.md).

            <details>raw</details>

            ```python
            print(1)
            ```

            ::: package.module

            """
        ),
        (
            "docs/schema.md",
            """
            ---
            kind: schema
            id: my-schema
            sources: [source-1]
            colour: red
            ---
            # Schema

            | Column | Type | Nullable | Values | Range | Level | Description |
            |---|---|---|---|---|---|---|
            | species | categorical | no | Adelie, Gentoo | | nominal | The species |
            | Person.score | float | yes | | 0–10 | ratio | A score |
            | mass | int64 | | | 2.5-6.5 | | Body mass |
            | odd | whatever | | | | | |

            """
        ),
        (
            "docs/experiment.md",
            """
            ---
            kind: experiment
            id: exp
            metric:
              name: f1
              goal: sideways
            metrics: [accuracy, f1]
            selected: run-b
            ---
            # Experiment

            | Run | Model | lr | accuracy | f1 |
            |---|---|---|---|---|
            | run-a | knn | 0.1 | 0.9 | 0.8 |
            | run-b | svm | n/a | 0.95 | |

            """
        ),
        (
            "docs/experiment-runs.md",
            """
            ---
            kind: experiment
            metric: loss
            runs:
              - name: r1
                model: m
                params: {lr: 0.1, depth: 3}
                metrics: {loss: 0.25, note: high}
              - name: r2
            selected: r1
            ---
            Body.

            """
        ),
        (
            "docs/model.md",
            "---\nkind: model\nselected: r1\nexperiments: [exp]\ncomponents:\n  - name: c\n    implements: [src/m.py#Model]\n---\n"
        ),
        ("docs/bad-yaml.md", "---\nkind: schema\n  bad: [\n---\nText\n"),
        ("docs/list-front-matter.md", "---\n- a\n- b\n---\nText\n"),
        (
            "docs/toml.md",
            "+++\nkind = \"environment\"\ntitle = \"TOML\"\n+++\n# Env\n\n<!-- dossier-verified\nsrc/a.py: 0123\n-->\n"
        ),
        ("docs/verified-comment.md", "# No front matter\n\nText.\n\n<!-- dossier-verified\nsrc/a.py: 0123abcd\n-->\n"),
        (
            "docs/unicode-é.md",
            "---\ntitle: Ünïcödé — ✓\nkind: labeling\nclasses: 3\n---\n# Ünïcödé\n\n| a |\n|---|\n| 𝛼 |\n"
        ),
    ]

    /// `dump` of the document with its fingerprints compared apart (a dictionary's order is its
    /// storage's, not its contents').
    static func expectSame(_ decoded: (Document, [Finding]), _ original: (Document, [Finding])) {
        var (a, b) = (decoded.0, original.0)
        #expect(a.verifiedFingerprints == b.verifiedFingerprints, "\(b.path)")
        a.verifiedFingerprints = nil
        b.verifiedFingerprints = nil
        var dumpA = "", dumpB = ""
        dump(a, to: &dumpA)
        dump(b, to: &dumpB)
        #expect(dumpA == dumpB, "\(b.path)")
        #expect(decoded.1 == original.1, "\(b.path)")
    }

    static func roundTrip(_ document: Document, _ findings: [Finding]) throws -> (Document, [Finding]) {
        let bytes = try #require(DocumentCodec.encode(document, findings: findings))
        return try bytes.withUnsafeBufferPointer { try DocumentCodec.decode($0, path: document.path) }
    }

    @Test func everyFixtureReadsBackAsLoaded() throws {
        for fixture in Self.fixtures {
            let (loaded, findings) = DocumentLoader.load(path: fixture.path, text: fixture.text)
            let document = try #require(loaded)
            Self.expectSame(try Self.roundTrip(document, findings), (document, findings))
        }
    }

    /// `skippingText` passes over the search text only: every other field reads back as loaded.
    @Test func skippingTheTextLeavesItEmptyAndTheRestWhole() throws {
        for fixture in Self.fixtures {
            let (loaded, findings) = DocumentLoader.load(path: fixture.path, text: fixture.text)
            let document = try #require(loaded)
            let bytes = try #require(DocumentCodec.encode(document, findings: findings))
            let skipped = try bytes.withUnsafeBufferPointer {
                try DocumentCodec.decode($0, path: document.path, skippingText: true)
            }
            #expect(skipped.0.analysis.text.isEmpty, "\(fixture.path)")
            var expected = document
            expected.analysis.text = ""
            Self.expectSame(skipped, (expected, findings))
        }
        #expect(
            Self.fixtures.contains {
                !(DocumentLoader.load(path: $0.path, text: $0.text).0?.analysis.text ?? "").isEmpty
            })
    }

    /// The text is written last: the bytes before it (`encodeMarkingText`) read back alone with
    /// `skippingText` as the whole encoding does, and without it they are malformed.
    @Test func theBytesBeforeTheTextAreTheDocumentWithoutIt() throws {
        for fixture in Self.fixtures {
            let (loaded, findings) = DocumentLoader.load(path: fixture.path, text: fixture.text)
            let document = try #require(loaded)
            let (bytes, textStart) = try #require(DocumentCodec.encodeMarkingText(document, findings: findings))
            #expect(bytes == DocumentCodec.encode(document, findings: findings))
            var text = MemoWriter()
            text.string(document.analysis.text)
            #expect(Array(bytes[textStart...]) == text.bytes, "\(fixture.path)")
            let head = Array(bytes[..<textStart])
            let skipped = try head.withUnsafeBufferPointer {
                try DocumentCodec.decode($0, path: document.path, skippingText: true)
            }
            var expected = document
            expected.analysis.text = ""
            Self.expectSame(skipped, (expected, findings))
            #expect(throws: MemoReader.Malformed.self) {
                try head.withUnsafeBufferPointer { try DocumentCodec.decode($0, path: document.path) }
            }
        }
    }

    @Test func theFixturesCoverWhatTheCodecWrites() throws {
        let documents = Self.fixtures.compactMap { DocumentLoader.load(path: $0.path, text: $0.text).0 }
        #expect(Set(documents.compactMap(\.kind)).count >= 6)
        #expect(documents.contains { !$0.schemaFields.isEmpty && $0.schemaFields.contains { $0.range != nil } })
        #expect(documents.contains { $0.runs.count >= 2 && $0.runsTableOrdinal != nil })
        #expect(documents.contains { !$0.runs.isEmpty && $0.runsTableOrdinal == nil })
        #expect(documents.contains { $0.verifiedFingerprints?.count == 2 })
        #expect(documents.contains { $0.frontMatter == nil && $0.verifiedFingerprints != nil })
        #expect(documents.contains { !$0.findings.isEmpty })
        #expect(documents.contains { !$0.analysis.rawHTML.isEmpty && !$0.analysis.htmlAnchors.isEmpty })
        #expect(documents.contains { !$0.analysis.codeBlocks.isEmpty && !$0.analysis.autodocObjects.isEmpty })
        #expect(documents.contains { !$0.analysis.wikiLinks.isEmpty && !$0.codeReferences.isEmpty })
        #expect(documents.contains { $0.selectionMetric != nil && $0.selected != nil })
    }

    /// What loading never sets but the codec writes all the same: a findings list other than the
    /// document's, attachments, drift on a run, a dropped body, locations in other files.
    @Test func partsLoadingLeavesEmptyReadBack() throws {
        var document = try #require(
            DocumentLoader.load(path: Self.fixtures[4].path, text: Self.fixtures[4].text).0)
        document.attachments = [.init(name: "figure.png", bytes: [0, 1, 2, 255]), .init(name: "e", bytes: [])]
        document.runs[0].drift = [.init(column: .metric, key: "loss", recorded: "0.3", source: "metrics.json:3")]
        document.runs[0].recordedIn = "MLflow"
        document.runs[0].isDocumented = false
        document.body = .dropped
        document.verified = "abc"
        let elsewhere = Finding(
            .error, "x.rule", "message", at: SourceLocation(path: "other/file.md", line: 9, column: 2), state: .drift)
        Self.expectSame(try Self.roundTrip(document, [elsewhere]), (document, [elsewhere]))
    }

    /// A body that ends the file it was loaded from is written as its length; reading it back
    /// takes the text from the same bytes, and needs them.
    @Test func aBodyEndingTheSourceIsTakenFromIt() throws {
        var shorter = 0
        for fixture in Self.fixtures {
            let source = Array(fixture.text.utf8)
            let (loaded, findings) = DocumentLoader.load(path: fixture.path, bytes: source)
            let document = try #require(loaded)
            let full = try #require(DocumentCodec.encode(document, findings: findings))
            let short = try #require(
                DocumentCodec.encode(
                    document, findings: findings, bodyEndsSource: DocumentCodec.bodyEnds(document, source: source)))
            #expect(short.count <= full.count, "\(fixture.path)")
            if short.count < full.count { shorter += 1 }
            let decoded = try short.withUnsafeBufferPointer { payload in
                try source.withUnsafeBufferPointer { try DocumentCodec.decode(payload, path: fixture.path, source: $0) }
            }
            Self.expectSame(decoded, (document, findings))
            #expect(throws: MemoReader.Malformed.self) {
                try short.withUnsafeBufferPointer { try DocumentCodec.decode($0, path: fixture.path) }
            }
            let tooShort = [UInt8](source.prefix(3))
            _ = try? short.withUnsafeBufferPointer { payload in
                try tooShort.withUnsafeBufferPointer {
                    try DocumentCodec.decode(payload, path: fixture.path, source: $0)
                }
            }
        }
        #expect(shorter >= Self.fixtures.count - 2)
    }

    @Test func aTreeBodyOrDeepFrontMatterIsNotSaved() {
        let (notebook, _) = DocumentLoader.load(path: "n.ipynb", body: MarkdownNode(kind: .document))
        #expect(DocumentCodec.encode(notebook, findings: []) == nil)
        var deep = YAMLValue(.string("leaf"), text: "leaf")
        for _ in 0..<DocumentCodec.maximumDepth { deep = YAMLValue(.list([deep])) }
        var document = DocumentLoader.load(path: "d.md", text: "Text").0!
        document.frontMatter = deep
        #expect(DocumentCodec.encode(document, findings: []) == nil)
    }

    /// Every prefix of an encoding, and every single-byte change of it, throws or decodes: never
    /// a crash, a trap or a read past the end.
    @Test func damagedBytesThrowOrDecodeButNeverCrash() throws {
        let fixture = Self.fixtures[1]
        let (loaded, findings) = DocumentLoader.load(path: fixture.path, text: fixture.text)
        let document = try #require(loaded)
        let bytes = try #require(DocumentCodec.encode(document, findings: findings))
        for length in 0..<bytes.count {
            let prefix = Array(bytes[0..<length])
            #expect(throws: MemoReader.Malformed.self) {
                try prefix.withUnsafeBufferPointer { try DocumentCodec.decode($0, path: fixture.path) }
            }
        }
        for offset in stride(from: 0, to: bytes.count, by: 3) {
            for value: UInt8 in [0x00, 0x01, 0x7F, 0x80, 0xFF] {
                var damaged = bytes
                damaged[offset] = value
                _ = try? damaged.withUnsafeBufferPointer { try DocumentCodec.decode($0, path: fixture.path) }
            }
        }
        // Bytes after a whole document are malformed too.
        #expect(throws: MemoReader.Malformed.self) {
            try (bytes + [0]).withUnsafeBufferPointer { try DocumentCodec.decode($0, path: fixture.path) }
        }
    }

    @Test func hugeCountsAndInvertedRangesAreMalformed() {
        var writer = MemoWriter()
        writer.unsigned(UInt64.max)
        writer.unsigned(1 << 40)
        var overlong = [UInt8](repeating: 0xFF, count: 11)
        overlong.append(0)
        writer.bytes.withUnsafeBufferPointer { buffer in
            var reader = MemoReader(buffer)
            #expect(throws: MemoReader.Malformed.self) { _ = try reader.count() }
            #expect(throws: MemoReader.Malformed.self) { _ = try reader.strings() }
        }
        overlong.withUnsafeBufferPointer { buffer in
            var reader = MemoReader(buffer)
            #expect(throws: MemoReader.Malformed.self) { _ = try reader.unsigned() }
        }
        var field = MemoWriter()
        for text in ["k"] { field.string(text) }
        var values = MemoWriter()
        values.integer(-5)
        values.integer(Int.min)
        values.integer(Int.max)
        values.bytes.withUnsafeBufferPointer { buffer in
            var reader = MemoReader(buffer)
            #expect((try? reader.integer()) == -5)
            #expect((try? reader.integer()) == Int.min)
            #expect((try? reader.integer()) == Int.max)
            #expect(reader.atEnd)
        }
    }

    /// Fails when a stored property is added to (or renamed in) a type the codec writes, until
    /// `DocumentCodec` writes it and `DocumentCodec.fields` lists it.
    @Test func theCodecWritesEveryStoredProperty() throws {
        let fixture = Self.fixtures[1]
        var document = try #require(DocumentLoader.load(path: fixture.path, text: fixture.text).0)
        document.attachments = [.init(name: "a", bytes: [])]
        let schema = try #require(DocumentLoader.load(path: "s.md", text: Self.fixtures[2].text).0)
        var run = try #require(DocumentLoader.load(path: "e.md", text: Self.fixtures[3].text).0?.runs.first)
        run.drift = [.init(column: .model, key: "model", recorded: "x", source: "y")]
        let analysis = document.analysis
        let frontMatter = try #require(document.frontMatter)
        let samples: [String: Any] = [
            "Document": document,
            "Attachment": document.attachments[0],
            "MarkdownAnalysis": analysis,
            "Heading": try #require(analysis.headings.first),
            "WikiLink": try #require(analysis.wikiLinks.first),
            "Link": try #require(analysis.links.first),
            "RawHTML": try #require(analysis.rawHTML.first),
            "CodeBlock": try #require(analysis.codeBlocks.first),
            "Table": try #require(schema.analysis.tables.first),
            "Row": try #require(schema.analysis.tables.first?.rows.first),
            "YAMLValue": frontMatter,
            "Entry": try #require(frontMatter.entries?.first),
            "DocumentReference": try #require(document.references.first),
            "WrittenCodeReference": try #require(document.codeReferences.first),
            "SchemaField": try #require(schema.schemaFields.first),
            "ExperimentRun": run,
            "Value": try #require(run.metrics.first),
            "Drift": run.drift[0],
            "SelectionMetric": SelectionMetric(name: "m", maximize: true),
            "Finding": Finding(.error, "r", "m", at: SourceLocation(path: "p")),
            "SourceLocation": SourceLocation(path: "p"),
        ]
        #expect(Set(samples.keys) == Set(DocumentCodec.fields.keys))
        for (name, sample) in samples {
            #expect(Mirror(reflecting: sample).children.compactMap(\.label) == DocumentCodec.fields[name], "\(name)")
        }
    }
}
