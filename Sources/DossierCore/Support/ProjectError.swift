/// Why a project could not be read at all (exit status 2; nothing is written).
public struct ProjectError: Error, CustomStringConvertible, Sendable {
    package init(message: String, findings: [Finding]) {
        self.message = message
        self.findings = findings
    }

    public var message: String
    public var findings: [Finding]
    public var description: String { message }
}
