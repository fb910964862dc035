import CCmarkGFM
import DossierCore
import Foundation

/// Parses Markdown with Debian's cmark-gfm and copies the result into `MarkdownNode` values.
///
/// This is the only file that touches cmark-gfm's C API: every pointer is created, read and freed
/// here. Parsing holds one process-wide lock because cmark-gfm is not thread-safe: with
/// extensions attached, `cmark_parser_finish` edits a process-wide table of special characters
/// (see STYLE.md), so concurrent parses produce wrong trees. The finished tree belongs to the
/// one call that parsed it and reading it touches no shared state, so it is copied out (and
/// freed) after the lock is released: the copy was a fifth of the time the lock was held, and
/// every document load waits for that lock.
package enum CMarkParser {
    private static let lock = NSLock()
    private static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// Deepest nesting kept in the copied tree. cmark-gfm nests as deep as the text asks
    /// (`>` × 100,000 is 100,000 block quotes); everything after parsing walks the tree
    /// recursively, so deeper levels are flattened into the level at this depth.
    package static let maxDepth = 100

    /// Parses GitHub-flavoured Markdown (tables, strikethrough, autolinks, task lists, footnotes).
    package static func parse(_ markdown: String) -> MarkdownNode {
        parseReporting(markdown).root
    }

    /// Parses like `parse`, and says where the body had to be flattened (too deep) or shown as
    /// plain text (too dense in brackets for cmark-gfm's quadratic inline parser).
    package static func parseReporting(_ markdown: String) -> (root: MarkdownNode, notes: [MarkdownParseNote]) {
        // The density scan runs outside the lock: it bounds how long the lock is held.
        let decision = MarkdownInputGuard.guardText(markdown)
        var text = decision.text
        var notes = decision.notes
        let parsed: OpaquePointer? = lock.withLock {
            cmark_gfm_core_extensions_ensure_registered()
            guard let parser = cmark_parser_new(CMARK_OPT_FOOTNOTES) else { return nil }
            defer { cmark_parser_free(parser) }
            for name in extensionNames where decision.autolink || name != "autolink" {
                if let ext = cmark_find_syntax_extension(name) {
                    cmark_parser_attach_syntax_extension(parser, ext)
                }
            }
            text.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) { chars in
                    if let base = chars.baseAddress { cmark_parser_feed(parser, base, chars.count) }
                }
            }
            // The root outlives its parser: cmark_parser_finish hands it to the caller.
            return cmark_parser_finish(parser)
        }
        guard let root = parsed else { return (MarkdownNode(kind: .document), notes) }
        defer { cmark_node_free(root) }
        let (copied, deep) = copy(root, plainRuns: decision.plainRuns)
        // One depth note per document: the line guard's, when it already cut block nesting.
        if let deep, !notes.contains(where: { $0.rule == deep.rule }) { notes.append(deep) }
        return (copied, notes)
    }

    /// A node being copied whose children are still being visited.
    private struct Frame {
        var pointer: OpaquePointer
        var node: MarkdownNode
    }

    /// Copies the C tree without recursion. Nodes deeper than `maxDepth` that hold children are
    /// dropped and their children (eventually their text and other leaves) join the node at
    /// `maxDepth`, so the copy is never deeper than `maxDepth + 1`.
    /// `plainRuns` maps the guard's placeholders to the text they stand for.
    private static func copy(_ root: OpaquePointer, plainRuns: [String: String]) -> (MarkdownNode, MarkdownParseNote?) {
        var frames = [Frame(pointer: root, node: shell(of: root))]
        var current = cmark_node_first_child(root)
        var flattened: (line: Int, column: Int, depth: Int)?
        while true {
            if let pointer = current {
                // `frames` holds the ancestors, so the node's depth is their count.
                let depth = frames.count
                if let first = cmark_node_first_child(pointer) {
                    if depth > maxDepth, flattened == nil {
                        flattened = (
                            Int(cmark_node_get_start_line(pointer)), Int(cmark_node_get_start_column(pointer)), depth
                        )
                    }
                    frames.append(Frame(pointer: pointer, node: shell(of: pointer)))
                    current = first
                    continue
                }
                var leaf = shell(of: pointer)
                if !plainRuns.isEmpty, case .text = leaf.kind, let original = plainRuns[leaf.literal] {
                    leaf.literal = original
                }
                if depth <= maxDepth || isLeaf(leaf.kind) {
                    append(leaf, to: &frames[min(depth - 1, maxDepth)].node)
                }
                current = cmark_node_next(pointer)
            } else {
                let done = frames.removeLast()
                guard !frames.isEmpty else {
                    let note = flattened.map { deep in
                        MarkdownParseNote(
                            rule: "markdown.too-deep",
                            message: "Markdown nested more than \(maxDepth) levels deep (block quotes, lists, "
                                + "emphasis or links inside each other); deeper levels are shown flat",
                            line: deep.line, column: max(deep.column, 1))
                    }
                    return (done.node, note)
                }
                let depth = frames.count
                if depth <= maxDepth {
                    append(done.node, to: &frames[depth - 1].node)
                }
                current = cmark_node_next(done.pointer)
            }
        }
    }

    /// Adds a finished child; cmark splits text at brackets and other specials, so adjacent text
    /// runs are merged and `[[id]]` stays one text.
    private static func append(_ child: MarkdownNode, to parent: inout MarkdownNode) {
        if case .text = child.kind, let last = parent.children.last, case .text = last.kind {
            parent.children[parent.children.count - 1].literal += child.literal
        } else {
            parent.children.append(child)
        }
    }

    /// Node kinds that carry their content themselves and stay when flattened.
    private static func isLeaf(_ kind: MarkdownNode.Kind) -> Bool {
        switch kind {
        case .text, .code, .codeBlock, .htmlBlock, .htmlInline, .softBreak, .lineBreak, .thematicBreak,
            .footnoteReference:
            return true
        default:
            return false
        }
    }

    /// The node without its children.
    private static func shell(of node: OpaquePointer) -> MarkdownNode {
        MarkdownNode(
            kind: kind(of: node), literal: literal(of: node), line: Int(cmark_node_get_start_line(node)),
            column: Int(cmark_node_get_start_column(node)))
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
            return .list(
                ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
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
        case CMARK_NODE_LINK:
            return .link(url: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case CMARK_NODE_IMAGE:
            return .image(url: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
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
