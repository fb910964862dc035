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
        guard let (entries, undecodable) = ProjectFiles.listEntries(absolute) else { return }
        if !folder.isEmpty, entries.contains(where: { $0.name == "pyvenv.cfg" }) { return }
        for name in undecodable where !name.hasPrefix(".") {
            let shown = folder.isEmpty ? name : folder + "/" + name
            findings.append(
                Finding(
                    .warning, "file.name-encoding",
                    "the name of `\(shown)` is not UTF-8, so Dossier "
                        + "skips it; rename it (for example with `convmv -f latin1 -t utf8`)",
                    at: SourceLocation(path: shown)))
        }
        for (name, entryType) in entries {
            if name.hasPrefix(".") { continue }
            let relative = folder.isEmpty ? name : folder + "/" + name
            let full = absolute + "/" + name
            // The folder's own record of the type (a link's, not its target's) spares an lstat per
            // entry; file systems that do not keep it get the lstat.
            let type: mode_t
            switch Int32(entryType) {
            case Int32(DT_DIR): type = S_IFDIR
            case Int32(DT_REG): type = S_IFREG
            case Int32(DT_LNK): type = S_IFLNK
            case Int32(DT_UNKNOWN):
                var info = stat()
                guard lstat(full, &info) == 0 else { continue }
                type = info.st_mode & S_IFMT
            default: continue  // a pipe, socket or device: never a document or a folder
            }
            if type == S_IFDIR {
                if Self.skippedFolders.contains(name) || relative == outputFolder { continue }
                if exclude.contains(where: { $0.matches(relative) }) { continue }
                if !include.isEmpty, !include.contains(where: { $0.matchesFolderPrefix(relative) }) { continue }
                walk(folder: relative, absolute: full, rootPath: rootPath, into: &found, findings: &findings)
            } else if type == S_IFREG || type == S_IFLNK {
                guard Self.mayBeDocument(name), name.lowercased().hasSuffix(".md") || Notebook.isNotebook(name) else {
                    continue
                }
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

    /// False when `name` cannot be a Markdown file or a notebook: its last bytes are not `.md` or
    /// `.ipynb` in any ASCII case (only ASCII letters lowercase to those). A cheap test before
    /// the exact, Unicode-aware one, for the thousands of data and code files a project holds.
    private static func mayBeDocument(_ name: String) -> Bool {
        let bytes = name.utf8
        func endsWith(_ suffix: StaticString) -> Bool {
            guard bytes.count >= suffix.utf8CodeUnitCount else { return false }
            var index = bytes.index(bytes.endIndex, offsetBy: -suffix.utf8CodeUnitCount)
            for i in 0..<suffix.utf8CodeUnitCount {
                var byte = bytes[index]
                if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
                if byte != suffix.utf8Start[i] { return false }
                index = bytes.index(after: index)
            }
            return true
        }
        return endsWith(".md") || endsWith(".ipynb")
    }
}
