import DossierCore
import DossierFormats

/// What a front-matter key holds, for type checks with messages a person can act on.
package enum FrontMatterKeyType: Sendable, Hashable {
    /// A scalar (numbers are accepted and read as text).
    case string
    /// One of the given words.
    case oneOf([String])
    /// A scalar or a list of scalars.
    case stringList
    /// An id or list of ids of other documents (`kind:id` accepted).
    case reference
    /// Code references: a string or a list of strings.
    case codeReferences
    case number
    case boolean
    case mapping
    case list
    /// Anything YAML can hold (Hugging Face metadata whose shape varies).
    case any

    package var expectation: String {
        switch self {
        case .string: "a string"
        case let .oneOf(words): "one of " + words.joined(separator: ", ")
        case .stringList: "a string or a list of strings"
        case .reference: "an id or a list of ids"
        case .codeReferences: "a path or a list of paths"
        case .number: "a number"
        case .boolean: "true or false"
        case .mapping: "a mapping (key: value lines)"
        case .list: "a list"
        case .any: "a value"
        }
    }

    package func accepts(_ value: YAMLValue) -> Bool {
        switch self {
        case .any: return true
        case .string: return value.scalarText != nil
        case let .oneOf(words): return value.scalarText.map { words.contains($0.lowercased()) } ?? false
        case .stringList, .reference, .codeReferences: return value.stringList != nil
        case .number: return value.number != nil
        case .boolean: if case .bool = value.content { return true }; return false
        case .mapping: return value.entries != nil
        case .list: return value.list != nil
        }
    }
}

/// The keys each kind knows, with their types (SPEC 1.2).
package enum FrontMatterKeys {
    package static let referenceKeys: Set<String> = [
        "source", "sources", "schemas", "labeling", "experiments", "environment", "pseudocode",
        "related", "target", "inputs", "outputs",
    ]

    package static let common: [String: FrontMatterKeyType] = [
        "kind": .string, "id": .string, "title": .string, "summary": .string, "owner": .stringList,
        "status": .oneOf(["draft", "active", "deprecated"]), "tags": .stringList, "code": .codeReferences,
        "verified": .any, "related": .reference, "description": .string, "aliases": .stringList,
        "date": .any, "draft": .boolean, "weight": .number,
    ]

    /// Hugging Face dataset-card metadata (https://huggingface.co/docs/hub/datasets-cards).
    package static let huggingFaceDataset: [String: FrontMatterKeyType] = [
        "task_categories": .stringList, "task_ids": .stringList, "size_categories": .stringList,
        "annotations_creators": .stringList, "language_creators": .stringList, "language": .stringList,
        "language_details": .any, "multilinguality": .stringList, "source_datasets": .stringList,
        "dataset_info": .any, "pretty_name": .string, "paperswithcode_id": .string, "configs": .any,
        "train-eval-index": .any, "viewer": .any, "license_name": .string, "license_link": .string,
        "license_details": .any, "extra_gated_prompt": .any, "extra_gated_fields": .any,
    ]

    /// Hugging Face model-card metadata (https://huggingface.co/docs/hub/model-cards).
    package static let huggingFaceModel: [String: FrontMatterKeyType] = [
        "language": .stringList, "license": .string, "license_name": .string, "license_link": .string,
        "library_name": .string, "pipeline_tag": .string, "datasets": .stringList, "metrics": .stringList,
        "base_model": .stringList, "base_model_relation": .string, "model-index": .any, "model_name": .string,
        "thumbnail": .string, "widget": .any, "inference": .any, "co2_eq_emissions": .any, "new_version": .string,
        "extra_gated_prompt": .any, "extra_gated_fields": .any,
    ]

    package static func known(for kind: DocumentKind) -> [String: FrontMatterKeyType] {
        var keys = common
        let specific: [String: FrontMatterKeyType]
        switch kind {
        case .dataSource:
            specific = [
                "location": .string, "format": .string, "refresh": .string, "license": .stringList,
                "collection": .any, "pii": .any, "sample": .string, "schemas": .reference,
            ].merging(huggingFaceDataset) { a, _ in a }
        case .schema:
            specific = ["source": .reference, "sample": .string, "primary_key": .stringList]
        case .labeling:
            specific = [
                "schemas": .reference, "target": .reference, "classes": .list,
                "method": .oneOf(["manual", "heuristic", "weak-supervision", "model-assisted", "found"]),
                "annotators": .any, "annotations_per_item": .number, "agreement": .mapping,
                "guidelines": .string, "config": .string,
            ]
        case .experiment:
            specific = [
                "sources": .reference, "schemas": .reference, "labeling": .reference, "environment": .reference,
                "pseudocode": .reference, "metric": .any, "metrics": .stringList, "runs": .list, "selected": .string,
                "params_file": .string, "metrics_file": .string, "mlflow": .string,
            ]
        case .environment:
            specific = [
                "python": .string, "packages": .mapping, "requirements": .string, "seeds": .mapping,
                "hardware": .any, "os": .string, "container": .string,
            ]
        case .pseudocode:
            specific = [
                "inputs": .reference, "outputs": .reference, "implements": .codeReferences,
                "steps": .list, "components": .list,
            ]
        case .model:
            specific = [
                "experiments": .reference, "selected": .string, "environment": .reference,
                "pseudocode": .reference, "sources": .reference, "intended_use": .any, "limitations": .any,
                "deployment": .any, "tags": .stringList,
            ].merging(huggingFaceModel) { a, _ in a }
        }
        keys.merge(specific) { _, b in b }
        return keys
    }
}
