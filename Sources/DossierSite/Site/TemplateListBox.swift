/// A list as a `TemplateValue` holds it: one reference, as `TemplateObjectBox`.
package final class TemplateListBox: Sendable {
    package let list: any TemplateList
    /// `list.templateValue(named:at:)`, made where the list's type is known: through the
    /// existential, an array's conformance runs unspecialized and copies each item it reads
    /// (every string in it retained and released, about 450 instructions a lookup).
    let valueAt: @Sendable (String, Int) -> TemplateValue?

    package init<Items: TemplateList>(_ list: Items) {
        self.list = list
        valueAt = { list.templateValue(named: $0, at: $1) }
    }
}
