/// A list as a `TemplateValue` holds it: one reference, as `TemplateObjectBox`.
package final class TemplateListBox: Sendable {
    package let list: any TemplateList
    /// `list.templateValue(_:at:)` for a known name (`TemplateName`), else
    /// `list.templateValue(named:at:)`, made where the list's type is known: through the
    /// existential, an array's conformance runs unspecialized and copies each item it reads
    /// (every string in it retained and released, about 450 instructions a lookup).
    let valueAt: @Sendable (TemplateName?, String, Int) -> TemplateValue?

    package init<Items: TemplateList>(_ list: Items) {
        self.list = list
        valueAt = { known, name, index in
            if let known { return list.templateValue(known, at: index) }
            return list.templateValue(named: name, at: index)
        }
    }
}
