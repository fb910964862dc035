import DossierCore

/// A Markdown syntax tree in plain Swift values, copied out of cmark-gfm's C tree.
///
/// Everything after parsing (analysis, link resolution, rendering) works on these values, so it
/// can run on any thread; only `CMarkParser` touches C.
package struct MarkdownNode: Sendable, Hashable {
    package enum Kind: Sendable, Hashable {
        case document
        case blockQuote
        case list(ordered: Bool, start: Int, tight: Bool)
        case item(task: Bool?)
        case codeBlock(info: String)
        case htmlBlock
        case paragraph
        case heading(level: Int)
        case thematicBreak
        case footnoteDefinition(label: String)
        case table(alignments: [Character?])
        case tableRow(header: Bool)
        case tableCell
        case text
        case softBreak
        case lineBreak
        case code
        case htmlInline
        case emphasis
        case strong
        case strikethrough
        case link(url: String, title: String)
        case image(url: String, title: String)
        case footnoteReference(label: String)
        /// TeX protected from Markdown by `MathSpans`; the literal is the TeX source.
        case math(display: Bool)
        /// HTML Dossier made itself, already escaped or sanitized (a notebook's outputs).
        case generatedHTML
    }

    package var kind: Kind
    /// Text of `text`, `code`, `codeBlock` and raw HTML nodes.
    package var literal: String
    package var children: [MarkdownNode]
    /// 1-based line and column in the Markdown that was parsed (the body, not the whole file).
    package var line: Int
    package var column: Int

    package init(kind: Kind, literal: String = "", children: [MarkdownNode] = [], line: Int = 0, column: Int = 0) {
        self.kind = kind
        self.literal = literal
        self.children = children
        self.line = line
        self.column = column
    }

    /// The plain text of this node and its descendants (for titles, slugs and search).
    package var plainText: String {
        var out = ""
        appendPlainText(to: &out)
        return out
    }

    package func appendPlainText(to out: inout String) {
        switch kind {
        case .text, .code, .math:
            out += literal
        case .softBreak, .lineBreak:
            out += " "
        case .codeBlock:
            out += literal
        case .htmlBlock, .htmlInline:
            break
        default:
            for child in children { child.appendPlainText(to: &out) }
            if case .paragraph = kind { out += " " }
        }
    }

    /// Whether `plainText` would hold a `:`, found without building it (most blocks hold none).
    package var plainTextContainsColon: Bool {
        switch kind {
        case .text, .code, .math, .codeBlock:
            return ByteSearch.contains(literal, ":")
        case .softBreak, .lineBreak, .htmlBlock, .htmlInline:
            return false
        default:
            return children.contains { $0.plainTextContainsColon }
        }
    }

    /// Depth-first walk over this node and every descendant.
    package func walk(_ visit: (MarkdownNode) -> Void) {
        visit(self)
        for child in children { child.walk(visit) }
    }
}
