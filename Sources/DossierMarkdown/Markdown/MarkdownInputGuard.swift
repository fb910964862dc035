/// Looks at a Markdown body's bytes before cmark-gfm parses it and defuses what would make
/// Debian's cmark-gfm slow or huge, each time with a note:
/// - block nesting: a line opening more than `maxBlockDepth` block quotes or list items
///   (`>` × 5,000,000 made 5 million nodes, 2 GB and 9 s) gets a backslash before the next
///   marker, so deeper markers are text;
/// - wide tables: a delimiter row of more than `maxTableColumns` columns gets a backslash in front,
///   so the table is shown as text (1,000 columns × 2,600 rows took 18 s);
/// - bracket density, below.
///
/// Finds runs of Markdown dense enough in brackets to make Debian's cmark-gfm take quadratic
/// time, and turns their inline syntax into plain text before cmark-gfm sees them.
///
/// Debian bookworm's cmark-gfm (0.29.0.gfm.6) predates the fixes for the CVE-2023-22486 family:
/// one paragraph mixing many emphasis delimiters with many links (`word *em* [link](x.md) ` ×
/// 4,000, 92 KB) took over 4 s here, and `![[]()` × 100,000 did not finish in 30 s, all under the
/// parser lock. The cost grows with brackets × (brackets + emphasis delimiters) within one
/// paragraph, so this scan estimates that product for each paragraph-like run of lines (split at
/// blank lines, list items and headings, skipping fenced code) and, for a run over budget,
/// takes the run out of what cmark-gfm sees: a placeholder line stands in for it, and the copied
/// tree gets the run back as one text node, so it renders as plain text. (Backslash-escaping
/// every special character instead made cmark-gfm build a node per escape: 460 MB for 5 MB.)
/// A run crowded with bare-URL candidates (`<http://a` × 11,000) makes the autolink extension
/// quadratic instead; then the document is parsed without that extension.
package enum MarkdownInputGuard {
    /// Largest cost (brackets × (brackets + delimiters)) one run may have. `word *em* [link](x.md) `
    /// × 1,000 in one paragraph costs 8,000,000 and parses in well under 0.1 s.
    package static let maxRunCost = 8_000_000
    /// Largest cost all runs of one document may have together.
    package static let maxDocumentCost = 40_000_000
    /// Emphasis delimiters (`*`, `_`, `~`) one run, and one document, may hold. Linear in
    /// cmark-gfm but heavy: `*_a` × 1,700,000 in one paragraph took 5 s.
    package static let maxRunDelimiters = 100_000
    package static let maxDocumentDelimiters = 200_000
    /// Bare-URL candidates (`://` and `@`) one run may hold before the autolink extension is left
    /// out for the document: with `<http://a` × 11,000 (100 KB) in one paragraph its scan took
    /// 1.7 s here, growing quadratically.
    package static let maxAutolinkCandidates = 2_000

    /// Block quotes and list items one line may open; the rest of its markers are text.
    package static let maxBlockDepth = 100
    /// Columns a table may have; a wider one is shown as text.
    package static let maxTableColumns = 256

    /// What the guard decided for one document.
    package struct Decision: Sendable {
        /// The text to parse: the original unless a run was over budget.
        package var text: String
        /// False when bare URLs and e-mail addresses must not be linked (the autolink extension is left out).
        package var autolink: Bool
        package var notes: [MarkdownParseNote]
        /// Placeholder text → the run it stands for, to put back as one text node after parsing.
        package var plainRuns: [String: String] = [:]
    }

    private struct Run {
        var start: Int
        var end: Int
        var line: Int
        var brackets = 0
        var delimiters = 0
        var autolinkCandidates = 0
        var cost: Int { brackets * (brackets + delimiters) }
    }

    /// The text to parse, whether to link bare URLs, and a note per degraded run.
    package static func guardText(_ original: String) -> Decision {
        let (text, lineNotes) = capLines(original)
        var decision = guardDensity(text)
        decision.notes = (lineNotes + decision.notes).sorted {
            ($0.line, $0.column, $0.message) < ($1.line, $1.column, $1.message)
        }
        return decision
    }

    /// Caps block nesting and table width line by line (outside fenced code).
    private static func capLines(_ text: String) -> (String, [MarkdownParseNote]) {
        let bytes = Array(text.utf8)
        var insertions: [Int] = []
        var notes: [MarkdownParseNote] = []
        var fence: (byte: UInt8, length: Int)?
        var deepNoted = false
        var wideNoted = false
        var line = 1
        var lineStart = 0
        let count = bytes.count
        while lineStart < count {
            let lineEnd = Self.lineEnd(bytes, from: lineStart)
            var indent = lineStart
            while indent < lineEnd, indent - lineStart < 4, bytes[indent] == 0x20 { indent += 1 }
            let marker = fenceMarker(bytes, from: indent, to: lineEnd)
            if let open = fence {
                if let marker, marker.byte == open.byte, marker.length >= open.length { fence = nil }
            } else if let marker, indent - lineStart < 4 {
                fence = marker
            } else {
                if let position = nestingCut(bytes, from: lineStart, to: lineEnd) {
                    insertions.append(position)
                    if !deepNoted {
                        deepNoted = true
                        notes.append(
                            MarkdownParseNote(
                                rule: "markdown.too-deep",
                                message:
                                    "Markdown nested more than \(maxBlockDepth) levels deep (block quotes or lists inside "
                                    + "each other); deeper markers are shown as text",
                                line: line, column: position - lineStart + 1))
                    }
                }
                let columns = delimiterRowColumns(bytes, from: indent, to: lineEnd)
                if columns > maxTableColumns {
                    insertions.append(indent)
                    if !wideNoted {
                        wideNoted = true
                        notes.append(
                            MarkdownParseNote(
                                rule: "markdown.too-dense",
                                message:
                                    "this table has \(columns) columns; cmark-gfm is slow on tables over \(maxTableColumns) "
                                    + "columns wide, so it is shown as text (split it, or link the data file instead)",
                                line: line, column: indent - lineStart + 1))
                    }
                }
            }
            lineStart = lineEnd + 1
            line += 1
        }
        guard !insertions.isEmpty else { return (text, []) }
        var out: [UInt8] = []
        out.reserveCapacity(count + insertions.count)
        var position = 0
        for insertion in insertions.sorted() {
            out.append(contentsOf: bytes[position..<insertion])
            out.append(0x5C)
            position = insertion
        }
        out.append(contentsOf: bytes[position...])
        return (String(decoding: out, as: UTF8.self), notes)
    }

    /// The index of the line feed ending the line that starts at `start`, or `bytes.count`.
    /// Searched in the buffer without bounds checks: this scan was most of `capLines`' cost,
    /// which runs over every byte of every document.
    private static func lineEnd(_ bytes: [UInt8], from start: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            buffer[start...].firstIndex(of: 0x0A) ?? buffer.count
        }
    }

    /// Where to put a backslash so a line opens at most `maxBlockDepth` containers, or nil.
    private static func nestingCut(_ bytes: [UInt8], from start: Int, to end: Int) -> Int? {
        var index = start
        var depth = 0
        while index < end {
            var spaces = 0
            while index < end, bytes[index] == 0x20, spaces < 3 {
                index += 1
                spaces += 1
            }
            guard index < end else { return nil }
            let byte = bytes[index]
            var markerEnd = index
            var cut = index
            if byte == 0x3E {
                markerEnd = index + 1
            } else if (byte == 0x2D || byte == 0x2B || byte == 0x2A), index + 1 < end,
                bytes[index + 1] == 0x20 || bytes[index + 1] == 0x09
            {
                markerEnd = index + 1
            } else {
                var digit = index
                while digit < end, digit - index < 9, bytes[digit] >= 0x30, bytes[digit] <= 0x39 { digit += 1 }
                guard digit > index, digit + 1 < end, bytes[digit] == 0x2E || bytes[digit] == 0x29,
                    bytes[digit + 1] == 0x20 || bytes[digit + 1] == 0x09
                else { return nil }
                // `1\.` is not a list marker; `\1.` would show the backslash.
                cut = digit
                markerEnd = digit + 1
            }
            if depth == maxBlockDepth { return cut }
            depth += 1
            index = markerEnd
            if index < end, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        }
        return nil
    }

    /// The column count of a table delimiter row (`|---|:--:|`), 0 for any other line.
    private static func delimiterRowColumns(_ bytes: [UInt8], from start: Int, to end: Int) -> Int {
        var pipes = 0
        var dashes = false
        for index in start..<end {
            switch bytes[index] {
            case 0x7C: pipes += 1
            case 0x2D: dashes = true
            case 0x3A, 0x20, 0x09, 0x0D: break
            default: return 0
            }
        }
        return dashes ? pipes : 0
    }

    /// Bracket density and bare-URL crowding, per paragraph-like run.
    private static func guardDensity(_ text: String) -> Decision {
        let (brackets, delimiters, candidates) =
            text.utf8.withContiguousStorageIfAvailable { countSyntax($0) } ?? countSyntax(Array(text.utf8))
        // The whole document's counts bound every run's: most documents stop here.
        guard
            brackets * (brackets + delimiters) > min(maxRunCost, maxDocumentCost) || candidates > maxAutolinkCandidates
                || delimiters > min(maxRunDelimiters, maxDocumentDelimiters)
        else { return Decision(text: text, autolink: true, notes: []) }
        let bytes = Array(text.utf8)
        let runs = scanRuns(bytes)
        var autolink = true
        var notes: [MarkdownParseNote] = []
        if let crowded = runs.first(where: { $0.autolinkCandidates > maxAutolinkCandidates }) {
            autolink = false
            notes.append(
                MarkdownParseNote(
                    rule: "markdown.too-dense",
                    message:
                        "this paragraph holds \(crowded.autolinkCandidates) bare URLs or e-mail addresses; cmark-gfm "
                        + "takes quadratic time to link that many, so bare URLs are not linked in this document "
                        + "(write them as [text](url) links, or split the paragraph)",
                    line: crowded.line))
        }
        var total = runs.reduce(0) { $0 + $1.cost }
        var totalDelimiters = runs.reduce(0) { $0 + $1.delimiters }
        var degrade: [Run] = []
        // Costliest first (then most delimiters, then earliest), until both budgets hold.
        for run in runs.sorted(by: { ($0.cost, $0.delimiters, $1.start) > ($1.cost, $1.delimiters, $0.start) }) {
            let overBudget = run.cost > maxRunCost || total > maxDocumentCost
            let tooManyDelimiters = run.delimiters > maxRunDelimiters || totalDelimiters > maxDocumentDelimiters
            guard overBudget || tooManyDelimiters else { continue }
            guard run.cost > 0 || run.delimiters > 0 else { continue }
            degrade.append(run)
            total -= run.cost
            totalDelimiters -= run.delimiters
        }
        guard !degrade.isEmpty else { return Decision(text: text, autolink: autolink, notes: notes) }
        degrade.sort { $0.start < $1.start }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var position = 0
        var plainRuns: [String: String] = [:]
        for (number, run) in degrade.enumerated() {
            out.append(contentsOf: bytes[position..<run.start])
            // Private-use characters: no Markdown syntax, and no honest text holds them.
            let placeholder = "\u{E000}dossier-plain-run-\(number)\u{E001}"
            let prefixEnd = blockPrefixEnd(bytes, from: run.start, to: run.end)
            out.append(contentsOf: bytes[run.start..<prefixEnd])
            out.append(contentsOf: Array(placeholder.utf8))
            out.append(0x0A)
            plainRuns[placeholder] = plainText(bytes[prefixEnd..<run.end])
            position = run.end
        }
        // One note per document, at the first paragraph shown as text.
        let first = degrade[0]
        let others = degrade.count > 1 ? " (and \(degrade.count - 1) more paragraphs of this page)" : ""
        notes.append(
            MarkdownParseNote(
                rule: "markdown.too-dense",
                message:
                    "this paragraph holds \(first.brackets) brackets and \(first.delimiters) emphasis markers, more "
                    + "than cmark-gfm parses in one page's time budget (it is quadratic in them), so its links and "
                    + "emphasis are shown as plain text\(others); split it into shorter paragraphs",
                line: first.line))
        out.append(contentsOf: bytes[position...])
        notes.sort { ($0.line, $0.message) < ($1.line, $1.message) }
        return Decision(
            text: String(decoding: out, as: UTF8.self), autolink: autolink, notes: notes,
            plainRuns: plainRuns)
    }

    /// Brackets, emphasis delimiters and bare-URL candidates (`@`, `:`) in the whole text. Over a
    /// buffer: iterating the String's UTF-8 view cost ~30 instructions a byte of every document.
    ///
    /// The three counts go in one 64-bit sum, 21 bits each, through a table: a load and an add a
    /// byte instead of a switch. The sum is emptied every `flushInterval` bytes, before any field
    /// could carry into the next.
    package static func countSyntax(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int) {
        var counts = (0, 0, 0)
        syntaxIncrements.withUnsafeBufferPointer { table in
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + flushInterval)
                var packed: UInt64 = 0
                for index in start..<end { packed &+= table[Int(bytes[index])] }
                counts.0 += Int(packed & fieldMask)
                counts.1 += Int((packed >> 21) & fieldMask)
                counts.2 += Int((packed >> 42) & fieldMask)
                start = end
            }
        }
        return counts
    }

    /// `countSyntax` over an array.
    package static func countSyntax(_ bytes: [UInt8]) -> (Int, Int, Int) {
        bytes.withUnsafeBufferPointer { countSyntax($0) }
    }

    /// One field of `countSyntax`'s packed sum, and how many bytes it adds before the sum is
    /// emptied (below the 2^21 a field holds).
    private static let fieldMask: UInt64 = (1 << 21) - 1
    private static let flushInterval = 1 << 20

    /// Per byte, what it adds to `countSyntax`'s packed sum: brackets in bits 0–20, emphasis
    /// delimiters in 21–41, bare-URL candidates in 42–62.
    private static let syntaxIncrements: [UInt64] = (0..<256).map { byte -> UInt64 in
        switch byte {
        case 0x5B, 0x5D: return 1
        case 0x2A, 0x5F, 0x7E: return 1 << 21
        case 0x40, 0x3A: return 1 << 42
        default: return 0
        }
    }

    /// Paragraph-like runs of lines with their bracket and delimiter counts.
    private static func scanRuns(_ bytes: [UInt8]) -> [Run] {
        var runs: [Run] = []
        var current: Run?
        var fence: (byte: UInt8, length: Int)?
        var lineStart = 0
        var line = 1
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let next = min(lineEnd + 1, bytes.count)
            var indent = lineStart
            while indent < lineEnd, indent - lineStart < 4, bytes[indent] == 0x20 { indent += 1 }
            let marker = fenceMarker(bytes, from: indent, to: lineEnd)
            if let open = fence {
                // Inside fenced code: no inline parsing, nothing to count.
                if let marker, marker.byte == open.byte, marker.length >= open.length { fence = nil }
            } else if let marker, indent - lineStart < 4 {
                if let run = current { runs.append(run) }
                current = nil
                fence = marker
            } else if isBlank(bytes, from: lineStart, to: lineEnd) {
                if let run = current { runs.append(run) }
                current = nil
            } else {
                if startsBlock(bytes, from: indent, to: lineEnd), let run = current {
                    runs.append(run)
                    current = nil
                }
                var run = current ?? Run(start: lineStart, end: lineStart, line: line)
                for index in lineStart..<lineEnd {
                    switch bytes[index] {
                    case 0x5B, 0x5D: run.brackets += 1
                    case 0x2A, 0x5F, 0x7E: run.delimiters += 1
                    case 0x40: run.autolinkCandidates += 1
                    case 0x3A:
                        if index + 2 < lineEnd, bytes[index + 1] == 0x2F, bytes[index + 2] == 0x2F {
                            run.autolinkCandidates += 1
                        }
                    default: break
                    }
                }
                run.end = next
                current = run
            }
            lineStart = next
            line += 1
        }
        if let run = current { runs.append(run) }
        return runs
    }

    private static func isBlank(_ bytes: [UInt8], from start: Int, to end: Int) -> Bool {
        bytes[start..<end].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    private static func fenceMarker(_ bytes: [UInt8], from start: Int, to end: Int) -> (byte: UInt8, length: Int)? {
        guard start < end, bytes[start] == 0x60 || bytes[start] == 0x7E else { return nil }
        var index = start
        while index < end, bytes[index] == bytes[start] { index += 1 }
        return index - start >= 3 ? (bytes[start], index - start) : nil
    }

    /// A list item, heading or table row starts a new paragraph (table cells are parsed one by one).
    private static func startsBlock(_ bytes: [UInt8], from start: Int, to end: Int) -> Bool {
        guard start < end else { return false }
        let first = bytes[start]
        if first == 0x23 || first == 0x7C { return true }
        if first == 0x2D || first == 0x2B || first == 0x2A {
            return start + 1 == end || bytes[start + 1] == 0x20 || bytes[start + 1] == 0x09
        }
        var index = start
        while index < end, index - start < 9, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
        return index > start && index + 1 < end && (bytes[index] == 0x2E || bytes[index] == 0x29)
            && bytes[index + 1] == 0x20
    }

    /// Where a run's first line leaves its block prefix: indentation, `>`, one list marker.
    private static func blockPrefixEnd(_ bytes: [UInt8], from start: Int, to end: Int) -> Int {
        var index = start
        while index < end, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x3E { index += 1 }
        if index + 1 < end, bytes[index] == 0x2D || bytes[index] == 0x2B || bytes[index] == 0x2A,
            bytes[index + 1] == 0x20
        {
            return index + 2
        }
        var digit = index
        while digit < end, digit - index < 9, bytes[digit] >= 0x30, bytes[digit] <= 0x39 { digit += 1 }
        if digit > index, digit + 1 < end, bytes[digit] == 0x2E || bytes[digit] == 0x29, bytes[digit + 1] == 0x20 {
            return digit + 2
        }
        return index
    }

    /// The run as text: lines joined by newlines, later lines without their indentation and `>`.
    private static func plainText(_ run: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(run.count)
        var atLineStart = false
        for byte in run {
            if atLineStart, byte == 0x20 || byte == 0x09 || byte == 0x3E { continue }
            atLineStart = byte == 0x0A
            out.append(byte)
        }
        while let last = out.last, last == 0x0A || last == 0x0D { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }
}
