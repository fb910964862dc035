import DossierCore
import DossierMarkdown

/// A page's table of contents: its h2 and h3 headings — the body's from its analysis, generated
/// sections' (the model card) read from their HTML. Pages with fewer than `minimumHeadings` get none.
package enum TableOfContents {
    package static let minimumHeadings = 3

    package struct Entry: Sendable, Hashable {
        /// 2 or 3.
        package var level: Int
        /// The heading's id as written in the HTML (escaped).
        package var id: String
        /// The heading's text, HTML-escaped, without tags or its `#` anchor link.
        package var html: String
    }

    /// The body's h2 and h3 headings, with the ids the renderer gives them.
    package static func entries(headings: [MarkdownAnalysis.Heading]) -> [Entry] {
        headings.compactMap { heading in
            guard heading.level == 2 || heading.level == 3, !heading.id.isEmpty, !heading.text.isEmpty else {
                return nil
            }
            return Entry(level: heading.level, id: HTML.escape(heading.id), html: HTML.escape(heading.text))
        }
    }

    private static let anchorOpen = Array("<a class=\"anchor\"".utf8)
    private static let anchorClose = Array("</a>".utf8)

    /// The h2 and h3 headings with an id in generated `html` (a byte scan), in order.
    package static func entries(in html: String) -> [Entry] {
        let bytes = Array(html.utf8)
        var out: [Entry] = []
        var i = 0
        let n = bytes.count
        while i + 8 < n {
            // `<h2 id="` or `<h3 id="`
            guard bytes[i] == UInt8(ascii: "<"), bytes[i + 1] == UInt8(ascii: "h"),
                bytes[i + 2] == UInt8(ascii: "2") || bytes[i + 2] == UInt8(ascii: "3"),
                bytes[i + 3] == UInt8(ascii: " "), bytes[i + 4] == UInt8(ascii: "i"), bytes[i + 5] == UInt8(ascii: "d"),
                bytes[i + 6] == UInt8(ascii: "="), bytes[i + 7] == UInt8(ascii: "\"")
            else {
                i += 1
                continue
            }
            let level = Int(bytes[i + 2] - UInt8(ascii: "0"))
            var j = i + 8
            while j < n, bytes[j] != UInt8(ascii: "\"") { j += 1 }
            let id = String(decoding: bytes[(i + 8)..<min(j, n)], as: UTF8.self)
            while j < n, bytes[j] != UInt8(ascii: ">") { j += 1 }
            j += 1
            // The heading's content up to `</h2>` or `</h3>`: text kept, tags and the anchor link dropped.
            var text: [UInt8] = []
            var inTag = false
            var inAnchor = false
            while j + 1 < n,
                !(bytes[j] == UInt8(ascii: "<") && bytes[j + 1] == UInt8(ascii: "/") && j + 2 < n
                    && bytes[j + 2] == UInt8(ascii: "h"))
            {
                let byte = bytes[j]
                if byte == UInt8(ascii: "<") {
                    inTag = true
                    if bytes[j...].starts(with: anchorOpen) { inAnchor = true }
                    if inAnchor, bytes[j...].starts(with: anchorClose) { inAnchor = false }
                } else if byte == UInt8(ascii: ">") {
                    inTag = false
                } else if !inTag, !inAnchor {
                    text.append(byte)
                }
                j += 1
            }
            let title = String(decoding: text, as: UTF8.self).trimmingSpaces
            if !id.isEmpty, !title.isEmpty { out.append(Entry(level: level, id: id, html: title)) }
            i = j
        }
        return out
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
