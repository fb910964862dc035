import DossierChecks
import DossierCore

/// A model's readiness checklist added to a cache key field by field. `String(describing:)`
/// went through reflection for every checklist on every build (about a million instructions
/// each), a large share of the site-wide key at 10,000 documents.
package enum ReadinessDigest {
    /// The stored properties added below; a test fails when the checklist gains one not listed.
    package static let readinessFields: Set<String> = ["model", "items"]
    package static let itemFields: Set<String> = ["id", "label", "passed", "detail", "documents", "paths"]

    package static func add(_ readiness: Readiness, to digest: inout StableDigest) {
        digest.add(integer: readiness.model)
        digest.add(integer: readiness.items.count)
        for item in readiness.items {
            digest.add(item.id)
            digest.add(item.label)
            digest.add(integer: item.passed ? 1 : 0)
            digest.add(item.detail)
            digest.add(integer: item.documents.count)
            for document in item.documents { digest.add(integer: document) }
            digest.add(integer: item.paths.count)
            for path in item.paths { digest.add(path) }
        }
    }
}
