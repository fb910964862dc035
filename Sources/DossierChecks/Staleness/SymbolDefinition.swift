import DossierCore

/// Where a symbol is defined in one source file, and the text of that definition.
package struct SymbolDefinition: Sendable, Hashable {
    /// Whole lines `startLine...endLine`, decorators and attributes included, as written.
    package var text: String
    /// 1-based, inclusive.
    package var startLine: Int
    /// 1-based, inclusive.
    package var endLine: Int

    package init(text: String, startLine: Int, endLine: Int) {
        self.text = text
        self.startLine = startLine
        self.endLine = endLine
    }
}
