/// Why a file that a drift check compares against could not be read or understood.
///
/// Parsers throw it; checks turn it into a `drift.file.unreadable` finding that points at the
/// file itself (and the line, when the parser knows it), so a person can open it and fix it.
package struct DriftFileProblem: Error, Sendable, Hashable {
    /// The rule id of every finding made from a problem.
    package static let rule = "drift.file.unreadable"

    /// Project-relative path of the file.
    package var path: String
    package var line: Int?
    package var column: Int?
    /// What is wrong, in words: "does not exist", "invalid TOML: expected ']'", …
    package var reason: String
    /// True when the file is not there at all (the document's reference is broken).
    package var isMissing: Bool

    package init(path: String, line: Int? = nil, column: Int? = nil, reason: String, isMissing: Bool = false) {
        self.path = path
        self.line = line
        self.column = column
        self.reason = reason
        self.isMissing = isMissing
    }

    /// The finding for this problem; `reference` is where the document names the file.
    ///
    /// The document cannot be compared with a file it cannot read, so its link to the truth is
    /// broken: the finding is an error in the `broken` state.
    package func finding(referencedFrom reference: SourceLocation?) -> Finding {
        var message = "cannot read \(path): \(reason)"
        if let reference {
            message += " (referenced from \(reference.path):\(reference.line))"
        }
        return Finding(
            .error, Self.rule, message,
            at: SourceLocation(path: path, line: line ?? 1, column: column ?? 1),
            state: .broken
        )
    }
}
