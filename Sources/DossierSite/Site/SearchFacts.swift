import DossierFormats
import DossierMarkdown
import DossierModel

/// The front-matter values a page shows in its facts card or model card, as search text: every
/// scalar value, and the keys of nested maps (`seeds: {numpy: 42}` gives `numpy 42`). Top-level
/// keys (`owner`, `status`) are on every page and would only add noise.
package enum SearchFacts {
    /// Keys whose values the index already has in another form.
    static let skipped: Set<String> = ["title", "summary", "description", "runs", "id", "kind"]

    package static func strings(_ frontMatter: YAMLValue?) -> [String] {
        guard case let .map(entries)? = frontMatter?.content else { return [] }
        var out: [String] = []
        for entry in entries where !skipped.contains(entry.key) { collect(entry.value, into: &out) }
        return out
    }

    static func collect(_ value: YAMLValue, into out: inout [String]) {
        switch value.content {
        case .null: break
        case .bool, .int, .float, .string:
            if let text = value.scalarText { out.append(text) }
        case let .list(items):
            for item in items { collect(item, into: &out) }
        case let .map(entries):
            for entry in entries {
                out.append(entry.key)
                collect(entry.value, into: &out)
            }
        }
    }

    /// The line under a result: the summary, else the start of the body, at most about 160 characters.
    /// Only the first kilobyte is looked at: this runs for every page of the site.
    package static func snippet(_ document: Document) -> String {
        var text = head(Substring(document.summary ?? ""))
        if text.isEmpty {
            let body = head(Substring(document.analysis.text))
            text = body.split(separator: "\n").first { $0.utf8.count > 40 && $0 != document.title } ?? ""
        }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        var out = ""
        for word in words {
            if out.utf8.count + word.utf8.count > 160 { return out + " …" }
            if !out.isEmpty { out += " " }
            out += word
        }
        return out
    }

    /// The whole characters of `text` up to and including the one that reaches its 1,024th byte.
    /// Found from the byte offset, not by walking every character: walking was most of an
    /// in-memory rebuild of `serve` at 1,000 documents.
    package static func head(_ text: Substring, bytes: Int = 1024) -> Substring {
        let utf8 = text.utf8
        guard let limit = utf8.index(utf8.startIndex, offsetBy: bytes, limitedBy: utf8.endIndex), limit < utf8.endIndex
        else { return text }
        // The character holding byte `bytes - 1` ends the head (`index(after:)` first rounds down
        // to the start of that character).
        return text[..<text.index(after: utf8.index(before: limit))]
    }

    /// Fields and runs first (a query for one should land on its row), then headings.
    package static func anchors(_ document: Document) -> [SearchEntry.Anchor] {
        var out = document.schemaFields.map { SearchEntry.Anchor(label: $0.key, id: $0.anchor, kind: "field") }
        out += document.runs.map {
            SearchEntry.Anchor(label: $0.name, id: "run-" + HeadingSlugger.baseSlug($0.name), kind: "run")
        }
        out += document.analysis.headings.filter { $0.level > 1 }.map {
            SearchEntry.Anchor(label: $0.text, id: $0.id, kind: "heading")
        }
        return Array(out.prefix(200))
    }
}
