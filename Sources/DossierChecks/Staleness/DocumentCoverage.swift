import DossierCore
import DossierModel

/// What one document covers, as the staleness check needs it.
package struct DocumentCoverage: Sendable, Hashable {
    /// The document's path, relative to the project root.
    package var path: String
    /// A `verified:` commit hash written by an older `dossier verify`, if any.
    package var verified: String?
    /// The content fingerprints `dossier verify` recorded, by reference text (`ContentFingerprint`).
    package var verifiedFingerprints: [String: String]?
    /// Where the `verified:` line is; stale and unknown findings point there.
    package var verifiedLocation: SourceLocation?
    /// Every code reference (`code:`, `implements:`, body links) and every data file the document
    /// covers (`sample:`, `requirements:`, `params_file:`… as `.whole` references).
    package var references: [CodeReference]

    package init(
        path: String, verified: String? = nil, verifiedFingerprints: [String: String]? = nil,
        verifiedLocation: SourceLocation? = nil, references: [CodeReference] = []
    ) {
        self.path = path
        self.verified = verified
        self.verifiedFingerprints = verifiedFingerprints
        self.verifiedLocation = verifiedLocation
        self.references = references
    }
}
