import DossierCore
import DossierModel

/// A pipeline's `inputs`/`outputs` or a labeling `target` naming a column its schema does not have
/// contradicts the schema: drift (SPEC 1.6), not a dangling id. The graph finds such references;
/// this check says what they mean.
package enum ColumnReferenceCheck {
    package static func findings(_ index: DocumentIndex) -> [Finding] {
        index.missingColumns.map { missing in
            let rule =
                index.documents[missing.document].kind == .labeling
                ? "drift.labeling.unknown-target" : "drift.pseudocode.unknown-column"
            return Finding(.error, rule, missing.message, at: missing.reference.location, state: .drift)
        }
    }
}
