import DossierCore

/// The seven kinds of ML documentation Dossier understands (SPEC 1.2).
package enum DocumentKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case dataSource = "data-source"
    case schema
    case labeling
    case experiment
    case environment
    case pseudocode
    case model

    /// Order in the lineage: data flows from sources to models.
    package var order: Int {
        switch self {
        case .dataSource: 0
        case .schema: 1
        case .labeling: 2
        case .pseudocode: 3
        case .environment: 4
        case .experiment: 5
        case .model: 6
        }
    }

    package static func < (lhs: DocumentKind, rhs: DocumentKind) -> Bool { lhs.order < rhs.order }

    /// Splits a `kind:id` reference (`schema:penguins`) into its kind and id; text without a
    /// known kind before a colon is all id.
    package static func splitPrefix(_ text: String) -> (kind: DocumentKind?, id: String) {
        // Every reference of every document is split here: a byte search when the text is ASCII.
        if let colon = ProjectPath.firstIndex(of: ":", in: text),
            let kind = DocumentKind(rawValue: String(text[..<colon]))
        {
            return (kind, String(text[text.index(after: colon)...]))
        }
        return (nil, text)
    }

    package var displayName: String {
        switch self {
        case .dataSource: "Data source"
        case .schema: "Schema"
        case .labeling: "Labeling"
        case .experiment: "Experiment"
        case .environment: "Environment"
        case .pseudocode: "Pseudocode"
        case .model: "Model"
        }
    }

    package var pluralName: String {
        switch self {
        case .dataSource: "Data sources"
        case .schema: "Schemas"
        case .labeling: "Labeling methods"
        case .experiment: "Experiments"
        case .environment: "Environments"
        case .pseudocode: "Pseudocode"
        case .model: "Models"
        }
    }
}
