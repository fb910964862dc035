/// Suggestions for typos: the known name closest to what was written.
package enum ClosestMatch {
    /// The candidate with the smallest edit distance, if it is close enough to be a plausible typo.
    package static func find(_ word: String, in candidates: some Sequence<String>) -> String? {
        let target = Array(word.lowercased().utf8)
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(target, Array(candidate.lowercased().utf8))
            if best == nil || distance < best!.1 || (distance == best!.1 && candidate < best!.0) {
                best = (candidate, distance)
            }
        }
        guard let (match, distance) = best else { return nil }
        let limit = max(2, max(target.count, match.utf8.count) / 3)
        return distance <= limit ? match : nil
    }

    /// Levenshtein distance, two rows of memory: over bytes for ids, over characters for names.
    package static func editDistance<Element: Equatable>(_ a: [Element], _ b: [Element]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// "; did you mean `x`?" or nothing.
    package static func suggestion(_ word: String, in candidates: some Sequence<String>) -> String {
        guard let match = find(word, in: candidates) else { return "" }
        return "; did you mean `\(match)`?"
    }
}
