import Foundation

/// Substring search over UTF-8 bytes (`memmem`). Foundation's `String.contains(_:)` goes through
/// NSString on Linux and showed in profiles of every document load and page render.
package enum ByteSearch {
    /// Whether `needle` occurs in `text`, byte for byte.
    package static func contains(_ text: String, _ needle: String) -> Bool {
        var text = text
        var needle = needle
        return text.withUTF8 { haystack in needle.withUTF8 { contains(haystack, $0) } }
    }

    package static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        firstOffset(of: needle, in: haystack) != nil
    }

    /// The UTF-8 offset of the first occurrence of `needle` in `text` at or after `start`, byte for byte.
    package static func firstOffset(of needle: String, in text: String, from start: Int = 0) -> Int? {
        var text = text
        var needle = needle
        return text.withUTF8 { haystack in needle.withUTF8 { firstOffset(of: $0, in: haystack, from: start) } }
    }

    /// The offset of the first occurrence of `needle` in `haystack` at or after `start`.
    package static func firstOffset(
        of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from start: Int = 0
    ) -> Int? {
        guard start >= 0, start <= haystack.count else { return nil }
        guard !needle.isEmpty else { return start }
        guard haystack.count - start >= needle.count, let base = haystack.baseAddress, let pattern = needle.baseAddress
        else { return nil }
        // memchr for the first byte, then the last byte, then memcmp (glibc's memmem is not
        // visible to Swift; looked up at run time, it was slower still on pages). The last byte is
        // compared before memcmp is called: the first byte of the needles searched in pages (`<`,
        // `c`) is everywhere in HTML, and a memcmp call per hit was most of a search.
        let first = Int32(pattern.pointee)
        let lastIndex = needle.count - 1
        let lastByte = pattern[lastIndex]
        var offset = start
        let last = haystack.count - needle.count
        while offset <= last {
            guard let hit = memchr(base + offset, first, last - offset + 1) else { return nil }
            let at = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
            if base[at + lastIndex] == lastByte, memcmp(base + at, pattern, needle.count) == 0 { return at }
            offset = at + 1
        }
        return nil
    }
}
