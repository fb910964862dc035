import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// Maps on every core, keeping order. For independent, CPU-bound work per element.
    package func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let results = ParallelResults<T>(count: count)
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
///
/// The slots are raw memory allocated once, never a Swift array: writing `array[i]` from several
/// threads is a mutating access to the whole array (its uniqueness check and header), which
/// Thread Sanitizer rightly reports as a race even when the indices differ.
package final class ParallelResults<T>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<T?>
    private let count: Int
    /// Set once `values()` moved the results out: the slots are then uninitialized memory.
    private var taken = false

    package init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        if !taken { slots.deinitialize(count: count) }
        slots.deallocate()
    }

    package func set(_ index: Int, _ value: T) {
        (slots + index).pointee = value
    }

    /// The results in order, moved out of their slots (once): copying them retained every
    /// reference they hold (every field of every loaded document) only for the slots' release
    /// to undo it when this object went.
    package func values() -> [T] {
        precondition(!taken, "ParallelResults.values() moves the results out: call it once")
        taken = true
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            for i in 0..<count { (buffer.baseAddress! + i).initialize(to: (slots + i).move()!) }
            initialized = count
        }
    }
}
