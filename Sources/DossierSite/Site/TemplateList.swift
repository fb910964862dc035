/// A list a section iterates (an array of one view type), read without casts.
package protocol TemplateList: Sendable {
    var templateCount: Int { get }
    func templateItem(at index: Int) -> TemplateValue
    /// The typed array itself, as swift-mustache's section sees it.
    var mustacheValue: Any { get }
}

extension Array: TemplateList where Element: TemplateObject {
    package var templateCount: Int { count }
    package func templateItem(at index: Int) -> TemplateValue { .object(self[index]) }
    package var mustacheValue: Any { self }
}
