import DossierCore
import Foundation

/// What the rest of Dossier needs to know about a Markdown body, gathered in one walk:
/// headings with their ids, wiki links, ordinary links, tables and the text to search.
package struct MarkdownAnalysis: Sendable {
    package struct Heading: Sendable, Hashable {
        package var level: Int
        package var text: String
        package var id: String
        package var line: Int
    }

    /// `[[target]]` or `[[target|label]]` written in the body.
    package struct WikiLink: Sendable, Hashable {
        package var target: String
        package var label: String?
        package var line: Int
        package var column: Int
    }

    package struct Link: Sendable, Hashable {
        package var url: String
        package var isImage: Bool
        package var line: Int
        package var column: Int
    }

    /// Raw HTML in the body (a block or an inline tag), which the site drops unless
    /// `unsafe_html` allows it. Comments and closing tags are not listed.
    package struct RawHTML: Sendable, Hashable {
        /// The start of the HTML, one line, for a message: `<details>`.
        package var excerpt: String
        package var line: Int
        package var column: Int
    }

    package struct CodeBlock: Sendable, Hashable {
        package var language: String
        package var line: Int
    }

    package struct Table: Sendable, Hashable {
        package struct Row: Sendable, Hashable {
            package var cells: [String]
            package var line: Int
        }
        package var header: [String]
        package var rows: [Row]
        package var line: Int
        /// Which table of the body this is, counting from 0 (the renderer can replace it).
        package var ordinal: Int
    }

    package var headings: [Heading] = []
    package var wikiLinks: [WikiLink] = []
    package var links: [Link] = []
    package var tables: [Table] = []
    package var rawHTML: [RawHTML] = []
    /// Ids the page has besides its headings': raw HTML anchors (`<a name="setup"></a>`, see
    /// `HTMLAnchor`, which the site keeps) and, in a notebook, Jupyter's heading ids.
    package var htmlAnchors: [String] = []
    /// Fenced and indented code blocks: the first word of the info string, lowercased (`dot`,
    /// `mermaid`, `python`; empty when none), and the block's line.
    package var codeBlocks: [CodeBlock] = []
    package var text: String = ""
    /// The objects the body documents with mkdocstrings: a line of `text` that is `::: object`.
    /// mkdocstrings gives each object, and each member below it, an anchor named by its dotted path
    /// when MkDocs builds; those anchors are not headings of the Markdown. Kept apart from `text`,
    /// which `check` does not keep.
    package var autodocObjects: [String] = []

    /// The first level-1 heading, if any.
    package var firstH1: String? { headings.first { $0.level == 1 }?.text }

    /// `keepingText: false` leaves `text` empty (`check` writes no search index): building it
    /// was a large part of analysing a body. `autodocObjects` are the same either way.
    package init(_ root: MarkdownNode, lineOffset: Int = 0, keepingText: Bool = true) {
        var slugger = HeadingSlugger()
        var tableCount = 0
        var text = ""
        var autodoc: [String] = []
        // Without the text, only the lines of it that could be `::: object` are built. A line of
        // the text never spans two blocks (each block's part ends with "\n"), so looking at each
        // block's part alone finds what looking at the whole text finds, in the same order.
        func appendPlainText(of node: MarkdownNode) {
            if keepingText {
                node.appendPlainText(to: &text)
                text += "\n"
            } else if node.plainTextContainsColon {
                autodoc += Self.autodocObjects(in: node.plainText + "\n")
            }
        }
        func visit(_ node: MarkdownNode) {
            switch node.kind {
            case let .heading(level):
                let title = node.plainText.trimmedSpaces()
                headings.append(
                    Heading(level: level, text: title, id: slugger.slug(for: title), line: node.line + lineOffset))
                // `## 1. Introduction <a id="intro"></a>`: the anchor is a link target too.
                htmlAnchors += Self.anchors(inHeading: node)
                if keepingText {
                    text += title
                    text += "\n"
                } else {
                    autodoc += Self.autodocObjects(in: title + "\n")
                }
                return
            case .text:
                for link in Self.wikiLinks(in: node.literal) {
                    wikiLinks.append(
                        WikiLink(
                            target: link.target, label: link.label,
                            line: node.line + lineOffset, column: node.column + link.offset))
                }
            case let .link(url, _):
                links.append(Link(url: url, isImage: false, line: node.line + lineOffset, column: node.column))
            case let .image(url, _):
                links.append(Link(url: url, isImage: true, line: node.line + lineOffset, column: node.column))
            case .htmlBlock, .htmlInline:
                if let id = HTMLAnchor.id(in: node.literal) {
                    htmlAnchors.append(id)
                } else if let excerpt = Self.rawHTMLExcerpt(node.literal) {
                    rawHTML.append(RawHTML(excerpt: excerpt, line: node.line + lineOffset, column: node.column))
                }
            case let .codeBlock(info):
                codeBlocks.append(CodeBlock(language: Self.codeLanguage(info), line: node.line + lineOffset))
            case .table:
                var header: [String] = []
                var rows: [Table.Row] = []
                for row in node.children {
                    let cells = row.children.map { $0.plainText.trimmedSpaces() }
                    if case .tableRow(header: true) = row.kind {
                        header = cells
                    } else {
                        rows.append(Table.Row(cells: cells, line: row.line + lineOffset))
                    }
                }
                tables.append(Table(header: header, rows: rows, line: node.line + lineOffset, ordinal: tableCount))
                tableCount += 1
            default:
                break
            }
            // Appended in place: a temporary String per paragraph showed in load profiles.
            if case .paragraph = node.kind {
                appendPlainText(of: node)
            } else if case .tableRow = node.kind {
                // A row is one line of search text; its cells' links and [[…]] are still
                // collected below, so a broken link in a table is a finding like any other.
                appendPlainText(of: node)
            }
            // By index, so that no child is copied out of the array before it is visited.
            for index in node.children.indices { visit(node.children[index]) }
        }
        visit(root)
        // Appending grew the text's storage up to twice its length; it is kept for every document
        // until the search index is written, so keep only what it holds.
        self.text = text.isEmpty ? "" : text.withUTF8 { String(decoding: $0, as: UTF8.self) }
        autodocObjects = keepingText ? Self.autodocObjects(in: text) : autodoc
    }

    /// The raw HTML anchors among a heading's inline content.
    static func anchors(inHeading heading: MarkdownNode) -> [String] {
        var found: [String] = []
        func visit(_ node: MarkdownNode) {
            if case .htmlInline = node.kind, let id = HTMLAnchor.id(in: node.literal) { found.append(id) }
            for child in node.children { visit(child) }
        }
        for child in heading.children { visit(child) }
        return found
    }

    /// The start of raw HTML for a message (`<details>`), nil for a comment or a closing tag.
    static func rawHTMLExcerpt(_ literal: String) -> String? {
        let html = literal.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !html.hasPrefix("<!--"), !html.hasPrefix("</"), !html.isEmpty else { return nil }
        let first = html.prefix { $0 != "\n" }
        return first.count > 60 ? String(first.prefix(59)) + "…" : String(first)
    }

    /// A code block's language: the first word of its info string, lowercased.
    static func codeLanguage(_ info: String) -> String {
        info.split(separator: " ").first.map { $0.lowercased() } ?? ""
    }

    /// The `object` of each line of `text` that is `::: object`.
    static func autodocObjects(in text: String) -> [String] {
        // Most bodies have none: look for the marker before splitting into lines (a byte search:
        // a closure over `utf8` was the largest single cost of loading in profiles of `check`).
        guard ByteSearch.contains(text, ":::") else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("::: ") else { return nil }
            let object = line.dropFirst(4).prefix { !$0.isWhitespace }
            return object.isEmpty ? nil : String(object)
        }
    }

    /// Finds `[[target]]` and `[[target|label]]` in a run of text, with their UTF-8 offsets.
    package static func wikiLinks(in text: String) -> [(target: String, label: String?, offset: Int, length: Int)] {
        // Called for every text node; almost none holds `[[`, so look before copying the bytes.
        guard ByteSearch.contains(text, "[[") else { return [] }
        let bytes = Array(text.utf8)
        guard bytes.count >= 4 else { return [] }
        var found: [(String, String?, Int, Int)] = []
        var i = 0
        while i + 3 < bytes.count {
            if bytes[i] == 0x5B, bytes[i + 1] == 0x5B {
                var j = i + 2
                while j + 1 < bytes.count, !(bytes[j] == 0x5D && bytes[j + 1] == 0x5D), bytes[j] != 0x0A,
                    bytes[j] != 0x5B
                {
                    j += 1
                }
                if j + 1 < bytes.count, bytes[j] == 0x5D, bytes[j + 1] == 0x5D, j > i + 2 {
                    let inner = String(decoding: bytes[(i + 2)..<j], as: UTF8.self)
                    let parts = inner.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
                    let target = parts[0].trimmedSpaces()
                    let label = parts.count > 1 ? parts[1].trimmedSpaces() : nil
                    if !target.isEmpty {
                        found.append((target, label?.isEmpty == true ? nil : label, i, j + 2 - i))
                    }
                    i = j + 2
                    continue
                }
            }
            i += 1
        }
        return found
    }
}
