import DossierCore

/// Where `dossier verify` records a document *without* front matter (a plain README): an HTML
/// comment at the end of the file, which GitHub and every Markdown renderer leave invisible, so
/// verifying never changes how the file looks elsewhere (a front-matter block would show up as
/// a table on GitHub).
///
/// ```
/// <!-- dossier-verified
/// src/train.py#train: 3f2a9c1b7d5e8a90
/// data/sample.csv: 0c1d2e3f40516273
/// -->
/// ```
package enum VerificationComment {
    package static let opening = "<!-- dossier-verified"

    /// The fingerprints by reference text and the 1-based line of the comment's opening, from the
    /// last such comment in `text`.
    package static func parse(_ text: String) -> ([String: String], line: Int)? {
        guard let range = range(in: text) else { return nil }
        let inner = text[range].dropFirst(opening.count).dropLast(3)
        var fingerprints: [String: String] = [:]
        for raw in inner.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard let separator = line.range(of: ": ", options: .backwards) else { continue }
            let key = line[..<separator.lowerBound].trimmingCharacters(in: .whitespaces)
            let value = line[separator.upperBound...].trimmingCharacters(in: .whitespaces)
            if !key.isEmpty, !value.isEmpty { fingerprints[key] = value }
        }
        let line = text[..<range.lowerBound].reduce(1) { $1 == "\n" || $1 == "\r\n" ? $0 + 1 : $0 }
        return (fingerprints, line)
    }

    /// The range of the last verification comment, `<!--` through `-->`.
    package static func range(in text: String) -> Range<String.Index>? {
        guard let start = text.range(of: opening, options: .backwards),
            let end = text.range(of: "-->", range: start.upperBound..<text.endIndex)
        else { return nil }
        return start.lowerBound..<end.upperBound
    }

    /// `text` with its verification comment set to `fingerprints` (sorted by key): replaced in
    /// place, or appended after a blank line. Line endings follow the file's.
    package static func setting(_ fingerprints: [(String, String)], in text: String) -> String {
        let newline = text.contains("\r\n") ? "\r\n" : "\n"
        let comment = ([opening] + fingerprints.map { "\($0.0): \($0.1)" } + ["-->"]).joined(separator: newline)
        if let range = range(in: text) {
            return text.replacingCharacters(in: range, with: comment)
        }
        var result = text
        if !result.isEmpty, !result.hasSuffix("\n") { result += newline }
        if !result.isEmpty, !result.hasSuffix(newline + newline) { result += newline }
        return result + comment + newline
    }
}
