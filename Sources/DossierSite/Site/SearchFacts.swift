import DossierFormats
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
}
