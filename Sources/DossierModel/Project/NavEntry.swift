import DossierCore
import DossierFormats

/// One entry of a `nav:` list as MkDocs writes it: a page (`- path.md` or `- Title: path.md`) or
/// a section (`- Section: [ … ]`). Each remembers its line in the configuration file, so a page
/// that names no document is a finding with a place to fix.
package indirect enum NavEntry: Sendable, Hashable, CustomStringConvertible {
    /// `path` is project-relative; `title` replaces the document's own title in the navigation.
    case page(path: String, title: String?, line: Int)
    case section(title: String, entries: [NavEntry], line: Int)

    /// Every page path named, in order, sections flattened.
    package var paths: [String] {
        switch self {
        case let .page(path, _, _): [path]
        case let .section(_, entries, _): entries.flatMap(\.paths)
        }
    }

    package var description: String {
        switch self {
        case let .page(path, title, line): "page(\(path), \(title ?? "-"), \(line))"
        case let .section(title, entries, line): "section(\(title), \(entries), \(line))"
        }
    }

    /// The entries of a `nav:` list. `prefix` is prepended to every path (MkDocs' `docs_dir`);
    /// external links (`https://…`) and paths that leave the project are left out. `lineOffset`
    /// turns the parser's lines into the file's (the front-matter parser counts an opening `---`).
    package static func parse(_ value: YAMLValue, prefix: String = "", lineOffset: Int = -1) -> [NavEntry] {
        guard let items = value.list else { return [] }
        var out: [NavEntry] = []
        for item in items {
            if let text = item.scalarText {
                if let path = resolve(text, prefix: prefix) {
                    out.append(.page(path: path, title: nil, line: item.line + lineOffset))
                }
            } else if let entries = item.entries {
                for entry in entries {
                    if let text = entry.value.scalarText {
                        if let path = resolve(text, prefix: prefix) {
                            out.append(.page(path: path, title: entry.key, line: entry.line + lineOffset))
                        }
                    } else if entry.value.list != nil {
                        out.append(
                            .section(
                                title: entry.key,
                                entries: parse(entry.value, prefix: prefix, lineOffset: lineOffset),
                                line: entry.line + lineOffset))
                    }
                }
            }
        }
        return out
    }

    private static func resolve(_ text: String, prefix: String) -> String? {
        if text.isEmpty || text.contains("://") { return nil }
        return ProjectPath.resolve(prefix + text)
    }
}
