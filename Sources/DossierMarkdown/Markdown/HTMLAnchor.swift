/// A raw HTML anchor written only to be linked to: `<a name="setup"></a>` or `<a id="setup">`.
///
/// READMEs and notebooks use it for a table of contents (GitHub, MkDocs and Jupyter all honour
/// it). Unlike other raw HTML it carries nothing but a name, so the site keeps it, as an empty
/// `<a id>`, whether or not `unsafe_html` is on, and links to it are not broken links.
package enum HTMLAnchor {
    /// The longest id kept; a longer one is left as raw HTML.
    static let maxIDBytes = 200

    /// The anchor's id when `literal` is exactly an anchor tag, optionally closed (`<a name="x">`,
    /// `<a id='x'/>`, `<a name=x></a>`), with `name`/`id` its only attributes (both, if present,
    /// the same); nil for anything else. An id with white space, quotes, `<`, `>` or `&` (an
    /// entity) is not taken: it could not be written back without decoding.
    package static func id(in literal: String) -> String? {
        var bytes = Array(literal.utf8)[...]
        func skipSpace() { while let b = bytes.first, isSpace(b) { bytes.removeFirst() } }
        func take(_ word: String) -> Bool {
            let wordBytes = Array(word.utf8)
            guard bytes.count >= wordBytes.count else { return false }
            for (offset, expected) in wordBytes.enumerated()
            where lowercased(bytes[bytes.startIndex + offset]) != expected {
                return false
            }
            bytes.removeFirst(wordBytes.count)
            return true
        }
        skipSpace()
        guard take("<a"), let afterName = bytes.first, isSpace(afterName) else { return nil }
        var id: [UInt8]?
        while true {
            skipSpace()
            guard let next = bytes.first else { return nil }
            if next == UInt8(ascii: ">") || next == UInt8(ascii: "/") { break }
            guard take("name") || take("id") else { return nil }
            skipSpace()
            guard take("=") else { return nil }
            skipSpace()
            guard let value = attributeValue(&bytes), !value.isEmpty, value.count <= maxIDBytes,
                value.allSatisfy(isIDByte), id == nil || id == value
            else { return nil }
            id = value
        }
        _ = take("/")
        guard take(">"), let id else { return nil }
        skipSpace()
        if take("</a") {
            skipSpace()
            guard take(">") else { return nil }
            skipSpace()
        }
        guard bytes.isEmpty else { return nil }
        return String(decoding: id, as: UTF8.self)
    }

    /// A quoted or unquoted attribute value, consumed from `bytes`.
    private static func attributeValue(_ bytes: inout ArraySlice<UInt8>) -> [UInt8]? {
        guard let first = bytes.first else { return nil }
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
            bytes.removeFirst()
            guard let end = bytes.firstIndex(of: first) else { return nil }
            let value = Array(bytes[..<end])
            bytes = bytes[(end + 1)...]
            return value
        }
        let value = Array(bytes.prefix { isIDByte($0) && $0 != UInt8(ascii: "/") })
        bytes.removeFirst(value.count)
        return value
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }

    private static func isIDByte(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte != 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "'")
            && byte != UInt8(ascii: "<") && byte != UInt8(ascii: ">") && byte != UInt8(ascii: "&")
            && byte != UInt8(ascii: "=") && byte != UInt8(ascii: "`")
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }
}
