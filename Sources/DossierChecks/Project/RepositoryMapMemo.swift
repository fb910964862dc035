import DossierCore
import DossierModel
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The repository map (`RepositoryMap`) kept in the build cache between builds
/// (`.dossier-cache/repository`): a build whose inputs to the map are unchanged reads it back
/// instead of walking the project, asking git which files it ignores and reading READMEs,
/// docstrings and notebooks again (at 10,000 documents the walk was a tenth of a one-edit build).
///
/// The key digests everything the map is made of: the stamp of every project file
/// (`BuildFingerprint.Taken.tree`, hidden ones too, which git's ignore rules live in) except
/// the Markdown documents other than READMEs — the map shows of those only their path, title
/// and summary, which the key holds instead, so a prose edit keeps the map — plus what the
/// fingerprint holds besides the files (git's HEAD, refs and configuration, options, environment),
/// the configuration, each document's path, id, title, summary and code references, the
/// shapes of the profiled samples, the output folder and the Dossier that wrote it. A map is
/// saved only from stamps taken outside the racy window (`BuildFingerprint.Taken.isRacy`).
///
/// What only git's answer depends on (`Taken.gitState`: the git found on `PATH`, `GIT_*`
/// variables, the stamp of git's index) is not in the key: git rewrites its index without
/// changing what it lists (the checks' `git status` refreshes it after a checkout), and `perf`
/// or a Python virtual environment prepends to `PATH`; each missed the memo. The file holds that
/// state and a digest of `git ls-files`' answer the map was made from; under another state git is
/// asked again (one process, ~10 ms), and the same answer reads the map back (then saved under
/// the new state).
///
/// The file is untrusted input: anything malformed, of another key, or naming a document the
/// project does not have is a miss, never a crash; it is replaced whole (`replaceWhole`).
package final class RepositoryMapMemo: @unchecked Sendable {
    static let fileHeader = "dossier-repository 3\n"
    /// A file larger than this is not read.
    static let maximumFileBytes = 64 << 20

    /// The stored properties the file holds; a test fails when the map or its entry gains one not
    /// listed (a map read back without it would show something else than a fresh one).
    package static let savedMapFields: Set<String> = ["entries", "coveredFiles", "countedFiles", "truncated"]
    package static let savedEntryFields: Set<String> = [
        "path", "name", "depth", "isDirectory", "explanation", "source", "referencedBy", "category",
        "hiddenBelow", "coveredAround",
    ]

    private let path: String
    private let identity: String
    private let settings: String
    private let gitState: String
    private let tree: [FileStamps.Record]
    private let savable: Bool
    private var made: Saved?
    /// True when the map came from the file.
    package private(set) var reused = false
    /// True when git was asked which files it lists because its state was not the saved one.
    package private(set) var listingAsked = false
    /// True when the saved map was read back under its saved key with only git's state new (and
    /// git's listing the saved one): saving then records just the new state, so it is saved even
    /// from racy stamps. Racy stamps cannot vouch for a map made now, but this map was made (and
    /// saved) from stamps that could, and its key says they are unchanged. Not saving it left
    /// every later build asking `git ls-files` again: a build right after an edit is racy, and one
    /// `git status` that rewrote the index was enough (10,000 files: a git process and 1.2 MB of
    /// listing on every edit build).
    private var onlyGitStateIsNew = false

    /// What the file holds: the key, git's state and listing digest, and the map.
    struct Saved {
        var key: String
        var gitState: String
        var listing: String
        var map: RepositoryMap
    }

    /// A memo at `path` (in the cache folder) for a build of the Dossier `identity` whose
    /// fingerprint is `settings` (`Taken.settings`), `gitState` (`Taken.gitState`) and `tree`
    /// (`Taken.tree`); `savable` is false for racy stamps, which may miss a write (the map is then
    /// made, not saved).
    package init(
        path: String, identity: String, settings: String, gitState: String = "", tree: [FileStamps.Record],
        savable: Bool
    ) {
        self.path = path
        self.identity = identity
        self.settings = settings
        self.gitState = gitState
        self.tree = tree
        self.savable = savable
    }

    /// What `prepare` found: the key's digest before the samples, and the file's map with its key
    /// (nil when there is no readable file), for a project of `documents` documents.
    private struct Prepared {
        var digest: StableDigest
        var saved: Saved?
        var documents: Int
    }

    private let preparedLock = NSLock()
    private var prepared: Prepared?

    /// Does, on the calling thread, what `map` needs that the checks do not decide: the key's
    /// digest of the tree and the documents, and reading, checking and decoding the file (at
    /// 10,000 documents, ~40 ms the main thread spent after the checks; the loader calls this on
    /// its index pass's thread, which runs beside them). `map` then adds the samples to the key.
    /// Called at most once, with the `root`, `config`, `documents` and `output` `map` is given.
    package func prepare(root: URL, config: ProjectConfig, documents: [Document], output: String?) {
        let made = preparation(root: root, config: config, documents: documents, output: output)
        preparedLock.withLock { prepared = made }
    }

    /// What `prepare` keeps.
    private func preparation(root: URL, config: ProjectConfig, documents: [Document], output: String?) -> Prepared {
        let digest = keyBeforeSamples(root: root, config: config, documents: documents, output: output)
        let saved = Self.read(path).flatMap { Self.decode($0, documents: documents.count) }
        return Prepared(digest: digest, saved: saved, documents: documents.count)
    }

    /// The map of the project: read back when the file holds one of the same key, else made.
    package func map(
        root: URL, config: ProjectConfig, documents: [Document], samples: [String: SampleProfile], output: String?
    ) -> RepositoryMap {
        // Let go of here: the map read back is the build's, the memo keeps only what it made.
        let taken = preparedLock.withLock { () -> Prepared? in
            defer { prepared = nil }
            return prepared
        }
        let ready =
            taken.flatMap { $0.documents == documents.count ? $0 : nil }
            ?? preparation(root: root, config: config, documents: documents, output: output)
        var digest = ready.digest
        Self.addSamples(samples, to: &digest)
        let key = digest.hex
        if let saved = ready.saved, saved.key == key, saved.gitState == gitState {
            reused = true
            return saved.map
        }
        let listed = RepositoryMap.gitVisibleListing(root: root)
        let listing = Self.listingDigest(listed, output: output)
        if let saved = ready.saved, saved.key == key {
            listingAsked = true
            if saved.listing == listing {
                reused = true
                onlyGitStateIsNew = true
                made = Saved(key: key, gitState: gitState, listing: listing, map: saved.map)
                return saved.map
            }
        }
        let map = RepositoryMap(
            root: root, config: config, documents: documents, samples: samples, output: output,
            visible: listed.map(RepositoryMap.visibleFiles(listed:)))
        made = Saved(key: key, gitState: gitState, listing: listing, map: map)
        return map
    }

    /// A digest of what the walk can learn from `git ls-files`' answer (or of its absence): the
    /// walk never enters a hidden entry nor the output folder, so a path through one counts only as
    /// "something visible" in the folder above it. The output's files and the staging folder
    /// beside it (written while git lists) would otherwise make every answer differ.
    static func listingDigest(_ listed: Data?, output: String?) -> String {
        guard let listed else { return "none" }
        var seen: [String] = []
        // A plain path (`RepositoryMap.isPlainPath`) is cut at its `/` bytes, and compared with an
        // ASCII output by bytes (an ASCII string equals only itself); any other path takes the
        // `Character` walk.
        var outputBytes: [UInt8]? = output.map { Array($0.utf8) }
        if let bytes = outputBytes, !bytes.allSatisfy({ $0 < 0x80 }) { outputBytes = nil }
        let asciiOutput = output == nil || outputBytes != nil
        RepositoryMap.forEachListedPath(listed) { path in
            let part =
                asciiOutput && RepositoryMap.isPlainPath(path)
                ? Self.visiblePart(of: path, output: outputBytes)
                : Self.visiblePartByCharacters(of: String(decoding: path, as: UTF8.self), output: output)
            if let part { seen.append(part) }
        }
        seen.sort()
        var digest = StableDigest()
        var last: String?
        for path in seen where path != last {
            digest.add(path)
            last = path
        }
        return digest.hex
    }

    /// What the walk can see of one listed path: the path, or the part of it before a hidden
    /// entry or the output folder, then `/`; nil when the first part is one. `path` is plain
    /// (`RepositoryMap.isPlainPath`) and `output`, when given, ASCII.
    static func visiblePart(of path: UnsafeBufferPointer<UInt8>, output: [UInt8]?) -> String? {
        var kept = 0
        var start = 0
        while start < path.count {
            let end = path[start...].firstIndex(of: 0x2F) ?? path.count
            let hidden = path[start] == UInt8(ascii: ".")
            let isOutput = output.map { $0.count == end && path[..<end].elementsEqual($0) } ?? false
            if hidden || isOutput {
                guard kept > 0 else { return nil }
                return String(decoding: UnsafeBufferPointer(rebasing: path[..<kept]), as: UTF8.self) + "/"
            }
            kept = end
            start = end + 1
        }
        return String(decoding: path, as: UTF8.self)
    }

    /// `visiblePart(of:output:)` for any path, over `Character`s.
    static func visiblePartByCharacters(of path: String, output: String?) -> String? {
        var kept = ""
        for part in path.split(separator: "/", omittingEmptySubsequences: false) {
            let next = kept.isEmpty ? String(part) : kept + "/" + part
            if part.hasPrefix(".") || next == output { return kept.isEmpty ? nil : kept + "/" }
            kept = next
        }
        return kept
    }

    /// Saves the map this build made, when its stamps can be trusted (or when only git's state is
    /// new, `onlyGitStateIsNew`); failing only costs the next build the walk.
    package func save() {
        guard savable || onlyGitStateIsNew, let made else { return }
        let bytes = Self.encode(made.map, key: made.key, gitState: made.gitState, listing: made.listing)
        _ = bytes.withUnsafeBytes { ProjectFiles.replaceWhole(path, with: $0) }
    }

    func key(
        root: URL, config: ProjectConfig, documents: [Document], samples: [String: SampleProfile], output: String?
    ) -> String {
        var digest = keyBeforeSamples(root: root, config: config, documents: documents, output: output)
        Self.addSamples(samples, to: &digest)
        return digest.hex
    }

    /// The key's digest of everything but the samples (which the checks profile).
    private func keyBeforeSamples(
        root: URL, config: ProjectConfig, documents: [Document], output: String?
    ) -> StableDigest {
        var digest = StableDigest()
        digest.add(Self.fileHeader)
        digest.add(identity)
        digest.add(settings)
        digest.add(root.path)
        digest.add(output ?? "\u{0}")
        var config = config
        let structure = config.structure
        config.structure = [:]
        digest.add(String(describing: config))
        for name in structure.keys.sorted() {
            digest.add(name)
            digest.add(structure[name]!)
        }
        // Markdown documents show on the map by what the key holds of them below; a README's
        // text explains its folder, so its stamp stays.
        // By index: a `for document in documents` loop copied every document (a retain and a
        // release per field), twice over.
        var shownByFace = Set<UInt64>()
        for index in documents.indices where RepositoryMap.fileExtension(of: documents[index].path) == "md" {
            let path = documents[index].path
            let name = ProjectPath.lastComponent(path) ?? Substring(path)
            if !name.lowercased().hasPrefix("readme") { shownByFace.insert(FileStamps.pathHash(path)) }
        }
        digest.add(integer: tree.count)
        for record in tree where !shownByFace.contains(record.path) {
            digest.add(integer: Int(Int64(bitPattern: record.path)))
            digest.add(integer: Int(Int64(bitPattern: record.stamp)))
        }
        digest.add(integer: documents.count)
        for index in documents.indices {
            digest.add(documents[index].path)
            digest.add(documents[index].id)
            digest.add(documents[index].title)
            digest.add(documents[index].summary ?? "\u{0}")
            digest.add(integer: documents[index].codeReferences.count)
            for reference in documents[index].codeReferences { digest.add(reference.text) }
        }
        return digest
    }

    /// Adds to the key what `RepositoryMap.shape` shows of each sample.
    private static func addSamples(_ samples: [String: SampleProfile], to digest: inout StableDigest) {
        // What `RepositoryMap.shape` shows of each, without composing its text (once per sample).
        for path in samples.keys.sorted() {
            let sample = samples[path]!
            digest.add(path)
            digest.add(integer: sample.rowsRead)
            digest.add(integer: sample.reachedRowLimit ? 1 : 0)
            digest.add(integer: sample.columns.reduce(0) { $0 + ($1.parent == nil ? 1 : 0) })
        }
    }

    // MARK: - The file

    static func encode(_ map: RepositoryMap, key: String, gitState: String = "", listing: String = "") -> [UInt8] {
        var out = MemoWriter()
        out.string(key)
        out.string(gitState)
        out.string(listing)
        out.integer(map.coveredFiles)
        out.integer(map.countedFiles)
        out.flag(map.truncated)
        out.count(map.entries.count)
        for entry in map.entries {
            out.string(entry.path)
            out.string(entry.name)
            out.integer(entry.depth)
            out.flag(entry.isDirectory)
            out.optionalString(entry.explanation)
            out.optionalString(entry.source?.rawValue)
            out.count(entry.referencedBy.count)
            for index in entry.referencedBy { out.integer(index) }
            out.optionalString(entry.category?.rawValue)
            out.integer(entry.hiddenBelow)
            out.flag(entry.coveredAround)
        }
        var digest = StableDigest()
        out.bytes.withUnsafeBytes { digest.add($0) }
        return Array((fileHeader + digest.hex + "\n").utf8) + out.bytes
    }

    /// The map in `bytes` when it is whole, under `key`, and names only documents below `documents`.
    static func decode(_ bytes: [UInt8], key: String, documents: Int) -> RepositoryMap? {
        guard let saved = decode(bytes, documents: documents), saved.key == key else { return nil }
        return saved.map
    }

    /// The map in `bytes` and the key it was saved under, when it is whole and names only documents
    /// below `documents` (decoded before the key is known: `prepare`).
    static func decode(_ bytes: [UInt8], documents: Int) -> Saved? {
        let header = Array(fileHeader.utf8)
        let start = header.count + 33
        guard bytes.count >= start, bytes[0..<header.count].elementsEqual(header), bytes[start - 1] == 0x0A
        else { return nil }
        var digest = StableDigest()
        bytes.withUnsafeBytes { digest.add(UnsafeRawBufferPointer(rebasing: $0[start...])) }
        guard bytes[header.count..<(start - 1)].elementsEqual(digest.hex.utf8) else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            var input = MemoReader(buffer, at: start)
            return try? decodeMap(&input, documents: documents)
        }
    }

    private static func decodeMap(
        _ input: inout MemoReader, documents: Int
    ) throws(MemoReader.Malformed) -> Saved {
        let key = try input.string()
        let gitState = try input.string()
        let listing = try input.string()
        var map = RepositoryMap()
        map.coveredFiles = try natural(&input)
        map.countedFiles = try natural(&input)
        map.truncated = try input.flag()
        let count = try input.count()
        map.entries.reserveCapacity(count)
        for _ in 0..<count {
            let path = try input.string(), name = try input.string()
            var entry = RepositoryMap.Entry(
                path: path, name: name, depth: try natural(&input), isDirectory: try input.flag())
            entry.explanation = try input.optionalString()
            if let source = try input.optionalString() {
                guard let known = RepositoryMap.Source(rawValue: source) else { throw MemoReader.Malformed() }
                entry.source = known
            }
            for _ in 0..<(try input.count()) {
                let index = try natural(&input)
                guard index < documents else { throw MemoReader.Malformed() }
                entry.referencedBy.append(index)
            }
            if let category = try input.optionalString() {
                guard let known = RepositoryMap.Category(rawValue: category) else { throw MemoReader.Malformed() }
                entry.category = known
            }
            entry.hiddenBelow = try natural(&input)
            entry.coveredAround = try input.flag()
            map.entries.append(entry)
        }
        guard input.atEnd else { throw MemoReader.Malformed() }
        return Saved(key: key, gitState: gitState, listing: listing, map: map)
    }

    /// A number the map never holds negative (a count, a depth, a document's index).
    private static func natural(_ input: inout MemoReader) throws(MemoReader.Malformed) -> Int {
        let value = try input.integer()
        guard value >= 0 else { throw MemoReader.Malformed() }
        return value
    }

    /// The file's bytes; nil when it or its folder is a link, it is too large or unreadable.
    static func read(_ path: String) -> [UInt8]? {
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        var info = stat()
        guard lstat(folder.isEmpty ? "/" : folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR,
            lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= maximumFileBytes
        else { return nil }
        return try? ProjectFiles.readBytes(path, limit: maximumFileBytes)
    }
}
