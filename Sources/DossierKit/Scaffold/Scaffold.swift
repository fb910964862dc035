import DossierCore
import DossierModel
import Foundation

/// `dossier new` and `dossier init`: write skeletons, never overwrite a file.
public enum Scaffold {
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    /// Writes a skeleton for `kind` and returns its path. Throws when the kind or id is not
    /// valid or the file exists.
    @discardableResult
    public static func newDocument(kind rawKind: String, id: String, project: String) throws -> String {
        guard let kind = DocumentKind(rawValue: rawKind.lowercased()) else {
            throw Failure(description: "unknown kind `\(rawKind)`; kinds are \(DocumentKind.allCases.map(\.rawValue).joined(separator: ", "))"
                + ClosestMatch.suggestion(rawKind, in: DocumentKind.allCases.map(\.rawValue)))
        }
        guard DocumentLoader.isValidID(id) else {
            throw Failure(description: "id `\(id)` may hold only lowercase letters, digits, `-`, `_` and `.`")
        }
        let relative = DocumentSkeleton.path(kind: kind, id: id)
        let path = URL(fileURLWithPath: project).appendingPathComponent(relative).path
        try write(DocumentSkeleton.text(kind: kind, id: id), to: path)
        return path
    }

    /// Writes `dossier.yml` and one document of each kind; returns what it wrote and what it
    /// left alone because it exists.
    public static func initProject(at project: String) throws -> (written: [String], skipped: [String]) {
        guard ProjectFiles.isDirectory(project) else { throw Failure(description: "no folder at \(project)") }
        var written: [String] = []
        var skipped: [String] = []
        let files = [("dossier.yml", DocumentSkeleton.configText)] + DocumentSkeleton.starterSet()
        for (relative, text) in files {
            let path = URL(fileURLWithPath: project).appendingPathComponent(relative).path
            if ProjectFiles.exists(path) {
                skipped.append(relative)
                continue
            }
            try write(text, to: path)
            written.append(relative)
        }
        return (written, skipped)
    }

    package static func write(_ text: String, to path: String) throws {
        if ProjectFiles.exists(path) { throw Failure(description: "\(path) exists; Dossier does not overwrite it") }
        try ProjectFiles.makeDirectories(ProjectPath.directory(of: path).isEmpty ? "." : URL(fileURLWithPath: path).deletingLastPathComponent().path)
        try ProjectFiles.write(text, to: path)
    }
}
