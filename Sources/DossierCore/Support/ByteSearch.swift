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
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count, let base = haystack.baseAddress, let pattern = needle.baseAddress
        else { return false }
        // memchr for the first byte, then memcmp (glibc's memmem is not visible to Swift).
        let first = Int32(pattern.pointee)
        var offset = 0
        let last = haystack.count - needle.count
        while offset <= last {
            guard let hit = memchr(base + offset, first, last - offset + 1) else { return false }
            let at = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
            if memcmp(base + at, pattern, needle.count) == 0 { return true }
            offset = at + 1
        }
        return false
    }
}
