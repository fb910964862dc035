/// Where `SiteBuilder` finds document pages rendered by an earlier build: the on-disk
/// `BuildCache`, or `MemoryPageCache` in `dossier serve`. Keys come from `PageCacheKeys`, so a
/// page is reused only when everything it shows is unchanged.
package protocol RenderedPageCache: AnyObject, Sendable {
    /// The key of an entry whose inputs are `parts`.
    func key(_ parts: [String]) -> String
    /// The page stored under `key`, nil on a miss.
    func page(_ key: String) -> SiteFile.Contents?
    /// Stores a page rendered for `key`.
    func store(_ key: String, text: String)
}

extension BuildCache: RenderedPageCache {
    package func page(_ key: String) -> SiteFile.Contents? {
        lookup(key).map { .bytes($0) }
    }
}

extension SiteFile {
    /// A file whose contents a page cache kept.
    package init(path: String, contents: Contents) {
        self.init(path: path, bytes: [])
        self.contents = contents
    }
}
