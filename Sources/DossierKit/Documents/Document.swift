/// A reference from one document to another, as written in front matter or the body.
public struct DocumentReference: Sendable, Hashable {
    /// The front-matter key (`schemas`, `target`…) or `body` for `[[…]]` and `.md` links.
    public var key: String
    /// The id as written, without a `kind:` prefix; may name a schema field (`schema.column`).
    public var target: String
    /// The kind named by a `kind:id` prefix.
    public var kindHint: DocumentKind?
    /// For `.md` links: the linked file's path relative to the project root (resolved by path).
    public var path: String?
    /// For `.md` links with `#anchor`: the heading id to check on the target page.
    public var anchor: String?
    public var location: SourceLocation
}

/// A code or data reference as written, before it is checked against the files.
public struct WrittenCodeReference: Sendable, Hashable {
    /// `code`, `implements`, `body`, or the key of a data file (`sample`, `requirements`…).
    public var key: String
    /// Relative to the project root (body links are already resolved against the document's folder).
    public var text: String
    public var location: SourceLocation
}

/// One run of an experiment, from `runs:` or a runs table.
public struct ExperimentRun: Sendable, Hashable {
    public struct Value: Sendable, Hashable {
        public var key: String
        public var text: String
        public var number: Double?
    }
    public var name: String
    public var model: String?
    public var params: [Value]
    public var metrics: [Value]
    public var location: SourceLocation

    public func metric(_ name: String) -> Double? {
        metrics.first { $0.key == name }?.number
    }
}

/// The metric an experiment selects its run by.
public struct SelectionMetric: Sendable, Hashable {
    public var name: String
    public var maximize: Bool
}

/// A Markdown document with its front matter parsed into typed values (SPEC 1.2).
public struct Document: Sendable {
    /// Relative to the project root, `/`-separated.
    public var path: String
    public var id: String
    public var kind: DocumentKind?
    public var title: String
    public var summary: String?
    public var owners: [String]
    public var status: String?
    public var tags: [String]
    /// The whole front matter, for the facts card and for checks that read kind-specific keys.
    public var frontMatter: YAMLValue?
    public var body: MarkdownNode
    public var analysis: MarkdownAnalysis
    /// Lines before the body (front matter and its fences).
    public var bodyLineOffset: Int
    public var references: [DocumentReference]
    public var codeReferences: [WrittenCodeReference]
    public var verified: String?
    public var verifiedLocation: SourceLocation?
    /// Schema documents: the rows of the schema table, and which table of the body it is.
    public var schemaFields: [SchemaField]
    public var schemaTableOrdinal: Int?
    /// Experiments: the runs, from front matter or a runs table, and the table's ordinal.
    public var runs: [ExperimentRun]
    public var runsTableOrdinal: Int?
    public var selectionMetric: SelectionMetric?
    /// `selected:` of an experiment or model, with where it is written.
    public var selected: String?
    public var selectedLocation: SourceLocation?
    /// Findings from loading: YAML, key types, unknown keys, table rows.
    public var findings: [Finding]

    /// A front-matter value by key.
    public subscript(key: String) -> YAMLValue? { frontMatter?[key] }

    /// Where a front-matter key is written, or line 1.
    public func location(ofKey key: String) -> SourceLocation {
        if let entry = frontMatter?.entry(key) {
            return SourceLocation(path: path, line: entry.line, column: entry.column)
        }
        return SourceLocation(path: path, line: 1)
    }
}
