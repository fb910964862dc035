import Foundation

/// A project after every stage but rendering: documents, graph, findings and health.
public struct LoadedProject: Sendable {
    public var root: URL
    public var config: ProjectConfig
    public var documents: [Document]
    public var index: DocumentIndex
    /// Every finding, sorted by file, line, column and rule.
    public var findings: [Finding]
    /// Findings per document (same order as `documents`).
    public var documentFindings: [[Finding]]
    /// The health state of each document: the worst state among its findings.
    public var states: [HealthState]
    /// Git facts per document (nil without history).
    public var lastChanges: [LastChange?]
    /// The output folder, absolute.
    public var outputURL: URL

    public var errorCount: Int { findings.filter { $0.severity == .error }.count }
    public var warningCount: Int { findings.filter { $0.severity == .warning }.count }

    /// True when the findings fail the run: any error, or any warning under strict.
    public func fails(strict: Bool) -> Bool {
        errorCount > 0 || (strict && warningCount > 0)
    }
}
