/// One step of a compiled template (`TemplateCompiler`), run by `TemplateRenderer`.
package enum TemplateNode: Sendable {
    /// Where a tag's name is looked up.
    package struct Path: Sendable, Equatable {
        /// `.name` or `.`: only in the innermost context, never up the stack.
        package var anchored: Bool
        /// The dotted parts; empty for the innermost context itself (`{{.}}`).
        package var names: [String]

        /// As swift-mustache reads a name: `.` is the innermost context, a leading dot anchors
        /// the lookup there, and empty parts (`a..b`) are skipped.
        package init(_ name: String) {
            anchored = name == "." || name.first == "."
            names = name == "." ? [] : name.split(separator: ".").map(String.init)
        }
    }

    /// Text copied as it is.
    case text(String)
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}`.
    case variable(Path, escaped: Bool)
    /// `{{#name}}…{{/name}}`, or `{{^name}}…{{/name}}` when inverted.
    case section(Path, [TemplateNode], inverted: Bool)
    /// `{{>name}}`; `indentation` is set when the tag stands alone on its line (as in Mustache's
    /// parser: the whitespace before it, possibly empty).
    case partial(String, indentation: String?)
}
