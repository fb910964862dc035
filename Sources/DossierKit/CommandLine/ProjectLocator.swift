import DossierCore
import DossierModel
import Foundation

/// Which folder is the project, as `git` finds its repository: the folder named (or the working
/// directory) when it holds `dossier.yml` or `dossier.yaml`, else the nearest folder above it that
/// does, up to the repository's root (the nearest folder above holding `.git`). Outside a git
/// repository nothing above is searched, so a stray `/tmp/dossier.yml` is never picked up.
/// `--config FILE` overrides the search: the project is the file's folder.
public enum ProjectLocator {
    /// The project's root folder and the configuration file to read, relative to it (nil: look
    /// for `dossier.yml`, then `dossier.yaml`).
    public struct Location: Sendable, Equatable {
        public var root: String
        public var config: String?
        /// The folder was found above the one named (or the working directory).
        public var searchedUpwards: Bool
    }

    /// A folder with dossier.yml, dossier.yaml or (the way in from MkDocs) mkdocs.yml.
    static func isProject(_ folder: URL) -> Bool {
        ProjectConfig.fileName(in: folder) != nil
            || ProjectFiles.exists(folder.appendingPathComponent(MkDocsConfig.fileName).path)
    }

    /// `path`: the project folder argument, nil when none was given; `config`: `--config`.
    public static func locate(path: String?, config: String?) throws -> Location {
        if let config {
            let file = URL(fileURLWithPath: config).standardizedFileURL
            guard ProjectFiles.exists(file.path), !ProjectFiles.isDirectory(file.path) else {
                throw ProjectError(message: "no configuration file at \(config)", findings: [])
            }
            guard let path else {
                return Location(
                    root: file.deletingLastPathComponent().path, config: file.lastPathComponent,
                    searchedUpwards: false)
            }
            let root = URL(fileURLWithPath: path).standardizedFileURL.path
            guard file.path.hasPrefix(root + "/") else {
                throw ProjectError(message: "--config \(config) is not inside the project folder \(path)", findings: [])
            }
            return Location(root: path, config: String(file.path.dropFirst(root.count + 1)), searchedUpwards: false)
        }
        let start = path ?? "."
        let startURL = URL(fileURLWithPath: start).standardizedFileURL
        guard ProjectFiles.isDirectory(startURL.path), !isProject(startURL) else {
            return Location(root: start, config: nil, searchedUpwards: false)
        }
        // The repository root bounds the search; outside a repository there is none.
        var ancestors: [URL] = []
        var folder = startURL
        while true {
            if ProjectFiles.exists(folder.appendingPathComponent(".git").path) {
                for candidate in ancestors.dropFirst() + [folder] where isProject(candidate) {
                    return Location(root: candidate.path, config: nil, searchedUpwards: true)
                }
                break
            }
            ancestors.append(folder)
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path || folder.path == "/" { break }
            folder = parent
        }
        return Location(root: start, config: nil, searchedUpwards: false)
    }
}
