import Foundation

/// Each document's title wrapped as a lineage node shows it (`LineageGraph.wrappedTitle`), made
/// the first time a page draws the document and kept for the build's other pages: a document is
/// drawn on the page of every neighbour it has, and wrapping the titles again on each was a tenth
/// of laying out a page's neighbourhood. Made lazily, so that a build that draws few pages (one
/// edited document) wraps few titles.
package final class LineageTitles: @unchecked Sendable {
    private let lock = NSLock()
    /// By document index; guarded by `lock`.
    private var lines: [[String]?]

    package init(documentCount: Int) {
        lines = Array(repeating: nil, count: documentCount)
    }

    /// Document `index`'s wrapped title; `title` is asked only the first time.
    package func lines(of index: Int, title: () -> String) -> [String] {
        guard index >= 0, index < lines.count else { return LineageGraph.wrappedTitle(title()) }
        lock.lock()
        let kept = lines[index]
        lock.unlock()
        if let kept { return kept }
        // Wrapped outside the lock: two pages that meet the same title at once both wrap it, to
        // the same lines.
        let made = LineageGraph.wrappedTitle(title())
        lock.lock()
        lines[index] = made
        lock.unlock()
        return made
    }
}
