import Mustache

/// The escaping of templates that render through swift-mustache (those `CompiledTemplates` does
/// not take): `MustacheEscaping`, which escapes every special byte, instead of the library's
/// Character walk, which leaves `"` unescaped when a combining mark follows it.
///
/// The library starts every render with its own HTML escaping and offers no setting for it; a
/// `{{% CONTENT_TYPE: … }}` pragma, on a line of its own at the top of the template, switches it.
/// A standalone tag leaves no text, so the output is otherwise the same.
package struct DossierHTMLContentType: MustacheContentType {
    package static let name = "DossierHTML"

    /// Registered once, before the first template is parsed (the pragma is resolved at parse time).
    private static let registered: Bool = {
        MustacheContentTypes.register(DossierHTMLContentType(), named: name)
        return true
    }()

    /// `text` with the pragma that makes swift-mustache escape with `MustacheEscaping` first.
    package static func prefixed(_ text: String) -> String {
        precondition(registered)
        return "{{% CONTENT_TYPE: \(name) }}\n" + text
    }

    package func escapeText(_ text: String) -> String {
        MustacheEscaping.escape(text)
    }
}
