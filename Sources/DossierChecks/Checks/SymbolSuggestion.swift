import DossierCore
import Foundation

/// "Did you mean" for a `#symbol` code reference that names no definition: the defined name
/// closest to the written one (`VisualTransformer` → `VisionTransformer`, a rename), checked to
/// be a real definition by `SymbolLocator`.
package enum SymbolSuggestion {
    /// Words that introduce a definition in the languages `SymbolLocator` reads.
    private static let definitionKeywords: Set<String> = [
        "def", "class", "func", "struct", "enum", "protocol", "actor", "extension", "function", "fn", "trait",
        "impl", "type", "interface", "const", "let", "var", "static", "mod",
    ]

    /// The suggestion to append to a missing-symbol message (`; did you mean …?`), or "".
    package static func suggestion(for symbol: String, in source: String, path: String) -> String {
        var components = SymbolLocator.components(of: symbol)
        guard let last = components.popLast() else { return "" }
        let separator = symbol.contains("::") ? "::" : "."
        let prefix = components.isEmpty ? "" : components.joined(separator: separator) + separator
        var candidates = Set(definedNames(in: source))
        candidates.remove(last)
        while let match = ClosestMatch.find(last, in: candidates.sorted()) {
            if SymbolLocator.definition(of: prefix + match, in: source, path: path) != nil {
                return "; did you mean `\(prefix + match)`?"
            }
            candidates.remove(match)
        }
        return ""
    }

    /// Identifiers that follow a definition keyword, in order of appearance.
    private static func definedNames(in source: String) -> [String] {
        var names: [String] = []
        var previous = ""
        var word = ""
        func flush() {
            guard !word.isEmpty else { return }
            if definitionKeywords.contains(previous) { names.append(word) }
            previous = word
            word = ""
        }
        for scalar in source.unicodeScalars {
            if scalar == "_" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                word.unicodeScalars.append(scalar)
            } else {
                flush()
                // Only blanks may separate the keyword from the name (`class Foo`, `fn  bar`).
                if scalar != " " && scalar != "\t" { previous = "" }
            }
        }
        flush()
        return names
    }
}
