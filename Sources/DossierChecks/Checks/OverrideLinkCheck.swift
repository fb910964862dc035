import DossierCore
import Foundation

/// Reports theme overrides that the theme will not read because they lead out of the project.
///
/// `overrides/` shadows theme templates and assets, and what it holds lands on every page: a link
/// such as `overrides/assets -> /etc` would publish a machine's files. `Theme` reads overrides only
/// through `ProjectFiles`, which refuses such links; this check names each one (an error, since the
/// site then silently lacks what the author meant to override).
package enum OverrideLinkCheck {
    package static let rule = "file.outside-project"
    package static let folder = "overrides"

    package static func findings(_ files: ProjectFiles) -> [Finding] {
        var findings: [Finding] = []
        walk(folder, files: files, depth: 0, into: &findings)
        return findings
    }

    private static func walk(_ relative: String, files: ProjectFiles, depth: Int, into findings: inout [Finding]) {
        do throws(DriftFileProblem) {
            let path = try files.locate(relative)
            // Only folders the theme reads from are walked; depth bounds a deep tree of folders.
            guard ProjectFiles.isDirectory(path), depth < 8 else { return }
            for name in try files.contents(ofDirectory: relative) {
                walk(relative + "/" + name, files: files, depth: depth + 1, into: &findings)
            }
        } catch {
            guard !error.isMissing else { return }
            findings.append(
                Finding(
                    .error, rule,
                    "\(error.path) is not used: \(error.reason); theme overrides must be "
                        + "files inside the project", at: SourceLocation(path: relative)))
        }
    }
}
