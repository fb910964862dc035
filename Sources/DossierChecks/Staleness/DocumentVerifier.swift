import DossierCore
import DossierFormats
import DossierModel
import Foundation

/// `dossier verify DOC…`: records what each document was checked against — a content fingerprint
/// of every item it references, taken from the working tree (SPEC 1.6) — leaving every other
/// byte as it was. No commit id is recorded, so the record survives squash, rebase and merge
/// commits, and verifying before committing the code edit works.
///
/// A document with front matter gets a `verified:` mapping there; one without (a plain README)
/// gets a trailing `<!-- dossier-verified … -->` comment, which renderers do not show.
public enum DocumentVerifier {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Verifies each document; returns how many references each record covers.
    @discardableResult
    public static func verify(_ paths: [String]) throws -> [(path: String, references: Int)] {
        var done: [(String, Int)] = []
        var checkers: [String: StalenessChecker] = [:]
        for path in paths {
            let url = URL(fileURLWithPath: path).standardizedFileURL
            // The project is found from the path as written: its folders are not resolved first,
            // so a linked folder cannot move the write out of the project.
            let root = projectRoot(containing: url)
            let files = ProjectFiles(projectRoot: URL(fileURLWithPath: root))
            guard let relative = files.relativePath(ofAbsolute: url.path) else {
                throw Failure(description: "\(path) is outside the project at \(root); nothing was written")
            }
            var info = stat()
            if lstat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
                throw Failure(
                    description: "\(path) is a symbolic link; `verify` does not write through links "
                        + "(verify the document it points to instead); nothing was written")
            }
            let text: String
            do throws(DriftFileProblem) {
                text = try files.text(relative)
            } catch {
                throw Failure(description: "cannot read \(path): \(error.reason); nothing was written")
            }
            let checker = checkers[root] ?? StalenessChecker(history: GitHistory(projectRoot: root))
            checkers[root] = checker
            let (document, _) = DocumentLoader.load(path: relative, text: text)
            guard let document else { throw Failure(description: "cannot read \(path) as a document") }
            var entries: [(String, String)] = []
            var seen = Set<String>()
            for written in document.codeReferences {
                guard case let .success(parsed)? = CodeReferenceParser.parse(written.text, at: written.location),
                    case let reference = StalenessChecker.checkedForm(parsed),
                    seen.insert(reference.text).inserted,
                    let fingerprint = checker.currentFingerprint(of: reference)
                else { continue }
                entries.append((reference.text, fingerprint.value))
            }
            entries.sort { $0.0 < $1.0 }
            // TOML front matter (`+++`) is not YAML to edit: its record is a comment, as without any.
            let updated =
                document.frontMatter != nil && FrontMatter.split(text).yaml != nil
                ? FrontMatterVerifier.setVerified(fingerprints: entries, inDocument: text)
                : VerificationComment.setting(entries, in: text)
            do throws(ProjectFiles.WriteFailure) {
                try files.replace(relative, with: updated)
            } catch {
                throw Failure(description: error.description)
            }
            done.append((path, entries.count))
        }
        return done
    }

    /// The nearest folder up from the document holding `dossier.yml`, else the git work tree's
    /// top, else the document's folder: references are relative to the project root.
    private static func projectRoot(containing document: URL) -> String {
        var folder = document.deletingLastPathComponent()
        var gitTop: String?
        while true {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("dossier.yml").path) {
                return folder.path
            }
            if gitTop == nil, FileManager.default.fileExists(atPath: folder.appendingPathComponent(".git").path) {
                gitTop = folder.path
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        return gitTop ?? document.deletingLastPathComponent().path
    }
}
