/// What one document covers, as the staleness check needs it.
public struct DocumentCoverage: Sendable, Hashable {
    /// The document's path, relative to the project root.
    public var path: String
    /// The `verified:` front-matter value, if any: a full or abbreviated commit hash.
    public var verified: String?
    /// Where the `verified:` line is; stale and unknown findings point there.
    public var verifiedLocation: SourceLocation?
    /// Every code reference (`code:`, `implements:`, body links) and every data file the document
    /// covers (`sample:`, `requirements:`, `params_file:`… as `.whole` references).
    public var references: [CodeReference]

    public init(path: String, verified: String? = nil, verifiedLocation: SourceLocation? = nil, references: [CodeReference] = []) {
        self.path = path
        self.verified = verified
        self.verifiedLocation = verifiedLocation
        self.references = references
    }
}
