import DossierCore
import DossierFormats
import DossierModel

/// The facts card: a document's front matter as label/value pairs, with ids linked to their
/// documents and paths linked to the repository.
package struct FactsCard {
    package static let hiddenKeys: Set<String> = ["kind", "id", "title", "summary", "description", "runs", "verified", "model-index",
                                          "intended_use", "limitations", "deployment", "steps", "components"]
    package static let pathKeys: Set<String> = ["code", "implements", "sample", "requirements", "params_file", "metrics_file",
                                        "mlflow", "config", "guidelines"]

    package let linker: PageLinker

    /// `[{label, html}]` for the template, in front-matter order.
    package func facts(for document: Document, skipping extra: Set<String> = []) -> [FactView] {
        guard let entries = document.frontMatter?.entries else { return [] }
        var out: [FactView] = []
        for entry in entries where !Self.hiddenKeys.contains(entry.key) && !extra.contains(entry.key) {
            if case .null = entry.value.content { continue }
            out.append(FactView(label: Self.label(entry.key), html: html(key: entry.key, value: entry.value, kind: document.kind)))
        }
        return out
    }

    package static func label(_ key: String) -> String {
        let words = key.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    package func html(key: String, value: YAMLValue, kind: DocumentKind?) -> String {
        let isReference = FrontMatterKeys.referenceKeys.contains(key) && (kind != nil || key == "related")
        if let scalars = value.stringList {
            let rendered = scalars.map { item -> String in
                if isReference { return referenceHTML(item) }
                if Self.pathKeys.contains(key) || (key == "location" && !ProjectPath.hasScheme(item)) { return pathHTML(item) }
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

    /// Maps and lists of maps as nested lists, scalars escaped.
    package func structuredHTML(_ value: YAMLValue) -> String {
        switch value.content {
        case .null: return ""
        case .bool, .int, .float, .string: return HTML.escape(value.scalarText ?? "")
        case let .list(items):
            return "<ul>" + items.map { "<li>" + structuredHTML($0) + "</li>" }.joined() + "</ul>"
        case let .map(entries):
            return "<ul>" + entries.map { entry in
                "<li><span class=\"muted\">\(HTML.escape(entry.key)):</span> " + structuredHTML(entry.value) + "</li>"
            }.joined() + "</ul>"
        }
    }
}
