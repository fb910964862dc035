import DossierCore

/// Why a data sample could not be profiled: which file, which line, and what is wrong with it.
///
/// A sample comes from the repository, so a bad one is an input problem to report, never a crash.
package struct SampleReadError: Error, Sendable, Hashable {
    /// What kind of problem stopped the reader.
    package enum Reason: String, Sendable, Hashable, Codable {
        case missingFile, notAFile, unsupportedFormat, unreadable
        case empty, binary, notUTF8, gitLFSPointer
        case raggedRow, unterminatedQuote, recordTooLong
        case invalidJSON
    }

    /// The stable rule id every unreadable-sample finding carries.
    package static let rule = "drift.sample.unreadable"

    package var reason: Reason
    /// The sample's path as the project names it (relative to the project root).
    package var path: String
    /// The 1-based line of the sample where the problem was found; 1 for whole-file problems.
    package var line: Int
    /// A sentence a person can act on, without the path (the finding's location carries it).
    package var message: String

    package init(_ reason: Reason, path: String, line: Int = 1, _ message: String) {
        self.reason = reason
        self.path = path
        self.line = max(1, line)
        self.message = message
    }

    /// The finding to report.
    ///
    /// A missing sample is reported where the document names it (`document`, when given), since
    /// there is no file to point into, and puts the document in the `broken` state (SPEC 1.6: a
    /// reference to a missing path). Every other problem points into the sample itself.
    package func finding(document: SourceLocation? = nil) -> Finding {
        if reason == .missingFile {
            let location = document ?? SourceLocation(path: path)
            return Finding(.error, Self.rule, "sample `\(path)` does not exist", at: location, state: .broken)
        }
        return Finding(
            .error, Self.rule, "sample `\(path)` cannot be read: \(message)",
            at: SourceLocation(path: path, line: line), state: .drift)
    }
}
