import DossierFormats
import DossierMarkdown
import DossierModel

/// The front-matter values a page shows in its facts card or model card, as search text: every
/// scalar value, and the keys of nested maps (`seeds: {numpy: 42}` gives `numpy 42`). Top-level
/// keys (`owner`, `status`) are on every page and would only add noise.
package enum SearchFacts {
    /// Keys whose values the index already has in another form.
    static let skipped: Set<String> = ["title", "summary", "description", "runs", "id", "kind"]

    package static func strings(_ frontMatter: YAMLValue?) -> [String] {
        guard case let .map(entries)? = frontMatter?.content else { return [] }
        var out: [String] = []
        for entry in entries where !skipped.contains(entry.key) { collect(entry.value, into: &out) }
        return out
    }

    static func collect(_ value: YAMLValue, into out: inout [String]) {
        switch value.content {
        case .null: break
        case .bool, .int, .float, .string:
            if let text = value.scalarText { out.append(text) }
        case let .list(items):
            for item in items { collect(item, into: &out) }
        case let .map(entries):
            for entry in entries {
                out.append(entry.key)
                collect(entry.value, into: &out)
            }
        }
    }

    /// The line under a result: the summary, else the start of the body, at most about 160 characters.
    /// Only the first kilobyte is looked at: this runs for every page of the site. ASCII text
    /// (the usual case) is cut and split by bytes, which gives the same Characters; any other
    /// text takes the Character walk (`snippetByCharacters`).
    package static func snippet(_ document: Document) -> String {
        // Over the contiguous bytes: the generic walk of a Substring's UTF-8 view cost about 30
        // instructions a byte, most of the snippet's (callgrind, 1,000 documents).
        func isASCII(_ text: Substring) -> Bool {
            func plain(_ byte: UInt8) -> Bool { byte < 0x80 && byte != 0x0D }
            return text.utf8.withContiguousStorageIfAvailable(isPlainASCII) ?? text.utf8.allSatisfy(plain)
        }
        guard var text = asciiHead(Substring(document.summary ?? "")), isASCII(text) else {
            return snippetByCharacters(document)
        }
        if text.isEmpty {
            guard let body = asciiHead(Substring(document.analysis.text)), isASCII(body) else {
                return snippetByCharacters(document)
            }
            text = firstLongLine(body, title: document.title)
        }
        return words(text)
    }

    /// Whether every byte is ASCII and none is a carriage return, eight bytes at a time: the
    /// byte-wise `allSatisfy` was half of making a search entry (callgrind, 1,000 documents).
    static func isPlainASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        if let base = bytes.baseAddress {
            while i + 8 <= bytes.count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                // A carriage return is a zero byte of `word ^ 0x0D…`; the test finds any zero byte.
                let returns = word ^ 0x0D &* ones
                if (word | (returns &- ones) & ~returns) & high != 0 { return false }
                i += 8
            }
        }
        while i < bytes.count {
            if bytes[i] >= 0x80 || bytes[i] == 0x0D { return false }
            i += 1
        }
        return true
    }

    /// The first line of `body` longer than 40 bytes that is not the title, or "". Lines are
    /// found by offset in the contiguous bytes, and only up to that line: splitting the whole
    /// kilobyte into an array of slices first was most of the snippet's cost.
    private static func firstLongLine(_ body: Substring, title: String) -> Substring {
        let utf8 = body.utf8
        let found: (start: Int, end: Int)?? = utf8.withContiguousStorageIfAvailable { bytes in
            var start = 0
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
                // Compared as text, as before: a title may be canonically equal without equal bytes.
                if end - start > 40, Substring(body.utf8[offset(start, in: body)..<offset(end, in: body)]) != title {
                    return (start, end)
                }
                start = end + 1
            }
            return nil
        }
        guard let found else {
            // Not contiguous (a bridged String): the slices, as before.
            return body.utf8.split(separator: 0x0A).lazy.map { Substring($0) }
                .first { $0.utf8.count > 40 && $0 != title } ?? ""
        }
        guard let line = found else { return "" }
        return Substring(body.utf8[offset(line.start, in: body)..<offset(line.end, in: body)])
    }

    private static func offset(_ distance: Int, in text: Substring) -> Substring.UTF8View.Index {
        text.utf8.index(text.utf8.startIndex, offsetBy: distance)
    }

    /// ASCII `text`'s words (split at space, tab, CR and LF) joined by single spaces while the
    /// result stays within 160 bytes, then " …" when words are left. Built as bytes.
    private static func words(_ text: Substring) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(min(bytes.count, 160) + 4)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                    index += 1
                    continue
                }
                var end = index + 1
                while end < bytes.count {
                    let next = bytes[end]
                    if next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D { break }
                    end += 1
                }
                if out.count + (end - index) > 160 {
                    out.append(contentsOf: " …".utf8)
                    break
                }
                if !out.isEmpty { out.append(0x20) }
                out.append(contentsOf: bytes[index..<end])
                index = end
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The first kilobyte of `text` when it ends between two ASCII bytes (so on a Character
    /// boundary, as `head` in `snippetByCharacters` cuts it); nil otherwise.
    static func asciiHead(_ text: Substring) -> Substring? {
        let utf8 = text.utf8
        guard utf8.count > 1024 else { return text }
        let cut = utf8.index(utf8.startIndex, offsetBy: 1024)
        let before = utf8[utf8.index(before: cut)]
        let after = utf8[cut]
        guard before < 0x80, after < 0x80, !(before == 0x0D && after == 0x0A) else { return nil }
        return text[..<cut]
    }

    /// `snippet`, Character by Character.
    static func snippetByCharacters(_ document: Document) -> String {
        func head(_ text: Substring) -> Substring {
            var end = text.startIndex
            var bytes = 0
            for index in text.indices {
                bytes += text[index].utf8.count
                end = text.index(after: index)
                if bytes >= 1024 { break }
            }
            return text[..<end]
        }
        var text = head(Substring(document.summary ?? ""))
        if text.isEmpty {
            let body = head(Substring(document.analysis.text))
            text = body.split(separator: "\n").first { $0.utf8.count > 40 && $0 != document.title } ?? ""
        }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        var out = ""
        for word in words {
            if out.utf8.count + word.utf8.count > 160 { return out + " …" }
            if !out.isEmpty { out += " " }
            out += word
        }
        return out
    }

    /// Fields and runs first (a query for one should land on its row), then headings.
    package static func anchors(_ document: Document) -> [SearchEntry.Anchor] {
        var out = document.schemaFields.map { SearchEntry.Anchor(label: $0.key, id: $0.anchor, kind: "field") }
        out += document.runs.map {
            SearchEntry.Anchor(label: $0.name, id: "run-" + HeadingSlugger.baseSlug($0.name), kind: "run")
        }
        out += document.analysis.headings.filter { $0.level > 1 }.map {
            SearchEntry.Anchor(label: $0.text, id: $0.id, kind: "heading")
        }
        return Array(out.prefix(200))
    }
}
