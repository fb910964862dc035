import DossierCore
import Foundation

/// A build cache inside the project holds rendered pages that builds copy into the site as they
/// are. Files of it that git tracks came with the repository — from anyone who can open a pull
/// request — and could put any HTML into the published site, so such a cache is not used.
package enum CommittedCacheCheck {
    /// The cache folder's name in the project when `--cache` does not name another.
    package static let defaultFolderName = ".dossier-cache"

    /// The finding when git tracks files in the cache folder (then the build runs without the
    /// cache); nil when it tracks none, the folder is outside the project, or there is no git.
    package static func check(cacheFolder: String, projectRoot: URL) -> Finding? {
        let root = projectRoot.standardizedFileURL.path
        let folder = URL(fileURLWithPath: cacheFolder).standardizedFileURL.path
        guard folder.hasPrefix(root + "/"), let git = GitProcess.locate() else { return nil }
        let relative = String(folder.dropFirst(root.count + 1))
        guard let output = GitProcess.run(git, ["ls-files", "-z", "--", relative], in: root), output.status == 0,
            !output.stdout.isEmpty
        else { return nil }
        return Finding(
            .warning, "cache.committed",
            "the build cache `\(relative)/` has files in git; a committed cache could put any HTML into "
                + "the site, so it is not used (remove it with `git rm -r --cached \(relative)`)",
            at: SourceLocation(path: relative))
    }
}
