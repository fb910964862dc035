import DossierCore

/// Finds the definition of a `#symbol` code reference (SPEC 1.5) in source text.
///
/// Python definitions are found by indentation (decorators included); Swift, JavaScript,
/// TypeScript, Go and Rust by matching braces over a tokenizer that skips strings and comments.
/// A dotted symbol (`Class.method`, `Type::method`) is looked up member by member; Swift
/// extensions, Rust `impl` blocks and Go method receivers count as members of their type.
/// Everything scans UTF-8 bytes: no regular expressions.
package enum SymbolLocator {
    /// The definition of `symbol` in `source`, or `nil` when it is not defined there.
    package static func definition(of symbol: String, in source: String, language: SourceLanguage) -> SymbolDefinition?
    {
        let components = components(of: symbol)
        guard !components.isEmpty else { return nil }
        let bytes = Array(source.utf8)
        let lines = SourceLineTable(bytes)
        let span: (first: Int, last: Int)?  // 0-based physical lines
        switch language {
        case .python:
            span = PythonDefinitionScanner(bytes: bytes, lines: lines).find(components)
        case .swift, .javaScript, .typeScript, .go, .rust:
            span = BraceDefinitionScanner(bytes: bytes, lines: lines, language: language).find(components)
        }
        guard let span else { return nil }
        return SymbolDefinition(
            text: lines.text(bytes, lines: span.first...span.last), startLine: span.first + 1, endLine: span.last + 1)
    }

    /// Like `definition(of:in:language:)`, choosing the language by the file's extension.
    package static func definition(of symbol: String, in source: String, path: String) -> SymbolDefinition? {
        guard let language = SourceLanguage(path: path) else { return nil }
        return definition(of: symbol, in: source, language: language)
    }

    /// `Class.method` and `Type::method` → `["Class", "method"]`.
    package static func components(of symbol: String) -> [String] {
        symbol.split(separator: ".", omittingEmptySubsequences: false)
            .flatMap { $0.split(separator: ":", omittingEmptySubsequences: true) }
            .map(String.init)
            .filter { !$0.isEmpty }
    }
}
