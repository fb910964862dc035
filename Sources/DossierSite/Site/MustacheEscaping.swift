/// HTML escaping for every template value: each `&`, `<`, `>`, `"` and `'` byte is replaced.
///
/// Not swift-mustache's own escaping, which walks Characters through a dictionary and so leaves a
/// special character alone when a combining mark follows it (`"` + U+0301 is one Character): the
/// browser still reads that `"` as the end of an attribute, so a title could add attributes such
/// as `onfocus` to a tag. The HTML tokenizer works on code points, and so does this. Templates
/// rendered by swift-mustache use it too (`DossierHTMLContentType`).
package enum MustacheEscaping {
    package static func escape(_ text: String) -> String {
        var copy = text
        let escaped: String? = copy.withUTF8 { bytes in
            guard let first = bytes.firstIndex(where: isSpecial) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 32)
            out.append(contentsOf: bytes[..<first])
            for byte in bytes[first...] {
                if let replacement = replacement(byte) {
                    replacement.withUTF8Buffer { out.append(contentsOf: $0) }
                } else {
                    out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        return escaped ?? text
    }

    /// Appends `escape(text)` to `out` (the compiled templates' buffer, `TemplateRenderer`); text
    /// with nothing to escape, most of it, is appended as it is.
    package static func append(_ text: String, to out: inout String) {
        out += escape(text)
    }

    @inline(__always)
    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
    }

    @inline(__always)
    private static func replacement(_ byte: UInt8) -> StaticString? {
        switch byte {
        case 0x26: "&amp;"
        case 0x3C: "&lt;"
        case 0x3E: "&gt;"
        case 0x22: "&quot;"
        case 0x27: "&#39;"
        default: nil
        }
    }
}
