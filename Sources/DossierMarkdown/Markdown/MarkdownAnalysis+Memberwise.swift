/// The memberwise initializers, for other targets: the build cache's saved documents
/// (`DocumentCodec`) rebuild an analysis without parsing its Markdown again.
extension MarkdownAnalysis {
    /// An analysis with nothing in it, filled in field by field.
    package init() {}
}

extension MarkdownAnalysis.Heading {
    package static func restored(level: Int, text: String, id: String, line: Int) -> Self {
        Self(level: level, text: text, id: id, line: line)
    }
}

extension MarkdownAnalysis.WikiLink {
    package static func restored(target: String, label: String?, line: Int, column: Int) -> Self {
        Self(target: target, label: label, line: line, column: column)
    }
}

extension MarkdownAnalysis.Link {
    package static func restored(url: String, isImage: Bool, line: Int, column: Int) -> Self {
        Self(url: url, isImage: isImage, line: line, column: column)
    }
}

extension MarkdownAnalysis.RawHTML {
    package static func restored(excerpt: String, line: Int, column: Int) -> Self {
        Self(excerpt: excerpt, line: line, column: column)
    }
}

extension MarkdownAnalysis.CodeBlock {
    package static func restored(language: String, line: Int) -> Self {
        Self(language: language, line: line)
    }
}

extension MarkdownAnalysis.Table {
    package static func restored(header: [String], rows: [Row], line: Int, ordinal: Int) -> Self {
        Self(header: header, rows: rows, line: line, ordinal: ordinal)
    }
}

extension MarkdownAnalysis.Table.Row {
    package static func restored(cells: [String], line: Int) -> Self {
        Self(cells: cells, line: line)
    }
}
