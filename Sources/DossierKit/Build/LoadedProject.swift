import Foundation

/// Why a project could not be read at all (exit status 2; nothing is written).
public struct ProjectError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var findings: [Finding]
    public var description: String { message }
}

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

/// The commit that last touched a document, for its page footer.
public struct LastChange: Sendable, Hashable {
    public var commit: String
    public var date: String
    public var subject: String

    public init(commit: String, date: String, subject: String) {
        self.commit = commit
        self.date = date
        self.subject = subject
    }
}

/// Options that the command line may override over `dossier.yml`.
public struct BuildOptions: Sendable {
    public var output: String?
    public var strict: Bool?
    public var baseURL: String?

    public init(output: String? = nil, strict: Bool? = nil, baseURL: String? = nil) {
        self.output = output
        self.strict = strict
        self.baseURL = baseURL
    }
}
