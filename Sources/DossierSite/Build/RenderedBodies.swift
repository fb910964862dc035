import Foundation

/// Each document page's cache key and, for a page this build rendered, its record
/// (`BodyRecording.record`): what `ProseEditState` keeps of the build's pages (a page taken from
/// the cache keeps the record saved with the same key).
package final class RenderedBodies: @unchecked Sendable {
    private let lock = NSLock()
    private var keys: [String?]
    private var records: [[UInt8]?]

    package init(documents: Int) {
        keys = Array(repeating: nil, count: documents)
        records = Array(repeating: nil, count: documents)
    }

    func note(_ index: Int, key: String) {
        lock.withLock { if index < keys.count { keys[index] = key } }
    }

    func note(_ index: Int, record: [UInt8]) {
        lock.withLock { if index < records.count { records[index] = record } }
    }

    /// The key of document `index`'s page, nil when it was not keyed.
    package func key(_ index: Int) -> String? {
        lock.withLock { index < keys.count ? keys[index] : nil }
    }

    /// The record of document `index`'s page, nil when the page was not rendered.
    package func record(_ index: Int) -> [UInt8]? {
        lock.withLock { index < records.count ? records[index] : nil }
    }
}
