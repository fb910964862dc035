import DossierKit
import Foundation

/// Printing for the command line: findings to standard error, reports to standard output.
enum Output {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("dossier: error: " + message + "\n").utf8))
    }

    static func findings(_ findings: [Finding]) {
        guard !findings.isEmpty else { return }
        let text = findings.map(\.formatted).joined(separator: "\n") + "\n"
        FileHandle.standardError.write(Data(text.utf8))
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
