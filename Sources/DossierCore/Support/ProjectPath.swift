import Foundation

/// Project-relative paths: normalization that never lets a path leave the project.
package enum ProjectPath {
    /// Joins `path` onto `base` (both project-relative, `/`-separated) and normalizes `.` and `..`.
    /// Returns nil when the result would leave the project.
    package static func resolve(_ path: String, relativeTo base: String = "") -> String? {
        // Every link, code reference and data file goes through here; splitting by Character
        // cost ~7,000 instructions a path. In ASCII a Character is a byte (or CR LF), so bytes
        // give the same parts; elsewhere a "/" may start a larger Character, which `split` keeps.
        if isASCII(path), isASCII(base) { return resolveASCII(path, relativeTo: base) }
        return resolveCharacters(path, relativeTo: base)
    }

    /// `resolve` Character by Character: for paths with non-ASCII text, and the reference the
    /// byte-level `resolveASCII` is tested against.
    package static func resolveCharacters(_ path: String, relativeTo base: String = "") -> String? {
        var parts: [Substring] = path.hasPrefix("/") ? [] : base.split(separator: "/")
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if parts.isEmpty { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    /// `resolve` over the bytes of ASCII paths: the parts are kept in one buffer, `..` cuts it back.
    package static func resolveASCII(_ path: String, relativeTo base: String = "") -> String? {
        var path = path
        var base = base
        return path.withUTF8 { path in base.withUTF8 { base in resolveASCII(path, relativeTo: base) } }
    }

    private static func resolveASCII(
        _ path: UnsafeBufferPointer<UInt8>, relativeTo base: UnsafeBufferPointer<UInt8>
    )
        -> String?
    {
        let slash: UInt8 = 0x2F
        let dot: UInt8 = 0x2E
        var out: [UInt8] = []
        out.reserveCapacity(path.count + base.count + 1)
        var starts: [Int] = []  // where each part begins in `out`
        func append(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
            if !out.isEmpty { out.append(slash) }
            starts.append(out.count)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
        }
        if path.first != slash {
            var start = 0
            for index in 0...base.count where index == base.count || base[index] == slash {
                if index > start { append(base, start..<index) }
                start = index + 1
            }
        }
        var start = 0
        for index in 0...path.count where index == path.count || path[index] == slash {
            defer { start = index + 1 }
            let length = index - start
            if length == 0 || (length == 1 && path[start] == dot) { continue }
            if length == 2, path[start] == dot, path[start + 1] == dot {
                guard let partStart = starts.popLast() else { return nil }
                out.removeSubrange(max(partStart - 1, 0)...)
            } else {
                append(path, start..<index)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// True when every byte is ASCII; a cheap guard for byte-level fast paths.
    package static func isASCII(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { $0.allSatisfy { $0 < 0x80 } }
            ?? text.utf8.allSatisfy { $0 < 0x80 }
    }

    /// `path.split(separator: "/")`, over bytes when the path is ASCII (where they are the same parts).
    package static func components(_ path: String) -> [Substring] {
        guard isASCII(path) else { return path.split(separator: "/") }
        // UTF-8 indices of an ASCII string are Character indices: slice the path with them. A
        // plain loop: the generic `utf8.split` cost ~5,000 instructions a path.
        let bytes = path.utf8
        var parts: [Substring] = []
        var start = bytes.startIndex
        var index = start
        while index != bytes.endIndex {
            if bytes[index] == 0x2F {
                if index != start { parts.append(path[start..<index]) }
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        if start != bytes.endIndex { parts.append(path[start..<bytes.endIndex]) }
        return parts
    }

    /// `path.split(separator: "/").last`: the file name, found backwards over bytes when ASCII.
    package static func lastComponent(_ path: String) -> Substring? {
        guard isASCII(path) else { return path.split(separator: "/").last }
        let bytes = path.utf8
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[bytes.index(before: end)] == 0x2F { end = bytes.index(before: end) }
        guard end > bytes.startIndex else { return nil }
        var start = end
        while start > bytes.startIndex, bytes[bytes.index(before: start)] != 0x2F { start = bytes.index(before: start) }
        return path[start..<end]
    }

    /// `text.firstIndex(of: character)` for an ASCII `character`, over bytes when the text is ASCII
    /// (the Character search does grapheme breaking: thousands of instructions for one URL).
    package static func firstIndex(of character: Unicode.Scalar, in text: String) -> String.Index? {
        guard character.isASCII, isASCII(text) else { return text.firstIndex(of: Character(character)) }
        return text.utf8.firstIndex(of: UInt8(character.value))
    }

    /// `path#fragment` split at the first `#`; the fragment keeps its `#` ("" when there is none).
    package static func splitFragment(_ text: String) -> (path: String, fragment: String) {
        guard let hash = firstIndex(of: "#", in: text) else { return (text, "") }
        return (String(text[..<hash]), String(text[hash...]))
    }

    /// The folder of a project-relative file path ("" at the root).
    package static func directory(of path: String) -> String {
        let found = isASCII(path) ? path.utf8.lastIndex(of: 0x2F) : path.lastIndex(of: "/")
        guard let slash = found else { return "" }
        return String(path[..<slash])
    }

    /// True for `https:`, `mailto:` and any other URL with a scheme.
    package static func hasScheme(_ url: String) -> Bool {
        var sawLetter = false
        for scalar in url.unicodeScalars {
            if scalar == ":" { return sawLetter }
            let isLetter = (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
            let isOther = (scalar >= "0" && scalar <= "9") || scalar == "+" || scalar == "." || scalar == "-"
            if isLetter { sawLetter = true } else if !(isOther && sawLetter) { return false }
        }
        return false
    }

    /// `../` repeated once per folder of `path`: how a page reaches the site root.
    package static func rootPrefix(for path: String) -> String {
        String(repeating: "../", count: segmentCount(path) - 1)
    }

    /// `path.split(separator: "/").count`, counted over bytes when the path is ASCII: every
    /// link of every page asks for it.
    package static func segmentCount(_ path: String) -> Int {
        // Read from the contiguous bytes: through the UTF8View iterator it was 1,100 instructions
        // for a 35-byte path.
        var bytes = path
        let count = bytes.withUTF8 { bytes -> Int? in
            var count = 0
            var inSegment = false
            for byte in bytes {
                // Outside ASCII a "/" may be part of a larger Character, which `split` does not split at.
                if byte >= 0x80 { return nil }
                if byte == 0x2F {
                    inSegment = false
                } else if !inSegment {
                    inSegment = true
                    count += 1
                }
            }
            return count
        }
        return count ?? path.split(separator: "/").count
    }

    /// The relative URL from the page at `from` to the site file at `to` (both site-relative).
    package static func relativeURL(from: String, to: String) -> String {
        rootPrefix(for: from) + to
    }
}
