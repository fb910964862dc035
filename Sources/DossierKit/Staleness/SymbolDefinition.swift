/// Where a symbol is defined in one source file, and the text of that definition.
public struct SymbolDefinition: Sendable, Hashable {
    /// Whole lines `startLine...endLine`, decorators and attributes included, as written.
    public var text: String
    /// 1-based, inclusive.
    public var startLine: Int
    /// 1-based, inclusive.
    public var endLine: Int

    public init(text: String, startLine: Int, endLine: Int) {
        self.text = text
        self.startLine = startLine
        self.endLine = endLine
    }
}
