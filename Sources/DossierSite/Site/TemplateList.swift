/// A list a section iterates (an array of one view type), read without casts.
package protocol TemplateList: Sendable {
    var templateCount: Int { get }
    func templateItem(at index: Int) -> TemplateValue
    /// `templateItem(at: index)`'s value named `name`: what a tag inside the section looks up in
    /// the item, without making the item a `TemplateValue` first.
    func templateValue(named name: String, at index: Int) -> TemplateValue?
    /// The same for a name the built-in views know (`TemplateObject.value(_:)`).
    func templateValue(_ name: TemplateName, at index: Int) -> TemplateValue?
    /// The typed array itself, as swift-mustache's section sees it.
    var mustacheValue: Any { get }
}

extension TemplateList {
    package func templateValue(named name: String, at index: Int) -> TemplateValue? {
        if case let .view(box) = templateItem(at: index) { return box.object.value(named: name) }
        return nil
    }

    package func templateValue(_ name: TemplateName, at index: Int) -> TemplateValue? {
        if case let .view(box) = templateItem(at: index) { return box.object.value(name) }
        return nil
    }
}

extension Array: TemplateList where Element: TemplateObject {
    package var templateCount: Int { count }
    package func templateItem(at index: Int) -> TemplateValue { .object(self[index]) }
    package func templateValue(named name: String, at index: Int) -> TemplateValue? {
        self[index].value(named: name)
    }
    package func templateValue(_ name: TemplateName, at index: Int) -> TemplateValue? {
        self[index].value(name)
    }
    package var mustacheValue: Any { self }
}
