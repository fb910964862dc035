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
    /// A whole number.
    case integer
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
        case .integer: "a whole number"
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
        case .integer: if case .int = value.content { return true }; return false
        case .boolean: if case .bool = value.content { return true }; return false
        case .mapping: return value.entries != nil
        case .list: return value.list != nil
        }
    }
}

/// What a front-matter key does beyond holding a value: the one place the loader, the graph, the
/// checks and the skeletons learn it from.
package enum FrontMatterKeyRole: Sendable, Hashable {
    /// Holds a value only.
    case value
    /// Names other documents by id; `kinds` are the kinds it may point at (nil: any document).
    case reference(kinds: Set<DocumentKind>?)
    /// Names code or data by `path`, `path#L1-L2` or `path#symbol` (SPEC 1.5); staleness watches them.
    case codeReference
    /// Names one file of the repository that a check reads (a sample, a requirements file…).
    case file
}

/// One front-matter key: its type, its role, and what `dossier new` writes for it.
package struct FrontMatterKey: Sendable {
    package var name: String
    package var type: FrontMatterKeyType
    package var role: FrontMatterKeyRole
    /// A value for the commented line of a skeleton; nil: the skeleton leaves the key out.
    package var example: String?
    /// What the key holds, in a few words (the skeleton's comment).
    package var meaning: String

    package init(
        _ name: String, _ type: FrontMatterKeyType, _ role: FrontMatterKeyRole = .value,
        example: String? = nil, _ meaning: String = ""
    ) {
        self.name = name
        self.type = type
        self.role = role
        self.example = example
        self.meaning = meaning
    }
}

