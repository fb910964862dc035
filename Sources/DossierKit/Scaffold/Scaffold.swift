import DossierCore
import DossierModel
import Foundation

/// `dossier new` and `dossier init`: write skeletons, never overwrite a file.
public enum Scaffold {
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    /// The document kinds `new` writes skeletons for, as written on the command line.
    public static var kinds: [String] { DocumentKind.allCases.map(\.rawValue) }

    /// Writes a skeleton for `kind` and returns its path. Throws when the kind or id is not
    /// valid or the file exists.
    @discardableResult
    public static func newDocument(kind rawKind: String, id: String, project: String) throws -> String {
        guard let kind = DocumentKind(rawValue: rawKind.lowercased()) else {
            throw Failure(
                description:
                    "unknown kind `\(rawKind)`; kinds are \(DocumentKind.allCases.map(\.rawValue).joined(separator: ", "))"
                    + ClosestMatch.suggestion(rawKind, in: DocumentKind.allCases.map(\.rawValue)))
        }
        guard DocumentLoader.isValidID(id) else {
            throw Failure(description: "id `\(id)` may hold only lowercase letters, digits, `-`, `_` and `.`")
        }
        let relative = DocumentSkeleton.path(kind: kind, id: id)
        try write(DocumentSkeleton.text(kind: kind, id: id), to: relative, in: try projectFiles(project))
        return URL(fileURLWithPath: project).appendingPathComponent(relative).path
    }

    /// Writes `dossier.yml` and one document of each kind; returns what it wrote and what it
    /// left alone because it exists.
    public static func initProject(at project: String) throws -> (written: [String], skipped: [String]) {
        let door = try projectFiles(project)
        var written: [String] = []
        var skipped: [String] = []
        let files = [("dossier.yml", DocumentSkeleton.configText)] + DocumentSkeleton.starterSet()
        for (relative, text) in files {
            var info = stat()
            // Any name already there, a dangling link included, is left alone.
            if lstat(URL(fileURLWithPath: project).appendingPathComponent(relative).path, &info) == 0 {
                skipped.append(relative)
                continue
            }
            try write(text, to: relative, in: door)
            written.append(relative)
        }
        return (written, skipped)
    }

    /// The project folder's door; the folder must exist (Dossier creates folders only inside it).
    private static func projectFiles(_ project: String) throws -> ProjectFiles {
        guard ProjectFiles.isDirectory(project) else {
            throw Failure(
                description: "no project folder at \(project); create it first (Dossier creates folders "
                    + "only inside a project)")
        }
        return ProjectFiles(projectRoot: URL(fileURLWithPath: project))
    }

    /// Creates `relative` in the project: never over an existing file or link, never through a
    /// link out of the project, atomically.
    package static func write(_ text: String, to relative: String, in files: ProjectFiles) throws {
        do throws(ProjectFiles.WriteFailure) {
            try files.create(relative, with: text)
        } catch {
            throw Failure(description: error.description)
        }
    }
}
