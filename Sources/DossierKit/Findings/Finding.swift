/// How serious a finding is. `error` fails `build` and `check`; `warning` fails them only under `--strict`.
public enum Severity: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    case warning
    case error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .warning && rhs == .error
    }
}

/// A place in a project file: path relative to the project root, 1-based line and column.
public struct SourceLocation: Sendable, Hashable, Codable, Comparable {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int = 1, column: Int = 1) {
        self.path = path
        self.line = max(1, line)
        self.column = max(1, column)
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }
}

/// The health of one document (SPEC 1.6), ordered from best to worst.
public enum HealthState: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    case fresh
    case unknown
    case stale
    case drift
    case broken

    private var rank: Int {
        switch self {
        case .fresh: 0
        case .unknown: 1
        case .stale: 2
        case .drift: 3
        case .broken: 4
        }
    }

    public static func < (lhs: HealthState, rhs: HealthState) -> Bool { lhs.rank < rhs.rank }
}

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

    public init(_ severity: Severity, _ rule: String, _ message: String, at location: SourceLocation, state: HealthState? = nil) {
        self.severity = severity
        self.rule = rule
        self.message = message
        self.location = location
        self.state = state
    }

    /// `path:line:col: error|warning: message [rule-id]`, the compiler-style line every CI reads.
    public var formatted: String {
        "\(location.path):\(location.line):\(location.column): \(severity.rawValue): \(message) [\(rule)]"
    }
}

/// A finding can travel as the failure of a `Result`.
extension Finding: Error {}
