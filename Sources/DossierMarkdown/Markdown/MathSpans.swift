import DossierCore

/// Protects TeX from Markdown: `$…$` and `$$…$$` are cut out of the source before cmark-gfm sees
/// it (so `*`, `\{` and a table's `|` inside a formula stay TeX) and put back as `.math` nodes.
///
/// The rules are GitHub's: an opening `$` is not followed by a space, a closing `$` is not
/// preceded by a space and not followed by a digit, so `$5 and $10` stays text. Code spans and
/// fenced code are left alone. Inline math ends on its own line; display math may span lines.
package enum MathSpans {
    /// Private-use characters that bracket a placeholder's number; Markdown gives them no meaning.
    static let open = "\u{E000}"
    static let close = "\u{E001}"

    /// Parses Markdown with math protected: the tree holds `.math` nodes where formulas were.
    package static func parse(_ markdown: String) -> MarkdownNode {
        parseReporting(markdown).root
    }

    /// As `parse`, with the notes of what the parser had to degrade (`CMarkParser.parseReporting`).
    package static func parseReporting(_ markdown: String) -> (root: MarkdownNode, notes: [MarkdownParseNote]) {
        let (text, formulas) = protect(markdown)
        let (root, notes) = CMarkParser.parseReporting(text)
        return (formulas.isEmpty ? root : restore(root, formulas: formulas), notes)
    }

    /// What loading keeps of a body: `MarkdownAnalysis(parse(markdown), lineOffset:, keepingText:)`
    /// and the parser's notes, read from cmark-gfm's tree without copying it when the body holds
    /// no formula (`CMarkParser.analysisReporting`).
    package static func analysisReporting(
        _ markdown: String, lineOffset: Int, keepingText: Bool = false
    ) -> (analysis: MarkdownAnalysis, notes: [MarkdownParseNote]) {
        let (text, formulas) = protect(markdown)
        if formulas.isEmpty,
            let read = CMarkParser.analysisReporting(text, lineOffset: lineOffset, keepingText: keepingText)
        {
            return read
        }
        let (root, notes) = CMarkParser.parseReporting(text)
        let tree = formulas.isEmpty ? root : restore(root, formulas: formulas)
        return (MarkdownAnalysis(tree, lineOffset: lineOffset, keepingText: keepingText), notes)
    }

    /// The HTML of one formula: its TeX, escaped, in an element the math script typesets.
    package static func html(_ tex: String, display: Bool) -> String {
        display
            ? "<div class=\"math math-display\">" + HTML.escape(tex) + "</div>\n"
            : "<span class=\"math math-inline\">" + HTML.escape(tex) + "</span>"
    }

    /// The source with each formula replaced by a placeholder, and the formulas in order.
    package static func protect(_ markdown: String) -> (String, [(tex: String, display: Bool)]) {
        // Most bodies hold no `$`: a memchr finds that before the bytes are copied.
        guard ByteSearch.contains(markdown, "$") else { return (markdown, []) }
        let bytes = Array(markdown.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var formulas: [(tex: String, display: Bool)] = []
        var fence: (byte: UInt8, count: Int)?
        var index = 0
        var lineStart = true
        func placeholder(_ tex: [UInt8], display: Bool) {
            out += Array((open + String(formulas.count) + close).utf8)
            formulas.append((String(decoding: tex, as: UTF8.self), display))
        }
        while index < bytes.count {
            if lineStart {
                lineStart = false
                let end = bytes[index...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
                let line = bytes[index..<end]
                if let marker = fenceMarker(line) {
                    if let open = fence {
                        if marker.byte == open.byte, marker.count >= open.count, marker.bare { fence = nil }
                    } else {
                        fence = (marker.byte, marker.count)
                    }
                    out += line
                    index = end
                    lineStart = true
                    continue
                }
                if fence != nil {
                    out += line
                    index = end
                    lineStart = true
                    continue
                }
            }
            let byte = bytes[index]
            switch byte {
            case 0x0A:
                out.append(byte)
                index += 1
                lineStart = true
            case UInt8(ascii: "\\"):
                out.append(byte)
                if index + 1 < bytes.count, bytes[index + 1] != 0x0A { out.append(bytes[index + 1]); index += 1 }
                index += 1
            case UInt8(ascii: "`"):
                let end = codeSpanEnd(bytes, from: index)
                out += bytes[index..<end]
                index = end
            case UInt8(ascii: "$"):
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "$"),
                    let close = displayEnd(bytes, from: index + 2)
                {
                    let tex = Array(bytes[(index + 2)..<close])
                    placeholder(tex, display: true)
                    // Keep the lines after the formula where they were, for findings' line numbers.
                    let newlines = tex.filter { $0 == 0x0A }.count
                    out += [UInt8](repeating: 0x0A, count: newlines)
                    index = close + 2
                } else if let close = inlineEnd(bytes, from: index + 1) {
                    placeholder(Array(bytes[(index + 1)..<close]), display: false)
                    index = close + 1
                } else {
                    out.append(byte)
                    index += 1
                }
            default:
                out.append(byte)
                index += 1
            }
        }
        return (String(decoding: out, as: UTF8.self), formulas)
    }

    /// A fence line's marker (up to three spaces, then three or more backticks or tildes).
    private static func fenceMarker(_ line: ArraySlice<UInt8>) -> (byte: UInt8, count: Int, bare: Bool)? {
        var index = line.startIndex
        var spaces = 0
        while index < line.endIndex, line[index] == 0x20, spaces < 4 { index += 1; spaces += 1 }
        guard spaces < 4, index < line.endIndex else { return nil }
        let byte = line[index]
        guard byte == UInt8(ascii: "`") || byte == UInt8(ascii: "~") else { return nil }
        var count = 0
        while index < line.endIndex, line[index] == byte { index += 1; count += 1 }
        guard count >= 3 else { return nil }
        let rest = line[index...].filter { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        if byte == UInt8(ascii: "`"), rest.contains(UInt8(ascii: "`")) { return nil }
        return (byte, count, rest.isEmpty)
    }

    /// Where a code span that starts at `start` ends (after its closing backticks), or just past
    /// the opening run when it never closes on that paragraph.
    private static func codeSpanEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var run = 0
        var index = start
        while index < bytes.count, bytes[index] == UInt8(ascii: "`") { run += 1; index += 1 }
        let afterOpen = index
        while index < bytes.count {
            if bytes[index] == 0x0A, index + 1 < bytes.count, bytes[index + 1] == 0x0A { break }
            if bytes[index] == UInt8(ascii: "`") {
                var count = 0
                while index < bytes.count, bytes[index] == UInt8(ascii: "`") { count += 1; index += 1 }
                if count == run { return index }
                continue
            }
            index += 1
        }
        return afterOpen
    }

    /// The index of the closing `$$` of display math whose TeX starts at `start`.
    private static func displayEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") { index += 2; continue }
            // A blank line ends the paragraph the formula would have been in.
            if byte == 0x0A, index + 1 < bytes.count, bytes[index + 1] == 0x0A { return nil }
            if byte == UInt8(ascii: "$"), bytes[index + 1] == UInt8(ascii: "$") {
                return index > start ? index : nil
            }
            index += 1
        }
        return nil
    }

    /// The index of the closing `$` of inline math whose TeX starts at `start`, by GitHub's rules.
    private static func inlineEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        let first = bytes[start]
        if first == 0x20 || first == 0x09 || first == 0x0A || first == UInt8(ascii: "$") { return nil }
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A { return nil }
            if byte == UInt8(ascii: "\\") { index += 2; continue }
            if byte == UInt8(ascii: "$") {
                let before = bytes[index - 1]
                let next = index + 1 < bytes.count ? bytes[index + 1] : 0x20
                if before != 0x20, before != 0x09, !(next >= 0x30 && next <= 0x39) {
                    return index
                }
                // `$5 and $10`: a `$` that cannot close opens nothing either.
                return nil
            }
            index += 1
        }
        return nil
    }

    /// The tree with placeholders in text nodes turned back into `.math` nodes.
    private static func restore(_ node: MarkdownNode, formulas: [(tex: String, display: Bool)]) -> MarkdownNode {
        var copy = node
        var children: [MarkdownNode] = []
        children.reserveCapacity(node.children.count)
        for child in node.children {
            guard case .text = child.kind, child.literal.contains(open) else {
                children.append(restore(child, formulas: formulas))
                continue
            }
            children += split(child, formulas: formulas)
        }
        copy.children = children
        // A paragraph holding only one display formula is that formula, not a paragraph around it.
        if case .paragraph = copy.kind, copy.children.count == 1, case .math(display: true) = copy.children[0].kind {
            return copy.children[0]
        }
        return copy
    }

    private static func split(_ text: MarkdownNode, formulas: [(tex: String, display: Bool)]) -> [MarkdownNode] {
        var nodes: [MarkdownNode] = []
        var rest = Substring(text.literal)
        func plain(_ literal: Substring) {
            guard !literal.isEmpty else { return }
            nodes.append(MarkdownNode(kind: .text, literal: String(literal), line: text.line, column: text.column))
        }
        while let start = rest.range(of: open) {
            guard let end = rest[start.upperBound...].range(of: close),
                let number = Int(rest[start.upperBound..<end.lowerBound]), formulas.indices.contains(number)
            else {
                plain(rest[..<start.upperBound])
                rest = rest[start.upperBound...]
                continue
            }
            plain(rest[..<start.lowerBound])
            let formula = formulas[number]
            nodes.append(
                MarkdownNode(
                    kind: .math(display: formula.display), literal: formula.tex,
                    line: text.line, column: text.column))
            rest = rest[end.upperBound...]
        }
        plain(rest)
        return nodes
    }
}
