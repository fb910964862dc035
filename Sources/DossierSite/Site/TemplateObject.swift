import Mustache

/// A view a template renders: its values by name, typed (`TemplateValue`). nil means "not
/// here", and the lookup goes on in the enclosing views, as Mustache's context stack does.
package protocol TemplateObject: MustacheParent, Sendable {
    func value(named name: String) -> TemplateValue?
}

extension TemplateObject {
    /// What swift-mustache sees of the view, for templates that still render through it.
    package func child(named name: String) -> Any? {
        value(named: name)?.mustacheValue
    }
}
