/// The allow-list sanitizer that raw HTML passes through when a project sets `unsafe_html: true`,
/// modelled on the filter GitHub applies to READMEs.
///
/// It is a small tokenizer over UTF-8 bytes, and it re-writes rather than filters: every tag it
/// keeps is emitted anew from its parsed name and attributes, each attribute value decoded and
/// then escaped again in double quotes, so no spelling a browser would read differently survives.
/// - Tags: only those in `allowedTags`; others are dropped and their text kept, except the
///   `droppedWithContent` ones (`script`, `style`, `iframe`, `object`, `svg`, …) whose content
///   goes too. `<base>`, `<meta>`, `<link>`, `<form>`, `<input>`, `<embed>` are never kept.
/// - Attributes: only those in `globalAttributes` or the tag's own list; no event handler
///   (`on…`), no `style`, `class`, `id` or `name`.
/// - URLs (`href`, `src`, `cite`, `longdesc`): after decoding character references and removing
///   the tabs, newlines and control characters browsers ignore, only `http:`, `https:`, `mailto:`
///   (links only) or no scheme at all (relative, `#fragment`) is kept; anything else
///   (`javascript:`, `vbscript:`, `data:`, `jav&#97;script:`, `&#x6A;avascript:`, `java\tscript:`)
///   drops the attribute. A value holding a named reference this decoder does not know is dropped.
/// - Comments, `<!DOCTYPE>`, `<?…>` and CDATA are dropped; a stray `<` or `>` becomes text.
package enum HTMLSanitizer {
    package static let allowedTags: Set<String> = [
        "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details",
        "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
        "img", "ins", "kbd", "li", "mark", "ol", "p", "picture", "pre", "q", "rp", "rt", "ruby", "s", "samp",
        "small", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
        "thead", "time", "tr", "tt", "u", "ul", "var", "wbr",
    ]

    /// Tags whose content is dropped with them (scripts, styles, embedded documents, raw text).
    package static let droppedWithContent: Set<String> = [
        "script", "style", "iframe", "object", "template", "textarea", "title", "xmp", "noembed", "noframes",
        "noscript", "plaintext", "svg", "math", "select",
    ]

    package static let voidTags: Set<String> = ["br", "hr", "img", "wbr"]

    package static let globalAttributes: Set<String> = [
        "abbr", "align", "alt", "aria-describedby", "aria-hidden", "aria-label", "aria-labelledby", "axis",
        "border", "cellpadding", "cellspacing", "char", "charoff", "clear", "color", "cols", "colspan", "compact",
        "datetime", "dir", "headers", "height", "hreflang", "hspace", "lang", "nowrap", "open", "rel", "rev",
        "role", "rows", "rowspan", "rules", "scope", "span", "start", "summary", "title", "type", "valign",
        "value", "vspace", "width",
    ]

    package static let tagAttributes: [String: Set<String>] = [
        "a": ["href"],
        "img": ["src", "longdesc"],
        "blockquote": ["cite"],
        "del": ["cite"],
        "ins": ["cite"],
        "q": ["cite"],
    ]

    package static let urlAttributes: Set<String> = ["href", "src", "cite", "longdesc"]

    /// The sanitized HTML.
    package static func sanitize(_ html: String) -> String {
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x3E {
                out.append(contentsOf: Array("&gt;".utf8))
                index += 1
                continue
            }
            guard byte == 0x3C else {
                out.append(byte)
                index += 1
                continue
            }
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            if next == 0x21 || next == 0x3F {
                // `<!--…-->`, `<!DOCTYPE…>`, `<![CDATA[…]]>`, `<?…>`: dropped.
                index = skipMarkup(bytes, from: index)
            } else if isLetter(next) || (next == 0x2F && index + 2 < bytes.count && isLetter(bytes[index + 2])) {
                index = tag(bytes, from: index, into: &out)
            } else {
                out.append(contentsOf: Array("&lt;".utf8))
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Skips a comment or other `<!…>`/`<?…>` markup; returns the index after it.
    private static func skipMarkup(_ bytes: [UInt8], from start: Int) -> Int {
        if start + 3 < bytes.count, bytes[start + 2] == 0x2D, bytes[start + 3] == 0x2D {
            var index = start + 4
            while index + 2 < bytes.count {
                if bytes[index] == 0x2D, bytes[index + 1] == 0x2D, bytes[index + 2] == 0x3E { return index + 3 }
                index += 1
            }
            return bytes.count
        }
        var index = start + 2
        while index < bytes.count, bytes[index] != 0x3E { index += 1 }
        return min(index + 1, bytes.count)
    }

    /// Reads one start or end tag at `start` (`<` followed by a letter or `/letter`), writes what
    /// is kept of it and returns the index after it (after the dropped content, for script-like tags).
    private static func tag(_ bytes: [UInt8], from start: Int, into out: inout [UInt8]) -> Int {
        var index = start + 1
        let closing = bytes[index] == 0x2F
        if closing { index += 1 }
        let nameStart = index
        while index < bytes.count, !isSpace(bytes[index]), bytes[index] != 0x2F, bytes[index] != 0x3E { index += 1 }
        let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
        var attributes: [(String, String)] = []
        // Attributes, as the HTML tokenizer reads them: `/` between them counts as space.
        while index < bytes.count, bytes[index] != 0x3E {
            if isSpace(bytes[index]) || bytes[index] == 0x2F {
                index += 1
                continue
            }
            let attributeStart = index
            index += 1  // a first `=` belongs to the name
            while index < bytes.count, !isSpace(bytes[index]), bytes[index] != 0x2F, bytes[index] != 0x3E,
                bytes[index] != 0x3D
            {
                index += 1
            }
            let attribute = String(decoding: bytes[attributeStart..<index], as: UTF8.self).lowercased()
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            var value: [UInt8] = []
            if index < bytes.count, bytes[index] == 0x3D {
                index += 1
                while index < bytes.count, isSpace(bytes[index]) { index += 1 }
                if index < bytes.count, bytes[index] == 0x22 || bytes[index] == 0x27 {
                    let quote = bytes[index]
                    index += 1
                    let valueStart = index
                    while index < bytes.count, bytes[index] != quote { index += 1 }
                    value = Array(bytes[valueStart..<index])
                    if index < bytes.count { index += 1 }
                } else {
                    let valueStart = index
                    while index < bytes.count, !isSpace(bytes[index]), bytes[index] != 0x3E { index += 1 }
                    value = Array(bytes[valueStart..<index])
                }
            }
            attributes.append((attribute, String(decoding: value, as: UTF8.self)))
        }
        guard index < bytes.count else {
            // An unterminated tag is text, not markup.
            out.append(contentsOf: Array("&lt;".utf8))
            return start + 1
        }
        index += 1  // `>`
        if droppedWithContent.contains(name) {
            return closing ? index : skipContent(of: name, in: bytes, from: index)
        }
        guard allowedTags.contains(name) else { return index }
        if closing {
            if !voidTags.contains(name) { out.append(contentsOf: Array("</\(name)>".utf8)) }
            return index
        }
        var written = "<" + name
        var seen = Set<String>()
        for (attribute, raw) in attributes where !seen.contains(attribute) {
            seen.insert(attribute)
            guard globalAttributes.contains(attribute) || tagAttributes[name]?.contains(attribute) == true else {
                continue
            }
            guard let decoded = decode(raw) else { continue }
            var value = decoded
            if urlAttributes.contains(attribute) {
                guard let url = safeURL(decoded, allowMail: name == "a") else { continue }
                value = url
            }
            written += " " + attribute + "=\"" + HTML.escape(value) + "\""
        }
        out.append(contentsOf: Array((written + ">").utf8))
        return index
    }

    /// Skips to after `</name…>` (any case), or to the end.
    private static func skipContent(of name: String, in bytes: [UInt8], from start: Int) -> Int {
        let needle = Array(("</" + name).utf8)
        var index = start
        while index + needle.count <= bytes.count {
            var matches = true
            for (offset, byte) in needle.enumerated() where lower(bytes[index + offset]) != byte {
                matches = false
                break
            }
            if matches {
                let after = index + needle.count
                if after >= bytes.count || isSpace(bytes[after]) || bytes[after] == 0x3E || bytes[after] == 0x2F {
                    var end = after
                    while end < bytes.count, bytes[end] != 0x3E { end += 1 }
                    return min(end + 1, bytes.count)
                }
            }
            index += 1
        }
        return bytes.count
    }

    /// The URL to write, or nil when its scheme is not allowed. Browsers ignore tabs and newlines
    /// anywhere in a URL and spaces and control characters around it, so those go first.
    package static func safeURL(_ url: String, allowMail: Bool) -> String? {
        var cleaned = String.UnicodeScalarView()
        for scalar in url.unicodeScalars where scalar != "\t" && scalar != "\n" && scalar != "\r" {
            cleaned.append(scalar)
        }
        let trimmed = String(cleaned).trimmingControlsAndSpaces()
        var scheme = ""
        for scalar in trimmed.unicodeScalars {
            if scalar == ":" {
                let lowered = scheme.lowercased()
                return lowered == "http" || lowered == "https" || (allowMail && lowered == "mailto") ? trimmed : nil
            }
            // A character no scheme may hold means there is none: the URL is relative.
            guard scalar.isASCII,
                scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || scalar == "+" || scalar == "-" || scalar == "."
            else { return trimmed }
            scheme.unicodeScalars.append(scalar)
        }
        return trimmed
    }

    /// Decodes character references as a browser does in an attribute value: numeric ones with
    /// or without `;`, and the named ones below. Nil when a named reference is not among them.
    package static func decode(_ value: String) -> String? {
        guard value.utf8.contains(0x26) else { return value }
        let scalars = Array(value.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "&" else {
                out.append(scalars[index])
                index += 1
                continue
            }
            var cursor = index + 1
            if cursor < scalars.count, scalars[cursor] == "#" {
                cursor += 1
                let hex = cursor < scalars.count && (scalars[cursor] == "x" || scalars[cursor] == "X")
                if hex { cursor += 1 }
                var number: UInt32 = 0
                let digitsStart = cursor
                while cursor < scalars.count, let digit = Int(String(scalars[cursor]), radix: hex ? 16 : 10) {
                    number = min(number &* (hex ? 16 : 10) &+ UInt32(digit), 0x110000)
                    cursor += 1
                }
                guard cursor > digitsStart else { return nil }
                if cursor < scalars.count, scalars[cursor] == ";" { cursor += 1 }
                out.append(Unicode.Scalar(number).flatMap { $0.value == 0 ? nil : $0 } ?? "\u{FFFD}")
                index = cursor
                continue
            }
            var name = ""
            while cursor < scalars.count,
                scalars[cursor].properties.isAlphabetic || ("0"..."9").contains(scalars[cursor])
            {
                name.unicodeScalars.append(scalars[cursor])
                cursor += 1
            }
            if name.isEmpty {
                out.append("&")
                index += 1
                continue
            }
            guard let decoded = namedReferences[name] else { return nil }
            if cursor < scalars.count, scalars[cursor] == ";" { cursor += 1 }
            out.append(contentsOf: decoded.unicodeScalars)
            index = cursor
        }
        return String(out)
    }

    private static let namedReferences: [String: String] = [
        "amp": "&", "AMP": "&", "lt": "<", "LT": "<", "gt": ">", "GT": ">", "quot": "\"", "QUOT": "\"",
        "apos": "'", "nbsp": "\u{A0}", "colon": ":", "Tab": "\t", "NewLine": "\n", "sol": "/", "num": "#",
        "quest": "?", "equals": "=", "period": ".", "comma": ",", "lpar": "(", "rpar": ")", "excl": "!",
        "percnt": "%", "plus": "+", "lowbar": "_", "hyphen": "-", "dash": "-", "copy": "©", "reg": "®",
        "mdash": "—", "ndash": "–", "hellip": "…", "middot": "·", "times": "×", "deg": "°",
    ]

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }
}

extension String {
    /// Without leading and trailing spaces and C0 control characters, as a browser reads a URL.
    fileprivate func trimmingControlsAndSpaces() -> String {
        let scalars = Array(unicodeScalars)
        var start = 0
        var end = scalars.count
        while start < end, scalars[start].value <= 0x20 { start += 1 }
        while end > start, scalars[end - 1].value <= 0x20 { end -= 1 }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[start..<end])
        return String(out)
    }
}
