import DossierCore
import Foundation

/// The branch View source and Edit links point at when `edit_branch` is not given: the
/// repository's default branch as git knows it (`origin/HEAD`), else the branch checked out,
/// else `main`. A `master` repository then gets working links without any setting.
package enum DefaultBranch {
    package static let fallback = "main"

    package static func resolve(projectRoot: String, git: String? = GitProcess.locate()) -> String {
        guard let git else { return fallback }
        func ref(_ arguments: [String]) -> String? {
            guard let output = GitProcess.run(git, arguments, in: projectRoot), output.status == 0 else { return nil }
            let text = String(decoding: output.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty || text.contains(where: \.isWhitespace) ? nil : text
        }
        if let remote = ref(["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"]) {
            // `origin/master` → `master`.
            return remote.hasPrefix("origin/") ? String(remote.dropFirst("origin/".count)) : remote
        }
        return ref(["symbolic-ref", "--quiet", "--short", "HEAD"]) ?? fallback
    }
}
