/// A list of views a section iterates (an array of one view type), read without casts.
package protocol TemplateList: Sendable {
    var templateCount: Int { get }
    func templateItem(at index: Int) -> any TemplateObject
    /// The typed array itself, as swift-mustache's section sees it.
    var mustacheValue: Any { get }
}

extension Array: TemplateList where Element: TemplateObject {
    package var templateCount: Int { count }
    package func templateItem(at index: Int) -> any TemplateObject { self[index] }
    package var mustacheValue: Any { self }
}
