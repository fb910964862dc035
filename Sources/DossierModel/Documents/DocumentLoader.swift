import DossierCore
import DossierFormats
import DossierMarkdown
import Foundation

/// Turns one Markdown file's bytes into a `Document` and the findings about it.
/// Bad input is a finding, never a crash: the document still loads as far as it can.
package enum DocumentLoader {
    /// Documents larger than this are skipped with a finding: they are almost always generated
    /// files committed by mistake, and one would dominate build time and memory.
    package static let maxBytes = 5 * 1024 * 1024

    package static let idCharacters = Set("abcdefghijklmnopqrstuvwxyz0123456789-_.".utf8)

    /// The finding for a document of `size` bytes, over the limit; the size is the file's real one.
    package static func tooLarge(path: String, size: Int) -> Finding {
        let mb = String(format: "%.1f", Double(size) / 1_048_576)
        return Finding(
            .error, "document.too-large",
            "document is \(mb) MB; documents over \(maxBytes / 1_048_576) MB "
                + "are skipped (exclude it in dossier.yml, or split it)", at: SourceLocation(path: path, line: 1))
    }

    /// Loads a document; returns nil (with findings) when the file cannot be a document at all.
    /// `keepingText: false` leaves the search text (`analysis.text`) empty, for `check`; with
    /// `preparing`, the body is also rendered now and kept there for its page (not a notebook's).
    package static func load(
        path: String, bytes: [UInt8], keepingText: Bool = true, preparing: PreparedBodies? = nil
    ) -> (Document?, [Finding]) {
        if Notebook.isNotebook(path) { return NotebookPage.load(path: path, bytes: bytes) }
        let start = SourceLocation(path: path, line: 1)
        if bytes.count > maxBytes {
            return (nil, [tooLarge(path: path, size: bytes.count)])
        }
        // memchr: `contains(0)` walked the bytes one by one, 1% of `check`'s instructions.
        let holdsNUL = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { memchr($0, 0, buffer.count) != nil } ?? false
        }
        if holdsNUL {
            return (
                nil,
                [
                    Finding(
                        .error, "document.binary",
                        "file is binary (it holds NUL bytes), not Markdown; exclude it in dossier.yml", at: start)
                ]
            )
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let (line, column) = firstInvalidUTF8(bytes)
            return (
                nil,
                [
                    Finding(
                        .error, "document.encoding", "file is not valid UTF-8; save it as UTF-8",
                        at: SourceLocation(path: path, line: line, column: column))
                ]
            )
        }
        return load(path: path, text: text, keepingText: keepingText, preparing: preparing)
    }

    /// With `preparing`, the body is also rendered now and kept there for its page.
    package static func load(
        path: String, text: String, keepingText: Bool = true, preparing: PreparedBodies? = nil
    ) -> (Document?, [Finding]) {
        var findings: [Finding] = []
        let split = FrontMatter.split(text)
        var frontMatter: YAMLValue?
        if let yaml = split.yaml {
            switch FrontMatter.parse(yaml, path: path) {
            case let .success(value):
                if value.entries != nil {
                    frontMatter = value
                } else if case .null = value.content {
                    frontMatter = nil
                } else {
                    findings.append(
                        Finding(
                            .error, "front-matter.not-mapping",
                            "front matter must be a mapping of `key: value` lines; found \(value.typeDescription)",
                            at: SourceLocation(path: path, line: value.line, column: value.column)))
                }
            case let .failure(finding):
                findings.append(finding)
            }
        } else if let toml = split.toml {
            switch TOMLFrontMatter.parse(toml, path: path) {
            case let .success(value): frontMatter = value
            case let .failure(finding): findings.append(finding)
            }
        }
        let markdown = MkDocsSyntax.rewrite(split.body)
        let analysis: MarkdownAnalysis
        let notes: [MarkdownParseNote]
        var tree: MarkdownNode?
        if preparing != nil, !ByteSearch.contains(markdown, "\u{0}") {
            // The tree is copied out to render the body now (`PreparedBodies`), and analysed as
            // `analysisReporting` would have read it.
            let parsed = MathSpans.parseReporting(markdown)
            analysis = MarkdownAnalysis(parsed.root, lineOffset: split.bodyLineOffset, keepingText: keepingText)
            notes = parsed.notes
            tree = parsed.root
        } else {
            // No tree is kept (the page parses the body again): what loading needs, the search text
            // too, is read from cmark-gfm's tree without copying it into Swift values.
            (analysis, notes) = MathSpans.analysisReporting(
                markdown, lineOffset: split.bodyLineOffset, keepingText: keepingText)
        }
        for note in notes {
            findings.append(
                Finding(
                    .warning, note.rule, note.message,
                    at: SourceLocation(path: path, line: note.line + split.bodyLineOffset, column: note.column)))
        }
        var builder = Builder(
            path: path, frontMatter: frontMatter, body: .markdown(markdown), analysis: analysis,
            offset: split.bodyLineOffset)
        builder.build()
        findings += builder.findings
        var document = builder.document
        // TOML front matter is not rewritten by `verify`: its verification is a comment too.
        if frontMatter == nil || split.toml != nil, let (fingerprints, line) = VerificationComment.parse(text) {
            document.verifiedFingerprints = fingerprints
            document.verifiedLocation = SourceLocation(path: path, line: line)
        }
        document.findings = findings
        if let tree, let preparing {
            preparing.keep(PreparedBodies.Body(tree: tree, document: document), for: path)
        }
        return (document, findings)
    }

    /// A document without front matter whose body was built elsewhere (a notebook's cells).
    package static func load(path: String, body: MarkdownNode) -> (Document, [Finding]) {
        let analysis = MarkdownAnalysis(body, lineOffset: 0)
        var builder = Builder(path: path, frontMatter: nil, body: .tree(body), analysis: analysis, offset: 0)
        builder.build()
        var document = builder.document
        document.findings = builder.findings
        return (document, builder.findings)
    }

    /// The largest file `path` may be to load: notebooks carry their outputs.
    package static func maxBytes(for path: String) -> Int {
        Notebook.isNotebook(path) ? Notebook.maxBytes : maxBytes
    }

    /// The file-name id: `docs/Data Sources.md` → `data-sources`.
    package static func defaultID(for path: String) -> String {
        var name = (ProjectPath.lastComponent(path).map(String.init) ?? path)
        if name.lowercased().hasSuffix(".md") { name = String(name.dropLast(3)) }
        if Notebook.isNotebook(name) { name = String(name.dropLast(6)) }
        if ProjectPath.isASCII(name) { return asciiID(name) }
        var id = ""
        for char in name.lowercased() {
            if char.isASCII, char.isLetter || char.isNumber || char == "-" || char == "_" || char == "." {
                id.append(char)
            } else if !id.hasSuffix("-") {
                id.append("-")
            }
        }
        while id.hasPrefix(".") || id.hasPrefix("-") { id.removeFirst() }
        return id.isEmpty ? "page" : id
    }

    /// `defaultID`'s Character walk over the bytes of an ASCII name (~10,000 instructions a
    /// document less). In ASCII the letters and numbers are A–Z, a–z and 0–9; CR LF, the one
    /// Character of two bytes, becomes one `-` either way, as runs of other bytes do.
    private static func asciiID(_ name: String) -> String {
        var id: [UInt8] = []
        id.reserveCapacity(name.utf8.count)
        for byte in name.utf8 {
            let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
            if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) || lower == 0x2D || lower == 0x5F
                || lower == 0x2E
            {
                id.append(lower)
            } else if id.last != 0x2D {
                id.append(0x2D)
            }
        }
        let start = id.firstIndex { $0 != 0x2E && $0 != 0x2D } ?? id.endIndex
        return start == id.endIndex ? "page" : String(decoding: id[start...], as: UTF8.self)
    }

    package static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.allSatisfy { idCharacters.contains($0) } && !id.hasPrefix(".")
    }

    package static func firstInvalidUTF8(_ bytes: [UInt8]) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                lineStart = index + 1
                index += 1
                continue
            }
            let length = byte < 0x80 ? 1 : byte >> 5 == 0x6 ? 2 : byte >> 4 == 0xE ? 3 : byte >> 3 == 0x1E ? 4 : 0
            if length == 0 || index + length > bytes.count
                || String(validating: bytes[index..<(index + length)], as: UTF8.self) == nil
            {
                let column = String(decoding: bytes[lineStart..<index], as: UTF8.self).count + 1
                return (line, column)
            }
            index += length
        }
        return (line, 1)
    }

    /// Reads the typed keys of one document.
    private struct Builder {
        package let path: String
        package let frontMatter: YAMLValue?
        package var document: Document
        package var findings: [Finding] = []

        package init(path: String, frontMatter: YAMLValue?, body: DocumentBody, analysis: MarkdownAnalysis, offset: Int)
        {
            self.path = path
            self.frontMatter = frontMatter
            document = Document(
                path: path, id: DocumentLoader.defaultID(for: path), kind: nil, title: "",
                summary: nil, owners: [], status: nil, tags: [], frontMatter: frontMatter,
                body: body, analysis: analysis, bodyLineOffset: offset, references: [],
                codeReferences: [], verified: nil, verifiedLocation: nil, schemaFields: [],
                schemaTableOrdinal: nil, runs: [], runsTableOrdinal: nil, selectionMetric: nil,
                selected: nil, selectedLocation: nil, findings: [])
        }

        package func at(_ value: YAMLValue) -> SourceLocation {
            SourceLocation(path: path, line: value.line, column: value.column)
        }

        package func at(_ entry: YAMLValue.Entry) -> SourceLocation {
            SourceLocation(path: path, line: entry.line, column: entry.column)
        }

        package mutating func build() {
            readCommonKeys()
            checkKeys()
            readReferences()
            readBodyLinks()
            readKindSpecific()
        }

        package mutating func readCommonKeys() {
            let fm = frontMatter
            if let kindValue = fm?["kind"] {
                if let raw = kindValue.scalarText, let kind = DocumentKind(rawValue: raw.lowercased()) {
                    document.kind = kind
                } else {
                    let written = kindValue.scalarText ?? kindValue.typeDescription
                    findings.append(
                        Finding(
                            .error, "front-matter.kind",
                            "unknown kind `\(written)`; kinds are \(DocumentKind.allCases.map(\.rawValue).joined(separator: ", "))"
                                + ClosestMatch.suggestion(written, in: DocumentKind.allCases.map(\.rawValue)),
                            at: at(kindValue)))
                }
            }
            if let idValue = fm?["id"] {
                if let id = idValue.scalarText, DocumentLoader.isValidID(id) {
                    document.id = id
                } else {
                    let written = idValue.scalarText ?? idValue.typeDescription
                    findings.append(
                        Finding(
                            .error, "document.invalid-id",
                            "id `\(written)` may hold only lowercase letters, digits, `-`, `_` and `.`; using `\(document.id)` from the file name",
                            at: at(idValue)))
                }
            }
            document.title = fm?["title"]?.scalarText ?? document.analysis.firstH1 ?? document.id
            document.summary = fm?["summary"]?.scalarText ?? fm?["description"]?.scalarText
            document.owners = fm?["owner"]?.stringList ?? []
            document.status = fm?["status"]?.scalarText
            document.tags = fm?["tags"]?.stringList ?? []
            if let verified = fm?.entry("verified") {
                if let hash = verified.value.scalarText {
                    document.verified = hash
                } else if let entries = verified.value.entries {
                    document.verifiedFingerprints = Dictionary(
                        entries.compactMap { entry in entry.value.scalarText.map { (entry.key, $0) } },
                        uniquingKeysWith: { _, last in last })
                }
                document.verifiedLocation = at(verified)
            }
        }

        /// Unknown keys are warnings with the closest known key; wrong types are errors.
        package mutating func checkKeys() {
            guard let entries = frontMatter?.entries, let kind = document.kind else { return }
            let known = FrontMatterKeys.known(for: kind)
            for entry in entries {
                guard let type = known[entry.key] else {
                    findings.append(
                        Finding(
                            .warning, "front-matter.unknown-key",
                            "unknown key `\(entry.key)` for kind \(kind.rawValue)"
                                + ClosestMatch.suggestion(entry.key, in: known.keys.sorted()),
                            at: at(entry)))
                    continue
                }
                if case .null = entry.value.content { continue }
                if !type.accepts(entry.value) {
                    findings.append(
                        Finding(
                            .error, "front-matter.type",
                            "`\(entry.key)` must be \(type.expectation); found \(entry.value.typeDescription)"
                                + (entry.value.scalarText.map { " `\($0)`" } ?? ""),
                            at: at(entry.value)))
                }
            }
        }

        package mutating func readReferences() {
            guard let entries = frontMatter?.entries else { return }
            for entry in entries where FrontMatterKeys.referenceKeys.contains(entry.key) {
                // On a model, `datasets`/`base_model` name Hub ids, and the same holds for any
                // reference key on a plain page: only kinds' reference keys are Dossier ids.
                if document.kind == nil, entry.key != "related" { continue }
                let values: [YAMLValue] = entry.value.list ?? [entry.value]
                for value in values {
                    guard let raw = value.scalarText, !raw.isEmpty else { continue }
                    let (hint, target) = DocumentKind.splitPrefix(raw)
                    document.references.append(
                        DocumentReference(
                            key: entry.key, target: target, kindHint: hint,
                            path: nil, anchor: nil, location: at(value)))
                }
            }
            for key in FrontMatterKeys.codeReferenceKeys {
                guard let value = frontMatter?[key] else { continue }
                for item in value.list ?? [value] {
                    if let text = item.scalarText {
                        document.codeReferences.append(WrittenCodeReference(key: key, text: text, location: at(item)))
                    }
                }
            }
            if let components = frontMatter?["components"]?.list {
                for component in components {
                    guard let implements = component["implements"] else { continue }
                    for item in implements.list ?? [implements] {
                        if let text = item.scalarText {
                            document.codeReferences.append(
                                WrittenCodeReference(key: "implements", text: text, location: at(item)))
                        }
                    }
                }
            }
            // Data files a document describes are covered paths too: when they change, it may lag.
            for key in FrontMatterKeys.fileKeys {
                if let value = frontMatter?[key], let text = value.scalarText, !ProjectPath.hasScheme(text) {
                    document.codeReferences.append(WrittenCodeReference(key: key, text: text, location: at(value)))
                }
            }
        }

        package mutating func readBodyLinks() {
            let folder = ProjectPath.directory(of: path)
            for link in document.analysis.wikiLinks {
                let (hint, target) = DocumentKind.splitPrefix(link.target)
                document.references.append(
                    DocumentReference(
                        key: "body", target: target, kindHint: hint, path: nil, anchor: nil,
                        location: SourceLocation(path: path, line: link.line, column: link.column)))
            }
            for link in document.analysis.links {
                let url = link.url
                guard !url.isEmpty, !ProjectPath.hasScheme(url), !url.hasPrefix("//") else { continue }
                let location = SourceLocation(path: path, line: link.line, column: link.column)
                var (filePart, fragment) = ProjectPath.splitFragment(url)
                let anchor: String? = fragment.isEmpty ? nil : String(fragment.dropFirst())
                if let query = ProjectPath.firstIndex(of: "?", in: filePart) { filePart = String(filePart[..<query]) }
                // Foundation's decoding is costly on every link; without a `%` it returns the text as it is.
                if filePart.utf8.contains(0x25) { filePart = filePart.removingPercentEncoding ?? filePart }
                if filePart.isEmpty {
                    if let anchor, !anchor.isEmpty {
                        document.references.append(
                            DocumentReference(
                                key: "anchor", target: document.id, kindHint: nil,
                                path: path, anchor: anchor, location: location))
                    }
                    continue
                }
                guard let resolved = ProjectPath.resolve(filePart, relativeTo: folder) else {
                    findings.append(
                        Finding(
                            .error, "code.outside-project",
                            "link `\(url)` leaves the project; link inside it or use a full URL", at: location))
                    continue
                }
                if resolved.lowercased().hasSuffix(".md") {
                    document.references.append(
                        DocumentReference(
                            key: "body", target: resolved, kindHint: nil, path: resolved,
                            anchor: anchor, location: location))
                } else if !link.isImage {
                    let fragment = anchor.map { "#" + $0 } ?? ""
                    document.codeReferences.append(
                        WrittenCodeReference(key: "body", text: resolved + fragment, location: location))
                }
            }
        }

        package mutating func readKindSpecific() {
            switch document.kind {
            case .schema:
                let result = SchemaTableParser.parse(document.analysis.tables, path: path)
                document.schemaFields = result.fields
                document.schemaTableOrdinal = result.tableOrdinal
                findings += result.findings
                if result.tableOrdinal == nil {
                    findings.append(
                        Finding(
                            .warning, "schema.no-table",
                            "schema has no schema table; add a Markdown table with a key column (key, column, field, name) and a type column (type, data type, dtype)",
                            at: SourceLocation(path: path, line: 1)))
                }
            case .experiment:
                readMetric()
                if let runs = frontMatter?["runs"], runs.list != nil {
                    let parsed = RunsTableParser.parse(frontMatter: runs, path: path)
                    document.runs = parsed.runs
                    findings += parsed.findings
                } else {
                    var metricNames = Set(frontMatter?["metrics"]?.stringList ?? [])
                    if let metric = document.selectionMetric { metricNames.insert(metric.name) }
                    let parsed = RunsTableParser.parse(document.analysis.tables, metricNames: metricNames, path: path)
                    document.runs = parsed.runs
                    document.runsTableOrdinal = parsed.ordinal
                }
                readSelected()
            case .model:
                readSelected()
            default:
                break
            }
        }

        package mutating func readMetric() {
            guard let metric = frontMatter?["metric"] else { return }
            if let name = metric.scalarText {
                document.selectionMetric = SelectionMetric(name: name, maximize: true)
            } else if let name = metric["name"]?.scalarText {
                let goal = metric["goal"]?.scalarText?.lowercased() ?? "maximize"
                if goal != "maximize", goal != "minimize" {
                    findings.append(
                        Finding(
                            .error, "front-matter.type", "`metric.goal` must be maximize or minimize; found `\(goal)`",
                            at: at(metric["goal"]!)))
                }
                document.selectionMetric = SelectionMetric(name: name, maximize: goal != "minimize")
            } else {
                findings.append(
                    Finding(
                        .error, "front-matter.type",
                        "`metric` must be a metric name or {name, goal: maximize|minimize}",
                        at: at(metric)))
            }
        }

        package mutating func readSelected() {
            if let selected = frontMatter?["selected"], let name = selected.scalarText {
                document.selected = name
                document.selectedLocation = at(selected)
            }
        }
    }
}
