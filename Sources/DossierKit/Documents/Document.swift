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
