import CCmarkGFM
import DossierCore
import Foundation

/// Parses Markdown with Debian's cmark-gfm and copies the result into `MarkdownNode` values.
///
/// This is the only file that touches cmark-gfm's C API: every pointer is created, read and freed
/// here. Parsing holds one process-wide lock because cmark-gfm is not thread-safe: with
/// extensions attached, `cmark_parser_finish` edits a process-wide table of special characters
/// (see STYLE.md), so concurrent parses produce wrong trees. Copying the tree out under the same
/// lock keeps every C read serialized; rendering the Swift values afterwards runs in parallel.
package enum CMarkParser {
    private static let lock = NSLock()
    private static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// Parses GitHub-flavoured Markdown (tables, strikethrough, autolinks, task lists, footnotes).
    package static func parse(_ markdown: String) -> MarkdownNode {
        lock.lock()
        defer { lock.unlock() }
        cmark_gfm_core_extensions_ensure_registered()
        guard let parser = cmark_parser_new(CMARK_OPT_FOOTNOTES) else {
            return MarkdownNode(kind: .document)
        }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        var text = markdown
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress { cmark_parser_feed(parser, base, chars.count) }
            }
        }
        guard let root = cmark_parser_finish(parser) else { return MarkdownNode(kind: .document) }
        defer { cmark_node_free(root) }
        return copy(root)
    }

    private static func copy(_ node: OpaquePointer) -> MarkdownNode {
        var children: [MarkdownNode] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            let copied = copy(current)
            // cmark splits text at brackets and other specials; merge runs so `[[id]]` is one text.
            if case .text = copied.kind, let last = children.last, case .text = last.kind {
                children[children.count - 1].literal += copied.literal
            } else {
                children.append(copied)
            }
            child = cmark_node_next(current)
        }
        let line = Int(cmark_node_get_start_line(node))
        let column = Int(cmark_node_get_start_column(node))
        return MarkdownNode(kind: kind(of: node), literal: literal(of: node), children: children, line: line, column: column)
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    private static func literal(of node: OpaquePointer) -> String {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
            return string(cmark_node_get_literal(node))
        default:
            return ""
        }
    }

    private static func kind(of node: OpaquePointer) -> MarkdownNode.Kind {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST:
            return .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                         start: Int(cmark_node_get_list_start(node)),
                         tight: cmark_node_get_list_tight(node) != 0)
        case CMARK_NODE_ITEM:
            let isTask = string(cmark_node_get_type_string(node)) == "tasklist"
            return .item(task: isTask ? cmark_gfm_extensions_get_tasklist_item_checked(node) : nil)
        case CMARK_NODE_CODE_BLOCK: return .codeBlock(info: string(cmark_node_get_fence_info(node)))
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_FOOTNOTE_DEFINITION: return .footnoteDefinition(label: string(cmark_node_get_literal(node)))
        case CMARK_NODE_TEXT: return .text
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code
        case CMARK_NODE_HTML_INLINE: return .htmlInline
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK: return .link(url: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case CMARK_NODE_IMAGE: return .image(url: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case CMARK_NODE_FOOTNOTE_REFERENCE: return .footnoteReference(label: string(cmark_node_get_literal(node)))
        default:
            // Extension nodes are not declared in the headers; their type strings are stable.
            switch string(cmark_node_get_type_string(node)) {
            case "table":
                let columns = Int(cmark_gfm_extensions_get_table_columns(node))
                var alignments: [Character?] = []
                if let raw = cmark_gfm_extensions_get_table_alignments(node) {
                    for i in 0..<columns {
                        let value = raw[i]
                        alignments.append(value == 0 ? nil : Character(UnicodeScalar(value)))
                    }
                }
                return .table(alignments: alignments)
            case "table_header": return .tableRow(header: true)
            case "table_row": return .tableRow(header: false)
            case "table_cell": return .tableCell
            case "strikethrough": return .strikethrough
            default: return .paragraph
            }
        }
    }
}
