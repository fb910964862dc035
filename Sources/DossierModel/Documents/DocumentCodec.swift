import DossierCore
import DossierFormats
import DossierMarkdown
import Foundation

/// A loaded document and its load findings as compact bytes (`MemoWriter`), for the build
/// cache's saved documents: reading them back is several times faster than splitting the front
/// matter, parsing YAML and Markdown and analysing the tree again.
///
/// Every stored property of every type a document holds is written; `fields` lists them, and a
/// test compares that list with the types' properties, so a property added to any of them fails
/// the test until it is written here too (a document read back without it would check or show
/// something else than a freshly loaded one). A change of layout must change `version`.
///
/// The search text (`analysis.text`, most of the bytes) is written last, so the bytes before it
/// (`encodeMarkingText`) are the whole document without it: a build after an edit reads and
/// checks only those for the documents it takes by their stamp.
package enum DocumentCodec {
    /// The layout's version; the saved documents' file header carries it (2: the text last).
    package static let version = 2

    /// Front matter nested deeper than this is not saved (such a document is parsed every
    /// build), so that reading never recurses deeper than this either, whatever the bytes say.
    package static let maximumDepth = 64

    /// The stored properties written, by type (their `Mirror` labels).
    package static let fields: [String: [String]] = [
        "Document": [
            "path", "id", "kind", "title", "summary", "owners", "status", "tags", "frontMatter", "body", "analysis",
            "bodyLineOffset", "references", "codeReferences", "verified", "verifiedFingerprints", "verifiedLocation",
            "schemaFields", "schemaTableOrdinal", "runs", "runsTableOrdinal", "selectionMetric", "selected",
            "selectedLocation", "findings", "attachments",
        ],
        "Attachment": ["name", "bytes"],
        "MarkdownAnalysis": [
            "headings", "wikiLinks", "links", "tables", "rawHTML", "htmlAnchors", "codeBlocks", "text",
            "autodocObjects",
        ],
        "Heading": ["level", "text", "id", "line"],
        "WikiLink": ["target", "label", "line", "column"],
        "Link": ["url", "isImage", "line", "column"],
        "RawHTML": ["excerpt", "line", "column"],
        "CodeBlock": ["language", "line"],
        "Table": ["header", "rows", "line", "ordinal"],
        "Row": ["cells", "line"],
        "YAMLValue": ["content", "text", "line", "column"],
        "Entry": ["key", "value", "line", "column"],
        "DocumentReference": ["key", "target", "kindHint", "path", "anchor", "location"],
        "WrittenCodeReference": ["key", "text", "location"],
        "SchemaField": [
            "key", "entity", "name", "type", "rawType", "level", "rawLevel", "description", "nullable", "values",
            "range", "line",
        ],
        "ExperimentRun": ["name", "model", "params", "metrics", "location", "recordedIn", "isDocumented", "drift"],
        "Value": ["key", "text", "number"],
        "Drift": ["column", "key", "recorded", "source"],
        "SelectionMetric": ["name", "maximize"],
        "Finding": ["severity", "rule", "message", "location", "state"],
        "SourceLocation": ["path", "line", "column"],
    ]

    /// The bytes of `document` and the `findings` its load gave; nil when it cannot be saved
    /// (a notebook's body is a tree built from its cells; front matter nested too deep). With
    /// `bodyEndsSource` (`bodyEnds(_:source:)` of the bytes it was loaded from: most bodies are
    /// the text after the front matter), the body is written as its length only, and `decode`
    /// takes it from the same bytes.
    package static func encode(_ document: Document, findings: [Finding], bodyEndsSource: Bool = false) -> [UInt8]? {
        encodeMarkingText(document, findings: findings, bodyEndsSource: bodyEndsSource)?.bytes
    }

    /// `encode`, with where the search text's encoding begins: the bytes before it decode alone
    /// with `skippingText` to the document with an empty text.
    package static func encodeMarkingText(
        _ document: Document, findings: [Finding], bodyEndsSource: Bool = false
    ) -> (bytes: [UInt8], textStart: Int)? {
        var encoder = Encoder(path: document.path, bodyEndsSource: bodyEndsSource)
        guard encoder.document(document, findings: findings) else { return nil }
        return (encoder.out.bytes, encoder.textStart)
    }

    /// What `encode` wrote for the document at `path` (loaded from `source`, when it was given
    /// to `encode`); throws unless `bytes` read back whole. With `deferringBody` and no `source`,
    /// a body written as its length only is `DocumentBody.deferred`: left in the file. With
    /// `skippingText`, the search text (`analysis.text`, most of the bytes) is passed over, or
    /// may be missing (the bytes `encodeMarkingText` marks before it), and is left empty: a build
    /// after an edit makes the search entries of one chunk, not of every document, and reads the
    /// few texts it needs again (`DocumentMemoFile.DeferredTexts`). With `interning`, texts are
    /// taken from it when it holds them already (the same values: `StringInterner`).
    package static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, path: String, source: UnsafeBufferPointer<UInt8>? = nil,
        deferringBody: Bool = false, skippingText: Bool = false, interning interner: StringInterner? = nil
    ) throws(MemoReader.Malformed) -> (Document, [Finding]) {
        var decoder = Decoder(
            input: MemoReader(bytes), path: path, source: source, deferringBody: deferringBody,
            skippingText: skippingText, interner: interner?.slots)
        let result = try withExtendedLifetime(interner) { () throws(MemoReader.Malformed) in try decoder.document() }
        guard decoder.input.atEnd else { throw MemoReader.Malformed() }
        return result
    }

    /// `findings` of the document at `path` as a saved document writes them (a location in `path`
    /// itself takes no path), for other cache files that keep a document's findings.
    package static func encode(findings: [Finding], of path: String, into out: inout MemoWriter) {
        var encoder = Encoder(path: path, bodyEndsSource: false)
        encoder.out = out
        encoder.findings(findings)
        out = encoder.out
    }

    /// Findings written by `encode(findings:of:into:)` for the document at `path`.
    package static func decodeFindings(
        of path: String, from input: inout MemoReader
    ) throws(MemoReader.Malformed) -> [Finding] {
        var decoder = Decoder(input: input, path: path, source: nil, deferringBody: false, skippingText: false)
        let findings = try decoder.findings()
        input = decoder.input
        return findings
    }

    /// Whether the document's body is the Markdown text at the end of `source`, byte for byte.
    package static func bodyEnds(_ document: Document, source: [UInt8]) -> Bool {
        guard case let .markdown(body) = document.body else { return false }
        var text = body
        // memcmp: comparing the slices element by element was 1.5% of a cold build.
        return text.withUTF8 { utf8 in
            guard utf8.count <= source.count else { return false }
            guard let base = utf8.baseAddress, !utf8.isEmpty else { return true }
            return source.withUnsafeBufferPointer { whole in
                memcmp(whole.baseAddress! + (whole.count - utf8.count), base, utf8.count) == 0
            }
        }
    }

    private struct Encoder {
        var out = MemoWriter()
        let path: String
        let bodyEndsSource: Bool
        /// Where the search text's encoding begins (the last thing written).
        var textStart = 0

        init(path: String, bodyEndsSource: Bool) {
            self.path = path
            self.bodyEndsSource = bodyEndsSource
        }

        /// The document's own path (most locations) is one byte.
        mutating func location(_ location: SourceLocation) {
            if location.path == path {
                out.count(0)
            } else {
                var text = location.path
                text.withUTF8 { utf8 in
                    out.count(utf8.count + 1)
                    out.bytes.append(contentsOf: utf8)
                }
            }
            out.integer(location.line)
            out.integer(location.column)
        }

        mutating func optionalLocation(_ location: SourceLocation?) {
            out.flag(location != nil)
            if let location { self.location(location) }
        }

        mutating func optionalInteger(_ value: Int?) {
            out.flag(value != nil)
            if let value { out.integer(value) }
        }

        mutating func document(_ document: Document, findings: [Finding]) -> Bool {
            out.string(document.id)
            out.optionalString(document.kind?.rawValue)
            out.string(document.title)
            out.optionalString(document.summary)
            out.strings(document.owners)
            out.optionalString(document.status)
            out.strings(document.tags)
            out.flag(document.frontMatter != nil)
            if let frontMatter = document.frontMatter, !yaml(frontMatter, depth: 0) { return false }
            switch document.body {
            case let .markdown(text) where bodyEndsSource:
                out.count(2)
                out.count(text.utf8.count)
            // Left in the file it ends (`DocumentMemoFile.store`): written as `.markdown` would be.
            case let .deferred(length) where bodyEndsSource:
                out.count(2)
                out.count(length)
            case let .markdown(text):
                out.count(0)
                out.string(text)
            case .dropped: out.count(1)
            // Neither is text to save: a tree built elsewhere, a body never read.
            case .tree, .deferred: return false
            }
            analysis(document.analysis)
            out.integer(document.bodyLineOffset)
            out.count(document.references.count)
            for reference in document.references {
                out.string(reference.key)
                out.string(reference.target)
                out.optionalString(reference.kindHint?.rawValue)
                out.optionalString(reference.path)
                out.optionalString(reference.anchor)
                location(reference.location)
            }
            out.count(document.codeReferences.count)
            for reference in document.codeReferences {
                out.string(reference.key)
                out.string(reference.text)
                location(reference.location)
            }
            out.optionalString(document.verified)
            out.flag(document.verifiedFingerprints != nil)
            if let fingerprints = document.verifiedFingerprints {
                // Sorted: the same document gives the same bytes in every process.
                out.count(fingerprints.count)
                for (key, value) in fingerprints.sorted(by: { $0.key < $1.key }) {
                    out.string(key)
                    out.string(value)
                }
            }
            optionalLocation(document.verifiedLocation)
            out.count(document.schemaFields.count)
            for field in document.schemaFields { schemaField(field) }
            optionalInteger(document.schemaTableOrdinal)
            out.count(document.runs.count)
            for run in document.runs { self.run(run) }
            optionalInteger(document.runsTableOrdinal)
            out.flag(document.selectionMetric != nil)
            if let metric = document.selectionMetric {
                out.string(metric.name)
                out.flag(metric.maximize)
            }
            out.optionalString(document.selected)
            optionalLocation(document.selectedLocation)
            self.findings(document.findings)
            // The load's findings are the document's in every load but a failed one (which has no
            // document to save); written once when they are.
            out.flag(findings == document.findings)
            if findings != document.findings { self.findings(findings) }
            out.count(document.attachments.count)
            for attachment in document.attachments {
                out.string(attachment.name)
                out.raw(attachment.bytes)
            }
            textStart = out.bytes.count
            out.string(document.analysis.text)
            return true
        }

        mutating func yaml(_ value: YAMLValue, depth: Int) -> Bool {
            guard depth < DocumentCodec.maximumDepth else { return false }
            out.string(value.text)
            out.integer(value.line)
            out.integer(value.column)
            switch value.content {
            case .null: out.count(0)
            case let .bool(flag):
                out.count(1)
                out.flag(flag)
            case let .int(number):
                out.count(2)
                out.integer(number)
            case let .float(number):
                out.count(3)
                out.double(number)
            case let .string(text):
                out.count(4)
                // Most scalars are written as they read: one byte instead of the text again.
                out.flag(text == value.text)
                if text != value.text { out.string(text) }
            case let .list(items):
                out.count(5)
                out.count(items.count)
                for item in items where !yaml(item, depth: depth + 1) { return false }
            case let .map(entries):
                out.count(6)
                out.count(entries.count)
                for entry in entries {
                    out.string(entry.key)
                    out.integer(entry.line)
                    out.integer(entry.column)
                    if !yaml(entry.value, depth: depth + 1) { return false }
                }
            }
            return true
        }

        mutating func analysis(_ analysis: MarkdownAnalysis) {
            out.count(analysis.headings.count)
            for heading in analysis.headings {
                out.integer(heading.level)
                out.string(heading.text)
                out.string(heading.id)
                out.integer(heading.line)
            }
            out.count(analysis.wikiLinks.count)
            for link in analysis.wikiLinks {
                out.string(link.target)
                out.optionalString(link.label)
                out.integer(link.line)
                out.integer(link.column)
            }
            out.count(analysis.links.count)
            for link in analysis.links {
                out.string(link.url)
                out.flag(link.isImage)
                out.integer(link.line)
                out.integer(link.column)
            }
            out.count(analysis.tables.count)
            for table in analysis.tables {
                out.strings(table.header)
                out.count(table.rows.count)
                for row in table.rows {
                    out.strings(row.cells)
                    out.integer(row.line)
                }
                out.integer(table.line)
                out.integer(table.ordinal)
            }
            out.count(analysis.rawHTML.count)
            for html in analysis.rawHTML {
                out.string(html.excerpt)
                out.integer(html.line)
                out.integer(html.column)
            }
            out.strings(analysis.htmlAnchors)
            out.count(analysis.codeBlocks.count)
            for block in analysis.codeBlocks {
                out.string(block.language)
                out.integer(block.line)
            }
            // The text is written last (`document`).
            out.strings(analysis.autodocObjects)
        }

        mutating func schemaField(_ field: SchemaField) {
            out.string(field.key)
            out.optionalString(field.entity)
            out.string(field.name)
            out.optionalString(field.type?.rawValue)
            out.string(field.rawType)
            out.optionalString(field.level?.rawValue)
            out.string(field.rawLevel)
            out.string(field.description)
            out.count(field.nullable.map { $0 ? 2 : 1 } ?? 0)
            out.strings(field.values)
            out.flag(field.range != nil)
            if let range = field.range {
                out.double(range.lowerBound)
                out.double(range.upperBound)
            }
            out.integer(field.line)
        }

        mutating func run(_ run: ExperimentRun) {
            out.string(run.name)
            out.optionalString(run.model)
            for values in [run.params, run.metrics] {
                out.count(values.count)
                for value in values {
                    out.string(value.key)
                    out.string(value.text)
                    out.flag(value.number != nil)
                    if let number = value.number { out.double(number) }
                }
            }
            location(run.location)
            out.optionalString(run.recordedIn)
            out.flag(run.isDocumented)
            out.count(run.drift.count)
            for drift in run.drift {
                out.string(drift.column.rawValue)
                out.string(drift.key)
                out.string(drift.recorded)
                out.string(drift.source)
            }
        }

        mutating func findings(_ findings: [Finding]) {
            out.count(findings.count)
            for finding in findings {
                out.string(finding.severity.rawValue)
                out.string(finding.rule)
                out.string(finding.message)
                location(finding.location)
                out.optionalString(finding.state?.rawValue)
            }
        }
    }

    private struct Decoder {
        /// The capacity to reserve for `count` items read: arrays sized once (grown by appending,
        /// their regrowth was about a tenth of decoding), but never more than a few hundred ahead
        /// of the items actually read, whatever a damaged count says.
        static func reserved(_ count: Int) -> Int { min(count, 256) }

        var input: MemoReader
        let path: String
        let source: UnsafeBufferPointer<UInt8>?
        let deferringBody: Bool
        let skippingText: Bool
        /// Where the texts read are taken from when the caller keeps an interner (`StringInterner`).
        var interner: StringInterner.Slots?

        mutating func string() throws(MemoReader.Malformed) -> String {
            guard let interner else { return try input.string() }
            return try input.string(interning: interner)
        }

        mutating func optionalString() throws(MemoReader.Malformed) -> String? {
            try input.flag() ? try string() : nil
        }

        mutating func strings() throws(MemoReader.Malformed) -> [String] {
            let count = try input.count()
            var texts: [String] = []
            texts.reserveCapacity(Self.reserved(count))
            for _ in 0..<count { texts.append(try string()) }
            return texts
        }

        mutating func location() throws(MemoReader.Malformed) -> SourceLocation {
            let marker = try input.count()
            let file: String
            if marker == 0 {
                file = path
            } else {
                guard marker - 1 <= input.remaining else { throw MemoReader.Malformed() }
                file = try input.stringBody(length: marker - 1)
            }
            return SourceLocation(path: file, line: try input.integer(), column: try input.integer())
        }

        mutating func optionalLocation() throws(MemoReader.Malformed) -> SourceLocation? {
            try input.flag() ? try location() : nil
        }

        mutating func optionalInteger() throws(MemoReader.Malformed) -> Int? {
            try input.flag() ? try input.integer() : nil
        }

        /// A raw-value enum case written as its raw value; unknown values are malformed.
        mutating func optional<T: RawRepresentable>(_: T.Type) throws(MemoReader.Malformed) -> T?
        where T.RawValue == String {
            guard let raw = try optionalString() else { return nil }
            guard let value = T(rawValue: raw) else { throw MemoReader.Malformed() }
            return value
        }

        mutating func required<T: RawRepresentable>(_: T.Type) throws(MemoReader.Malformed) -> T
        where T.RawValue == String {
            guard let value = T(rawValue: try string()) else { throw MemoReader.Malformed() }
            return value
        }

        mutating func document() throws(MemoReader.Malformed) -> (Document, [Finding]) {
            let id = try string()
            let kind = try optional(DocumentKind.self)
            let title = try string()
            let summary = try optionalString()
            let owners = try strings()
            let status = try optionalString()
            let tags = try strings()
            let frontMatter = try input.flag() ? try yaml(depth: 0) : nil
            let body: DocumentBody
            switch try input.count() {
            case 0: body = .markdown(try string())
            case 1: body = .dropped
            case 2:
                let length = try input.unsigned()
                if source == nil, deferringBody {
                    // No larger than a document is read (`DocumentLoader.maxBytes`).
                    guard length <= UInt64(Int32.max) else { throw MemoReader.Malformed() }
                    body = .deferred(length: Int(length))
                    break
                }
                guard let source, length <= UInt64(source.count) else { throw MemoReader.Malformed() }
                body = .markdown(
                    String(
                        decoding: UnsafeBufferPointer(rebasing: source[(source.count - Int(length))...]), as: UTF8.self)
                )
            default: throw MemoReader.Malformed()
            }
            var analysis = try self.analysis()
            let bodyLineOffset = try input.integer()
            var references: [DocumentReference] = []
            let referenceCount = try input.count()
            references.reserveCapacity(Self.reserved(referenceCount))
            for _ in 0..<referenceCount {
                references.append(
                    DocumentReference(
                        key: try string(), target: try string(), kindHint: try optional(DocumentKind.self),
                        path: try optionalString(), anchor: try optionalString(),
                        location: try location()))
            }
            var codeReferences: [WrittenCodeReference] = []
            let codeReferenceCount = try input.count()
            codeReferences.reserveCapacity(Self.reserved(codeReferenceCount))
            for _ in 0..<codeReferenceCount {
                codeReferences.append(
                    WrittenCodeReference(key: try string(), text: try string(), location: try location()))
            }
            let verified = try optionalString()
            var fingerprints: [String: String]?
            if try input.flag() {
                var read: [String: String] = [:]
                // Assigned one by one: repeated keys in a damaged file must not trap.
                for _ in 0..<(try input.count()) {
                    let key = try string()
                    read[key] = try string()
                }
                fingerprints = read
            }
            let verifiedLocation = try optionalLocation()
            var schemaFields: [SchemaField] = []
            let fieldCount = try input.count()
            schemaFields.reserveCapacity(Self.reserved(fieldCount))
            for _ in 0..<fieldCount { schemaFields.append(try schemaField()) }
            let schemaTableOrdinal = try optionalInteger()
            var runs: [ExperimentRun] = []
            let runCount = try input.count()
            runs.reserveCapacity(Self.reserved(runCount))
            for _ in 0..<runCount { runs.append(try run()) }
            let runsTableOrdinal = try optionalInteger()
            let selectionMetric =
                try input.flag() ? SelectionMetric(name: try string(), maximize: try input.flag()) : nil
            let selected = try optionalString()
            let selectedLocation = try optionalLocation()
            let documentFindings = try findings()
            let loadFindings = try input.flag() ? documentFindings : try findings()
            var attachments: [Document.Attachment] = []
            for _ in 0..<(try input.count()) {
                attachments.append(Document.Attachment(name: try string(), bytes: try input.raw()))
            }
            if !skippingText {
                analysis.text = try input.string()
            } else if !input.atEnd {
                _ = try input.skip(try input.count())
            }
            let document = Document(
                path: path, id: id, kind: kind, title: title, summary: summary, owners: owners, status: status,
                tags: tags, frontMatter: frontMatter, body: body, analysis: analysis, bodyLineOffset: bodyLineOffset,
                references: references, codeReferences: codeReferences, verified: verified,
                verifiedFingerprints: fingerprints, verifiedLocation: verifiedLocation, schemaFields: schemaFields,
                schemaTableOrdinal: schemaTableOrdinal, runs: runs, runsTableOrdinal: runsTableOrdinal,
                selectionMetric: selectionMetric, selected: selected, selectedLocation: selectedLocation,
                findings: documentFindings, attachments: attachments)
            return (document, loadFindings)
        }

        mutating func yaml(depth: Int) throws(MemoReader.Malformed) -> YAMLValue {
            guard depth < DocumentCodec.maximumDepth else { throw MemoReader.Malformed() }
            let text = try string()
            let line = try input.integer()
            let column = try input.integer()
            let content: YAMLValue.Content
            switch try input.count() {
            case 0: content = .null
            case 1: content = .bool(try input.flag())
            case 2: content = .int(try input.integer())
            case 3: content = .float(try input.double())
            case 4: content = .string(try input.flag() ? text : try string())
            case 5:
                var items: [YAMLValue] = []
                let itemCount = try input.count()
                items.reserveCapacity(Self.reserved(itemCount))
                for _ in 0..<itemCount { items.append(try yaml(depth: depth + 1)) }
                content = .list(items)
            case 6:
                var entries: [YAMLValue.Entry] = []
                let entryCount = try input.count()
                entries.reserveCapacity(Self.reserved(entryCount))
                for _ in 0..<entryCount {
                    let key = try string()
                    let line = try input.integer()
                    let column = try input.integer()
                    entries.append(
                        YAMLValue.Entry.restored(
                            key: key, value: try yaml(depth: depth + 1), line: line, column: column))
                }
                content = .map(entries)
            default: throw MemoReader.Malformed()
            }
            return YAMLValue(content, text: text, line: line, column: column)
        }

        mutating func analysis() throws(MemoReader.Malformed) -> MarkdownAnalysis {
            var analysis = MarkdownAnalysis()
            let headingCount = try input.count()
            analysis.headings.reserveCapacity(Self.reserved(headingCount))
            for _ in 0..<headingCount {
                analysis.headings.append(
                    MarkdownAnalysis.Heading.restored(
                        level: try input.integer(), text: try string(), id: try string(),
                        line: try input.integer()))
            }
            for _ in 0..<(try input.count()) {
                analysis.wikiLinks.append(
                    MarkdownAnalysis.WikiLink.restored(
                        target: try string(), label: try optionalString(), line: try input.integer(),
                        column: try input.integer()))
            }
            for _ in 0..<(try input.count()) {
                analysis.links.append(
                    MarkdownAnalysis.Link.restored(
                        url: try string(), isImage: try input.flag(), line: try input.integer(),
                        column: try input.integer()))
            }
            for _ in 0..<(try input.count()) {
                let header = try strings()
                var rows: [MarkdownAnalysis.Table.Row] = []
                let rowCount = try input.count()
                rows.reserveCapacity(Self.reserved(rowCount))
                for _ in 0..<rowCount {
                    rows.append(
                        MarkdownAnalysis.Table.Row.restored(cells: try strings(), line: try input.integer()))
                }
                analysis.tables.append(
                    MarkdownAnalysis.Table.restored(
                        header: header, rows: rows, line: try input.integer(), ordinal: try input.integer()))
            }
            for _ in 0..<(try input.count()) {
                analysis.rawHTML.append(
                    MarkdownAnalysis.RawHTML.restored(
                        excerpt: try string(), line: try input.integer(), column: try input.integer()))
            }
            analysis.htmlAnchors = try strings()
            for _ in 0..<(try input.count()) {
                analysis.codeBlocks.append(
                    MarkdownAnalysis.CodeBlock.restored(language: try string(), line: try input.integer()))
            }
            // The text is read last (`document`).
            analysis.autodocObjects = try strings()
            return analysis
        }

        mutating func schemaField() throws(MemoReader.Malformed) -> SchemaField {
            let key = try string()
            let entity = try optionalString()
            let name = try string()
            let type = try optional(FieldType.self)
            let rawType = try string()
            let level = try optional(MeasurementLevel.self)
            let rawLevel = try string()
            let description = try string()
            let nullable: Bool?
            switch try input.count() {
            case 0: nullable = nil
            case 1: nullable = false
            case 2: nullable = true
            default: throw MemoReader.Malformed()
            }
            let values = try strings()
            var range: ClosedRange<Double>?
            if try input.flag() {
                let lower = try input.double()
                let upper = try input.double()
                // `...` traps unless lower ≤ upper (NaN included): a damaged file must not.
                guard lower <= upper else { throw MemoReader.Malformed() }
                range = lower...upper
            }
            return SchemaField(
                key: key, entity: entity, name: name, type: type, rawType: rawType, level: level, rawLevel: rawLevel,
                description: description, nullable: nullable, values: values, range: range, line: try input.integer())
        }

        mutating func run() throws(MemoReader.Malformed) -> ExperimentRun {
            let name = try string()
            let model = try optionalString()
            var lists: [[ExperimentRun.Value]] = []
            for _ in 0..<2 {
                var values: [ExperimentRun.Value] = []
                let valueCount = try input.count()
                values.reserveCapacity(Self.reserved(valueCount))
                for _ in 0..<valueCount {
                    let key = try string()
                    let text = try string()
                    let number = try input.flag() ? try input.double() : nil
                    values.append(ExperimentRun.Value(key: key, text: text, number: number))
                }
                lists.append(values)
            }
            var run = ExperimentRun(
                name: name, model: model, params: lists[0], metrics: lists[1], location: try location(),
                recordedIn: try optionalString(), isDocumented: try input.flag())
            for _ in 0..<(try input.count()) {
                run.drift.append(
                    ExperimentRun.Drift(
                        column: try required(ExperimentRun.Drift.Column.self), key: try string(),
                        recorded: try string(), source: try string()))
            }
            return run
        }

        mutating func findings() throws(MemoReader.Malformed) -> [Finding] {
            var findings: [Finding] = []
            for _ in 0..<(try input.count()) {
                let severity = try required(Severity.self)
                let rule = try string()
                let message = try string()
                findings.append(
                    Finding(
                        severity, rule, message, at: try location(), state: try optional(HealthState.self)))
            }
            return findings
        }
    }
}
