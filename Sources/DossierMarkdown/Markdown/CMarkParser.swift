import CCmarkGFM
import DossierCore
import Foundation

/// Parses Markdown with Debian's cmark-gfm and copies the result into `MarkdownNode` values.
///
/// This is the only file that touches cmark-gfm's C API: every pointer is created, read and freed
/// here. A parser object is used by one call only, so parses run in parallel, except for one
/// process-wide table: cmark-gfm keeps which bytes end a text run (and which the emphasis rules
/// skip) in one static table, and `cmark_parser_finish` adds the special characters of each inline
/// extension attached to it before parsing inlines and removes them afterwards. Two parses
/// finishing at once then see each other's removals and produce wrong trees (STYLE.md). So:
/// - `extensions` registers the extensions once and sets the characters of every inline extension
///   but strikethrough (autolink's `:` and `w`) in the table for good, then empties those
///   extensions' character lists, so that no parse adds or removes them again. Those characters
///   only end text runs early; the copy merges adjacent text, so a tree is the same whether or not
///   autolink is attached (it is left out for crowded text, `MarkdownInputGuard`).
/// - strikethrough's `~` cannot be set for good: cmark-gfm also finds the extension that closes a
///   `~~` run through that list. It is attached only to texts holding a `~` byte, and those
///   finish under `finishLock`. A text without `~` never reads the table's `~` entries (the
///   table is indexed by the text's bytes), so it needs no lock at all.
/// The finished tree belongs to the one call that parsed it and reading it touches no shared
/// state, so it is copied out (and freed) without any lock.
package enum CMarkParser {
    /// Serializes the finish of the parses that attach strikethrough (texts holding `~`).
    private static let finishLock = NSLock()

    /// The extensions a parse may attach, in cmark-gfm's usual order, found once after
    /// registering them.
    private struct Extensions: @unchecked Sendable {
        enum Role { case always, autolink, strikethrough }
        var ordered: [(pointer: OpaquePointer, role: Role)]
    }

    /// Registers the core extensions and pins the inline characters of all but strikethrough;
    /// runs once, before the first parse (a static's initializer runs exactly once).
    private static let extensions: Extensions = {
        cmark_gfm_core_extensions_ensure_registered()
        var ordered: [(pointer: OpaquePointer, role: Extensions.Role)] = []
        for name in ["table", "strikethrough", "autolink", "tagfilter", "tasklist"] {
            guard let ext = cmark_find_syntax_extension(name) else { continue }
            let role: Extensions.Role =
                name == "strikethrough" ? .strikethrough : name == "autolink" ? .autolink : .always
            ordered.append((ext, role))
        }
        let pinned = ordered.filter { $0.role != .strikethrough }.map(\.pointer)
        // Adds the pinned extensions' characters to the table the way a finishing parser does,
        // then empties their lists so that no finishing parser removes them.
        if let parser = cmark_parser_new(CMARK_OPT_DEFAULT) {
            for ext in pinned { cmark_parser_attach_syntax_extension(parser, ext) }
            cmark_manage_extensions_special_characters(parser, 1)
            cmark_parser_free(parser)
        }
        for ext in pinned { cmark_syntax_extension_set_special_inline_chars(ext, nil) }
        return Extensions(ordered: ordered)
    }()

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
        // The density scan bounds cmark-gfm's quadratic cases before it sees the text.
        let decision = MarkdownInputGuard.guardText(markdown)
        var text = decision.text
        var notes = decision.notes
        // The C tree lives only until it is copied: in the thread's arena it costs no malloc or
        // free per node, string and buffer (a build parses every body twice: load and render).
        let arena = CMarkArena.acquire()
        defer { arena?.reset() }
        let parsed: OpaquePointer? = text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                parseTree(
                    chars, autolink: decision.autolink, strikethrough: usesStrikethrough(bytes), arena: arena != nil)
            }
        }
        guard let root = parsed else { return (MarkdownNode(kind: .document), notes) }
        defer { if arena == nil { cmark_node_free(root) } }
        let (copied, deep) = copy(root, plainRuns: decision.plainRuns)
        // One depth note per document: the line guard's, when it already cut block nesting.
        if let deep, !notes.contains(where: { $0.rule == deep.rule }) { notes.append(deep) }
        return (copied, notes)
    }

    /// Whether the text needs the strikethrough extension, that is holds a `~` byte; only such
    /// parses take `finishLock`.
    package static func usesStrikethrough(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
        return memchr(base, Int32(UInt8(ascii: "~")), bytes.count) != nil
    }

    /// Parses with a parser of its own; the root outlives its parser (`cmark_parser_finish`
    /// hands it to the caller).
    /// `arena`: allocate the parser and the tree in the calling thread's `CMarkArena` (acquired)
    /// instead of with the system allocator.
    private static func parseTree(
        _ chars: UnsafeBufferPointer<CChar>, autolink: Bool, strikethrough withStrikethrough: Bool,
        arena: Bool = false
    ) -> OpaquePointer? {
        let ordered = extensions.ordered
        let made =
            arena
            ? cmark_parser_new_with_mem(CMARK_OPT_FOOTNOTES, CMarkArena.allocator)
            : cmark_parser_new(CMARK_OPT_FOOTNOTES)
        guard let parser = made else { return nil }
        defer { cmark_parser_free(parser) }
        for (ext, role) in ordered {
            switch role {
            case .always: cmark_parser_attach_syntax_extension(parser, ext)
            case .autolink: if autolink { cmark_parser_attach_syntax_extension(parser, ext) }
            case .strikethrough: if withStrikethrough { cmark_parser_attach_syntax_extension(parser, ext) }
            }
        }
        if let base = chars.baseAddress { cmark_parser_feed(parser, base, chars.count) }
        return withStrikethrough ? finishLock.withLock { cmark_parser_finish(parser) } : cmark_parser_finish(parser)
    }

    /// What loading keeps of a body, read from cmark-gfm's tree without copying it into
    /// `MarkdownNode` values (the copy and its release were a fifth of loading a document): equal
    /// to `MarkdownAnalysis(parse(markdown), lineOffset:, keepingText:)` with `parseReporting`'s
    /// notes. Nil where the copy would not mirror the C tree — the guard put placeholders in, or
    /// nesting deeper than `maxDepth` would be flattened — and the caller parses and copies
    /// instead. A build keeps the search text (`keepingText`), `check` does not; neither keeps
    /// the tree, which the page parses again.
    package static func analysisReporting(
        _ markdown: String, lineOffset: Int, keepingText: Bool = false
    ) -> (analysis: MarkdownAnalysis, notes: [MarkdownParseNote])? {
        let decision = MarkdownInputGuard.guardText(markdown)
        guard decision.plainRuns.isEmpty else { return nil }
        var text = decision.text
        // The tree lives in the thread's arena, freed at once after the walk (no node-by-node
        // `cmark_node_free`); without an arena, with the system allocator as before.
        let arena = CMarkArena.acquire()
        defer { arena?.reset() }
        let parsed: OpaquePointer? = text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                parseTree(
                    chars, autolink: decision.autolink, strikethrough: usesStrikethrough(bytes), arena: arena != nil)
            }
        }
        guard let root = parsed else { return nil }
        defer { if arena == nil { cmark_node_free(root) } }
        guard !nestsDeeperThanMaxDepth(root) else { return nil }
        var walk = TreeAnalysis(lineOffset: lineOffset, keepingText: keepingText)
        walk.visit(root)
        if keepingText {
            let text = String(decoding: walk.text, as: UTF8.self)
            walk.analysis.text = text
            walk.analysis.autodocObjects = MarkdownAnalysis.autodocObjects(in: text)
        } else {
            walk.analysis.autodocObjects = walk.autodoc
        }
        return (walk.analysis, decision.notes)
    }

    /// Whether `copy` would flatten the tree: a node with children below more than `maxDepth`
    /// ancestors. Walks without recursion.
    private static func nestsDeeperThanMaxDepth(_ root: OpaquePointer) -> Bool {
        var next = cmark_node_first_child(root)
        var depth = 1
        while var node = next {
            if let child = cmark_node_first_child(node) {
                if depth > maxDepth { return true }
                next = child
                depth += 1
                continue
            }
            while cmark_node_next(node) == nil {
                guard let parent = cmark_node_parent(node), parent != root else { return false }
                node = parent
                depth -= 1
            }
            next = cmark_node_next(node)
        }
        return false
    }

    /// `MarkdownAnalysis.init(_:lineOffset:keepingText:)`'s walk over the C tree, with each run
    /// of adjacent text nodes taken as the one text node `copy` merges it into. Recursion is
    /// bounded: deeper trees were sent to the copy.
    private struct TreeAnalysis {
        var analysis = MarkdownAnalysis(MarkdownNode(kind: .document), keepingText: false)
        var autodoc: [String] = []
        var slugger = HeadingSlugger()
        var tableCount = 0
        let lineOffset: Int
        let keepingText: Bool
        /// The search text's UTF-8, appended straight from cmark-gfm's literals (no `String` per
        /// text node); made a `String` once, at its final size, when the walk ends.
        var text: [UInt8] = []

        init(lineOffset: Int, keepingText: Bool) {
            self.lineOffset = lineOffset
            self.keepingText = keepingText
        }

        /// `MarkdownAnalysis.anchors(inHeading:)` over the C tree. Inline nesting is bounded:
        /// deeper trees were sent to the copy.
        mutating func addAnchors(inHeading node: OpaquePointer) {
            var child = cmark_node_first_child(node)
            while let current = child {
                if cmark_node_get_type(current) == CMARK_NODE_HTML_INLINE,
                    let id = HTMLAnchor.id(in: string(cmark_node_get_literal(current)))
                {
                    analysis.htmlAnchors.append(id)
                }
                addAnchors(inHeading: current)
                child = cmark_node_next(current)
            }
        }

        mutating func visit(_ node: OpaquePointer) {
            let type = cmark_node_get_type(node)
            let line = Int(cmark_node_get_start_line(node)) + lineOffset
            switch type {
            case CMARK_NODE_HEADING:
                let title = CMarkParser.plainText(of: node).trimmedSpaces()
                analysis.headings.append(
                    MarkdownAnalysis.Heading(
                        level: Int(cmark_node_get_heading_level(node)), text: title, id: slugger.slug(for: title),
                        line: line))
                addAnchors(inHeading: node)
                if keepingText {
                    text += title.utf8
                    text.append(0x0A)
                } else {
                    autodoc += MarkdownAnalysis.autodocObjects(in: title + "\n")
                }
                return
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                analysis.links.append(
                    MarkdownAnalysis.Link(
                        url: string(cmark_node_get_url(node)), isImage: type == CMARK_NODE_IMAGE, line: line,
                        column: Int(cmark_node_get_start_column(node))))
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                let literal = string(cmark_node_get_literal(node))
                if let id = HTMLAnchor.id(in: literal) {
                    analysis.htmlAnchors.append(id)
                } else if let excerpt = MarkdownAnalysis.rawHTMLExcerpt(literal) {
                    analysis.rawHTML.append(
                        MarkdownAnalysis.RawHTML(
                            excerpt: excerpt, line: line, column: Int(cmark_node_get_start_column(node))))
                }
            case CMARK_NODE_CODE_BLOCK:
                analysis.codeBlocks.append(
                    MarkdownAnalysis.CodeBlock(
                        language: MarkdownAnalysis.codeLanguage(string(cmark_node_get_fence_info(node))), line: line))
            default:
                break
            }
            let role = CMarkParser.role(of: node)
            if role == .table { addTable(node, line: line) }
            if role == .paragraph || role == .tableRow || role == .tableHeader {
                if keepingText {
                    CMarkParser.appendPlainBytes(of: node, to: &text)
                    text.append(0x0A)
                } else if CMarkParser.plainTextContainsColon(node) {
                    autodoc += MarkdownAnalysis.autodocObjects(in: CMarkParser.plainText(of: node) + "\n")
                }
            }
            var child = cmark_node_first_child(node)
            while let current = child {
                guard cmark_node_get_type(current) == CMARK_NODE_TEXT else {
                    visit(current)
                    child = cmark_node_next(current)
                    continue
                }
                // A `[[` of the merged run is a `[` in one of its nodes: most runs hold none and
                // are not made into a String at all.
                var holdsBracket = CMarkParser.literalHoldsBracket(current)
                var last = current
                child = cmark_node_next(current)
                while let more = child, cmark_node_get_type(more) == CMARK_NODE_TEXT {
                    holdsBracket = holdsBracket || CMarkParser.literalHoldsBracket(more)
                    last = more
                    child = cmark_node_next(more)
                }
                guard holdsBracket else { continue }
                var text = string(cmark_node_get_literal(current))
                var node = current
                while node != last, let more = cmark_node_next(node) {
                    text += string(cmark_node_get_literal(more))
                    node = more
                }
                for link in MarkdownAnalysis.wikiLinks(in: text) {
                    analysis.wikiLinks.append(
                        MarkdownAnalysis.WikiLink(
                            target: link.target, label: link.label,
                            line: Int(cmark_node_get_start_line(current)) + lineOffset,
                            column: Int(cmark_node_get_start_column(current)) + link.offset))
                }
            }
        }

        private mutating func addTable(_ node: OpaquePointer, line: Int) {
            var header: [String] = []
            var rows: [MarkdownAnalysis.Table.Row] = []
            var row = cmark_node_first_child(node)
            while let current = row {
                var cells: [String] = []
                var cell = cmark_node_first_child(current)
                while let each = cell {
                    cells.append(CMarkParser.plainText(of: each).trimmedSpaces())
                    cell = cmark_node_next(each)
                }
                if CMarkParser.role(of: current) == .tableHeader {
                    header = cells
                } else {
                    rows.append(
                        MarkdownAnalysis.Table.Row(
                            cells: cells, line: Int(cmark_node_get_start_line(current)) + lineOffset))
                }
                row = cmark_node_next(current)
            }
            analysis.tables.append(MarkdownAnalysis.Table(header: header, rows: rows, line: line, ordinal: tableCount))
            tableCount += 1
        }
    }

    /// `MarkdownNode.plainText` of the node `copy` would make of `node`.
    private static func plainText(of node: OpaquePointer) -> String {
        var out = ""
        appendPlainText(of: node, to: &out)
        return out
    }

    private static func appendPlainText(of node: OpaquePointer, to out: inout String) {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK:
            out += string(cmark_node_get_literal(node))
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
            out += " "
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
            break
        default:
            var child = cmark_node_first_child(node)
            while let current = child {
                appendPlainText(of: current, to: &out)
                child = cmark_node_next(current)
            }
            if role(of: node) == .paragraph { out += " " }
        }
    }

    /// `appendPlainText(of:to:)` in UTF-8 bytes, copied from the literals without a `String` each.
    private static func appendPlainBytes(of node: OpaquePointer, to out: inout [UInt8]) {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK:
            guard let literal = cmark_node_get_literal(node) else { return }
            literal.withMemoryRebound(to: UInt8.self, capacity: 1) { bytes in
                out.append(contentsOf: UnsafeBufferPointer(start: bytes, count: strlen(literal)))
            }
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
            out.append(0x20)
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
            break
        default:
            var child = cmark_node_first_child(node)
            while let current = child {
                appendPlainBytes(of: current, to: &out)
                child = cmark_node_next(current)
            }
            if role(of: node) == .paragraph { out.append(0x20) }
        }
    }

    /// `MarkdownNode.plainTextContainsColon` of the node `copy` would make of `node`.
    private static func plainTextContainsColon(_ node: OpaquePointer) -> Bool {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK:
            return cmark_node_get_literal(node).map { strchr($0, Int32(UInt8(ascii: ":"))) != nil } ?? false
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
            return false
        default:
            var child = cmark_node_first_child(node)
            while let current = child {
                if plainTextContainsColon(current) { return true }
                child = cmark_node_next(current)
            }
            return false
        }
    }

    /// What `MarkdownAnalysis` tells apart of the node `kind(of:)` makes: `.paragraph` also for an
    /// extension node that `kind(of:)` does not know.
    private enum Role { case paragraph, table, tableHeader, tableRow, other }

    private static func role(of node: OpaquePointer) -> Role {
        if cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH { return .paragraph }
        guard !isCoreNode(node), let name = cmark_node_get_type_string(node) else { return .other }
        if strcmp(name, "table") == 0 { return .table }
        if strcmp(name, "table_header") == 0 { return .tableHeader }
        if strcmp(name, "table_row") == 0 { return .tableRow }
        if strcmp(name, "table_cell") == 0 || strcmp(name, "strikethrough") == 0 { return .other }
        return .paragraph
    }

    private static func literalHoldsBracket(_ node: OpaquePointer) -> Bool {
        cmark_node_get_literal(node).map { strchr($0, Int32(UInt8(ascii: "["))) != nil } ?? false
    }

    /// The node types `kind(of:)` names; every other one it tells by its type string.
    private static func isCoreNode(_ node: OpaquePointer) -> Bool {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT, CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM, CMARK_NODE_CODE_BLOCK,
            CMARK_NODE_HTML_BLOCK, CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_THEMATIC_BREAK,
            CMARK_NODE_FOOTNOTE_DEFINITION, CMARK_NODE_TEXT, CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK,
            CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE, CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_LINK,
            CMARK_NODE_IMAGE, CMARK_NODE_FOOTNOTE_REFERENCE:
            return true
        default:
            return false
        }
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
