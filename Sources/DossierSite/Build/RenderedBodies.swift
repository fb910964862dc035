import Foundation

/// Each document page's cache key and, for a page this build rendered, its `BodyRecording`:
/// what `ProseEditState` keeps of the build's pages (a page taken from the cache keeps the
/// recording saved with the same key).
package final class RenderedBodies: @unchecked Sendable {
    private let lock = NSLock()
    private var keys: [String?]
    private var recordings: [BodyRecording?]

    package init(documents: Int) {
        keys = Array(repeating: nil, count: documents)
        recordings = Array(repeating: nil, count: documents)
    }

    func note(_ index: Int, key: String) {
        lock.withLock { if index < keys.count { keys[index] = key } }
    }

    func note(_ index: Int, recording: BodyRecording) {
        lock.withLock { if index < recordings.count { recordings[index] = recording } }
    }

    /// The key of document `index`'s page, nil when it was not keyed.
    package func key(_ index: Int) -> String? {
        lock.withLock { index < keys.count ? keys[index] : nil }
    }

    /// The recording of document `index`'s page, nil when the page was not rendered.
    package func recording(_ index: Int) -> BodyRecording? {
        lock.withLock { index < recordings.count ? recordings[index] : nil }
    }
}
