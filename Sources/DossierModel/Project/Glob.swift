import DossierCore

/// Glob patterns over project-relative paths: `*` within a folder, `**` across folders, `?`.
/// A pattern ending in `/**` or naming a folder matches everything below it.
package struct Glob: Sendable, Hashable {
    package let pattern: String
    private let parts: [Substring]

    package init(_ pattern: String) {
        var p = pattern
        while p.hasPrefix("./") { p.removeFirst(2) }
        if p.hasSuffix("/") { p += "**" }
        self.pattern = p
        parts = p.split(separator: "/", omittingEmptySubsequences: true)
    }

    package func matches(_ path: String) -> Bool {
        // Over bytes when ASCII (`ProjectPath.components`): the scanner asks this of every file.
        let segments = ProjectPath.components(path)
        return Self.match(parts[...], segments[...])
    }

    /// True when a folder could hold matches, so the scanner can skip folders early.
    package func matchesFolderPrefix(_ folder: String) -> Bool {
        let segments = folder.split(separator: "/")
        var i = 0
        for segment in segments {
            guard i < parts.count else { return false }
            if parts[i] == "**" { return true }
            if !Self.matchSegment(Array(parts[i].utf8)[...], Array(segment.utf8)[...]) { return false }
            i += 1
        }
        return true
    }

    private static func match(_ pattern: ArraySlice<Substring>, _ path: ArraySlice<Substring>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            if rest.isEmpty { return true }
            var tail = path
            while true {
                if match(rest, tail) { return true }
                if tail.isEmpty { return false }
                tail = tail.dropFirst()
            }
        }
        guard let segment = path.first else { return false }
        return matchSegment(Array(first.utf8)[...], Array(segment.utf8)[...])
            && match(pattern.dropFirst(), path.dropFirst())
    }

    private static func matchSegment(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        guard let p = pattern.first else { return text.isEmpty }
        if p == UInt8(ascii: "*") {
            var t = text
            while true {
                if matchSegment(pattern.dropFirst(), t) { return true }
                if t.isEmpty { return false }
                t = t.dropFirst()
            }
        }
        guard let c = text.first else { return false }
        if p == UInt8(ascii: "?") || p == c { return matchSegment(pattern.dropFirst(), text.dropFirst()) }
        return false
    }
}
