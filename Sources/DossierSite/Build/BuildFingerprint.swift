import DossierChecks
import DossierCore
import DossierMarkdown
import Foundation

/// Everything a build's pages and findings can depend on, as one digest taken before the build
/// reads anything: Dossier's binary, the options, the environment variables it reads, the theme,
/// the tools it runs (git, Graphviz) and the assets it copies, git's state (HEAD, refs, index,
/// config) and the stamp (`FileStamps`) of every file in the project — hidden ones too, since a
/// document may name any file — except the output and the cache. Nothing a build reads depends on
/// the clock, so two builds with the same fingerprint write the same bytes and report the same
/// findings, and the second need not run (`BuildReceipt`).
package enum BuildFingerprint {
    /// One fingerprint, and what tells whether it can be trusted later.
    package struct Taken: Sendable, Equatable {
        package var digest: String
        /// The latest modification or change time of any file stamped, in nanoseconds.
        package var newestChange: Int64
        /// When the stamps were taken, in nanoseconds.
        package var takenAt: Int64
        /// The digest of everything but the project's files (options, environment, theme, tools,
        /// git's HEAD, refs and configuration), and each project file's stamp
        /// (`FileStamps.Record`): what a memo of part of the project (`RepositoryMapMemo`) keys
        /// itself on. `settings` leaves out what only git's answers depend on and which changes
        /// without a change to them: the git found (`PATH`, which `perf` and a Python virtual
        /// environment prepend to), `GIT_*` variables and the stamp of git's index (which
        /// `git status` rewrites after a checkout). That is `gitState`.
        package var settings = ""
        package var gitState = ""
        package var tree: [FileStamps.Record] = []

        /// True when a file changed so shortly before the stamps were taken that a write right
        /// after could leave the same stamp (file times come from a clock that ticks every few
        /// milliseconds): such a fingerprint may miss an edit and is not recorded.
        package var isRacy: Bool { newestChange >= takenAt - racyWindow }
    }

    /// Comfortably more than the coarse kernel clock's tick (1–10 ms) that file times come from.
    static let racyWindow: Int64 = 100_000_000

    /// The variables Dossier or the tools it runs read, besides those starting `DOSSIER_` or `GIT_`.
    static let environmentKeys: Set<String> = ["PATH", "HOME", "XDG_CONFIG_HOME"]

    /// The fingerprint of a build of `settings` with `options`, or nil when the project is too
    /// large or deep to stamp (then every build runs).
    package static func take(
        settings: ProjectSettings, options: BuildOptions, theme: Theme, cacheFolder: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Taken? {
        let takenAt = FileStamps.now()
        var stamps = FileStamps()
        stamps.add(BuildReceipt.format)
        stamps.add(BuildCache.executableIdentity)
        let optionValues = [
            settings.outputURL.path, options.strict.map(String.init) ?? "-", options.baseURL ?? "-",
            options.config ?? "-", options.dot ?? "-", cacheFolder,
        ]
        for value in optionValues { stamps.add(value) }
        var gitState = FileStamps()
        for key in environment.keys.sorted() where key != "DOSSIER_TIMINGS" {
            guard key.hasPrefix("DOSSIER_") || key.hasPrefix("GIT_") || environmentKeys.contains(key) else { continue }
            if key == "PATH" || key.hasPrefix("GIT_") {
                gitState.add(key)
                gitState.add(environment[key] ?? "")
            } else {
                stamps.add(key)
                stamps.add(environment[key] ?? "")
            }
        }
        stamps.add(theme.fingerprint)
        let git = GitProcess.locate()
        gitState.add(git ?? "none")
        if let git { gitState.add(file: git, following: true) }
        let dot = GraphvizRenderer.locate(explicit: options.dot)
        stamps.add(dot ?? "none")
        if let dot { stamps.add(file: dot, following: true) }
        stamps.add(tree: PageAssets.katexFolder)
        for license in PageAssets.katexLicenses { stamps.add(file: license, following: true) }
        stamps.add(PageAssets.mermaid ?? "none")
        if let mermaid = PageAssets.mermaid { stamps.add(tree: mermaid) }
        let gitIndexFile = addGitState(to: &stamps, git: git, root: settings.root.path, environment: environment)
        // Which files git ignores (the repository map lists only the others) also depends on the
        // `.gitignore` files of the folders above a project kept in a subfolder of its repository.
        var above = settings.root.standardizedFileURL.deletingLastPathComponent()
        for _ in 0..<64 {
            stamps.add(file: above.appendingPathComponent(".gitignore").path)
            let parent = above.deletingLastPathComponent()
            if parent.path == above.path { break }
            above = parent
        }

        let output = settings.outputURL.path
        // The staging and retired folders a build makes beside the output (`OutputWriter.Staging`).
        let besideOutput = ProjectPath.directory(of: output) + "/." + settings.outputURL.lastPathComponent + ".dossier-"
        let settingsDigest = stamps.hex
        if let gitIndexFile { gitState.add(file: gitIndexFile) }
        stamps.add(stamps: gitState)
        stamps.add(
            tree: settings.root.path, recording: true, parallel: true,
            skipping: SkippedPaths(paths: [output, cacheFolder], suffixes: ["/.git"], prefixes: [besideOutput]))
        guard !stamps.incomplete else { return nil }
        return Taken(
            digest: stamps.hex, newestChange: stamps.newestChange, takenAt: takenAt, settings: settingsDigest,
            gitState: gitState.hex, tree: stamps.records)
    }

    /// What git's answers depend on besides the work tree: HEAD, the refs, the index, the
    /// configuration (the repository's and the user's) and grafts. Where the repository is
    /// comes from git itself, so a work tree of another checkout or a project in a subfolder of
    /// its repository is stamped right. Returns the index's path, which the caller stamps (nil
    /// without a repository).
    private static func addGitState(
        to stamps: inout FileStamps, git: String?, root: String, environment: [String: String]
    ) -> String? {
        let home = environment["HOME"]
        let configHome = environment["XDG_CONFIG_HOME"] ?? home.map { $0 + "/.config" }
        let userFiles = [
            home.map { $0 + "/.gitconfig" }, configHome.map { $0 + "/git/config" },
            configHome.map { $0 + "/git/ignore" }, "/etc/gitconfig",
        ]
        for file in userFiles.compactMap({ $0 }) { stamps.add(file: file, following: true) }
        let arguments = ["rev-parse", "--absolute-git-dir", "--git-common-dir"]
        guard let git, let found = GitProcess.run(git, arguments, in: root) else {
            stamps.add("no git")
            return nil
        }
        stamps.add(String(found.status))
        let lines = String(decoding: found.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
        guard found.status == 0, lines.count == 2 else {
            stamps.add(found.errorText)
            return nil
        }
        let gitFolder = lines[0]
        let commonFolder = lines[1].hasPrefix("/") ? lines[1] : root + "/" + lines[1]
        for name in ["/HEAD", "/shallow", "/config.worktree"] { stamps.add(file: gitFolder + name) }
        for name in ["/packed-refs", "/config", "/info/exclude", "/info/grafts", "/shallow"] {
            stamps.add(file: commonFolder + name)
        }
        stamps.add(tree: commonFolder + "/refs")
        if gitFolder != commonFolder { stamps.add(tree: gitFolder + "/refs") }
        return gitFolder + "/index"
    }
}
