import DossierCore

/// Options that the command line may override over `dossier.yml`.
public struct BuildOptions: Sendable {
    public var output: String?
    public var strict: Bool?
    public var baseURL: String?
    /// The configuration file (`--config`), relative to the project root; nil looks for
    /// `dossier.yml`, then `dossier.yaml`.
    public var config: String?
    /// Graphviz's `dot` to draw ```` ```dot ```` blocks with; nil looks it up on `PATH`.
    public var dot: String?
    /// The build cache's folder: nil for `.dossier-cache/` in the project.
    public var cacheFolder: String?
    /// False for a cold build that neither reads nor writes the cache (`--no-cache`).
    public var useCache: Bool
    /// With the cache, a build that finds nothing changed since the last one writes nothing and
    /// reports the last build's findings (`BuildReceipt`). Off only for tests of the page cache
    /// itself, which need the pages looked up.
    package var reusesUnchangedSite = true

    public init(
        output: String? = nil, strict: Bool? = nil, baseURL: String? = nil, config: String? = nil,
        dot: String? = nil, cacheFolder: String? = nil, useCache: Bool = true
    ) {
        self.output = output
        self.strict = strict
        self.baseURL = baseURL
        self.config = config
        self.dot = dot
        self.cacheFolder = cacheFolder
        self.useCache = useCache
    }
}
