import DossierMarkdown

/// A document's Markdown body, kept as text and parsed again when its page renders.
///
/// Every document is loaded before the first page renders (a page shows its backlinks), so a
/// parsed tree kept from load to render is held for all documents at once: about 11 KB a
/// document, 40% of a build's memory. Loading takes what checks need (`MarkdownAnalysis`) from a
/// tree that is then dropped; the page parses the text again, which cmark does in microseconds.
package enum DocumentBody: Sendable {
    /// Markdown after `MkDocsSyntax.rewrite`, parsed as `MathSpans.parse` parses it.
    case markdown(String)
    /// A tree built elsewhere (a notebook's cells, with outputs as generated HTML): no text to
    /// parse again.
    case tree(MarkdownNode)
    /// Not kept: `dossier check` renders no page.
    case dropped
    /// Not held: the last `length` bytes of the document's file, which a cached build trusted
    /// unchanged by its stamp (`DocumentMemoFile`) without reading it, or read, parsed and let go
    /// of (`DocumentMemoFile.store`). The page reads it when it renders (`LoadedProject.body(of:)`),
    /// checked against the digest of the bytes the document was loaded from.
    case deferred(length: Int)

    /// The body's syntax tree: the same tree loading analysed.
    package func parsed() -> MarkdownNode {
        switch self {
        case let .markdown(text): MathSpans.parse(text)
        case let .tree(root): root
        // A deferred body is read before it is parsed (`LoadedProject.body(of:)`).
        case .dropped, .deferred: MarkdownNode(kind: .document)
        }
    }
}
