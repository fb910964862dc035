import Foundation

/// Strings read from bytes, each text made once and handed out again when the same bytes come
/// back: the saved documents a build after an edit reads (`DocumentCodec`) are about 94 strings
/// each, most of them repeated (front-matter keys, kinds, tags, reference keys, a title written
/// both as the front matter's scalar and as the document's title, a schema field's description
/// both in its table cell and in the field). Making a `String` from bytes (UTF-8 validation, and
/// for more than 15 bytes an allocation) was 40% of decoding a saved document (callgrind, 10,000
/// documents); taking one from here is a hash and a compare.
///
/// A table of fixed size, one slot per hash (a newer text takes the slot): it never grows, and
/// holds at most `slots` texts alive. A text made from the same bytes is the same text whichever
/// way it is made (invalid UTF-8 repaired alike), so what a slot gives is what `String(decoding:)`
/// would have. Not thread-safe: one reader at a time (`DocumentMemoFile` keeps one per thread of a load).
package final class StringInterner {
    /// Texts longer than this are made every time (hashing them would cost about as much).
    static let longestInterned = 128
    fileprivate static let shortSlots = 1 << 14
    fileprivate static let longSlots = 1 << 12

    /// The table, for a reader to hold while the interner is kept alive: plain pointers, so that
    /// holding and passing it costs no reference counting (retaining the interner on every text
    /// read cost about as much as the interning saved).
    package let slots: Slots

    package init() {
        slots = Slots()
    }

    deinit {
        slots.deallocate()
    }

    /// The text of the UTF-8 `bytes`, as `String(decoding: bytes, as: UTF8.self)`.
    package func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard let base = bytes.baseAddress else { return "" }
        return slots.string(base, count: bytes.count, readable: bytes.count)
    }

    /// The interner's storage; valid while its `StringInterner` is alive.
    package struct Slots {
        /// A short text (1 to 15 bytes) is its key: the bytes in two words, its length in the top
        /// byte of the second (never 0 for a text kept, so a slot never filled matches nothing).
        private let shortKeys: UnsafeMutablePointer<(UInt64, UInt64)>
        private let shortTexts: UnsafeMutablePointer<String>
        /// A longer text's hash and length (0 in a slot never filled), checked against its bytes.
        private let longKeys: UnsafeMutablePointer<(UInt64, Int)>
        private let longTexts: UnsafeMutablePointer<String>

        fileprivate init() {
            shortKeys = .allocate(capacity: StringInterner.shortSlots)
            shortKeys.initialize(repeating: (0, 0), count: StringInterner.shortSlots)
            shortTexts = .allocate(capacity: StringInterner.shortSlots)
            shortTexts.initialize(repeating: "", count: StringInterner.shortSlots)
            longKeys = .allocate(capacity: StringInterner.longSlots)
            longKeys.initialize(repeating: (0, 0), count: StringInterner.longSlots)
            longTexts = .allocate(capacity: StringInterner.longSlots)
            longTexts.initialize(repeating: "", count: StringInterner.longSlots)
        }

        fileprivate func deallocate() {
            shortKeys.deallocate()
            shortTexts.deinitialize(count: StringInterner.shortSlots)
            shortTexts.deallocate()
            longKeys.deallocate()
            longTexts.deinitialize(count: StringInterner.longSlots)
            longTexts.deallocate()
        }

        /// The text of the `count` UTF-8 bytes at `base`, as `String(decoding:as:)` makes it;
        /// `readable` (at least `count`) bytes may be read from `base`.
        package func string(_ base: UnsafePointer<UInt8>, count: Int, readable: Int) -> String {
            if count == 0 { return "" }
            if count <= 15 { return short(base, count: count, readable: readable) }
            if count <= StringInterner.longestInterned { return long(base, count: count) }
            return String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
        }

        private func short(_ base: UnsafePointer<UInt8>, count: Int, readable: Int) -> String {
            // The bytes as two little-endian words, the bytes past the text masked off: read as two
            // words when 16 bytes may be read (nearly always: the bytes after the text), else one by one.
            var low: UInt64 = 0
            var high: UInt64 = 0
            if readable >= 16 {
                let raw = UnsafeRawPointer(base)
                low = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
                high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
                if count < 8 {
                    low &= (1 &<< (8 &* UInt64(count))) &- 1
                    high = 0
                } else {
                    high &= (1 &<< (8 &* UInt64(count &- 8))) &- 1
                }
            } else {
                for i in 0..<min(count, 8) { low |= UInt64(base[i]) &<< (8 &* UInt64(i)) }
                if count > 8 {
                    for i in 8..<count { high |= UInt64(base[i]) &<< (8 &* UInt64(i &- 8)) }
                }
            }
            high |= UInt64(count) &<< 56
            let mixed = (low ^ (high &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
            let slot = Int(truncatingIfNeeded: mixed &>> 50)
            if shortKeys[slot] == (low, high) { return shortTexts[slot] }
            let text = String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
            shortKeys[slot] = (low, high)
            shortTexts[slot] = text
            return text
        }

        private func long(_ base: UnsafePointer<UInt8>, count: Int) -> String {
            // FNV-1a over 8-byte words (the last word overlapping the one before it).
            let raw = UnsafeRawPointer(base)
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            var at = 0
            while at < count {
                let word = raw.loadUnaligned(fromByteOffset: min(at, count &- 8), as: UInt64.self)
                hash = (hash ^ word) &* 0x0000_0100_0000_01B3
                at &+= 8
            }
            hash ^= hash &>> 29
            let slot = Int(truncatingIfNeeded: (hash &* 0xBF58_476D_1CE4_E5B9) &>> 52)
            if longKeys[slot] == (hash, count) {
                var kept = longTexts[slot]
                // A repaired text (invalid UTF-8 in the bytes) never has the bytes it was made of.
                let same = kept.withUTF8 { utf8 in
                    utf8.count == count && memcmp(utf8.baseAddress!, base, count) == 0
                }
                if same { return kept }
            }
            let text = String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
            longKeys[slot] = (hash, count)
            longTexts[slot] = text
            return text
        }
    }
}
