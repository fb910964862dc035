/// HTML escaping over UTF-8 bytes: every string that reaches a page goes through here.
package enum HTML {
    /// The opening tag of the box a wide table scrolls in: focusable, so a keyboard (and a phone's
    /// screen reader) can scroll it, and named, so the region says what it holds (axe-core's
    /// scrollable-region-focusable; WCAG 2.1.1).
    package static func tableWrap(label: String) -> String {
        "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"\(escape(label))\">"
    }

    /// Escapes `& < > " '` so the text is safe in element content and in quoted attributes.
    package static func escape(_ text: String) -> String {
        // Every page escapes every text run of its body through here (a million calls on a large
        // site), so the scan reads the contiguous UTF-8 directly instead of through the
        // `String.UTF8View` iterator, and the copy appends each entity's bytes in place rather
        // than allocating an array for it. `withUTF8` always gives contiguous bytes (it copies a
        // bridged String first), so no text can reach the page unescaped.
        var text = text
        let escaped = text.withUTF8 { bytes -> String? in
            guard let first = bytes.firstIndex(where: needsEscape) else { return nil }
            var out = [UInt8]()
            out.reserveCapacity(bytes.count + 16)
            out.append(contentsOf: bytes[..<first])
            appendEscaped(UnsafeBufferPointer(rebasing: bytes[first...]), to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        return escaped ?? text
    }

    /// Appends `bytes` with `& < > " '` replaced as `escape` replaces them: for writers that build
    /// a page's bytes directly (the lineage list, the syntax highlighter).
    /// The bytes between special ones are copied as runs, not appended one by one.
    package static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var start = 0
        for (offset, byte) in bytes.enumerated() where needsEscape(byte) {
            if offset > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<offset])) }
            switch byte {
            case 0x26: append("&amp;", to: &out)
            case 0x3C: append("&lt;", to: &out)
            case 0x3E: append("&gt;", to: &out)
            case 0x22: append("&quot;", to: &out)
            default: append("&#39;", to: &out)
            }
            start = offset + 1
        }
        if bytes.count > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...])) }
    }

    /// The bytes `escape` replaces: `&`, `<`, `>`, `"` and `'`.
    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
    }

    @inline(__always)
    private static func append(_ entity: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
    }

    /// Escapes a finding's message and shows its `backticked` names as code.
    package static func message(_ text: String) -> String {
        let escaped = escape(text)
        // In ASCII text every backtick byte is a backtick Character, so the bytes are split (the
        // Characters' split was 95,000 instructions a message, most of the health page's time);
        // elsewhere a combining mark may join a backtick into another Character, so it is not one.
        let parts =
            escaped.utf8.allSatisfy { $0 < 0x80 }
            ? escaped.utf8.split(separator: UInt8(ascii: "`"), omittingEmptySubsequences: false).map { Substring($0) }
            : escaped.split(separator: "`", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return escaped }
        var out = ""
        for (i, part) in parts.enumerated() {
            // Odd parts sit between a pair of backticks; a trailing unpaired one stays text.
            if i % 2 == 1, i < parts.count - 1 {
                out += "<code>" + part + "</code>"
            } else {
                out += (i % 2 == 1 ? "`" : "") + part
            }
        }
        return out
    }

    /// True for URLs that must never reach a page: `javascript:`, `vbscript:` and `data:` other
    /// than images, even when disguised with case, whitespace or control characters.
    package static func isDangerousURL(_ url: String) -> Bool {
        var scheme = ""
        for scalar in url.unicodeScalars {
            if scalar == ":" { break }
            if scalar.value <= 0x20 { continue }  // browsers ignore these inside a scheme
            scheme.unicodeScalars.append(scalar)
            if scheme.count > 12 { return false }
        }
        let lowered = scheme.lowercased()
        if lowered == "javascript" || lowered == "vbscript" { return true }
        if lowered == "data" {
            let rest = url.lowercased()
            return
                !(rest.hasPrefix("data:image/png") || rest.hasPrefix("data:image/gif")
                || rest.hasPrefix("data:image/jpeg") || rest.hasPrefix("data:image/webp"))
        }
        return false
    }

    /// Makes raw HTML that a project allowed (`unsafe_html: true`) safe to pass through: the
    /// allow-list sanitizer `HTMLSanitizer` (no script or style, no event handlers, no
    /// `javascript:`/`vbscript:`/`data:` URLs even entity-encoded, no `<base>` or `<meta>`).
    package static func filterRawHTML(_ html: String) -> String {
        HTMLSanitizer.sanitize(html)
    }
}
