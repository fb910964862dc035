import DossierCore
import DossierFormats
import DossierModel

/// The facts card: a document's front matter as label/value pairs, with ids linked to their
/// documents and paths linked to the repository.
package struct FactsCard {
    package static let hiddenKeys: Set<String> = [
        "kind", "id", "title", "summary", "description", "runs", "verified", "model-index",
        "intended_use", "limitations", "deployment", "steps", "components",
        // Where the page sits in the navigation, not a fact about what it documents.
        "order", "weight",
    ]
    package static let pathKeys: Set<String> = [
        "code", "implements", "sample", "requirements", "params_file", "metrics_file",
        "mlflow", "config", "guidelines",
    ]

    package let linker: PageLinker

    /// `[{label, html}]` for the template, in front-matter order.
    package func facts(for document: Document, skipping extra: Set<String> = []) -> [FactView] {
        guard let entries = document.frontMatter?.entries else { return [] }
        var out: [FactView] = []
        for entry in entries where !Self.hiddenKeys.contains(entry.key) && !extra.contains(entry.key) {
            if case .null = entry.value.content { continue }
            out.append(
                FactView(
                    label: Self.label(entry.key), html: html(key: entry.key, value: entry.value, kind: document.kind)))
        }
        return out
    }

    package static func label(_ key: String) -> String {
        // Every fact on every page: Foundation's replacing went through NSString, twice. In
        // ASCII a byte is a character, so the byte swap is the same replacement, and the first
        // character upper-cased is its byte from `a`–`z` moved to `A`–`Z` (a String's
        // `uppercased`, `prefix` and `dropFirst` on top of a mapped array cost 2,500 instructions
        // a label).
        var bytes = key
        let ascii = bytes.withUTF8 { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { label in
                for index in bytes.indices {
                    var byte = bytes[index]
                    if byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") { byte = UInt8(ascii: " ") }
                    if index == 0, byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") { byte -= 0x20 }
                    label[index] = byte
                }
                return bytes.count
            }
        }
        if let ascii { return ascii }
        let words = key.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    package func html(key: String, value: YAMLValue, kind: DocumentKind?) -> String {
        let isReference = FrontMatterKeys.referenceKeys.contains(key) && (kind != nil || key == "related")
        if let scalars = value.stringList {
            let rendered = scalars.map { item -> String in
                if isReference { return referenceHTML(item) }
                if Self.pathKeys.contains(key) || (key == "location" && !ProjectPath.hasScheme(item)) {
                    return pathHTML(item)
                }
                return HTML.escape(item)
            }
            return rendered.joined(separator: ", ")
        }
        return structuredHTML(value)
    }

    package func referenceHTML(_ target: String) -> String {
        if let (href, text) = linker.wikiLink(target) {
            return "<a href=\"\(HTML.escape(href))\">\(HTML.escape(text))</a>"
        }
        return "<span class=\"xref-broken\">\(HTML.escape(target))</span>"
    }

    package func pathHTML(_ text: String) -> String {
        if let href = linker.repositoryURL(forReference: text) {
            return "<a href=\"\(HTML.escape(href))\"><code>\(HTML.escape(text))</code></a>"
        }
        return "<code>\(HTML.escape(text))</code>"
    }

    /// Nested front matter as a reader would write it: known shapes as sentences
    /// (`agreement: {metric, value, n_items}`, `metric: {name, goal}`), lists of scalars joined,
    /// other maps as a small two-column table and lists of maps as a table; never a raw dump.
    package func structuredHTML(_ value: YAMLValue) -> String {
        switch value.content {
        case .null: return ""
        case .bool, .int, .float, .string: return HTML.escape(value.scalarText ?? "")
        case let .list(items):
            if items.allSatisfy({ $0.scalarText != nil }) {
                return items.map { HTML.escape($0.scalarText ?? "") }.joined(separator: ", ")
            }
            if let table = listTable(items) { return table }
            return "<ul>" + items.map { "<li>" + structuredHTML($0) + "</li>" }.joined() + "</ul>"
        case let .map(entries):
            if let sentence = sentence(value) { return sentence }
            let rows = entries.map { entry in
                "<tr><th scope=\"row\">\(HTML.escape(entry.key))</th><td>\(structuredHTML(entry.value))</td></tr>"
            }
            return "<table class=\"mini-table\"><tbody>\(rows.joined())</tbody></table>"
        }
    }

    /// `{metric: cohen_kappa, value: 0.82, n_items: 200}` → "cohen_kappa 0.82 over 200 items";
    /// `{name: f1, goal: maximize}` → "f1 (higher is better)". Nil for other maps.
    package func sentence(_ value: YAMLValue) -> String? {
        guard case let .map(entries) = value.content, entries.allSatisfy({ $0.value.scalarText != nil }) else {
            return nil
        }
        let keys = Set(entries.map(\.key))
        func text(_ key: String) -> String? { value[key]?.scalarText.map(HTML.escape) }
        if keys.isSubset(of: ["metric", "value", "n_items", "items"]), let metric = text("metric"),
            let number = text("value")
        {
            var out = "<code>\(metric)</code> <strong>\(number)</strong>"
            if let n = text("n_items") ?? text("items") { out += " over \(n) items" }
            return out
        }
        if keys.isSubset(of: ["name", "goal"]), let name = text("name") {
            guard let goal = value["goal"]?.scalarText?.lowercased() else { return "<code>\(name)</code>" }
            let direction =
                goal.hasPrefix("max")
                ? "higher is better" : goal.hasPrefix("min") ? "lower is better" : HTML.escape(goal)
            return "<code>\(name)</code> (\(direction))"
        }
        return nil
    }

    /// A list of maps of scalars as a table with one column per key (in first-seen order).
    func listTable(_ items: [YAMLValue]) -> String? {
        var columns: [String] = []
        for item in items {
            guard case let .map(entries) = item.content, entries.allSatisfy({ $0.value.scalarText != nil }) else {
                return nil
            }
            for entry in entries where !columns.contains(entry.key) { columns.append(entry.key) }
        }
        let head = columns.map { "<th>\(HTML.escape($0))</th>" }.joined()
        let rows = items.map { item in
            "<tr>" + columns.map { "<td>\(HTML.escape(item[$0]?.scalarText ?? ""))</td>" }.joined() + "</tr>"
        }
        return "<table class=\"mini-table\"><thead><tr>\(head)</tr></thead><tbody>\(rows.joined())</tbody></table>"
    }
}
