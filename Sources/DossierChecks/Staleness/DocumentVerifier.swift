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
            // The project is the repository the path lies in as written: its folders are not
            // resolved first, so a linked folder cannot move the write out of the project.
            let root = enclosingRepository(of: url.path) ?? url.deletingLastPathComponent().path
            let files = ProjectFiles(projectRoot: URL(fileURLWithPath: root))
            guard let relative = files.relativePath(ofAbsolute: url.path) else {
                throw Failure(description: "\(path) is outside the project at \(root); nothing was written")
            }
            var info = stat()
            if lstat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
                throw Failure(description: "\(path) is a symbolic link; `verify` does not write through links "
                    + "(verify the document it points to instead); nothing was written")
            }
            let text: String
            do throws(DriftFileProblem) {
                text = try files.text(relative)
            } catch {
                throw Failure(description: "cannot read \(path): \(error.reason); nothing was written")
            }
            let history = GitHistory(projectRoot: url.deletingLastPathComponent().path)
            guard history.status == .available else {
                throw Failure(description: "\(path) is not in a git repository with history; `verify` records a commit")
            }
            guard let head = history.head else {
                throw Failure(description: "the repository holding \(path) has no commits yet")
            }
            do throws(ProjectFiles.WriteFailure) {
                try files.replace(relative, with: FrontMatterVerifier.setVerified(head.hash, inDocument: text))
            } catch {
                throw Failure(description: error.description)
            }
            done.append((path, head.hash))
        }
        return done
    }

    /// The nearest folder above `path`, as written (links not resolved), that holds `.git`.
    private static func enclosingRepository(of path: String) -> String? {
        var folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        while folder.path != "/" {
            var info = stat()
            if lstat(folder.path + "/.git", &info) == 0 { return folder.path }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }
}
