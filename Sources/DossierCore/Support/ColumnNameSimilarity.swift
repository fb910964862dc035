/// How alike two column names are, for telling a renamed column from a missing and an extra one.
///
/// Names are compared after lowercasing and dropping everything but letters and digits, so
/// `Culmen Length (mm)`, `culmen_length_mm` and `CulmenLengthMM` are the same name; the score is
/// 1 − (edit distance ÷ longer length) over what remains.
package enum ColumnNameSimilarity {
    /// Pairs scoring at least this are reported as one rename. With 0.8, `flipper_length_mm` →
    /// `flipper_len_mm` (0.80) and `species` → `specie` (0.86) are renames, while `bill_length_mm`
    /// and `bill_depth_mm` (0.75), two different measurements, are not.
    package static let renameThreshold = 0.8

    package static func score(_ a: String, _ b: String) -> Double {
        var left = normalized(a), right = normalized(b)
        if left.isEmpty && right.isEmpty {
            left = Array(a.lowercased())
            right = Array(b.lowercased())
        }
        let longest = max(left.count, right.count)
        guard longest > 0 else { return 1 }
        return 1 - Double(ClosestMatch.editDistance(left, right)) / Double(longest)
    }

    package static func differOnlyInCase(_ a: String, _ b: String) -> Bool {
        a != b && a.lowercased() == b.lowercased()
    }

    private static func normalized(_ name: String) -> [Character] {
        Array(name.lowercased().filter { $0.isLetter || $0.isNumber })
    }
}
