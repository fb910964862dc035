import DossierKit
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Printing for the command line: findings to standard error, reports to standard output.
/// Colour only when standard error is a terminal and `NO_COLOR` is unset or empty (no-color.org).
enum Output {
    static let colour: Bool = {
        let noColour = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return !noColour && isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }()

    /// `text` in an SGR colour (31 red, 33 yellow, 2 dim) when colour is on.
    static func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    static func error(_ message: String) {
        ProgressLine.clear()
        FileHandle.standardError.write(Data((paint("dossier: error:", "1;31") + " " + message + "\n").utf8))
    }

    static func warning(_ message: String) {
        ProgressLine.clear()
        FileHandle.standardError.write(Data((paint("dossier: warning:", "1;33") + " " + message + "\n").utf8))
    }

    /// An informational line (where the project was found, timings) to standard error.
    static func note(_ line: String) {
        ProgressLine.clear()
        FileHandle.standardError.write(Data((paint("dossier:", "2") + " " + line + "\n").utf8))
    }

    static func findings(_ findings: [Finding]) {
        guard !findings.isEmpty else { return }
        ProgressLine.clear()
        let text = findings.map(formatted).joined(separator: "\n") + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// `path:line:column: severity: message [rule]`, the severity coloured on a terminal.
    static func formatted(_ finding: Finding) -> String {
        guard colour else { return finding.formatted }
        let l = finding.location
        let severity = paint(finding.severity.rawValue + ":", finding.severity == .error ? "1;31" : "1;33")
        return "\(l.path):\(l.line):\(l.column): \(severity) \(finding.message) \(paint("[\(finding.rule)]", "2"))"
    }

    /// Prints why the project cannot be read and exits 2.
    static func fail(_ error: Error) -> Never {
        if let error = error as? ProjectError {
            findings(error.findings)
            self.error(error.message)
        } else {
            self.error("\(error)")
        }
        exit(2)
    }
}
