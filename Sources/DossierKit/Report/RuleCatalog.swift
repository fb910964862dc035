/// One line on what each rule checks, for SARIF's rule list and the docs.
public enum RuleCatalog {
    public static let descriptions: [String: String] = [
        "config.yaml": "dossier.yml is valid YAML",
        "config.type": "dossier.yml values have the expected types",
        "config.unknown-key": "dossier.yml keys are known",
        "config.encoding": "dossier.yml is UTF-8",
        "front-matter.yaml": "front matter is valid YAML",
        "front-matter.aliases": "front matter uses few YAML aliases",
        "front-matter.too-large": "front matter stays small",
        "front-matter.not-mapping": "front matter is a mapping",
        "front-matter.kind": "kind is one of the seven kinds",
        "front-matter.type": "front-matter values have the expected types",
        "front-matter.unknown-key": "front-matter keys are known for the kind",
        "document.invalid-id": "ids use lowercase letters, digits, - _ and .",
        "document.duplicate-id": "ids are unique across the project",
        "document.binary": "documents are text",
        "document.encoding": "documents are UTF-8",
        "document.too-large": "documents are of a reasonable size",
        "document.unreadable": "documents can be read",
        "reference.unresolved": "references name existing documents",
        "reference.unknown-field": "field references name existing schema fields",
        "reference.wrong-kind": "references name documents of the expected kind",
        "reference.missing-page": "links to .md files name documents of the project",
        "reference.missing-anchor": "#anchors name headings of their page",
        "reference.unknown-run": "selected names a documented run",
        "schema.no-table": "schemas have a schema table",
        "schema.empty-key": "schema table rows have a key",
        "schema.duplicate-key": "schema table keys are unique",
        "schema.unknown-type": "schema types are known",
        "schema.unknown-level": "levels of measurement are known",
        "site.path-conflict": "documents map to distinct pages",
        "code.outside-project": "code references stay inside the project",
        "code.missing-path": "referenced files exist",
        "code.line-range": "referenced line ranges exist",
        "code.missing-symbol": "referenced symbols are defined",
        "staleness.stale": "documents are newer than the code and data they describe",
        "staleness.no-history": "git history is available to judge staleness",
        "staleness.shallow": "the clone has full history",
        "staleness.unknown-baseline": "verified: names a commit in the history",
        "drift.pseudocode.unknown-column": "pseudocode inputs and outputs are columns of their schemas",
        "drift.labeling.unknown-target": "the labeling target is a column of its schema",
    ]

    public static func description(of rule: String) -> String {
        descriptions[rule] ?? rule.replacingOccurrences(of: ".", with: ": ").replacingOccurrences(of: "-", with: " ")
    }
}
