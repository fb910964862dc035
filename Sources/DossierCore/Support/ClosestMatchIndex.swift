/// `ClosestMatch.find` over one large candidate list asked many times (every unresolved
/// reference of a project against every document id): the candidates are lowercased once and
/// grouped by length, and a candidate is measured only while it can still beat the best so far.
/// The answer is exactly `ClosestMatch.find`'s, at a cost that no longer grows with the number
/// of documents times the number of misses in practice: a close match, found early among the
/// candidates of the same length, bounds the rest to a few cells each.
package struct ClosestMatchIndex: Sendable {
    private struct Candidate: Sendable {
        var text: String
        var folded: [UInt8]
    }

    /// Candidates by folded length, each group in string order (the tie-break of `find`).
    private let byLength: [Int: [Candidate]]
    private let lengths: [Int]

    package init(_ candidates: some Sequence<String>) {
        var groups: [Int: [Candidate]] = [:]
        for text in Set(candidates) {
            let folded = Array(text.lowercased().utf8)
            groups[folded.count, default: []].append(Candidate(text: text, folded: folded))
        }
        for key in groups.keys { groups[key]!.sort { $0.text < $1.text } }
        byLength = groups
        lengths = groups.keys.sorted()
    }

    /// The candidate `ClosestMatch.find(word, in: candidates)` returns.
    package func find(_ word: String) -> String? {
        let target = Array(word.lowercased().utf8)
        var best: (text: String, distance: Int)?
        // Lengths nearest the word's first: their distance can be smallest, and once the length
        // difference alone passes the best distance no later group can match or tie.
        let ordered = lengths.sorted { (abs($0 - target.count), $0) < (abs($1 - target.count), $1) }
        var rows = ([Int](), [Int]())
        for length in ordered {
            if let best, abs(length - target.count) > best.distance { break }
            for candidate in byLength[length]! {
                let cap = best?.distance ?? Int.max
                guard let distance = Self.distance(target, candidate.folded, atMost: cap, rows: &rows) else {
                    continue
                }
                if best == nil || distance < best!.distance
                    || (distance == best!.distance && candidate.text < best!.text)
                {
                    best = (candidate.text, distance)
                }
            }
        }
        guard let (match, distance) = best else { return nil }
        let limit = max(2, max(target.count, match.utf8.count) / 3)
        return distance <= limit ? match : nil
    }

    /// "; did you mean `x`?" or nothing, as `ClosestMatch.suggestion`.
    package func suggestion(_ word: String) -> String {
        guard let match = find(word) else { return "" }
        return "; did you mean `\(match)`?"
    }

    /// The Levenshtein distance of `a` and `b` when it is at most `cap`, else nil; stops as soon
    /// as every cell of a row passes `cap`. `rows` is scratch memory, reused between calls.
    static func distance(_ a: [UInt8], _ b: [UInt8], atMost cap: Int, rows: inout ([Int], [Int])) -> Int? {
        if abs(a.count - b.count) > cap { return nil }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var (previous, current) = rows
        defer { rows = (previous, current) }
        previous.removeAll(keepingCapacity: true)
        previous.append(contentsOf: 0...b.count)
        current.removeAll(keepingCapacity: true)
        current.append(contentsOf: repeatElement(0, count: b.count + 1))
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                let value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                current[j] = value
                if value < rowMinimum { rowMinimum = value }
            }
            if rowMinimum > cap { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= cap ? previous[b.count] : nil
    }
}
