import Foundation

extension StringProtocol {
    /// The text without leading and trailing whitespace and line breaks.
    var driftTrimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
