@testable import DossierSite

// The SVG writer as it was before it wrote bytes (commit 1db379e), kept to test that the byte
// writer draws the very same SVG. Only the type's name is changed.

struct ReferenceSVGWriter {
    package typealias Metrics = LineageGraph.Metrics

    package var out = ""

    package static func render(_ layout: LineageGraph.Layout) -> String {
        var writer = ReferenceSVGWriter()
        writer.out.reserveCapacity(
            640 + layout.nodes.count * 460 + layout.edges.count * 110 + layout.legend.count * 160)
        writer.write(layout)
        return writer.out
    }

    package static func fill(_ kind: String) -> String {
        switch kind {
        case "data-source": "#ddf4ff"
        case "schema": "#dafbe1"
        case "labeling": "#fff8c5"
        case "experiment": "#fbefff"
        case "model": "#ffebe9"
        case "environment": "#eaeef2"
        case "pseudocode": "#d8f3f0"
        default: "#ffffff"
        }
    }

    package static func stroke(state: String?) -> String {
        switch state {
        case "fresh": "#1a7f37"
        case "stale": "#9a6700"
        case "broken": "#cf222e"
        case "drift": "#8250df"
        default: "#6e7781"
        }
    }

    package mutating func write(_ layout: LineageGraph.Layout) {
        // Several graphs may share a page; an id derived from what is drawn keeps their markers
        // apart without giving up byte-identical output.
        let marker = "lineage-arrow-" + Self.fnv1a(layout.nodes.map(\.id).joined(separator: "\n"))
        let documents = layout.documentCount == 1 ? "1 document" : "\(layout.documentCount) documents"
        let links = layout.linkCount == 1 ? "1 link" : "\(layout.linkCount) links"
        let label = (layout.currentTitle.map { "Lineage of \($0)" } ?? "Lineage graph") + ": \(documents), \(links)"

        // A named group holding a list of links, one per node, not an image (an image's content
        // is not for assistive technology, and it would hold links). Edges and legend say nothing
        // the nodes' own text does not, so they are hidden from it. The drawing shrinks to fit its
        // box, but never below 11/12 of its size, so that titles stay at 11 px or more; past that
        // its box scrolls.
        let minimumWidth = (layout.width * 11 + 11) / 12
        out +=
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"lineage-graph\" viewBox=\"0 0 \(layout.width) \(layout.height)\""
        out += " width=\"\(layout.width)\" height=\"\(layout.height)\""
        out += " style=\"max-width:100%;min-width:\(minimumWidth)px;height:auto\" role=\"group\" aria-label=\""
        escape(label)
        out += "\" font-family=\"system-ui,sans-serif\" font-size=\"12\">\n"
        out += "<defs><marker id=\"\(marker)\" class=\"edge-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\""
        out += " markerWidth=\"8\" markerHeight=\"8\" markerUnits=\"userSpaceOnUse\" orient=\"auto\">"
        out += "<path d=\"M0 0L10 5L0 10z\" fill=\"#8c959f\"/></marker></defs>\n"

        // Edges first, so nodes cover any curve that passes behind them.
        // `marker-end` is inherited, so the group gives every edge its arrow.
        out +=
            "<g class=\"edges\" fill=\"none\" stroke=\"#8c959f\" stroke-width=\"1.5\" marker-end=\"url(#\(marker))\""
        out += " aria-hidden=\"true\">\n"
        for edge in layout.edges {
            out += edge.touchesCurrent ? "<path class=\"edge current\" d=\"" : "<path class=\"edge\" d=\""
            path(edge)
            out += "\"/>\n"
        }
        out += "</g>\n<g class=\"nodes\" role=\"list\">\n"
        for node in layout.nodes { self.node(node) }
        out += "</g>\n"

        if !layout.legend.isEmpty {
            out += "<g class=\"legend\" font-size=\"11\" aria-hidden=\"true\">\n"
            for item in layout.legend {
                out += "<g class=\"legend-item kind-\(item.kind)\"><rect x=\"\(item.x)\" y=\"\(item.y)\""
                out +=
                    " width=\"\(Metrics.swatch)\" height=\"\(Metrics.swatch)\" rx=\"3\" fill=\"\(Self.fill(item.kind))\""
                out += " stroke=\"#6e7781\"/><text x=\"\(item.x + Metrics.swatch + 6)\""
                out += " y=\"\(item.y + Metrics.swatch - 2)\" fill=\"#1f2328\">"
                escape(item.label)
                out += "</text></g>\n"
            }
            out += "</g>\n"
        }
        out += "</svg>"
    }

