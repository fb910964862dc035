import DossierCore
import DossierModel
import Foundation

/// The project's files explained (issue 13 item 6): its tree with hidden, ignored and linked
/// entries left out, each entry with its explanation and the documents that reference it, and
/// the share of code, notebook and data files some document references.
///
/// Every read goes through `ProjectFiles`; symbolic links are never followed (not even inside
/// the project: a link would show a file twice or loop). Git is asked once which files are not
/// ignored (`git ls-files -co --exclude-standard`); without git nothing is treated as ignored.
package struct RepositoryMap: Sendable {
    /// Where an explanation came from, in the order they are tried.
    package enum Source: String, Sendable, Hashable {
        case structure = "dossier.yml"
        case document = "document"
        case readme = "README"
        case docstring = "docstring"
        case notebook = "notebook heading"
        case shape = "data shape"
    }

    /// What kind of file counts towards coverage.
    package enum Category: String, Sendable, Hashable {
        case code, notebook, data
    }

    package struct Entry: Sendable, Hashable {
        package var path: String
        package var name: String
        package var depth: Int
        package var isDirectory: Bool
        package var explanation: String?
        package var source: Source?
        /// Documents referencing the entry (or, for a folder, something inside it), by index.
        package var referencedBy: [Int] = []
        package var category: Category?
        /// Entries below a folder the tree does not show (deeper than the configured depth).
        package var hiddenBelow = 0
        /// A folder holding something explained or referenced, or an entry inside a folder a
        /// document references (`mlflow: mlruns/1` covers its run folders).
        package var coveredAround = false

        package var isUndocumented: Bool { explanation == nil && referencedBy.isEmpty && !coveredAround }
    }

    /// Entries in tree order (a folder, then what it holds, names sorted), down to `depth`.
    package var entries: [Entry] = []
    /// Code, notebook and data files anywhere in the tree, and how many some document references.
    package var coveredFiles = 0
    package var countedFiles = 0
    /// True when the walk stopped at `maximumEntries`.
    package var truncated = false

    /// Entries walked at most: the page is a map, not a listing of a dataset's files.
    package static let maximumEntries = 20_000
    /// Bytes read from a file to explain it (README, module docstring); notebooks may be larger.
    package static let maximumExplainBytes = 256 * 1024
    package static let maximumNotebookBytes = 8 * 1024 * 1024
    /// Notebooks and data files opened to explain them, at most, per build: a folder of ten
    /// thousand CSV files is listed, not read.
    package static let maximumFilesOpened = 200

    package static let codeExtensions: Set<String> = [
        "py", "r", "jl", "scala", "sql", "sh", "js", "ts", "java", "go",
        "rs", "swift", "c", "cpp", "h", "m", "ipynb",
    ]
    package static let dataExtensions: Set<String> = [
        "csv", "tsv", "jsonl", "parquet", "feather", "arrow", "xlsx",
        "xls",
        "h5", "hdf5", "npy", "npz", "pkl", "avro", "orc",
    ]

    /// The share of code, notebook and data files referenced, nil when there are none.
    package var coverage: Double? {
        countedFiles == 0 ? nil : Double(coveredFiles) / Double(countedFiles)
    }

    /// `7 of 12 code, notebook and data files (58%)`.
    package var coverageText: String? {
        guard let coverage else { return nil }
        return "\(coveredFiles) of \(countedFiles) code, notebook and data files (\(Int((coverage * 100).rounded()))%)"
    }

    package var undocumented: [Entry] { entries.filter(\.isUndocumented) }

    package init() {}

    /// Walks the project. `samples` are the profiles the checks read (schema samples and linked data
    /// files, by path: their shape is reused, not read again); `output` is the site folder inside
    /// the project, left out.
    package init(
        root: URL, config: ProjectConfig, documents: [Document], samples: [String: SampleProfile],
        output: String?
    ) {
        self.init(
            root: root, config: config, documents: documents, samples: samples, output: output,
            visible: Self.gitVisibleFiles(root: root))
    }

    /// The walk with git's `visible` files already listed (`gitVisibleFiles`).
    package init(
        root: URL, config: ProjectConfig, documents: [Document], samples: [String: SampleProfile],
        output: String?, visible: Set<String>?
    ) {
        let files = ProjectFiles(projectRoot: root)
        // By index: `enumerated()` copied every document (a retain and a release of each field).
        var references: [String: Set<Int>] = [:]
        for index in documents.indices {
            for reference in documents[index].codeReferences {
                let path = String(reference.text.split(separator: "#", maxSplits: 1).first ?? "")
                guard let clean = ProjectFiles.normalize(path), !clean.isEmpty else { continue }
                references[clean.hasSuffix("/") ? String(clean.dropLast()) : clean, default: []].insert(index)
            }
        }
        var documentIndex: [String: Int] = [:]
        documentIndex.reserveCapacity(documents.count)
        for index in documents.indices { documentIndex[documents[index].path] = index }
        var shapes: [String: String] = [:]
        for (path, sample) in samples { shapes[path] = Self.shape(sample) }
        var walker = Walker(
            files: files, config: config, visible: visible, output: output, references: references,
            documents: documents, documentIndex: documentIndex, shapes: shapes,
            sampleReader: SampleReader(maxRows: config.sampleRows, maxDistinctValues: 0))
        walker.walk(folder: "", depth: 0)
        entries = walker.entries
        coveredFiles = walker.covered
        countedFiles = walker.counted
        truncated = walker.truncated
    }

    /// Files git does not ignore (tracked or untracked), relative to `root`; nil without git or
    /// outside a work tree. One process.
    package static func gitVisibleFiles(root: URL) -> Set<String>? {
        gitVisibleListing(root: root).map(visibleFiles(listed:))
    }

    /// `git ls-files`' answer that `gitVisibleFiles` reads, as git wrote it (NUL-separated paths).
    package static func gitVisibleListing(root: URL) -> Data? {
        guard let git = GitProcess.locate(),
            let output = GitProcess.run(git, ["ls-files", "-z", "-co", "--exclude-standard"], in: root.path),
            output.status == 0
        else { return nil }
        return output.stdout
    }

    /// The paths in a listing of `gitVisibleListing`.
    package static func visibleFiles(listed: Data) -> Set<String> {
        var files = Set<String>()
        forEachListedPath(listed) { files.insert(String(decoding: $0, as: UTF8.self)) }
        return files
    }

    /// Calls `body` with the bytes of each path of a NUL-separated listing, empty ones left out
    /// (as `listed.split(separator: 0)` gives them), found with `memchr`: `Data`'s generic split
    /// and the `Character` walks over each path were 2% of a cold build's instructions
    /// (callgrind, 1,000 documents; the listing, its digest and the visible folders).
    static func forEachListedPath(_ listed: Data, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        listed.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let base = bytes.baseAddress else { return }
            var start = 0
            while start < bytes.count {
                var end = bytes.count
                if let found = memchr(base + start, 0, bytes.count - start) {
                    end = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                }
                if end > start { body(UnsafeBufferPointer(start: base + start, count: end - start)) }
                start = end + 1
            }
        }
    }

    /// Whether a listed path's parts can be found by its `/` bytes: ASCII (where each byte is one
    /// `Character`, so no `/` joins a combining mark) and without empty parts (no leading,
    /// trailing or doubled `/`), so that splitting at `/` as `Character`s keeps every part.
    static func isPlainPath(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = path.first, let last = path.last, first != 0x2F, last != 0x2F else { return false }
        var previous: UInt8 = 0
        for byte in path {
            if byte >= 0x80 || (byte == 0x2F && previous == 0x2F) { return false }
            previous = byte
        }
        return true
    }

    /// The folders above each of `paths` (`a/b/c.py` gives `a/b` and `a`), parts split at `/`
    /// with empty ones left out. A plain path (`isPlainPath`) is cut at its `/` bytes; any other
    /// takes the `Character` split (`foldersByCharacters`).
    static func folders(holding paths: Set<String>) -> Set<String> {
        var folders = Set<String>()
        for path in paths {
            var path = path
            let plain = path.withUTF8 { bytes -> Bool in
                guard isPlainPath(bytes) else { return false }
                // From the deepest folder up; one already there has its parents there too.
                var end = bytes.count
                while let slash = bytes[..<end].lastIndex(of: 0x2F) {
                    let folder = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<slash]), as: UTF8.self)
                    if !folders.insert(folder).inserted { break }
                    end = slash
                }
                return true
            }
            if !plain { addFoldersByCharacters(of: path, to: &folders) }
        }
        return folders
    }

    /// `folders(holding:)`'s walk for one path, over `Character`s.
    static func addFoldersByCharacters(of path: String, to folders: inout Set<String>) {
        var parts = path.split(separator: "/").dropLast()
        while !parts.isEmpty {
            let folder = parts.joined(separator: "/")
            if !folders.insert(folder).inserted { break }
            parts = parts.dropLast()
        }
    }

    /// The walk's state, so the recursion stays readable.
    private struct Walker {
        let files: ProjectFiles
        let config: ProjectConfig
        let visible: Set<String>?
        let output: String?
        let references: [String: Set<Int>]
        let documents: [Document]
        let documentIndex: [String: Int]
        let shapes: [String: String]
        let sampleReader: SampleReader
        var entries: [Entry] = []
        var covered = 0
        var counted = 0
        var truncated = false
        var walked = 0
        var opened = 0

        /// Folders that hold a visible file, computed once from git's list.
        lazy var visibleFolders: Set<String> = RepositoryMap.folders(holding: visible ?? [])

        /// Walks `folder`, appending the entries shown; returns the referencing documents of
        /// everything below it and how many entries below it the tree does not show.
        /// `referencedAbove` and `explainedAbove` say whether `folder` or a folder above it is
        /// referenced by a document or explained in `structure:` (what covers every entry inside).
        @discardableResult
        mutating func walk(
            folder: String, depth: Int, referencedAbove: Bool = false, explainedAbove: Bool = false
        ) -> (references: Set<Int>, hidden: Int, documented: Bool) {
            var below = Set<Int>()
            var hidden = 0
            var documented = false
            // Listed with each entry's type as the folder records it (sorted by name, names that are
            // not UTF-8 left out): an `lstat` of every file in the repository cost 12,000 calls a
            // build at 10,000 documents. File systems that do not record types get the `lstat`.
            guard let located = try? files.locate(folder), let listed = ProjectFiles.listEntries(located) else {
                return (below, hidden, documented)
            }
            let absoluteFolder = folder.isEmpty ? files.resolvedRootPath : files.resolvedRootPath + "/" + folder
            for (name, entryType) in listed.entries where !name.hasPrefix(".") {
                if walked >= RepositoryMap.maximumEntries {
                    truncated = true
                    break
                }
                let path = folder.isEmpty ? name : folder + "/" + name
                if path == output { continue }
                // Links are never followed, in or out of the project; nor are pipes and devices read.
                let isDirectory: Bool
                switch Int32(entryType) {
                case Int32(DT_DIR): isDirectory = true
                case Int32(DT_REG): isDirectory = false
                case Int32(DT_UNKNOWN):
                    var info = stat()
                    guard lstat(absoluteFolder + "/" + name, &info) == 0 else { continue }
                    let type = info.st_mode & S_IFMT
                    guard type == S_IFDIR || type == S_IFREG else { continue }
                    isDirectory = type == S_IFDIR
                default: continue  // a link, pipe, socket or device
                }
                if let visible {
                    if isDirectory ? !visibleFolders.contains(path) : !visible.contains(path) { continue }
                }
                // A site Dossier wrote (this build's output or an earlier one) is not project content.
                if isDirectory, files.exists(path + "/.nojekyll"), files.isDirectory(path + "/dossier") { continue }
                walked += 1
                let shown = depth < config.structureDepth
                let position = entries.count
                if shown {
                    entries.append(Entry(path: path, name: name, depth: depth, isDirectory: isDirectory))
                } else {
                    hidden += 1
                }
                var referencing = references[path] ?? []
                var innerDocumented = false
                if isDirectory {
                    let inner = walk(
                        folder: path, depth: depth + 1, referencedAbove: referencedAbove || references[path] != nil,
                        explainedAbove: explainedAbove || config.structure[path] != nil)
                    referencing.formUnion(inner.references)
                    innerDocumented = inner.documented
                    if shown { entries[position].hiddenBelow = inner.hidden } else { hidden += inner.hidden }
                } else if let category = RepositoryMap.category(of: name) {
                    counted += 1
                    // A reference to an enclosing folder covers the file too.
                    if !referencing.isEmpty || referencedAbove { covered += 1 }
                    if shown { entries[position].category = category }
                }
                below.formUnion(referencing)
                let explained = shown ? explain(path, name: name, isDirectory: isDirectory, opened: &opened) : nil
                if !referencing.isEmpty || explained != nil || innerDocumented || documentIndex[path] != nil {
                    documented = true
                }
                if shown {
                    entries[position].referencedBy = referencing.sorted()
                    entries[position].coveredAround = innerDocumented || referencedAbove || explainedAbove
                    if let (text, source) = explained {
                        entries[position].explanation = text
                        entries[position].source = source
                    }
                }
            }
            return (below, hidden, documented)
        }

        /// A folder explained in `structure:` is explained as a whole, with what it holds.
        /// The first explanation in order: dossier.yml's `structure:`, the document itself (its
        /// summary), a folder's README, a module's docstring, a notebook's first heading, a data
        /// file's shape.
        private func explain(_ path: String, name: String, isDirectory: Bool, opened: inout Int) -> (String, Source)? {
            if let text = config.structure[path] { return (text, .structure) }
            if let index = documentIndex[path] {
                // A document explains itself by its summary, or by a title it was given (a notebook
                // without one is titled by its file name, which explains nothing: its heading does).
                if let summary = documents[index].summary { return (summary, .document) }
                let title = documents[index].title
                if title != documents[index].id, title != name { return (title, .document) }
            }
            if isDirectory {
                for readme in ["README.md", "readme.md", "Readme.md"] {
                    // A README that is a document explains its folder by its summary.
                    if let index = documentIndex[path + "/" + readme], let summary = documents[index].summary {
                        return (summary, .readme)
                    }
                    if let text = try? files.text(path + "/" + readme),
                        let paragraph = RepositoryText.firstParagraph(text)
                    {
                        return (paragraph, .readme)
                    }
                }
                return nil
            }
            switch RepositoryMap.fileExtension(of: name) {
            case "py":
                guard let bytes = try? files.bytes(path, limit: RepositoryMap.maximumExplainBytes) else { return nil }
                return RepositoryText.docstring(String(decoding: bytes, as: UTF8.self)).map { ($0, .docstring) }
            case "ipynb":
                guard opened < RepositoryMap.maximumFilesOpened else { return nil }
                opened += 1
                guard let bytes = try? files.bytes(path, limit: RepositoryMap.maximumNotebookBytes) else { return nil }
                return RepositoryText.notebookHeading(Data(bytes)).map { ($0, .notebook) }
            case "csv", "tsv", "jsonl":
                if let shape = shapes[path] { return (shape, .shape) }
                guard opened < RepositoryMap.maximumFilesOpened else { return nil }
                opened += 1
                guard let file = try? files.url(for: path),
                    let sample = try? sampleReader.profile(of: file, reportedAs: path)
                else { return nil }
                return (RepositoryMap.shape(sample), .shape)
            default:
                return nil
            }
        }
    }

    /// A file name's extension in lower case, as `NSString.pathExtension` finds it (after the last
    /// dot, none for a name starting with its only dot), read over bytes: the walk asks for every
    /// file, and bridging to `NSString` cost more than the rest of classifying it.
    package static func fileExtension(of name: String) -> String {
        let bytes = name.utf8
        guard let dot = bytes.lastIndex(of: UInt8(ascii: ".")), dot != bytes.startIndex else { return "" }
        let after = bytes.index(after: dot)
        guard after != bytes.endIndex else { return "" }
        return String(Substring(name.utf8[after...])).lowercased()
    }

    /// `344 rows × 8 columns`, `at least 10000 rows × 3 columns`.
    package static func shape(_ sample: SampleProfile) -> String {
        let columns = sample.columns.filter { $0.parent == nil }.count
        return "\(sample.rowCountText) × \(columns == 1 ? "1 column" : "\(columns) columns")"
    }

    /// Code, notebook or data, by extension; nil for anything else (docs, configs).
    package static func category(of name: String) -> Category? {
        let ext = fileExtension(of: name)
        if ext == "ipynb" { return .notebook }
        if codeExtensions.contains(ext) { return .code }
        if dataExtensions.contains(ext) { return .data }
        return nil
    }
}
