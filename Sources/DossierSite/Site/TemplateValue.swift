/// A value a view hands to a template, typed so that the compiled renderer (`TemplateRenderer`)
/// needs no dynamic casts; `mustacheValue` is what swift-mustache saw before, for the templates
/// that still render through it (a user's override with a construct the compiler leaves out).
///
/// Views and lists are held behind one reference (`TemplateObjectBox`, `TemplateListBox`), not
/// as existentials: with an existential payload the enum was address-only, and every copy of a
/// value the renderer looked up went through its value witnesses (about a quarter of the page
/// template's instructions at 1,000 documents). Build them with `.object(_:)` and `.list(_:)`.
package enum TemplateValue: Sendable {
    case string(String)
    case bool(Bool)
    case int(Int)
    case strings([String])
    /// A view (`.object(_:)`).
    case view(TemplateObjectBox)
    /// A list of views (`.list(_:)`).
    case items(TemplateListBox)

    /// A view.
    package static func object(_ object: any TemplateObject) -> TemplateValue {
        .view(TemplateObjectBox(object))
    }

    /// A list a section iterates.
    package static func list<Items: TemplateList>(_ list: Items) -> TemplateValue {
        .items(TemplateListBox(list))
    }

    /// A string, or nil (not found: the lookup goes on up the context stack) when there is none.
    package static func optional(_ text: String?) -> TemplateValue? {
        text.map { .string($0) }
    }

    /// A string, or `false` when there is none: a section on it does not render, and a lookup of
    /// the same name inside the section does not climb to an enclosing view.
    package static func orFalse(_ text: String?) -> TemplateValue {
        text.map { .string($0) } ?? .bool(false)
    }

    /// A view, or nil when there is none.
    package static func optional(_ object: (any TemplateObject)?) -> TemplateValue? {
        object.map { .object($0) }
    }

    /// The value as swift-mustache's `child(named:)` returned it: String, Bool, Int, the view, the
    /// typed array.
    package var mustacheValue: Any {
        switch self {
        case let .string(text): text
        case let .bool(flag): flag
        case let .int(number): number
        case let .view(box): box.object
        case let .items(box): box.list.mustacheValue
        case let .strings(texts): texts
        }
    }
}
