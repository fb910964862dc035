/// A document as its checks and every page but its own see it: everything but its body and
/// its search text (front matter, headings, links, tables, code blocks and their lines, load
/// findings). Two loads of a file with the same face differ in prose alone: every check finds
/// what it found, and only the document's own page and search entry can change (`serve`'s
/// early page, the build's `ProseEdit`).
package enum ProseFace {
    /// `document`'s face, as text.
    package static func of(_ document: Document) -> String {
        var document = document
        document.body = .dropped
        document.analysis.text = ""
        return String(reflecting: document)
    }
}
