import DossierCore
import Foundation

/// Rewrites the links a body contains, so the renderer needs no knowledge of the site.
package protocol MarkdownLinkResolver {
    /// The href to emit for a link or image URL, or nil to show the text without a link.
    func href(for url: String, isImage: Bool) -> String?
    /// Where `[[target]]` points and the text to show when no label is given; nil if unresolved.
    func wikiLink(_ target: String) -> (href: String, text: String)?
}

/// Renders a `MarkdownNode` tree to HTML: GitHub-style heading ids, alerts as call-outs,
/// highlighted code, pseudocode with line numbers, wiki links, and raw HTML omitted unless allowed.
package struct HTMLRenderer: Sendable {
    package var allowRawHTML: Bool
    /// HTML to put in place of a table, by the table's ordinal in the body (schema and runs tables).
    package var tableReplacements: [Int: String]
    /// Heading ids in document order, as `MarkdownAnalysis` computed them.
    package var headingIDs: [String]
    /// Drop the first level-1 heading (the page template shows the title).
    package var dropFirstH1: Bool
    /// Renders ```` ```dot ```` blocks; nil shows them as code (see `DiagramBlock`).
    package var graphviz: GraphvizRenderer?
    /// Leave what depends on the page or the project open (`PreparedHTML`): set by `prepare`.
    private var leavesPagePartsOpen = false
    /// The tables `prepare` leaves to the page whole, by ordinal.
    private var tablesLeftOpen: Set<Int> = []

    package init(
        allowRawHTML: Bool = false, tableReplacements: [Int: String] = [:], headingIDs: [String] = [],
        dropFirstH1: Bool = false
    ) {
        self.allowRawHTML = allowRawHTML
        self.tableReplacements = tableReplacements
        self.headingIDs = headingIDs
        self.dropFirstH1 = dropFirstH1
    }

    /// The body's HTML with the page's and the project's parts left open, for `PreparedHTML.fill`
    /// to close: `allowRawHTML`, `dropFirstH1` and `graphviz` are decided there, and the tables
    /// numbered in `tables` are not rendered but left for `fill`'s `tableReplacements` (a
    /// document's schema or runs table, which its page always replaces). The tree must come from
    /// text without a NUL byte (which would read as an open part; cmark-gfm turns none into one).
    package func prepare(_ root: MarkdownNode, leavingTables tables: Set<Int> = []) -> PreparedHTML {
        var renderer = self
        renderer.leavesPagePartsOpen = true
        renderer.tableReplacements = [:]
        renderer.tablesLeftOpen = tables
        return PreparedHTML(bytes: renderer.write(root, links: NoLinks()).bytes)
    }

    /// The resolver `prepare` renders with: it leaves every link open, so none is asked.
    private struct NoLinks: MarkdownLinkResolver {
        func href(for url: String, isImage: Bool) -> String? { nil }
        func wikiLink(_ target: String) -> (href: String, text: String)? { nil }
    }

    package func render(_ root: MarkdownNode, links: some MarkdownLinkResolver) -> String {
        write(root, links: links).string
    }

    /// The body's HTML as bytes (`MarkupBuffer`): a body is a few hundred pieces, and appending
    /// each to a String cost about 400 instructions (a third of rendering a body at load).
    private func write(_ root: MarkdownNode, links: some MarkdownLinkResolver) -> MarkupBuffer {
        var state = State()
        let out = MarkupBuffer(capacity: 8192)
        var footnotes: [MarkdownNode] = []
        for child in root.children {
            if case .footnoteDefinition = child.kind { footnotes.append(child); continue }
            render(child, into: out, state: &state, links: links)
        }
        // A call-out or tab set left open (a directive written by hand) is closed here.
        while !state.containers.isEmpty { closeContainer(into: out, state: &state) }
        if !footnotes.isEmpty {
            // cmark-gfm moves definitions to the end in the order they are first referenced and
            // numbers references 1, 2, …; the n-th definition is footnote n.
            out.put("<section class=\"footnotes\"><ol>\n")
            for (number, note) in footnotes.enumerated() {
                out.put("<li id=\"fn-")
                out.put(number + 1)
                out.put("\">")
                for child in note.children { render(child, into: out, state: &state, links: links) }
                out.put("<a href=\"#fnref-")
                out.put(number + 1)
                out.put("\" class=\"footnote-back\" aria-label=\"Back to reference\">↩</a></li>\n")
            }
            out.put("</ol></section>\n")
        }
        return out
    }

    private struct State {
        package var headingIndex = 0
        package var droppedH1 = false
        package var tableIndex = 0
        /// MkDocs admonitions and tab sets open now (MkDocsSyntax directives), innermost last.
        var containers: [Container] = []
        var tabSets = 0
    }

    private enum Container {
        case admonition(collapsible: Bool)
        case tabSet(id: Int, tabs: Int)
        case tab
    }

    private func renderChildren(
        _ node: MarkdownNode, into out: MarkupBuffer, state: inout State, links: some MarkdownLinkResolver
    ) {
        // By index: iterating the array copied each child out of it (retaining its strings and
        // its own children) before rendering it.
        for index in node.children.indices { render(node.children[index], into: out, state: &state, links: links) }
    }

    private func render(
        _ node: MarkdownNode, into out: MarkupBuffer, state: inout State, links: some MarkdownLinkResolver
    ) {
        switch node.kind {
        case .document:
            renderChildren(node, into: out, state: &state, links: links)
        case .paragraph:
            out.put("<p>")
            renderChildren(node, into: out, state: &state, links: links)
            out.put("</p>\n")
        case let .heading(level):
            let id =
                state.headingIndex < headingIDs.count
                ? headingIDs[state.headingIndex] : HeadingSlugger.baseSlug(node.plainText)
            state.headingIndex += 1
            if level == 1, leavesPagePartsOpen, !state.droppedH1 {
                state.droppedH1 = true
                // Kept on the home page, dropped on the document's own (`PreparedHTML.fill`).
                PreparedHTML.append(.firstH1Start, to: out)
                renderHeading(node, level: level, id: id, into: out, state: &state, links: links)
                PreparedHTML.append(.firstH1End, to: out)
                return
            }
            if level == 1, dropFirstH1, !state.droppedH1 {
                state.droppedH1 = true
                return
            }
            renderHeading(node, level: level, id: id, into: out, state: &state, links: links)
        case .blockQuote:
            renderBlockQuote(node, into: out, state: &state, links: links)
        case let .list(ordered, start, tight):
            let hasTasks = node.children.contains {
                if case .item(task: .some) = $0.kind { return true }; return false
            }
            out.put(ordered ? "<ol" : "<ul")
            if ordered, start != 1 {
                out.put(" start=\"")
                out.put(start)
                out.put("\"")
            }
            if hasTasks { out.put(" class=\"tasks\"") }
            out.put(">\n")
            for item in node.children {
                renderItem(item, tight: tight, into: out, state: &state, links: links)
            }
            out.put(ordered ? "</ol>\n" : "</ul>\n")
        case .item:
            renderItem(node, tight: false, into: out, state: &state, links: links)
        case let .codeBlock(info):
            renderCodeBlock(node.literal, info: info, into: out)
        case .htmlBlock:
            if let directives = MkDocsSyntax.directives(in: node.literal) {
                for directive in directives { render(directive, into: out, state: &state) }
                return
            }
            if let id = HTMLAnchor.id(in: node.literal) {
                out.put("<a id=\"")
                out.put(escaping: id)
                out.put("\"></a>\n")
                return
            }
            if leavesPagePartsOpen {
                PreparedHTML.append(.rawBlock, [node.literal], to: out)
                return
            }
            out.put(string: PagePartHTML.raw(node.literal, block: true, allowed: allowRawHTML))
        case .thematicBreak:
            out.put("<hr>\n")
        case .footnoteDefinition:
            break
        case .table:
            let ordinal = state.tableIndex
            state.tableIndex += 1
            if let replacement = tableReplacements[ordinal] {
                out.put(string: replacement)
                return
            }
            if leavesPagePartsOpen, tablesLeftOpen.contains(ordinal) {
                PreparedHTML.append(.table, [String(ordinal)], to: out)
                return
            }
            renderTable(node, into: out, state: &state, links: links)
        case .tableRow, .tableCell:
            renderChildren(node, into: out, state: &state, links: links)
        case .text:
            renderText(node.literal, into: out, links: links)
        case .softBreak:
            out.put("\n")
        case .lineBreak:
            out.put("<br>\n")
        case .code:
            out.put("<code>")
            out.put(escaping: node.literal)
            out.put("</code>")
        case let .math(display):
            out.put(string: MathSpans.html(node.literal, display: display))
        case .generatedHTML:
            out.put(string: node.literal)
        case .htmlInline:
            // The sanitizer drops `id` and `name`; an anchor kept as raw HTML would lose its name.
            if let id = HTMLAnchor.id(in: node.literal) {
                out.put("<a id=\"")
                out.put(escaping: id)
                out.put("\"></a>")
            } else if leavesPagePartsOpen {
                PreparedHTML.append(.rawInline, [node.literal], to: out)
            } else {
                out.put(string: PagePartHTML.raw(node.literal, block: false, allowed: allowRawHTML))
            }
        case .emphasis:
            out.put("<em>")
            renderChildren(node, into: out, state: &state, links: links)
            out.put("</em>")
        case .strong:
            out.put("<strong>")
            renderChildren(node, into: out, state: &state, links: links)
            out.put("</strong>")
        case .strikethrough:
            out.put("<del>")
            renderChildren(node, into: out, state: &state, links: links)
            out.put("</del>")
        case let .link(url, title):
            if HTML.isDangerousURL(url) {
                renderChildren(node, into: out, state: &state, links: links)
                return
            }
            if leavesPagePartsOpen {
                PreparedHTML.append(.linkOpen, [url, title], to: out)
                renderChildren(node, into: out, state: &state, links: links)
                PreparedHTML.append(.linkClose, to: out)
                return
            }
            let tags = PagePartHTML.link(url: url, title: title, links: links)
            out.put(string: tags.start)
            renderChildren(node, into: out, state: &state, links: links)
            out.put(string: tags.end)
        case let .image(url, title):
            let alt = HTML.escape(node.plainText)
            if HTML.isDangerousURL(url) {
                out.put(string: alt)
                return
            }
            if leavesPagePartsOpen {
                PreparedHTML.append(.image, [url, title, alt], to: out)
                return
            }
            out.put(string: PagePartHTML.image(url: url, title: title, alt: alt, links: links))
        case let .footnoteReference(number):
            // cmark-gfm gives a reference its footnote's number as its literal.
            let name = HTML.escape(number)
            out.put("<sup class=\"footnote-ref\"><a href=\"#fn-")
            out.put(string: name)
            out.put("\" id=\"fnref-")
            out.put(string: name)
            out.put("\">")
            out.put(string: name)
            out.put("</a></sup>")
        }
    }

    private func renderHeading(
        _ node: MarkdownNode, level: Int, id: String, into out: MarkupBuffer, state: inout State,
        links: some MarkdownLinkResolver
    ) {
        out.put("<h")
        out.put(level)
        out.put(" id=\"")
        out.put(escaping: id)
        out.put("\">")
        renderChildren(node, into: out, state: &state, links: links)
        out.put("<a class=\"anchor\" href=\"#")
        out.put(escaping: id)
        out.put("\" aria-label=\"Link to this section\">#</a></h")
        out.put(level)
        out.put(">\n")
    }

    private func renderItem(
        _ item: MarkdownNode, tight: Bool, into out: MarkupBuffer, state: inout State, links: some MarkdownLinkResolver
    ) {
        out.put("<li>")
        if case let .item(task: .some(checked)) = item.kind {
            out.put(checked ? "<input type=\"checkbox\" checked disabled> " : "<input type=\"checkbox\" disabled> ")
        }
        for child in item.children {
            if tight, case .paragraph = child.kind {
                renderChildren(child, into: out, state: &state, links: links)
            } else {
                render(child, into: out, state: &state, links: links)
            }
        }
        out.put("</li>\n")
    }

    /// MkDocs admonitions as call-outs (`??? note` as a closed `<details>`), content tabs as a
    /// set of radio buttons and panels that work without script.
    private func render(_ directive: MkDocsSyntax.Directive, into out: MarkupBuffer, state: inout State) {
        switch directive {
        case let .admonition(kind, style, title):
            let kind = HTML.escape(kind)
            let shown = HTML.escape(title ?? kind.prefix(1).uppercased() + kind.dropFirst())
            if style == "plain" {
                out.put(string: "<div class=\"admonition \(kind)\" role=\"note\">")
                out.put(string: shown.isEmpty ? "\n" : "<p class=\"admonition-title\">\(shown)</p>\n")
                state.containers.append(.admonition(collapsible: false))
            } else {
                let open = style == "open" ? " open" : ""
                out.put(string: "<details class=\"admonition \(kind)\"\(open)><summary>\(shown)</summary>\n")
                state.containers.append(.admonition(collapsible: true))
            }
        case .tabs:
            state.tabSets += 1
            out.put("<div class=\"tabbed-set\">\n")
            state.containers.append(.tabSet(id: state.tabSets, tabs: 0))
        case let .tab(title, selected):
            guard case let .tabSet(id, tabs)? = state.containers.last else {
                // A tab outside a set (written by hand) opens one.
                render(.tabs, into: out, state: &state)
                render(directive, into: out, state: &state)
                return
            }
            state.containers[state.containers.count - 1] = .tabSet(id: id, tabs: tabs + 1)
            let input = "tabset-\(id)-\(tabs + 1)"
            let checked = tabs == 0 || selected ? " checked" : ""
            out.put(string: "<input type=\"radio\" name=\"tabset-\(id)\" id=\"\(input)\"\(checked)>")
            out.put(string: "<label for=\"\(input)\">\(HTML.escape(title))</label><div class=\"tabbed-panel\">\n")
            state.containers.append(.tab)
        case .end:
            if !state.containers.isEmpty { closeContainer(into: out, state: &state) }
        }
    }

    private func closeContainer(into out: MarkupBuffer, state: inout State) {
        switch state.containers.removeLast() {
        case let .admonition(collapsible): out.put(collapsible ? "</details>\n" : "</div>\n")
        case .tabSet, .tab: out.put("</div>\n")
        }
    }

    /// GitHub alerts: a block quote whose first line is `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`,
    /// `[!WARNING]` or `[!CAUTION]` becomes a call-out.
    private func renderBlockQuote(
        _ node: MarkdownNode, into out: MarkupBuffer, state: inout State, links: some MarkdownLinkResolver
    ) {
        if let (kind, rest) = Self.alert(in: node) {
            out.put(
                string:
                    "<div class=\"alert alert-\(kind)\" role=\"note\"><p class=\"alert-title\">\(kind.capitalized)</p>\n"
            )
            renderChildren(rest, into: out, state: &state, links: links)
            out.put("</div>\n")
            return
        }
        out.put("<blockquote>\n")
        renderChildren(node, into: out, state: &state, links: links)
        out.put("</blockquote>\n")
    }

    package static let alertKinds = ["note", "tip", "important", "warning", "caution"]

    /// The alert kind and the quote without its marker, when the quote is an alert.
    package static func alert(in quote: MarkdownNode) -> (String, MarkdownNode)? {
        guard let first = quote.children.first, case .paragraph = first.kind,
            let lead = first.children.first, case .text = lead.kind
        else { return nil }
        let literal = lead.literal.trimmedSpaces()
        guard literal.hasPrefix("[!"), let close = literal.firstIndex(of: "]") else { return nil }
        let kind = literal[literal.index(literal.startIndex, offsetBy: 2)..<close].lowercased()
        guard alertKinds.contains(kind) else { return nil }
        let after = literal[literal.index(after: close)...].trimmedSpaces()
        var paragraph = first
        var inlines = Array(first.children.dropFirst())
        if !after.isEmpty {
            inlines.insert(MarkdownNode(kind: .text, literal: after, line: lead.line, column: lead.column), at: 0)
        } else if let next = inlines.first, case .softBreak = next.kind {
            inlines.removeFirst()
        } else if let next = inlines.first, case .lineBreak = next.kind {
            inlines.removeFirst()
        }
        paragraph.children = inlines
        var rest = quote
        rest.children =
            paragraph.children.isEmpty ? Array(quote.children.dropFirst()) : [paragraph] + quote.children.dropFirst()
        return (kind, rest)
    }

    private func renderTable(
        _ node: MarkdownNode, into out: MarkupBuffer, state: inout State, links: some MarkdownLinkResolver
    ) {
        guard case let .table(alignments) = node.kind else { return }
        out.put(string: HTML.tableWrap(label: Self.tableLabel(node)))
        out.put("<table>\n")
        var inBody = false
        for row in node.children {
            let isHeader: Bool
            if case let .tableRow(header) = row.kind { isHeader = header } else { isHeader = false }
            if isHeader {
                out.put("<thead>\n")
            } else if !inBody {
                out.put("<tbody>\n")
                inBody = true
            }
            out.put("<tr>")
            for (index, cell) in row.children.enumerated() {
                out.put(isHeader ? "<th" : "<td")
                if index < alignments.count, let a = alignments[index] {
                    if a == "l" {
                        out.put(" style=\"text-align:left\"")
                    } else if a == "c" {
                        out.put(" style=\"text-align:center\"")
                    } else if a == "r" {
                        out.put(" style=\"text-align:right\"")
                    }
                }
                out.put(">")
                renderChildren(cell, into: out, state: &state, links: links)
                out.put(isHeader ? "</th>" : "</td>")
            }
            out.put("</tr>\n")
            if isHeader { out.put("</thead>\n") }
        }
        if inBody { out.put("</tbody>\n") }
        out.put("</table></div>\n")
    }

    /// A Markdown table's name for its scrolling box: "Table: " and its column headings.
    static func tableLabel(_ table: MarkdownNode) -> String {
        let header = table.children.first { row in
            if case let .tableRow(isHeader) = row.kind { return isHeader }
            return false
        }
        let names = (header?.children ?? []).map { $0.plainText.trimmedSpaces() }.filter { !$0.isEmpty }
        return names.isEmpty ? "Table" : "Table: " + names.joined(separator: ", ")
    }

    private func renderCodeBlock(_ code: String, info: String, into out: MarkupBuffer) {
        let language = String(info.split(separator: " ").first ?? "").lowercased()
        if leavesPagePartsOpen, language == "dot" || language == "graphviz" {
            // Drawn with the project's Graphviz, found after loading.
            PreparedHTML.append(.diagram, [code, language], to: out)
            return
        }
        if let special = DiagramBlock.html(code, language: language, graphviz: graphviz) {
            out.put(string: special)
            return
        }
        if language == "pseudocode" {
            out.put("<div class=\"code pseudocode\"><pre tabindex=\"0\"><code>")
            let lines = SyntaxHighlighter.pseudocodeLines(code)
            for (number, line) in lines.enumerated() {
                out.put("<span class=\"line\"><span class=\"ln\" aria-hidden=\"true\">")
                out.put(number + 1)
                out.put("</span>")
                out.put(string: line)
                out.put("</span>\n")
            }
            out.put("</code></pre></div>\n")
            return
        }
        out.put("<div class=\"code\"")
        if !language.isEmpty {
            out.put(" data-lang=\"")
            out.put(escaping: language)
            out.put("\"")
        }
        out.put(
            "><button class=\"copy\" type=\"button\" aria-label=\"Copy code\">Copy</button><pre tabindex=\"0\"><code")
        if !language.isEmpty {
            out.put(" class=\"language-")
            out.put(escaping: language)
            out.put("\"")
        }
        out.put(">")
        out.put(string: SyntaxHighlighter.highlight(code, language: language))
        out.put("</code></pre></div>\n")
    }

    /// Text with `[[wiki links]]` turned into links (unresolved ones are marked, not dropped).
    private func renderText(_ text: String, into out: MarkupBuffer, links: some MarkdownLinkResolver) {
        let found = MarkdownAnalysis.wikiLinks(in: text)
        guard !found.isEmpty else {
            out.put(escaping: text)
            return
        }
        let bytes = Array(text.utf8)
        var position = 0
        for link in found {
            out.put(escaping: String(decoding: bytes[position..<link.offset], as: UTF8.self))
            if leavesPagePartsOpen {
                if let label = link.label {
                    PreparedHTML.append(.labelledWikiLink, [link.target, label], to: out)
                } else {
                    PreparedHTML.append(.wikiLink, [link.target], to: out)
                }
            } else {
                out.put(string: PagePartHTML.wikiLink(target: link.target, label: link.label, links: links))
            }
            position = link.offset + link.length
        }
        out.put(escaping: String(decoding: bytes[position...], as: UTF8.self))
    }
}
