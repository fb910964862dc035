import DossierCore

/// A parsed JSON, YAML or TOML value that remembers the line it starts on.
///
/// Drift checks read several formats but only ever need "the value under this key, as written,
/// and where"; one small tree keeps the comparison code independent of the parser that made it.
package indirect enum DriftData: Sendable, Hashable {
    /// A leaf as written: strings unquoted, numbers as their text, `true`, `null`.
    case scalar(String, line: Int?)
    case list([DriftData], line: Int?)
    case map([Entry], line: Int?)

    package struct Entry: Sendable, Hashable {
        package var key: String
        package var value: DriftData
    }

    package var line: Int? {
        switch self {
        case .scalar(_, let line), .list(_, let line), .map(_, let line): line
        }
    }

    /// The text of a scalar; nil for lists and maps.
    package var text: String? {
        if case .scalar(let text, _) = self { return text }
        return nil
    }

    package var items: [DriftData] {
        if case .list(let items, _) = self { return items }
        return []
    }

    package var entries: [Entry] {
        if case .map(let entries, _) = self { return entries }
        return []
    }

    package var isMap: Bool {
        if case .map = self { return true }
        return false
    }

    /// The first value under `key` in a map.
    package subscript(key: String) -> DriftData? {
        entries.first { $0.key == key }?.value
    }

    /// Leaves keyed by their dotted path (`train.optimizer.lr`); lists stay whole, as one value.
    package func flattened(prefix: String = "") -> [(key: String, value: DriftData)] {
        guard case .map(let entries, _) = self else {
            return prefix.isEmpty ? [] : [(prefix, self)]
        }
        return entries.flatMap { entry in
            entry.value.flattened(prefix: prefix.isEmpty ? entry.key : prefix + "." + entry.key)
        }
    }

    /// A compact one-line rendering for messages and for comparing lists: `[64, 32]`.
    package var rendered: String {
        switch self {
        case .scalar(let text, _):
            text
        case .list(let items, _):
            "[" + items.map(\.rendered).joined(separator: ", ") + "]"
        case .map(let entries, _):
            "{" + entries.map { "\($0.key): \($0.value.rendered)" }.joined(separator: ", ") + "}"
        }
    }
}
