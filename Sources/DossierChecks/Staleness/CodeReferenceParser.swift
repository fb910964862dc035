import DossierCore
import DossierModel
import Foundation

/// Parses what a user writes as a code reference (SPEC 1.5): `path`, `./path`, `path#L10`,
/// `path#L10-L20`, `path#L10-20` or `path#symbol` (`Class.method`, `Type::method`).
package enum CodeReferenceParser {
    /// Parses `text` written at `location`: `.success` for a reference to a file inside the
    /// project, `.failure` for text written like a code reference but unusable (it leaves the
    /// project, or its anchor is malformed), and `nil` for text that is not a code reference at
    /// all — a URL with a scheme (`https:`, `mailto:`…), `//host/…`, an in-page `#anchor`, or
    /// nothing — which callers treat as an external link.
    ///
    /// `baseDirectory` is the project-relative folder the path is relative to: `""` (the project
    /// root) for front-matter `code:` entries, the document's folder for ordinary Markdown links.
    /// The path is normalized (`./`, `a/../b`, duplicate slashes, `%20`, `\`) and must stay inside
    /// the project.
    package static func parse(
        _ text: String, at location: SourceLocation, relativeTo baseDirectory: String = ""
    ) -> Result<CodeReference, Finding>? {
        let trimmed = trimmingSpaces(text)
        if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("//") || hasURLScheme(trimmed) {
            return nil
        }

        var pathPart = Substring(trimmed)
        var fragment: Substring = ""
        var path: String
        var percent = true, backslash = true  // whether to look: the ASCII scan below knows
        // Byte searches find what the Character searches find when the text is ASCII (most is).
        if let scan = ASCIIScan(trimmed) {
            // One pass over the bytes: the generic searches over `UTF8View` each cost as much.
            if let hash = scan.hash {
                fragment = pathPart[trimmed.utf8.index(trimmed.utf8.startIndex, offsetBy: hash + 1)...]
            }
            path = String(trimmed[..<trimmed.utf8.index(trimmed.utf8.startIndex, offsetBy: scan.pathEnd)])
            (percent, backslash) = (scan.percent, scan.backslash)
        } else {
            if let hash = pathPart.firstIndex(of: "#") {
                fragment = pathPart[pathPart.index(after: hash)...]
                pathPart = pathPart[..<hash]
            }
            if let query = pathPart.firstIndex(of: "?") {
                pathPart = pathPart[..<query]
            }
            path = String(pathPart)
        }
        if percent, path.utf8.contains(UInt8(ascii: "%")), let decoded = path.removingPercentEncoding {
            path = decoded
        }
        if backslash, path.utf8.contains(UInt8(ascii: "\\")) {
            path = path.replacingOccurrences(of: "\\", with: "/")
        }

        if isAbsolute(path) {
            return .failure(outside(text: trimmed, at: location))
        }
        guard let normalized = normalize(path, base: baseDirectory) else {
            return .failure(outside(text: trimmed, at: location))
        }
        if normalized.isEmpty {
            return .failure(
                Finding(
                    .error, "code.invalid-reference",
                    "code reference `\(trimmed)` names the project folder itself, not a file",
                    at: location, state: .broken))
        }

        // A notebook's cells are named `cell-3` or by their id, which may hold `-`.
        let notebookCell = !fragment.isEmpty && Notebook.isNotebook(normalized) && !fragment.contains(" ")
        guard let anchor = parseAnchor(fragment) ?? (notebookCell ? .symbol(String(fragment)) : nil) else {
            return .failure(
                Finding(
                    .error, "code.invalid-anchor",
                    "code reference `\(trimmed)` has an anchor Dossier does not understand; use `#L10`, `#L10-L20` or `#symbol` (`Class.method`)",
                    at: location, state: .broken))
        }
        return .success(CodeReference(path: normalized, anchor: anchor, location: location))
    }

    // MARK: - Pieces

    /// `text` without leading and trailing spaces, tabs and line breaks (cheaper than Foundation's
    /// trimming, and this runs for every link of every page).
    private static func trimmingSpaces(_ text: String) -> String {
        let utf8 = text.utf8
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = utf8.lastIndex(where: { !isSpace($0) })!
        if first == utf8.startIndex, utf8.index(after: last) == utf8.endIndex { return text }
        return String(text[first...last])
    }

    /// `scheme:` per RFC 3986, at least two letters so a Windows drive (`C:`) is not taken for one.
    package static func hasURLScheme(_ text: String) -> Bool {
        var count = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: ":"):
                return count >= 2
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                count += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if count == 0 { return false }
                count += 1
            default:
                return false
            }
        }
        return false
    }

    /// Where an ASCII text's path ends (at its first `#`, or at a `?` before that), where its
    /// `#` is, and whether the path holds a `%` or a `\\`: what `parse` looks for, in one pass.
    private struct ASCIIScan {
        var hash: Int?
        var pathEnd: Int
        var percent = false
        var backslash = false

        /// Nil for text that is not all ASCII.
        init?(_ text: String) {
            var text = text
            guard
                let scan = text.withUTF8({ bytes -> ASCIIScan? in
                    var query: Int?
                    var hash: Int?
                    var percent = false, backslash = false
                    for (offset, byte) in bytes.enumerated() {
                        if byte >= 0x80 { return nil }
                        guard hash == nil else { continue }
                        switch byte {
                        case 0x23: hash = offset
                        case 0x3F: if query == nil { query = offset }
                        case 0x25: if query == nil { percent = true }
                        case 0x5C: if query == nil { backslash = true }
                        default: break
                        }
                    }
                    return ASCIIScan(
                        hash: hash, pathEnd: query ?? hash ?? bytes.count, percent: percent, backslash: backslash)
                })
            else { return nil }
            self = scan
        }

        private init(hash: Int?, pathEnd: Int, percent: Bool, backslash: Bool) {
            (self.hash, self.pathEnd, self.percent, self.backslash) = (hash, pathEnd, percent, backslash)
        }
    }

    private static func isAbsolute(_ path: String) -> Bool {
        if path.hasPrefix("/") || path.hasPrefix("~") { return true }
        // `C:/x` or `C:` (a Windows drive); the first two bytes, without making an array of them.
        var bytes = path.utf8.makeIterator()
        if let first = bytes.next(), let second = bytes.next(), second == UInt8(ascii: ":"),
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first | 0x20)
        {
            return true
        }
        return false
    }

    /// Joins `path` to `base` and resolves `.` and `..`; `nil` when the result leaves the root.
    package static func normalize(_ path: String, base: String) -> String? {
        // ASCII paths take ProjectPath's byte-level `resolve`, which gives the same parts once the
        // base is normalized on its own (it keeps the base of a path starting with `/`; this does not).
        if ProjectPath.isASCII(path), ProjectPath.isASCII(base), path.utf8.first != 0x2F {
            // Front-matter references are relative to the root and usually already normal
            // (`src/train.py`): then the path is its own result, with nothing to build.
            if base.isEmpty, isNormal(path) { return path }
            guard let normalizedBase = base.isEmpty ? "" : ProjectPath.resolve(base) else { return nil }
            return ProjectPath.resolve(path, relativeTo: normalizedBase)
        }
        var parts: [Substring] = []
        for component in base.split(separator: "/", omittingEmptySubsequences: true) where component != "." {
            if component == ".." {
                if parts.popLast() == nil { return nil }
            } else {
                parts.append(component)
            }
        }
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..": if parts.popLast() == nil { return nil }
            default: parts.append(component)
            }
        }
        return parts.joined(separator: "/")
    }

    /// True when the ASCII `path` is what `ProjectPath.resolve` makes of it: parts joined by
    /// single slashes, none empty, `.` or `..`, no slash first or last.
    static func isNormal(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            guard let last = bytes.last, last != 0x2F else { return false }
            var partStart = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x2F {
                let length = index - partStart
                if length == 0 { return false }
                if bytes[partStart] == 0x2E, length == 1 || (length == 2 && bytes[partStart + 1] == 0x2E) {
                    return false
                }
                partStart = index + 1
            }
            return true
        }
    }

    /// `""` → whole file; `L10`, `L10-L20`, `L10-20` (GitHub's `C5` column suffixes ignored) → lines;
    /// an identifier path → symbol; anything else → `nil`.
    package static func parseAnchor(_ fragment: Substring) -> CodeReference.Anchor? {
        if fragment.isEmpty { return .whole }
        let bytes = Array(fragment.utf8)
        if bytes[0] == UInt8(ascii: "L"), bytes.count > 1, isDigit(bytes[1]) {
            var i = 1
            guard let start = readNumber(bytes, &i) else { return nil }
            skipColumn(bytes, &i)
            if i == bytes.count { return start >= 1 ? .lines(start, start) : nil }
            guard bytes[i] == UInt8(ascii: "-") else { return nil }
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "L") { i += 1 }
            guard let end = readNumber(bytes, &i) else { return nil }
            skipColumn(bytes, &i)
            guard i == bytes.count, start >= 1, end >= 1 else { return nil }
            return .lines(start, end)
        }
        return isSymbolPath(bytes) ? .symbol(String(fragment)) : nil
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    private static func readNumber(_ bytes: [UInt8], _ i: inout Int) -> Int? {
        var value = 0
        let start = i
        while i < bytes.count, isDigit(bytes[i]) {
            value = value &* 10 &+ Int(bytes[i] - UInt8(ascii: "0"))
            if value > 100_000_000 { return nil }
            i += 1
        }
        return i > start ? value : nil
    }

    private static func skipColumn(_ bytes: [UInt8], _ i: inout Int) {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "C") else { return }
        var j = i + 1
        if readNumber(bytes, &j) != nil { i = j }
    }

    /// Identifiers (letters, digits, `_`, `$`, any non-ASCII) joined by `.` or `::`.
    package static func isSymbolPath(_ bytes: [UInt8]) -> Bool {
        var i = 0
        var expectIdentifier = true
        while i < bytes.count {
            let b = bytes[i]
            if isIdentifierByte(b) {
                if expectIdentifier, isDigit(b) { return false }
                while i < bytes.count, isIdentifierByte(bytes[i]) { i += 1 }
                expectIdentifier = false
                continue
            }
            if expectIdentifier { return false }
            if b == UInt8(ascii: ".") {
                i += 1
            } else if b == UInt8(ascii: ":"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: ":") {
                i += 2
            } else {
                return false
            }
            expectIdentifier = true
        }
        return !expectIdentifier
    }

    package static func isIdentifierByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "$"):
            true
        default:
            b >= 0x80
        }
    }

    private static func outside(text: String, at location: SourceLocation) -> Finding {
        Finding(
            .error, "code.outside-project",
            "code reference `\(text)` leaves the project; write it relative to the project root and keep it inside the project",
            at: location, state: .broken)
    }
}
