import DossierCore

/// Options that the command line may override over `dossier.yml`.
public struct BuildOptions: Sendable {
    public var output: String?
    public var strict: Bool?
    public var baseURL: String?
    /// The build cache's folder: nil for `.dossier-cache/` in the project.
    public var cacheFolder: String?
    /// False for a cold build that neither reads nor writes the cache (`--no-cache`).
    public var useCache: Bool

    public init(output: String? = nil, strict: Bool? = nil, baseURL: String? = nil, cacheFolder: String? = nil,
                useCache: Bool = true) {
        self.output = output
        self.strict = strict
        self.baseURL = baseURL
        self.cacheFolder = cacheFolder
        self.useCache = useCache
    }
}
