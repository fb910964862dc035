import DossierCore
import DossierFormats
import DossierMarkdown

/// A Markdown document with its front matter parsed into typed values (SPEC 1.2).
package struct Document: Sendable {
    /// Relative to the project root, `/`-separated.
    package var path: String
    package var id: String
    package var kind: DocumentKind?
    package var title: String
    package var summary: String?
    package var owners: [String]
    package var status: String?
    package var tags: [String]
    /// The whole front matter, for the facts card and for checks that read kind-specific keys.
    package var frontMatter: YAMLValue?
    /// The Markdown body, parsed when the page renders (`DocumentBody`); what checks need of it
    /// is in `analysis`.
    package var body: DocumentBody
    package var analysis: MarkdownAnalysis
    /// Lines before the body (front matter and its fences).
    package var bodyLineOffset: Int
    package var references: [DocumentReference]
    package var codeReferences: [WrittenCodeReference]
    /// `verified:` as a commit hash (written by older versions of `dossier verify`).
    package var verified: String?
    /// `verified:` as content fingerprints by reference text (SPEC 1.6), from the front matter or,
    /// for a document without front matter, from a trailing `<!-- dossier-verified … -->` comment.
    package var verifiedFingerprints: [String: String]?
    package var verifiedLocation: SourceLocation?
    /// Schema documents: the rows of the schema table, and which table of the body it is.
    package var schemaFields: [SchemaField]
    package var schemaTableOrdinal: Int?
    /// Experiments: the runs, from front matter or a runs table, and the table's ordinal.
    package var runs: [ExperimentRun]
    package var runsTableOrdinal: Int?
    package var selectionMetric: SelectionMetric?
    /// `selected:` of an experiment or model, with where it is written.
    package var selected: String?
    package var selectedLocation: SourceLocation?
    /// Findings from loading: YAML, key types, unknown keys, table rows.
    package var findings: [Finding]
    /// Files written beside the page (a notebook's images), by path relative to the page's folder.
    package var attachments: [Attachment] = []

    package struct Attachment: Sendable {
        package var name: String
        package var bytes: [UInt8]
    }

    /// A front-matter value by key.
    package subscript(key: String) -> YAMLValue? { frontMatter?[key] }

    /// Where a front-matter key is written, or line 1.
    package func location(ofKey key: String) -> SourceLocation {
        if let entry = frontMatter?.entry(key) {
            return SourceLocation(path: path, line: entry.line, column: entry.column)
        }
        return SourceLocation(path: path, line: 1)
    }
}
