/// A value a view hands to a template, typed so that the compiled renderer (`TemplateRenderer`)
/// needs no dynamic casts; `mustacheValue` is what swift-mustache saw before, for the templates
/// that still render through it (a user's override with a construct the compiler leaves out).
package enum TemplateValue: Sendable {
    case string(String)
    case bool(Bool)
    case int(Int)
    case object(any TemplateObject)
    case list(any TemplateList)
    case strings([String])

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
        case let .object(object): object
        case let .list(list): list.mustacheValue
        case let .strings(texts): texts
        }
    }
}
