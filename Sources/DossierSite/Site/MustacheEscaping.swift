/// swift-mustache's HTML escaping, byte for byte, without its cost: the library walks every
/// Character through a dictionary. Here the UTF-8 bytes are scanned, and the Character walk is
/// kept only for the rare text where a special character touches a non-ASCII byte (it may then
/// be part of a larger Character, which the library leaves alone).
package enum MustacheEscaping {
    private enum Outcome {
        case unchanged
        case escaped(String)
        case needsCharacters
    }

    package static func escape(_ text: String) -> String {
        var copy = text
        let outcome: Outcome = copy.withUTF8 { bytes in
            var out: [UInt8] = []
            var started = false
            for index in bytes.indices {
                let byte = bytes[index]
                let replacement: StaticString
                switch byte {
                case 0x26: replacement = "&amp;"
                case 0x3C: replacement = "&lt;"
                case 0x3E: replacement = "&gt;"
                case 0x22: replacement = "&quot;"
                case 0x27: replacement = "&#39;"
                default:
                    if started { out.append(byte) }
                    continue
                }
                if (index > 0 && bytes[index - 1] >= 0x80) || (index + 1 < bytes.count && bytes[index + 1] >= 0x80) {
                    return .needsCharacters
                }
                if !started {
                    out.reserveCapacity(bytes.count + 32)
                    out.append(contentsOf: bytes[..<index])
                    started = true
                }
                replacement.withUTF8Buffer { out.append(contentsOf: $0) }
            }
            return started ? .escaped(String(decoding: out, as: UTF8.self)) : .unchanged
        }
        switch outcome {
        case .unchanged: return text
        case let .escaped(escaped): return escaped
        case .needsCharacters: return characterEscape(text)
        }
    }

    /// Appends `escape(text)` to `out` without building a String in between (the compiled
    /// templates' buffer, `TemplateRenderer`): the text is scanned once, then copied in runs.
    package static func append(_ text: String, to out: inout String) {
        var copy = text
        let outcome: Outcome = copy.withUTF8 { bytes in
            var special = false
            for index in bytes.indices {
                switch bytes[index] {
                case 0x26, 0x3C, 0x3E, 0x22, 0x27:
                    let before = index > 0 && bytes[index - 1] >= 0x80
                    if before || (index + 1 < bytes.count && bytes[index + 1] >= 0x80) { return .needsCharacters }
                    special = true
                default: continue
                }
            }
            return special ? .escaped("") : .unchanged
        }
        switch outcome {
        case .unchanged:
            out += text
        case .needsCharacters:
            out += characterEscape(text)
        case .escaped:
            // Every special character here has ASCII on both sides: a Character boundary.
            let utf8 = text.utf8
            var copied = utf8.startIndex
            var index = utf8.startIndex
            while index != utf8.endIndex {
                let replacement: String
                switch utf8[index] {
                case 0x26: replacement = "&amp;"
                case 0x3C: replacement = "&lt;"
                case 0x3E: replacement = "&gt;"
                case 0x22: replacement = "&quot;"
                case 0x27: replacement = "&#39;"
                default:
                    utf8.formIndex(after: &index)
                    continue
                }
                out += text[copied..<index]
                out += replacement
                utf8.formIndex(after: &index)
                copied = index
            }
            out += text[copied...]
        }
    }

    private static let replacements: [Character: String] = [
        "<": "&lt;", ">": "&gt;", "&": "&amp;", "\"": "&quot;", "'": "&#39;",
    ]

    /// The library's own algorithm (`String.htmlEscape` in swift-mustache).
    static func characterEscape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            if let replacement = replacements[character] {
                out += replacement
            } else {
                out.append(character)
            }
        }
        return out
    }
}
