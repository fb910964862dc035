import DossierCore
import Foundation

/// `dossier verify DOC…`: records the current commit as each document's baseline by writing
/// `verified: <HEAD>` into its front matter, leaving every other byte as it was.
public enum DocumentVerifier {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Verifies each document at HEAD of the repository holding it; returns the commit used.
    @discardableResult
    public static func verify(_ paths: [String]) throws -> [(path: String, commit: String)] {
        var done: [(String, String)] = []
        for path in paths {
            let url = URL(fileURLWithPath: path).standardizedFileURL
            guard let text = ProjectFiles.readText(url.path) else {
                throw Failure(description: "cannot read \(path) as UTF-8 text")
            }
            let history = GitHistory(projectRoot: url.deletingLastPathComponent().path)
            guard history.status == .available else {
                throw Failure(description: "\(path) is not in a git repository with history; `verify` records a commit")
            }
            guard let head = history.head else {
                throw Failure(description: "the repository holding \(path) has no commits yet")
            }
            try ProjectFiles.write(FrontMatterVerifier.setVerified(head.hash, inDocument: text), to: url.path)
            done.append((path, head.hash))
        }
        return done
    }
}
