/// A view as a `TemplateValue` holds it: one reference, so that copying the value retains it
/// instead of copying an existential through its value witnesses.
package final class TemplateObjectBox: Sendable {
    package let object: any TemplateObject

    package init(_ object: any TemplateObject) {
        self.object = object
    }
}
