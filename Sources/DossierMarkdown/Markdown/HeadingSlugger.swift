import DossierCore

/// GitHub-style heading ids: lowercase, punctuation dropped, spaces to `-`, repeats numbered.
package struct HeadingSlugger: Sendable {
    private var used: [String: Int] = [:]

    package init() {}

    /// The id for the next heading with this text, unique within the page.
    package mutating func slug(for text: String) -> String {
        let base = Self.baseSlug(text)
        // Room for a page's headings at once, not grown (and rehashed) from one.
        if used.isEmpty { used.reserveCapacity(16) }
        if let count = used[base] {
            var next = count
            var candidate: String
            repeat {
                next += 1
                candidate = "\(base)-\(next)"
            } while used[candidate] != nil
            used[base] = next
            used[candidate] = 0
            return candidate
        }
        used[base] = 0
        return base
    }

    /// GitHub's rule: keep letters, numbers, `-` and `_`; spaces become `-`; everything else goes.
    package static func baseSlug(_ text: String) -> String {
        if ProjectPath.isASCII(text) { return asciiSlug(text) }
        var out = ""
        for char in text.lowercased() {
            if char.isLetter || char.isNumber || char == "-" || char == "_" {
                out.append(char)
            } else if char == " " {
                out.append("-")
            }
        }
        return out.isEmpty ? "section" : out
    }

    /// `baseSlug` of ASCII text, byte by byte: the Character walk cost ~10,000 instructions a
    /// heading. In ASCII the letters and numbers are A–Z, a–z and 0–9, and the only Character of
    /// two bytes (CR LF) is dropped either way.
    private static func asciiSlug(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
            if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) || lower == 0x2D || lower == 0x5F {
                out.append(lower)
            } else if lower == 0x20 {
                out.append(0x2D)
            }
        }
        return out.isEmpty ? "section" : String(decoding: out, as: UTF8.self)
    }
}
