import DossierCore
import Foundation

/// MkDocs Material's block syntax, read before cmark sees the text: admonitions
/// (`!!! note "Title"`, collapsible `??? note` and `???+ note`) and content tabs (`=== "Tab"`),
/// each followed by content indented four spaces. Most ML projects that have docs today wrote them
/// for MkDocs; this lets those pages render as they did.
///
/// The pre-pass replaces each opening line by a directive (an HTML comment such as
/// `<!--dossier:admonition note open Title-->`), dedents the content, and puts the closing
/// directive on the first blank line after it, so the text keeps its line numbers and findings
/// point at the right lines (a block followed directly by text gets one line inserted). The
/// renderer turns directives into markup it builds itself, so a directive written by hand can
/// produce nothing but a call-out or a tab with escaped text.
package enum MkDocsSyntax {
    /// One directive, as the renderer reads it.
    package enum Directive: Equatable, Sendable {
        /// `style`: `plain` (`!!!`), `closed` (`???`) or `open` (`???+`).
        case admonition(kind: String, style: String, title: String?)
        case tabs
        case tab(title: String, selected: Bool)
        case end
    }

    static let prefix = "<!--dossier:"

    /// `markdown` with MkDocs admonitions and content tabs turned into directives; text without
    /// them comes back unchanged.
    package static func rewrite(_ markdown: String) -> String {
        guard
            ByteSearch.contains(markdown, "!!!") || ByteSearch.contains(markdown, "???")
                || ByteSearch.contains(markdown, "===")
        else { return markdown }
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return rewrite(lines).joined(separator: "\n")
    }

    private static func rewrite(_ lines: [String]) -> [String] {
        var out: [String] = []
        var fence: (character: Character, count: Int)?
        // Where the last tab's closing line is, by indentation: a tab that follows it (blank lines
        // between) joins its set.
        var lastTabEnd: [Int: Int] = [:]
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if let open = fence {
                out.append(line)
                if closesFence(line, open) { fence = nil }
                i += 1
                continue
            }
            if let marker = opensFence(line) {
                fence = marker
                out.append(line)
                i += 1
                continue
            }
            guard let header = header(line) else {
                out.append(line)
                i += 1
                continue
            }
            // The block: blank lines and lines indented four more than the header.
            var body: [String] = []
            var j = i + 1
            while j < lines.count {
                let next = lines[j]
                if isBlank(next) {
                    body.append("")
                } else if indentation(next) >= header.indent + 4 {
                    let content = next.dropFirst(header.indent + 4)
                    body.append(String(repeating: " ", count: header.indent) + String(content))
                } else {
                    break
                }
                j += 1
            }
            var trailing = 0
            while body.last == "" {
                body.removeLast()
                trailing += 1
            }
            let pad = String(repeating: " ", count: header.indent)
            var opening: [Directive]
            let closing: [Directive]
            if case .tab = header.directive {
                let joins =
                    !header.newSet
                    && lastTabEnd[header.indent].map { end in
                        out[(end + 1)...].allSatisfy(isBlank)
                    } ?? false
                if joins, let end = lastTabEnd[header.indent] {
                    out[end] = pad + encode([.end])  // the set stays open for this tab
                    opening = [header.directive]
                } else {
                    opening = [.tabs, header.directive]
                }
                closing = [.end, .end]
            } else {
                opening = [header.directive]
                closing = [.end]
            }
            out.append(pad + encode(opening))
            out += rewrite(body)
            out.append(pad + encode(closing))
            if case .tab = header.directive { lastTabEnd[header.indent] = out.count - 1 }
            out += Array(repeating: "", count: max(0, trailing - 1))
            i = j
            opening = []
        }
        return out
    }

    private struct Header {
        var indent: Int
        var directive: Directive
        var newSet = false
    }

    /// `!!! kind "Title"`, `??? kind`, `???+ kind`, `=== "Title"`, `===+ "Title"`, `===! "Title"`.
    private static func header(_ line: String) -> Header? {
        let indent = indentation(line)
        let rest = line.dropFirst(indent)
        for (marker, style) in [("???+", "open"), ("???", "closed"), ("!!!", "plain")] where rest.hasPrefix(marker) {
            let after = rest.dropFirst(marker.count)
            guard after.first == " " else { return nil }
            let words = after.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
            let kindEnd = words.firstIndex { $0 == " " || $0 == "\t" } ?? words.endIndex
            let kind = String(words[..<kindEnd]).lowercased()
            let isWord = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "_") }
            guard !kind.isEmpty, kind.allSatisfy(isWord) else { return nil }
            let titleText = words[kindEnd...].trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
            var title: String?
            if !titleText.isEmpty {
                guard let quoted = quoted(titleText) else { return nil }
                title = quoted
            }
            return Header(indent: indent, directive: .admonition(kind: kind, style: style, title: title))
        }
        for (marker, selected, newSet) in [("===+", true, false), ("===!", false, true), ("===", false, false)]
        where rest.hasPrefix(marker) {
            let after = rest.dropFirst(marker.count)
            let text = after.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
            guard after.first == " ", let title = quoted(text) else { return nil }
            return Header(indent: indent, directive: .tab(title: title, selected: selected), newSet: newSet)
        }
        return nil
    }

    /// The text of `"…"` (the whole of `text`), else nil.
    private static func quoted(_ text: String) -> String? {
        guard text.count >= 2, text.first == "\"", text.last == "\"" else { return nil }
        return String(text.dropFirst().dropLast())
    }

    /// The directives as one line of HTML comments.
    static func encode(_ directives: [Directive]) -> String {
        directives.map { directive in
            switch directive {
            case let .admonition(kind, style, title):
                "\(prefix)admonition \(kind) \(style)" + (title.map { " " + escape($0) } ?? "") + "-->"
            case .tabs: "\(prefix)tabs-->"
            case let .tab(title, selected): "\(prefix)tab \(selected ? "selected" : "plain") \(escape(title))-->"
            case .end: "\(prefix)end-->"
            }
        }.joined()
    }

    /// The directives an HTML block holds, when it holds nothing else; nil for any other HTML.
    package static func directives(in html: String) -> [Directive]? {
        var rest = Substring(html.trimmingCharacters(in: .whitespacesAndNewlines))
        guard rest.hasPrefix(prefix) else { return nil }
        var found: [Directive] = []
        while !rest.isEmpty {
            guard rest.hasPrefix(prefix), let close = rest.range(of: "-->") else { return nil }
            let words = rest[rest.index(rest.startIndex, offsetBy: prefix.count)..<close.lowerBound]
                .split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
            switch words.first {
            case "admonition" where words.count >= 3:
                let title = words.count > 3 ? unescape(words[3]) : nil
                found.append(.admonition(kind: words[1], style: words[2], title: title))
            case "tabs": found.append(.tabs)
            case "tab" where words.count >= 3:
                let title = words.dropFirst(2).joined(separator: " ")
                found.append(.tab(title: unescape(title), selected: words[1] == "selected"))
            case "end": found.append(.end)
            default: return nil
            }
            rest = rest[close.upperBound...].drop { $0 == " " || $0 == "\t" }
        }
        return found
    }

    /// Titles travel inside an HTML comment: `%`, `-` and `>` (which could end it) and line
    /// breaks are percent-encoded.
    private static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar == "%" || scalar == "-" || scalar == ">" || scalar == "<" || scalar.value < 0x20 {
                out += "%" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 2)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func unescape(_ text: String) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.first {
            utf8 = utf8.dropFirst()
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
                let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isBlank(_ line: String) -> Bool { line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" } }

    /// Leading spaces, a tab counting to the next multiple of four.
    private static func indentation(_ line: String) -> Int {
        var width = 0
        for character in line {
            if character == " " { width += 1 } else if character == "\t" { width += 4 - width % 4 } else { break }
        }
        return width
    }

    private static func opensFence(_ line: String) -> (character: Character, count: Int)? {
        let indent = indentation(line)
        guard indent < 4 else { return nil }
        let rest = line.drop { $0 == " " }
        guard let first = rest.first, first == "`" || first == "~" else { return nil }
        let count = rest.prefix { $0 == first }.count
        return count >= 3 ? (first, count) : nil
    }

    private static func closesFence(_ line: String, _ open: (character: Character, count: Int)) -> Bool {
        let rest = line.drop { $0 == " " }
        return rest.prefix { $0 == open.character }.count >= open.count
            && rest.drop { $0 == open.character }.allSatisfy { $0 == " " || $0 == "\t" }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