    private mutating func path(_ edge: LineageGraph.PlacedEdge) {
        let (x1, y1, x2, y2) = (edge.start.x, edge.start.y, edge.end.x, edge.end.y)
        if edge.bows {
            // Same column: out into the gap on the right and back, further for longer spans so
            // that nested curves stay apart, but never as far as the next column.
            let reach = min(Metrics.columnGap - 12, 20 + abs(y2 - y1) / 10)
            out += "M\(x1) \(y1)C\(x1 + reach) \(y1) \(x2 + reach) \(y2) \(x2) \(y2)"
        } else {
            // Horizontal tangents at both ends: the curve leaves and enters its nodes square on,
            // which keeps the marker arrow pointing into the node.
            let half = (x2 - x1) / 2
            out += "M\(x1) \(y1)C\(x1 + half) \(y1) \(x2 - half) \(y2) \(x2) \(y2)"
        }
    }

    private mutating func node(_ node: LineageGraph.PlacedNode) {
        let link = node.href
        out += "<g role=\"listitem\">"
        out += link == nil ? "<g class=\"node" : "<a class=\"node"
        out += node.isCollapsed ? " collapsed kind-\(node.kind)" : " kind-\(node.kind) state-\(node.state ?? "unknown")"
        if node.isCurrent { out += " current" }
        out += "\""
        if let link {
            out += " href=\""
            escape(link)
            out += "\""
        }
        out += "><title>"
        let layer = LineageGraph.Layer(kind: node.kind)
        let kindLabel = layer?.label ?? node.kind
        if node.isCollapsed {
            escape("\(node.title) not shown")
        } else {
            escape(LineageGraph.oneLine(node.title))
            escape(" (\(kindLabel), \(node.state ?? "unknown")\(node.isCurrent ? ", this page" : ""))")
        }
        out +=
            "</title><rect x=\"\(node.x)\" y=\"\(node.y)\" width=\"\(node.width)\" height=\"\(node.height)\" rx=\"6\""
        out += " fill=\"\(Self.fill(node.kind))\" stroke=\"\(Self.stroke(state: node.state))\""
        if node.isCurrent { out += " stroke-width=\"3\"" }
        if node.isCollapsed { out += " stroke-dasharray=\"4 3\"" }
        out += "/>"

        // Two lines: the title, and the kind (with the state when it needs attention) so that
        // neither depends on telling colours apart.
        let textX = node.x + Metrics.textInset
        out += "<text class=\"node-title\" x=\"\(textX)\" y=\"\(node.y + 17)\">"
        if node.titleLines.count == 1 {
            escape(node.titleLines[0])
        } else {
            for (number, line) in node.titleLines.enumerated() {
                out += "<tspan x=\"\(textX)\" y=\"\(node.y + 17 + number * Metrics.titleLineHeight)\">"
                escape(line)
                out += "</tspan>"
            }
        }
        let kindY = node.y + 17 + max(1, node.titleLines.count) * Metrics.titleLineHeight
        out += "</text><text class=\"node-kind\" x=\"\(textX)\" y=\"\(kindY)\" font-size=\"10\" fill=\"#57606a\">"
        if node.isCollapsed {
            escape(layer?.plural ?? node.kind)
        } else if let state = node.state, state != "fresh" {
            escape("\(kindLabel) · \(state)")
        } else {
            escape(kindLabel)
        }
        out += "</text>"
        out += link == nil ? "</g></g>\n" : "</a></g>\n"
    }

    /// Appends `text` escaped for XML text and attribute values, dropping characters XML 1.0
    /// cannot carry (control characters other than tab and line breaks, U+FFFE, U+FFFF).
    private mutating func escape(_ text: String) {
        let plain = !text.utf8.contains { byte in
            byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte < 0x20 || byte == 0xEF
        }
        if plain {
            out += text
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
    }

    /// 32-bit FNV-1a as 8 hex digits: stable across runs and platforms, unlike `Hasher`.
    package static func fnv1a(_ text: String) -> String {
        var hash: UInt32 = 0x811C_9DC5
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
