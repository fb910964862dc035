import Foundation

/// A column's distinct values by their bytes: an open-addressing table of indices into the
/// profiler's list, with the values' bytes kept back to back, so looking a cell up makes no string.
///
/// For ASCII values only, where equal bytes and equal strings are the same thing. Hashed with
/// Swift's seeded `Hasher`, as `Dictionary` is, so crafted values cannot force collisions.
struct DistinctBytes {
    private struct Entry {
        var hash: Int
        /// Where the value's bytes are in `storage`.
        var start: Int
        var count: Int
    }

    /// Per slot, the value's index plus one; 0 is an empty slot. The count is a power of two.
    private var slots: [Int32] = []
    private var entries: [Entry] = []
    private var storage: [UInt8] = []

    /// Most columns keep a few dozen values: room for that from the first one, instead of
    /// regrowing every array from one element (which showed in profiles of samples).
    private static let initialEntries = 32

    /// The index given to an equal value, if one was inserted. `hash` is `hash(value)`, taken
    /// once for the look-up and the insertion that usually follows.
    func index(of value: UnsafeBufferPointer<UInt8>, hash: Int) -> Int? {
        guard !entries.isEmpty else { return nil }
        let mask = slots.count - 1
        var slot = hash & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return nil }
            if entries[entry - 1].hash == hash, equals(entries[entry - 1], value) { return entry - 1 }
            slot = (slot + 1) & mask
        }
    }

    /// Adds a value not in the table yet; indices are given in order, 0 first.
    mutating func insert(_ value: UnsafeBufferPointer<UInt8>, index: Int, hash: Int) {
        precondition(index == entries.count, "distinct values are numbered in order")
        if entries.isEmpty {
            entries.reserveCapacity(Self.initialEntries)
            storage.reserveCapacity(Self.initialEntries * 16)
        }
        // At most half full.
        if (entries.count + 1) * 2 > slots.count { grow() }
        entries.append(Entry(hash: hash, start: storage.count, count: value.count))
        storage.append(contentsOf: value)
        place(index, hash: hash)
    }

    private mutating func place(_ index: Int, hash: Int) {
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(index + 1)
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: max(2 * Self.initialEntries, slots.count * 2))
        for (index, entry) in entries.enumerated() { place(index, hash: entry.hash) }
    }

    private func equals(_ entry: Entry, _ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard entry.count == value.count else { return false }
        return storage.withUnsafeBufferPointer { kept in
            value.isEmpty || memcmp(kept.baseAddress! + entry.start, value.baseAddress!, value.count) == 0
        }
    }

    static func hash(_ value: UnsafeBufferPointer<UInt8>) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(value))
        return hasher.finalize()
    }
}
