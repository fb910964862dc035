/// swift-mustache's HTML escaping, byte for byte, without its cost: the library walks every
/// Character through a dictionary. Here the UTF-8 bytes are scanned, and the Character walk is
/// kept only for the rare text where a special character touches a non-ASCII byte (it may then
/// be part of a larger Character, which the library leaves alone).
package enum MustacheEscaping {
    package static func escape(_ text: String) -> String {
        var copy = text
        enum Outcome {
            case unchanged
            case escaped(String)
            case needsCharacters
        }
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
    /// templates' buffer, `TemplateRenderer`).
    package static func append(_ text: String, to out: inout [UInt8]) {
        var copy = text
        let done: Bool = copy.withUTF8 { bytes in
            let start = out.count
            var copied = 0
            for index in bytes.indices {
                let replacement: StaticString
                switch bytes[index] {
                case 0x26: replacement = "&amp;"
                case 0x3C: replacement = "&lt;"
                case 0x3E: replacement = "&gt;"
                case 0x22: replacement = "&quot;"
                case 0x27: replacement = "&#39;"
                default: continue
                }
                if (index > 0 && bytes[index - 1] >= 0x80) || (index + 1 < bytes.count && bytes[index + 1] >= 0x80) {
                    out.removeLast(out.count - start)
                    return false
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                replacement.withUTF8Buffer { out.append(contentsOf: $0) }
                copied = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
            return true
        }
        if !done { out.append(contentsOf: characterEscape(text).utf8) }
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
