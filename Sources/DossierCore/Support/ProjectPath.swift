import Foundation

/// Project-relative paths: normalization that never lets a path leave the project.
package enum ProjectPath {
    /// Joins `path` onto `base` (both project-relative, `/`-separated) and normalizes `.` and `..`.
    /// Returns nil when the result would leave the project.
    package static func resolve(_ path: String, relativeTo base: String = "") -> String? {
        if path.utf8.allSatisfy({ $0 < 0x80 }), base.utf8.allSatisfy({ $0 < 0x80 }) {
            return resolveASCII(path, relativeTo: base)
        }
        return resolveCharacters(path, relativeTo: base)
    }

    /// `resolve` by bytes, for the ASCII paths nearly every link and file has: it runs for every
    /// link on every page and every file read, and splitting into Substrings was most of its time.
    /// In ASCII no Character joins a `/` or `.` to its neighbour, so bytes and Characters split alike
    /// (`resolveCharacters` is the reference).
    package static func resolveASCII(_ path: String, relativeTo base: String = "") -> String? {
        let slash = UInt8(ascii: "/")
        let dot = UInt8(ascii: ".")
        var out: [UInt8] = []
        out.reserveCapacity(base.utf8.count + path.utf8.count + 1)
        // Where each kept part starts in `out`, its separating slash included, so `..` can drop it.
        var starts: [Int] = []
        func push(_ part: Substring.UTF8View) {
            starts.append(out.count)
            if !out.isEmpty { out.append(slash) }
            out.append(contentsOf: part)
        }
        if path.utf8.first != slash {
            for part in base.utf8.split(separator: slash) { push(part) }
        }
        for part in path.utf8.split(separator: slash) {
            if part.count == 1, part.first == dot { continue }
            if part.count == 2, part.first == dot, part.last == dot {
                guard let start = starts.popLast() else { return nil }
                out.removeSubrange(start...)
                continue
            }
            push(part)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `resolve` Character by Character, for paths with non-ASCII text.
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

    /// `path#fragment` split at the first `#`; the fragment keeps its `#` ("" when there is none).
    package static func splitFragment(_ text: String) -> (path: String, fragment: String) {
        guard let hash = text.firstIndex(of: "#") else { return (text, "") }
        return (String(text[..<hash]), String(text[hash...]))
    }

    /// The folder of a project-relative file path ("" at the root).
    package static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
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
        var count = 0
        var inSegment = false
        for byte in path.utf8 {
            // Outside ASCII a "/" may be part of a larger Character, which `split` does not split at.
            if byte >= 0x80 { return path.split(separator: "/").count }
            if byte == 0x2F {
                inSegment = false
            } else if !inSegment {
                inSegment = true
                count += 1
            }
        }
        return count
    }

    /// The relative URL from the page at `from` to the site file at `to` (both site-relative).
    package static func relativeURL(from: String, to: String) -> String {
        rootPrefix(for: from) + to
    }
}
