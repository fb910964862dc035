import Mustache

/// A view a template renders: its values by name, typed (`TemplateValue`). nil means "not
/// here", and the lookup goes on in the enclosing views, as Mustache's context stack does.
///
/// A view answers either requirement; the other one's default asks it. The built-in views answer
/// `value(_:)`, which the compiled renderer calls for every name it knows (`TemplateName`); a view
/// made elsewhere may answer `value(named:)` with any name. (A view answering neither would ask
/// itself in a circle, as an `Equatable` type defining neither `==` nor `!=` would.)
package protocol TemplateObject: MustacheParent, Sendable {
    func value(named name: String) -> TemplateValue?
    func value(_ name: TemplateName) -> TemplateValue?
}

extension TemplateObject {
    package func value(named name: String) -> TemplateValue? {
        TemplateName(rawValue: name).flatMap { value($0) }
    }

    package func value(_ name: TemplateName) -> TemplateValue? {
        value(named: name.rawValue)
    }

    /// What swift-mustache sees of the view, for templates that still render through it.
    package func child(named name: String) -> Any? {
        value(named: name)?.mustacheValue
    }
}
