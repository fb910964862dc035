/// A page whose template needs only the path back to the site root (`notfound.mustache`).
package struct RootView: TemplateObject, Sendable {
    package var root: String

    package func value(_ name: TemplateName) -> TemplateValue? {
        name == .root ? .string(root) : nil
    }
}
