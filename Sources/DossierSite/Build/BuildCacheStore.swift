/// Where the build cache keeps its entries: on disk (`BuildCache`, `.dossier-cache/`) for
/// `build`, or in memory (`MemoryBuildCache`) for a long-running process such as `serve`, which
/// can keep one store across rebuilds. `SiteBuilder` only needs these operations.
package protocol BuildCacheStore: AnyObject, Sendable {
    /// The key of an entry whose inputs are `parts` (salted with whatever the store must add).
    func key(_ parts: [String]) -> String
    /// The stored bytes under `key`, nil on a miss; `siteWide` only picks the counter.
    func lookup(_ key: String, siteWide: Bool) -> [UInt8]?
    /// The stored bytes under `key`, nil on a miss, counted as no page: a piece of one (a chunk
    /// of the search index, which counts once as a whole).
    func lookupPart(_ key: String) -> [UInt8]?
    /// Whether an entry is stored under `key`, without reading it: marks it used (kept by the
    /// prune), counted nowhere. For a page the old site holds unchanged (`OutputRecord`), which is
    /// linked instead of read, and for the chunks of a search index taken whole.
    func keep(_ key: String) -> Bool
    /// Stores `bytes` under `key`; a failure only means a miss next time.
    func store(_ key: String, bytes: UnsafeRawBufferPointer)
    /// Stores `text` under `key`.
    func store(_ key: String, text: String)
    /// Stores the concatenation of `parts` under `key` without making it, so a large entry made
    /// of many pieces (the search index's bundle) is never held twice.
    func store(_ key: String, parts: [[UInt8]])
    /// Stores `bytes`, which the file at `path` holds (a page just written into the site), under
    /// `key`: a store on disk may keep that file instead of a copy (`BuildCache`).
    func store(_ key: String, bytes: UnsafeRawBufferPointer, linking path: String)
}

extension BuildCacheStore {
    package func store(_ key: String, bytes: UnsafeRawBufferPointer, linking path: String) {
        store(key, bytes: bytes)
    }
}
