/// One thing a check found: where, how bad, what is wrong and what would be right.
///
/// `rule` is a stable id (`reference.unresolved`, `drift.schema.missing-column`, …) that
/// baselines and SARIF use; `state` is the health state it puts its document in, if any.
public struct Finding: Sendable, Hashable, Codable {
    public var severity: Severity
    public var rule: String
    public var message: String
    public var location: SourceLocation
    public var state: HealthState?

    package init(
        _ severity: Severity, _ rule: String, _ message: String, at location: SourceLocation, state: HealthState? = nil
    ) {
        self.severity = severity
        self.rule = rule
        self.message = message
        self.location = location
        self.state = state
    }

    /// The order reports list findings in: by file, line and column, then rule and message.
    package static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
        (a.location, a.rule, a.message) < (b.location, b.rule, b.message)
    }

    /// `path:line:col: error|warning: message [rule-id]`, the compiler-style line every CI reads.
    public var formatted: String {
        "\(location.path):\(location.line):\(location.column): \(severity.rawValue): \(message) [\(rule)]"
    }
}

/// A finding can travel as the failure of a `Result`.
extension Finding: Error {}
