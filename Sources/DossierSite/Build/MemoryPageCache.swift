import DossierCore
import Foundation

/// Rendered document pages kept in memory between builds of one process (`dossier serve`), under
/// the keys of the on-disk `BuildCache`: a rebuild renders only the pages whose inputs changed and
/// hands back the very strings it kept, with no copy. Pages the last build did not use are dropped
/// by `prune()`, so it holds one site.
package final class MemoryPageCache: RenderedPageCache, @unchecked Sendable {
    private let lock = NSLock()
    private var pages: [String: String] = [:]
    private var used: Set<String> = []
    private var hitCount = 0
    private var missCount = 0

    package init() {}

    /// Pages taken from memory since the last `prune()`.
    package var hits: Int { lock.withLock { hitCount } }
    /// Pages rendered since the last `prune()`.
    package var misses: Int { lock.withLock { missCount } }

    package func key(_ parts: [String]) -> String {
        StableDigest.of(parts)
    }

    package func page(_ key: String) -> SiteFile.Contents? {
        lock.withLock {
            used.insert(key)
            guard let text = pages[key] else {
                missCount += 1
                return nil
            }
            hitCount += 1
            return .text(text)
        }
    }

    package func store(_ key: String, text: String) {
        lock.withLock { pages[key] = text }
    }

    /// Drops every page the last build did not ask for, and resets the counters.
    package func prune() {
        lock.withLock {
            pages = pages.filter { used.contains($0.key) }
            used = []
            hitCount = 0
            missCount = 0
        }
    }
}
