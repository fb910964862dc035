import DossierCore
import Foundation

/// The build cache in memory, for a process that rebuilds the same project many times (`serve`):
/// the same keys as `BuildCache`, no files. `prune()` drops what the last build did not use, so
/// the store stays the size of one site.
package final class MemoryBuildCache: BuildCacheStore, @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: [UInt8]] = [:]
    private var used: Set<String> = []
    package private(set) var hits = 0
    package private(set) var misses = 0
    package private(set) var siteHits = 0
    package private(set) var siteMisses = 0

    package init() {}

    package func key(_ parts: [String]) -> String {
        StableDigest.of([BuildCache.formatVersion, "memory"] + parts)
    }

    package func lookup(_ key: String, siteWide: Bool = false) -> [UInt8]? {
        lock.withLock {
            used.insert(key)
            let bytes = entries[key]
            switch (bytes == nil, siteWide) {
            case (true, false): misses += 1
            case (false, false): hits += 1
            case (true, true): siteMisses += 1
            case (false, true): siteHits += 1
            }
            return bytes
        }
    }

    package func lookupPart(_ key: String) -> [UInt8]? {
        lock.withLock {
            used.insert(key)
            return entries[key]
        }
    }

    package func keep(_ key: String) -> Bool {
        lock.withLock {
            guard entries[key] != nil else { return false }
            used.insert(key)
            return true
        }
    }

    package func store(_ key: String, bytes: UnsafeRawBufferPointer) {
        let copy = [UInt8](bytes)
        lock.withLock { entries[key] = copy }
    }

    package func store(_ key: String, parts: [[UInt8]]) {
        var copy: [UInt8] = []
        copy.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts { copy += part }
        lock.withLock { entries[key] = copy }
    }

    package func store(_ key: String, text: String) {
        let copy = Array(text.utf8)
        lock.withLock { entries[key] = copy }
    }

    /// Forgets the entries no lookup asked for since the last prune, and resets the counters.
    package func prune() {
        lock.withLock {
            entries = entries.filter { used.contains($0.key) }
            used = []
            hits = 0
            misses = 0
            siteHits = 0
            siteMisses = 0
        }
    }
}
