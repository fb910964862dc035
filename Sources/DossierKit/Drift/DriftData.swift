/// A parsed JSON, YAML or TOML value that remembers the line it starts on.
///
/// Drift checks read several formats but only ever need "the value under this key, as written,
/// and where"; one small tree keeps the comparison code independent of the parser that made it.
indirect enum DriftData: Sendable, Hashable {
    /// A leaf as written: strings unquoted, numbers as their text, `true`, `null`.
    case scalar(String, line: Int?)
    case list([DriftData], line: Int?)
    case map([Entry], line: Int?)

    struct Entry: Sendable, Hashable {
        var key: String
        var value: DriftData
    }

    var line: Int? {
        switch self {
        case .scalar(_, let line), .list(_, let line), .map(_, let line): line
        }
    }

    /// The text of a scalar; nil for lists and maps.
    var text: String? {
        if case .scalar(let text, _) = self { return text }
        return nil
    }

    var items: [DriftData] {
        if case .list(let items, _) = self { return items }
        return []
    }

    var entries: [Entry] {
        if case .map(let entries, _) = self { return entries }
        return []
    }

    var isMap: Bool {
        if case .map = self { return true }
        return false
    }

    /// The first value under `key` in a map.
    subscript(key: String) -> DriftData? {
        entries.first { $0.key == key }?.value
    }

    /// Leaves keyed by their dotted path (`train.optimizer.lr`); lists stay whole, as one value.
    func flattened(prefix: String = "") -> [(key: String, value: DriftData)] {
        guard case .map(let entries, _) = self else {
            return prefix.isEmpty ? [] : [(prefix, self)]
        }
        return entries.flatMap { entry in
            entry.value.flattened(prefix: prefix.isEmpty ? entry.key : prefix + "." + entry.key)
        }
    }

    /// A compact one-line rendering for messages and for comparing lists: `[64, 32]`.
    var rendered: String {
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