/// The keys each kind knows (SPEC 1.2), in the order a skeleton lists them: the one table that
/// validation, reference resolution, the checks' file keys and `dossier new` are derived from.
package enum FrontMatterKeys {
    /// Keys every document may carry.
    package static let common: [FrontMatterKey] = [
        FrontMatterKey("kind", .string, .value, "one of the seven kinds; without it, a plain page"),
        FrontMatterKey("id", .string, .value, "how other documents name it (default: the file name without .md)"),
        FrontMatterKey("title", .string, .value, "the page title (default: the first H1, else the id)"),
        FrontMatterKey(
            "order", .integer, .value,
            "its place in the navigation among its folder's entries: lower first, then by title (a folder's"
                + " README or index orders the folder)"),
        FrontMatterKey("summary", .string, .value, "one sentence, shown in catalogs and search"),
        FrontMatterKey("owner", .stringList, .value, "who keeps it up to date"),
        FrontMatterKey("status", .oneOf(["draft", "active", "deprecated"]), .value, "its life cycle"),
        FrontMatterKey("tags", .stringList, .value, "free-form labels"),
        FrontMatterKey(
            "code", .codeReferences, .codeReference,
            "code and data it describes; it goes stale when they change"),
        FrontMatterKey("verified", .any, .value, "what it was last checked against, written by `dossier verify`"),
        FrontMatterKey("related", .reference, .reference(kinds: nil), "other documents to link to"),
        FrontMatterKey(
            "description", .string, .value,
            "the summary when `summary` is absent (as MkDocs and Hugo write it)"),
        FrontMatterKey("aliases", .stringList, .value, "accepted as Hugo writes it; not used"),
        FrontMatterKey("date", .any, .value, "a date (as Hugo writes it), shown on the page"),
        FrontMatterKey("draft", .boolean, .value, "accepted as Hugo writes it; not used"),
        FrontMatterKey("weight", .number, .value, "as Hugo writes it: the navigation order when `order` is absent"),
    ]

    /// Hugging Face dataset-card metadata (https://huggingface.co/docs/hub/datasets-cards).
    package static let huggingFaceDataset: [FrontMatterKey] = [
        FrontMatterKey(
            "task_categories", .stringList, example: "[tabular-classification]",
            "Hugging Face dataset-card keys work too"),
        FrontMatterKey("task_ids", .stringList), FrontMatterKey("size_categories", .stringList),
        FrontMatterKey("annotations_creators", .stringList), FrontMatterKey("language_creators", .stringList),
        FrontMatterKey("language", .stringList), FrontMatterKey("language_details", .any),
        FrontMatterKey("multilinguality", .stringList), FrontMatterKey("source_datasets", .stringList),
        FrontMatterKey("dataset_info", .any), FrontMatterKey("pretty_name", .string),
        FrontMatterKey("paperswithcode_id", .string), FrontMatterKey("configs", .any),
        FrontMatterKey("train-eval-index", .any), FrontMatterKey("viewer", .any),
        FrontMatterKey("license_name", .string), FrontMatterKey("license_link", .string),
        FrontMatterKey("license_details", .any), FrontMatterKey("extra_gated_prompt", .any),
        FrontMatterKey("extra_gated_fields", .any),
    ]

    /// Hugging Face model-card metadata (https://huggingface.co/docs/hub/model-cards).
    package static let huggingFaceModel: [FrontMatterKey] = [
        FrontMatterKey("license", .string, example: "mit", "Hugging Face model-card keys work as on the Hub"),
        FrontMatterKey("library_name", .string, example: "sklearn"),
        FrontMatterKey("pipeline_tag", .string, example: "tabular-classification"),
        FrontMatterKey("language", .stringList), FrontMatterKey("license_name", .string),
        FrontMatterKey("license_link", .string), FrontMatterKey("datasets", .stringList),
        FrontMatterKey("metrics", .stringList), FrontMatterKey("base_model", .stringList),
        FrontMatterKey("base_model_relation", .string), FrontMatterKey("model-index", .any),
        FrontMatterKey("model_name", .string), FrontMatterKey("thumbnail", .string), FrontMatterKey("widget", .any),
        FrontMatterKey("inference", .any), FrontMatterKey("co2_eq_emissions", .any),
        FrontMatterKey("new_version", .string), FrontMatterKey("extra_gated_prompt", .any),
        FrontMatterKey("extra_gated_fields", .any),
    ]

    /// The keys of one kind beyond the common ones, in skeleton order.
    package static func specific(to kind: DocumentKind) -> [FrontMatterKey] {
        switch kind {
        case .dataSource:
            return [
                FrontMatterKey(
                    "location", .string, example: "s3://bucket/path/ or data/raw/file.csv", "where the data lives"),
                FrontMatterKey("format", .string, example: "csv", "file format"),
                FrontMatterKey("refresh", .string, example: "daily", "how often it changes"),
                FrontMatterKey("license", .stringList, example: "CC0-1.0", "the data's license"),
                FrontMatterKey(
                    "collection", .any, example: "{method: survey, timeframe: 2024}",
                    "how and when it was collected"),
                FrontMatterKey("pii", .any, example: "false", "personal data it holds"),
                FrontMatterKey(
                    "sample", .string, .file, example: "data/raw/sample.csv", "a data file in the repository"),
                FrontMatterKey(
                    "schemas", .reference, .reference(kinds: [.schema]), example: "[schema-id]",
                    "schemas that describe it"),
            ] + huggingFaceDataset
        case .schema:
            return [
                FrontMatterKey(
                    "source", .reference, .reference(kinds: [.dataSource]), example: "data-source-id",
                    "the data source this describes"),
                FrontMatterKey(
                    "sample", .string, .file, example: "data/processed/sample.csv",
                    "CSV, TSV or JSONL checked against the table"),
                FrontMatterKey("primary_key", .stringList, example: "[id]", "columns that identify a row"),
            ]
        case .labeling:
            return [
                FrontMatterKey(
                    "schemas", .reference, .reference(kinds: [.schema]), example: "[schema-id]",
                    "the data that is labelled"),
                FrontMatterKey(
                    "target", .reference, .reference(kinds: [.schema]), example: "schema-id.column",
                    "the label column"),
                FrontMatterKey("classes", .list, example: "[yes, no]", "the label values"),
                FrontMatterKey(
                    "method", .oneOf(["manual", "heuristic", "weak-supervision", "model-assisted", "found"]),
                    example: "manual", "manual, heuristic, weak-supervision, model-assisted or found"),
                FrontMatterKey("annotators", .any, example: "3", "who labelled"),
                FrontMatterKey("annotations_per_item", .number, example: "1", "labels per item"),
                FrontMatterKey(
                    "agreement", .mapping, example: "{metric: cohen_kappa, value: 0.8, n_items: 200}",
                    "inter-annotator agreement"),
                FrontMatterKey(
                    "config", .string, .file, example: "labeling/label_studio.xml",
                    "Label Studio labeling config"),
                FrontMatterKey(
                    "guidelines", .string, .file, example: "labeling/guidelines.md",
                    "the instructions annotators read"),
            ]
        case .experiment:
            return [
                FrontMatterKey(
                    "sources", .reference, .reference(kinds: [.dataSource]), example: "[data-source-id]",
                    "data it trained on"),
                FrontMatterKey(
                    "schemas", .reference, .reference(kinds: [.schema]), example: "[schema-id]",
                    "schemas of that data"),
                FrontMatterKey(
                    "labeling", .reference, .reference(kinds: [.labeling]), example: "labeling-id",
                    "where the labels came from"),
                FrontMatterKey(
                    "environment", .reference, .reference(kinds: [.environment]), example: "environment-id",
                    "where it ran"),
                FrontMatterKey(
                    "pseudocode", .reference, .reference(kinds: [.pseudocode]), example: "pseudocode-id",
                    "what the pipeline does"),
                FrontMatterKey("metric", .any, example: "{name: f1, goal: maximize}", "how the run is selected"),
                FrontMatterKey("metrics", .stringList),
                FrontMatterKey("runs", .list),
                FrontMatterKey("selected", .string, example: "baseline", "the chosen run"),
                FrontMatterKey(
                    "params_file", .string, .file, example: "params.yaml", "hyperparameters of the selected run"),
                FrontMatterKey("metrics_file", .string, .file, example: "metrics.json", "metrics of the selected run"),
                FrontMatterKey(
                    "mlflow", .string, .file, example: "mlruns/1",
                    "MLflow runs to compare with: mlruns/ folder or mlflow.db"),
            ]
        case .environment:
            return [
                FrontMatterKey("python", .string, example: "'3.11'", "Python version"),
                FrontMatterKey(
                    "requirements", .string, .file, example: "requirements.txt", "the file that pins packages"),
                FrontMatterKey(
                    "packages", .mapping, example: "\n#   numpy: '1.26.4'",
                    "name: version, checked against requirements"),
                FrontMatterKey("seeds", .mapping, example: "{global: 42}", "random seeds"),
                FrontMatterKey("hardware", .any, example: "1x A100 40GB", "what it ran on"),
                FrontMatterKey("os", .string, example: "Ubuntu 22.04", "operating system"),
                FrontMatterKey("container", .string, example: "image:tag", "container image"),
            ]
        case .pseudocode:
            return [
                FrontMatterKey(
                    "inputs", .reference, .reference(kinds: [.schema]), example: "[schema-id.column]",
                    "columns the pipeline reads"),
                FrontMatterKey(
                    "outputs", .reference, .reference(kinds: [.schema]), example: "[schema-id.column]",
                    "columns it writes"),
                FrontMatterKey(
                    "implements", .codeReferences, .codeReference, example: "[src/pipeline.py#build]",
                    "the code it describes"),
                FrontMatterKey(
                    "steps", .list, example: "[clean, featurize, train]", "feature-engineering steps, in order"),
                FrontMatterKey(
                    "components", .list,
                    example: "\n#   - {name: featurizer, does: builds features, implements: src/features.py}",
                    "the pipeline's parts"),
            ]
        case .model:
            return [
                FrontMatterKey(
                    "experiments", .reference, .reference(kinds: [.experiment]), example: "[experiment-id]",
                    "where it was selected"),
                FrontMatterKey("selected", .string, example: "baseline", "the run that became the model"),
                FrontMatterKey(
                    "environment", .reference, .reference(kinds: [.environment]), example: "environment-id",
                    "where it was trained"),
                FrontMatterKey(
                    "pseudocode", .reference, .reference(kinds: [.pseudocode]), example: "pseudocode-id",
                    "what it does"),
                FrontMatterKey(
                    "sources", .reference, .reference(kinds: [.dataSource]), example: "[data-source-id]",
                    "training data"),
                FrontMatterKey(
                    "intended_use", .any, example: "Who should use it, for what", "model card: intended use"),
                FrontMatterKey("limitations", .any, example: "Where it fails", "model card: limitations"),
                FrontMatterKey("deployment", .any, example: "How it is served", "model card: deployment"),
                FrontMatterKey(
                    "tests", .codeReferences, .codeReference, example: "[tests/test_model.py]",
                    "the tests that check it (readiness checklist)"),
                FrontMatterKey("tags", .stringList),
            ] + huggingFaceModel
        }
    }

    /// Every key a document of `kind` may carry, by name; a kind's own key wins over a common one.
    package static func known(for kind: DocumentKind) -> [String: FrontMatterKeyType] {
        knownByKind[kind] ?? buildKnown(for: kind)
    }

    /// `known(for:)` of every kind, built once: the loader asks for each document, and building
    /// the tables anew each time was 2% of `dossier check`.
    private static let knownByKind: [DocumentKind: [String: FrontMatterKeyType]] = Dictionary(
        uniqueKeysWithValues: DocumentKind.allCases.map { ($0, buildKnown(for: $0)) })

    private static func buildKnown(for kind: DocumentKind) -> [String: FrontMatterKeyType] {
        var keys: [String: FrontMatterKeyType] = [:]
        for key in common { keys[key.name] = key.type }
        var seen = Set<String>()
        // Within a kind the first listing wins: its own keys come before the Hugging Face ones.
        for key in specific(to: kind) where seen.insert(key.name).inserted { keys[key.name] = key.type }
        return keys
    }

    private static var everyKey: [FrontMatterKey] {
        common + DocumentKind.allCases.sorted().flatMap(specific(to:))
    }

    /// Keys that name other documents by id.
    package static let referenceKeys: Set<String> = Set(
        everyKey.compactMap { key in
            if case .reference = key.role { return key.name }
            return nil
        })

    /// The kinds each reference key may point at; a key missing here may point at any document.
    package static let expectedKinds: [String: Set<DocumentKind>] = {
        var kinds: [String: Set<DocumentKind>] = [:]
        for key in everyKey {
            if case let .reference(allowed?) = key.role { kinds[key.name, default: []].formUnion(allowed) }
        }
        return kinds
    }()

    /// Keys that hold code references (SPEC 1.5).
    package static let codeReferenceKeys: [String] = uniqueNames { $0.role == .codeReference }

    /// Keys that name one repository file a check reads.
    package static let fileKeys: [String] = uniqueNames { $0.role == .file }

    private static func uniqueNames(_ include: (FrontMatterKey) -> Bool) -> [String] {
        var seen = Set<String>()
        return everyKey.filter(include).map(\.name).filter { seen.insert($0).inserted }
    }
}
