import DossierCore

/// Glob patterns over project-relative paths: `*` within a folder, `**` across folders, `?`.
/// A pattern ending in `/**` or naming a folder matches everything below it.
package struct Glob: Sendable, Hashable {
    package let pattern: String
    private let parts: [Substring]
    /// The parts' bytes when the pattern is ASCII (nil otherwise): an ASCII path is then matched
    /// over its bytes, where its parts and their Characters are its bytes split at `/`.
    private let asciiParts: [[UInt8]]?

    package init(_ pattern: String) {
        var p = pattern
        while p.hasPrefix("./") { p.removeFirst(2) }
        if p.hasSuffix("/") { p += "**" }
        self.pattern = p
        parts = p.split(separator: "/", omittingEmptySubsequences: true)
        asciiParts = ProjectPath.isASCII(p) ? parts.map { Array($0.utf8) } : nil
    }

    package func matches(_ path: String) -> Bool {
        // The scanner asks this of every document: over the path's bytes when both are ASCII, with
        // no array of parts (the parts and their byte arrays cost ~5,500 instructions a path).
        if let asciiParts {
            let matched: Bool? = path.utf8.withContiguousStorageIfAvailable { bytes in
                guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
                return Self.matchBytes(asciiParts, 0, bytes, Self.segmentStart(bytes, 0))
            }.flatMap { $0 }
            if let matched { return matched }
        }
        let segments = ProjectPath.components(path)
        return Self.match(parts[...], segments[...])
    }

    /// `match` over an ASCII path's bytes: `at` is where a part of the path starts (past any `/`),
    /// or the path's end when no part is left.
    private static func matchBytes(
        _ parts: [[UInt8]], _ part: Int, _ path: UnsafeBufferPointer<UInt8>, _ at: Int
    ) -> Bool {
        guard part < parts.count else { return at == path.count }
        if parts[part] == [0x2A, 0x2A] {
            if part + 1 == parts.count { return true }
            var tail = at
            while true {
                if matchBytes(parts, part + 1, path, tail) { return true }
                if tail == path.count { return false }
                tail = segmentStart(path, segmentEnd(path, tail))
            }
        }
        guard at < path.count else { return false }
        let end = segmentEnd(path, at)
        let segment = UnsafeBufferPointer(rebasing: path[at..<end])
        return parts[part].withUnsafeBufferPointer { matchSegmentBytes($0, 0, segment, 0) }
            && matchBytes(parts, part + 1, path, segmentStart(path, end))
    }

    private static func segmentStart(_ path: UnsafeBufferPointer<UInt8>, _ from: Int) -> Int {
        var index = from
        while index < path.count, path[index] == 0x2F { index += 1 }
        return index
    }

    private static func segmentEnd(_ path: UnsafeBufferPointer<UInt8>, _ from: Int) -> Int {
        var index = from
        while index < path.count, path[index] != 0x2F { index += 1 }
        return index
    }

    /// `matchSegment` over buffers, `p` and `t` the positions reached in the pattern and the text.
    private static func matchSegmentBytes(
        _ pattern: UnsafeBufferPointer<UInt8>, _ p: Int, _ text: UnsafeBufferPointer<UInt8>, _ t: Int
    ) -> Bool {
        guard p < pattern.count else { return t == text.count }
        if pattern[p] == UInt8(ascii: "*") {
            var t = t
            while true {
                if matchSegmentBytes(pattern, p + 1, text, t) { return true }
                if t == text.count { return false }
                t += 1
            }
        }
        guard t < text.count else { return false }
        if pattern[p] == UInt8(ascii: "?") || pattern[p] == text[t] {
            return matchSegmentBytes(pattern, p + 1, text, t + 1)
        }
        return false
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
