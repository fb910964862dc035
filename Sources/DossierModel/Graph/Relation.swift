import DossierCore

/// A resolved edge of the documentation graph: document `from` refers to `to` through `key`.
package struct Relation: Sendable, Hashable {
    package var from: Int
    package var to: Int
    /// The front-matter key, or `body` for links written in the text.
    package var key: String
    /// A schema field, when the reference names one (`penguins.species`).
    package var field: String?

    /// How the page of `from` names this edge ("trained on", "schema of"…).
    package static func outgoingLabel(key: String, fromKind: DocumentKind?, toKind: DocumentKind?) -> String {
        switch (fromKind, key) {
        case (.schema, "source"): return "Schema of"
        case (.dataSource, "schemas"): return "Described by"
        case (.labeling, "schemas"): return "Labels"
        case (.labeling, "target"): return "Target column"
        case (.experiment, "sources"), (.model, "sources"): return "Trained on"
        case (.experiment, "schemas"): return "Uses schema"
        case (.experiment, "labeling"): return "Labels from"
        case (_, "environment"): return "Ran in"
        case (_, "pseudocode"): return "Implements"
        case (.model, "experiments"): return "Selected in"
        case (_, "inputs"): return "Inputs"
        case (_, "outputs"): return "Outputs"
        case (_, "related"): return "Related"
        case (_, "body"), (_, "anchor"): return "Mentions"
        default: return key.replacingOccurrences(of: "_", with: " ").capitalized
        }
    }

    /// How the page of `to` names this edge in its backlinks ("used by").
    package static func incomingLabel(fromKind: DocumentKind?) -> String {
        switch fromKind {
        case .schema: "Schemas"
        case .dataSource: "Data sources"
        case .labeling: "Labeling methods"
        case .experiment: "Experiments"
        case .environment: "Environments"
        case .pseudocode: "Pseudocode"
        case .model: "Models"
        case nil: "Pages"
        }
    }
}
