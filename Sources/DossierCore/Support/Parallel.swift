import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// Maps on every core, keeping order. For independent, CPU-bound work per element.
    package func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let results = UnsafeResults<T>(count: count)
        let source = self
        // Chunks of several elements keep scheduling overhead small for cheap transforms.
        let chunk = Swift.max(1, count / (ProcessInfo.processInfo.activeProcessorCount * 64))
        let chunks = (count + chunk - 1) / chunk
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let end = Swift.min(source.count, (c + 1) * chunk)
            for i in (c * chunk)..<end { results.set(i, transform(source[i])) }
        }
        return results.values()
    }
}

/// Slots written by exactly one iteration each, read after all iterations finish; that
/// discipline is what makes the unchecked Sendable safe.
private final class UnsafeResults<T>: @unchecked Sendable {
    private var storage: [T?]
    package init(count: Int) { storage = Array(repeating: nil, count: count) }
    package func set(_ index: Int, _ value: T) {
        storage.withUnsafeMutableBufferPointer { $0[index] = value }
    }
    package func values() -> [T] { storage.map { $0! } }
}
