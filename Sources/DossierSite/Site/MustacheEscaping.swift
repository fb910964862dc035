import DossierCore

/// HTML escaping for every template value: `HTML.escape`, which replaces each `&`, `<`, `>`, `"`
/// and `'` byte.
///
/// Not swift-mustache's own escaping, which walks Characters through a dictionary and so leaves a
/// special character alone when a combining mark follows it (`"` + U+0301 is one Character): the
/// browser still reads that `"` as the end of an attribute, so a title could add attributes such
/// as `onfocus` to a tag. The HTML tokenizer works on code points, and so does this. Templates
/// rendered by swift-mustache use it too (`DossierHTMLContentType`).
package enum MustacheEscaping {
    package static func escape(_ text: String) -> String {
        HTML.escape(text)
    }

    /// Appends `escape(text)` to `out` (the compiled templates' buffer, `TemplateRenderer`); text
    /// with nothing to escape, most of it, is appended as it is.
    package static func append(_ text: String, to out: inout String) {
        out += escape(text)
    }
}
