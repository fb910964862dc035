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
        guard let listing = FolderListing(absolute) else { return }
        let names = listing.entries.map { $0.isASCII ? nil : listing.name($0) }
        if !folder.isEmpty,
            listing.entries.indices.contains(where: {
                listing.hasName(listing.entries[$0], "pyvenv.cfg") || names[$0] == "pyvenv.cfg"
            })
        {
            return
        }
        let undecodable = listing.entries.indices.filter { !listing.entries[$0].isASCII && names[$0] == nil }
            .map { listing.repairedName(listing.entries[$0]) }.sorted()
        for name in undecodable where !name.hasPrefix(".") {
            let shown = folder.isEmpty ? name : folder + "/" + name
            findings.append(
                Finding(
                    .warning, "file.name-encoding",
                    "the name of `\(shown)` is not UTF-8, so Dossier "
                        + "skips it; rename it (for example with `convmv -f latin1 -t utf8`)",
                    at: SourceLocation(path: shown)))
        }
        // Only folders and what may be a document can add a path or a finding: the others (the
        // data and code files, most of a project) are passed by on their bytes, unsorted.
        var visited = listing.bytes.withUnsafeBufferPointer { all in
            listing.entries.indices.filter { index in
                let entry = listing.entries[index]
                guard entry.isASCII else { return names[index] != nil }
                let name = UnsafeBufferPointer(rebasing: all[entry.start..<(entry.start + entry.count)])
                guard name.first != UInt8(ascii: ".") else { return false }
                switch Int32(entry.type) {
                case Int32(DT_DIR), Int32(DT_UNKNOWN): return true
                case Int32(DT_REG), Int32(DT_LNK): return Self.mayBeDocument(name)
                default: return false
                }
            }
        }
        // In the order of the names as `String`s, as before: the order of the findings.
        listing.sortInStringOrder(&visited)
        let folderBytes = Array(folder.utf8)
        for index in visited {
            let entry = listing.entries[index]
            if entry.isASCII, entry.type == UInt8(DT_REG) {
                // An ASCII name ending in `.md` or `.ipynb` in any case, a regular file: a document
                // unless the globs leave it out (the test below, without a `String` for its name).
                let relative = listing.bytes.withUnsafeBufferPointer { all in
                    Self.joined(
                        folderBytes, UnsafeBufferPointer(rebasing: all[entry.start..<(entry.start + entry.count)]))
                }
                if exclude.contains(where: { $0.matches(relative) }) { continue }
                if !include.isEmpty, !include.contains(where: { $0.matches(relative) }) { continue }
                found.append(relative)
                continue
            }
            let name = names[index] ?? listing.repairedName(entry)
            visit(
                name, type: entry.type, folder: folder, absolute: absolute, rootPath: rootPath, into: &found,
                findings: &findings)
        }
    }

    /// `folder/name` (or `name` at the top), one allocation.
    private static func joined(_ folder: [UInt8], _ name: UnsafeBufferPointer<UInt8>) -> String {
        let count = folder.isEmpty ? name.count : folder.count + 1 + name.count
        return String(unsafeUninitializedCapacity: count) { buffer in
            var at = 0
            if !folder.isEmpty {
                _ = UnsafeMutableBufferPointer(rebasing: buffer[0..<folder.count]).initialize(from: folder)
                buffer[folder.count] = 0x2F
                at = folder.count + 1
            }
            _ = UnsafeMutableBufferPointer(rebasing: buffer[at..<count]).initialize(from: name)
            return count
        }
    }

    /// One entry of `folder` (a UTF-8 name; `entryType` as `readdir` gave it): entered, added, or passed by.
    private func visit(
        _ name: String, type entryType: UInt8, folder: String, absolute: String, rootPath: String,
        into found: inout [String], findings: inout [Finding]
    ) {
        if name.hasPrefix(".") { return }
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
            guard lstat(full, &info) == 0 else { return }
            type = info.st_mode & S_IFMT
        default: return  // a pipe, socket or device: never a document or a folder
        }
        if type == S_IFDIR {
            if Self.skippedFolders.contains(name) || relative == outputFolder { return }
            if exclude.contains(where: { $0.matches(relative) }) { return }
            if !include.isEmpty, !include.contains(where: { $0.matchesFolderPrefix(relative) }) { return }
            walk(folder: relative, absolute: full, rootPath: rootPath, into: &found, findings: &findings)
        } else if type == S_IFREG || type == S_IFLNK {
            guard Self.mayBeDocument(name.utf8), name.lowercased().hasSuffix(".md") || Notebook.isNotebook(name)
            else {
                return
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
                    return
                }
                guard stat(target, &targetInfo) == 0, targetInfo.st_mode & S_IFMT == S_IFREG else { return }
            }
            if exclude.contains(where: { $0.matches(relative) }) { return }
            if !include.isEmpty, !include.contains(where: { $0.matches(relative) }) { return }
            found.append(relative)
        }
    }

    /// False when `name` cannot be a Markdown file or a notebook: its last bytes are not `.md` or
    /// `.ipynb` in any ASCII case (only ASCII letters lowercase to those). A cheap test before
    /// the exact, Unicode-aware one, for the thousands of data and code files a project holds.
    private static func mayBeDocument<Bytes: BidirectionalCollection<UInt8>>(_ bytes: Bytes) -> Bool {
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
