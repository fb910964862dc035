import DossierCore
import Foundation

/// Writes `verified:` into a document's YAML front matter for `dossier verify`,
/// changing nothing else: every other byte, the line endings (LF or CRLF) and a byte-order mark
/// stay as they were.
package enum FrontMatterVerifier {
    /// `text` with its top-level `verified:` value set to `commit`.
    ///
    /// An existing `verified:` line keeps its key, spacing and trailing comment; only the value
    /// changes. Without one, the line is added just before the closing `---`. A document without
    /// front matter gets `---`, `verified: <commit>`, `---` at the top.
    package static func setVerified(_ commit: String, inDocument text: String) -> String {
        let value = yamlScalar(commit)
        var bytes = Array(text.utf8)
        let bodyStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let lines = splitLines(bytes, from: bodyStart)
        let newline: [UInt8] = usesCRLF(bytes) ? [0x0D, 0x0A] : [0x0A]

        guard let opening = lines.first, isFence(bytes, opening, closing: false),
            let closing = lines.dropFirst().firstIndex(where: { isFence(bytes, $0, closing: true) })
        else {
            let header =
                Array("---".utf8) + newline + Array("verified: \(value)".utf8) + newline + Array("---".utf8) + newline
            bytes.insert(contentsOf: header, at: bodyStart)
            return String(decoding: bytes, as: UTF8.self)
        }

        for index in 1..<closing {
            let line = lines[index]
            guard let colon = verifiedKeyColon(bytes, line) else { continue }
            var valueStart = colon + 1
            while valueStart < line.contentEnd,
                bytes[valueStart] == UInt8(ascii: " ") || bytes[valueStart] == UInt8(ascii: "\t")
            { valueStart += 1 }
            var valueEnd = valueStart
            var scan = valueStart
            while scan < line.contentEnd {
                if bytes[scan] == UInt8(ascii: "#"), scan > valueStart,
                    bytes[scan - 1] == UInt8(ascii: " ") || bytes[scan - 1] == UInt8(ascii: "\t")
                {
                    break
                }
                if bytes[scan] != UInt8(ascii: " "), bytes[scan] != UInt8(ascii: "\t") { valueEnd = scan + 1 }
                scan += 1
            }
            let emptyValue = valueEnd == valueStart
            let replacement = Array(((valueStart == colon + 1) ? " " : "").utf8) + Array(value.utf8)
            // A value continued on indented lines below (`verified:` + a nested value) goes too,
            // so the result is still valid YAML.
            var removeEnd = line.end
            if emptyValue || isBlockIndicator(bytes[valueStart..<valueEnd]) {
                var next = index + 1
                while next < closing, let first = bytes[safe: lines[next].start],
                    first == UInt8(ascii: " ") || first == UInt8(ascii: "\t")
                {
                    removeEnd = lines[next].end
                    next += 1
                }
            }
            let tail = Array(bytes[valueEnd..<line.end])
            bytes.replaceSubrange(valueStart..<removeEnd, with: replacement + tail)
            return String(decoding: bytes, as: UTF8.self)
        }

        let insertion = Array("verified: \(value)".utf8) + newline
        bytes.insert(contentsOf: insertion, at: lines[closing].start)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `text` with `verified:` set to a mapping of reference text → content fingerprint, one
    /// indented line each, in the order given. Front matter is required: a document without it
    /// is recorded in a `VerificationComment` instead, so its rendering elsewhere is unchanged.
    package static func setVerified(fingerprints: [(String, String)], inDocument text: String) -> String {
        guard !fingerprints.isEmpty else { return setVerified("{}", inDocument: text) }
        let placeholder = "DOSSIER-VERIFIED-PLACEHOLDER"
        var result = setVerified(placeholder, inDocument: text)
        guard let range = result.range(of: " " + placeholder) ?? result.range(of: placeholder) else { return result }
        let newline = text.contains("\r\n") ? "\r\n" : "\n"
        result.removeSubrange(range)
        let lineEnd = result.range(of: "\n", range: range.lowerBound..<result.endIndex)?.upperBound ?? result.endIndex
        let block = fingerprints.map { "  \(yamlKey($0.0)): \($0.1)" + newline }.joined()
        result.insert(contentsOf: block, at: lineEnd)
        return result
    }

    /// A reference text as a YAML key: plain when YAML reads it back unchanged, else quoted.
    private static func yamlKey(_ key: String) -> String {
        let plain =
            !key.isEmpty
            && key.utf8.allSatisfy {
                CodeReferenceParser.isIdentifierByte($0) && $0 < 0x80 && $0 != UInt8(ascii: "$")
                    || [UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "#")].contains($0)
            } && key.first != "-" && key.first != "#"
        if plain { return key }
        return "\"" + key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            + "\""
    }

    private struct Line {
        package var start: Int
        /// End of the text, before `\r\n` or `\n`.
        package var contentEnd: Int
        /// After the line break.
        package var end: Int
    }

    private static func splitLines(_ bytes: [UInt8], from offset: Int) -> [Line] {
        var lines: [Line] = []
        var start = offset
        var i = offset
        while i < bytes.count {
            if bytes[i] == 0x0A {
                let contentEnd = i > start && bytes[i - 1] == 0x0D ? i - 1 : i
                lines.append(Line(start: start, contentEnd: contentEnd, end: i + 1))
                start = i + 1
            }
            i += 1
        }
        if start < bytes.count { lines.append(Line(start: start, contentEnd: bytes.count, end: bytes.count)) }
        return lines
    }

    private static func usesCRLF(_ bytes: [UInt8]) -> Bool {
        guard let newline = bytes.firstIndex(of: 0x0A) else { return false }
        return newline > 0 && bytes[newline - 1] == 0x0D
    }

    /// `---` (or `...` to close), trailing whitespace allowed.
    private static func isFence(_ bytes: [UInt8], _ line: Line, closing: Bool) -> Bool {
        var end = line.contentEnd
        while end > line.start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        let content = bytes[line.start..<end]
        return content.elementsEqual("---".utf8) || (closing && content.elementsEqual("...".utf8))
    }

    /// The colon's offset when `line` is the top-level key `verified` (not indented, not nested).
    private static func verifiedKeyColon(_ bytes: [UInt8], _ line: Line) -> Int? {
        let key = Array("verified".utf8)
        guard line.contentEnd - line.start > key.count, bytes[line.start..<(line.start + key.count)].elementsEqual(key)
        else { return nil }
        var i = line.start + key.count
        while i < line.contentEnd, bytes[i] == UInt8(ascii: " ") { i += 1 }
        guard i < line.contentEnd, bytes[i] == UInt8(ascii: ":") else { return nil }
        guard i + 1 == line.contentEnd || bytes[i + 1] == UInt8(ascii: " ") || bytes[i + 1] == UInt8(ascii: "\t") else {
            return nil
        }
        return i
    }

    private static func isBlockIndicator(_ value: ArraySlice<UInt8>) -> Bool {
        guard let first = value.first else { return false }
        return first == UInt8(ascii: "|") || first == UInt8(ascii: ">")
    }

    /// A commit hash goes in plain; anything else YAML might misread is double-quoted.
    private static func yamlScalar(_ value: String) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        let plain =
            !trimmed.isEmpty
            && trimmed.utf8.allSatisfy {
                CodeReferenceParser.isIdentifierByte($0) && $0 < 0x80 && $0 != UInt8(ascii: "$")
                    || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "/")
            } && trimmed.first != "-"
        if plain { return trimmed }
        let escaped = trimmed.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\""
    }
}

private extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
