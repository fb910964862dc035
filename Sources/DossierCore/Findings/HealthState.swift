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
