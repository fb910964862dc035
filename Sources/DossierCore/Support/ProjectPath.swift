import Foundation

/// Project-relative paths: normalization that never lets a path leave the project.
package enum ProjectPath {
    /// Joins `path` onto `base` (both project-relative, `/`-separated) and normalizes `.` and `..`.
    /// Returns nil when the result would leave the project.
    package static func resolve(_ path: String, relativeTo base: String = "") -> String? {
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
