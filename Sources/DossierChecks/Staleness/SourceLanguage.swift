import DossierCore

/// A programming language whose definitions `SymbolLocator` can find, chosen by file extension.
package enum SourceLanguage: String, Sendable, Hashable, Codable, CaseIterable {
    case python
    case swift
    case javaScript
    case typeScript
    case go
    case rust

    /// The language of a file, from its extension; `nil` when symbols in it cannot be located.
    package init?(path: String) {
        // The extension, lowercased, read from the end of the bytes (this runs for every reference).
        var reversed: [UInt8] = []
        for byte in path.utf8.reversed() {
            if byte == UInt8(ascii: ".") { break }
            if byte == UInt8(ascii: "/") || reversed.count > 5 { return nil }
            reversed.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte)
        }
        guard reversed.count < path.utf8.count else { return nil }
        switch String(decoding: reversed.reversed(), as: UTF8.self) {
        case "py", "pyi", "pyw": self = .python
        case "swift": self = .swift
        case "js", "mjs", "cjs", "jsx": self = .javaScript
        case "ts", "mts", "cts", "tsx": self = .typeScript
        case "go": self = .go
        case "rs": self = .rust
        default: return nil
        }
    }

    package var usesBraces: Bool { self != .python }
}
