/// Something the parser had to change to keep a hostile body from crashing or stalling Dossier.
///
/// The loader turns each note into a warning finding at the note's line, so the author learns
/// that part of the page is shown flat or as plain text.
package struct MarkdownParseNote: Sendable, Hashable {
    /// `markdown.too-deep` or `markdown.too-dense`.
    package var rule: String
    package var message: String
    /// 1-based line and column in the Markdown that was parsed (the body, not the whole file).
    package var line: Int
    package var column: Int

    package init(rule: String, message: String, line: Int, column: Int = 1) {
        self.rule = rule
        self.message = message
        self.line = line
        self.column = column
    }
}
