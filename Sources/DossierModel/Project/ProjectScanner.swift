import DossierCore
import Foundation

/// Finds a project's Markdown documents (SPEC 1.1).
///
/// Skips `.git/`, hidden folders, `node_modules/`, virtual environments (`venv/`, `.venv/`, any
/// folder holding `pyvenv.cfg`), the output folder and `exclude:` globs. Symbolic links to files
/// are followed only when they resolve inside the project; linked folders are not entered, so a
/// link loop or a link to `/` cannot make the scan escape or run forever.
package struct ProjectScanner: Sendable {
    package let root: URL
    package let include: [Glob]
    package let exclude: [Glob]
    /// The output folder relative to the root, when it lies inside the project.
    package let outputFolder: String?

    package init(root: URL, config: ProjectConfig, outputFolder: String?) {
        self.root = root
        include = config.docs.map(Glob.init)
        exclude = config.exclude.map(Glob.init)
        self.outputFolder = outputFolder
    }

    package static let skippedFolders: Set<String> = ["node_modules", "venv", "__pycache__", "site-packages"]

    /// Project-relative paths of the documents, sorted.
    package func scan() -> [String] {
        scanReportingNames().paths
    }

    /// The documents, and a `file.name-encoding` warning for each name in a scanned folder that
    /// is not UTF-8: such a file cannot be named in a page or a finding, so it is skipped, but
    /// not silently.
    package func scanReportingNames() -> (paths: [String], findings: [Finding]) {
        var found: [String] = []
        var findings: [Finding] = []
        let rootPath = root.standardizedFileURL.resolvingSymlinksInPath().path
        walk(folder: "", absolute: rootPath, rootPath: rootPath, into: &found, findings: &findings)
        return (found.sorted(), findings)
    }

    private func walk(
        folder: String, absolute: String, rootPath: String, into found: inout [String],
        findings: inout [Finding]
    ) {
        guard let (names, undecodable) = ProjectFiles.listNames(absolute) else { return }
        if !folder.isEmpty, names.contains("pyvenv.cfg") { return }
        for name in undecodable where !name.hasPrefix(".") {
            let shown = folder.isEmpty ? name : folder + "/" + name
            findings.append(
                Finding(
                    .warning, "file.name-encoding",
                    "the name of `\(shown)` is not UTF-8, so Dossier "
                        + "skips it; rename it (for example with `convmv -f latin1 -t utf8`)",
                    at: SourceLocation(path: shown)))
        }
        for name in names.sorted() {
            if name.hasPrefix(".") { continue }
            let relative = folder.isEmpty ? name : folder + "/" + name
            let full = absolute + "/" + name
            var info = stat()
            guard lstat(full, &info) == 0 else { continue }
            let type = info.st_mode & S_IFMT
            if type == S_IFDIR {
                if Self.skippedFolders.contains(name) || relative == outputFolder { continue }
                if exclude.contains(where: { $0.matches(relative) }) { continue }
                if !include.isEmpty, !include.contains(where: { $0.matchesFolderPrefix(relative) }) { continue }
                walk(folder: relative, absolute: full, rootPath: rootPath, into: &found, findings: &findings)
            } else if type == S_IFREG || type == S_IFLNK {
                guard name.lowercased().hasSuffix(".md") || Notebook.isNotebook(name) else { continue }
                if type == S_IFLNK {
                    // A linked file counts only when it points at a regular file inside the project.
                    let target = URL(fileURLWithPath: full).resolvingSymlinksInPath().path
                    var targetInfo = stat()
                    guard target.hasPrefix(rootPath + "/") else {
                        findings.append(
                            Finding(
                                .warning, "file.outside-project",
                                "`\(relative)` is a symbolic link "
                                    + "that leads outside the project, so it is not read",
                                at: SourceLocation(path: relative)))
                        continue
                    }
                    guard stat(target, &targetInfo) == 0, targetInfo.st_mode & S_IFMT == S_IFREG else { continue }
                }
                if exclude.contains(where: { $0.matches(relative) }) { continue }
                if !include.isEmpty, !include.contains(where: { $0.matches(relative) }) { continue }
                found.append(relative)
            }
        }
    }
}
