import DossierChecks
import DossierCore
import Foundation

/// The build cache (`.dossier-cache/` in the project by default): rendered pages stored under a
/// key that digests everything the page shows, so a rebuild renders only pages whose inputs
/// changed and writes the very bytes a cold build would. Safe to delete at any time; an entry
/// is written to a temporary name and renamed, so a killed build never leaves half an entry.
/// Entries the current build did not use are removed at the end, so the folder stays the size
/// of one site.
package final class BuildCache: BuildCacheStore, @unchecked Sendable {
    /// Bump when the meaning of a key or an entry changes.
    package static let formatVersion = "dossier-cache 1"
    package static let defaultFolderName = CommittedCacheCheck.defaultFolderName

    package let folder: String
    private let pages: String
    /// Everything that is the same for every key of this build: the cache format and the binary.
    private let salt: String
    private let lock = NSLock()
    private var used: Set<String> = []
    package private(set) var hits = 0
    package private(set) var misses = 0
    /// Site-wide pages and the search index (`SiteWideCacheKeys`), counted apart from documents.
    package private(set) var siteHits = 0
    package private(set) var siteMisses = 0
    /// An entry larger than this is not read (a miss): the cache is read as untrusted input.
    package static let maximumEntryBytes = 512 << 20

    /// Opens (creating) the cache at `folder`; nil when it cannot be made or is not a plain
    /// folder (a link is refused, so a project cannot point the cache elsewhere) — the build then
    /// runs cold, which is always correct.
    package init?(folder: String) {
        var info = stat()
        if lstat(folder, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR { return nil }
        // `.gitignore` only in a folder the cache starts from nothing: `--cache` may name a folder
        // of the user's, whose files (and whose git status) are not the cache's to change.
        let fresh = (ProjectFiles.listNames(folder)?.names.isEmpty) ?? true
        pages = folder + "/pages"
        guard (try? ProjectFiles.makeDirectories(pages)) != nil else { return nil }
        if lstat(pages, &info) != 0 || (info.st_mode & S_IFMT) != S_IFDIR { return nil }
        self.folder = folder
        salt = Self.formatVersion + "\u{1F}" + Self.executableIdentity
        // Never committed by accident: git ignores a folder holding `.gitignore` with `*`.
        if fresh { try? ProjectFiles.write("*\n", to: folder + "/.gitignore") }
    }

    /// The key of an entry whose inputs are `parts`, salted with the format and the binary.
    package func key(_ parts: [String]) -> String {
        StableDigest.of([salt] + parts)
    }

    /// The stored bytes under `key`, nil on a miss. `siteWide` only picks the counter.
    package func lookup(_ key: String, siteWide: Bool = false) -> [UInt8]? {
        let bytes = Self.readEntry(pages + "/" + key)
        lock.withLock {
            used.insert(key)
            switch (bytes == nil, siteWide) {
            case (true, false): misses += 1
            case (false, false): hits += 1
            case (true, true): siteMisses += 1
            case (false, true): siteHits += 1
            }
        }
        return bytes
    }

    /// A regular file's bytes, at most `maximumEntryBytes`; never through a symbolic link (an
    /// entry swapped for a link to a file elsewhere is a miss, not that file's bytes).
    private static func readEntry(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size <= maximumEntryBytes
        else { return nil }
        let size = Int(info.st_size)
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let got = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + done, size - done) }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { return nil }
            done += got
        }
        return bytes
    }

    /// Stores `text` under `key`; a failure only means a miss next time.
    package func store(_ key: String, text: String) {
        var text = text
        text.withUTF8 { store(key, bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Stores `bytes` under `key`; a failure only means a miss next time.
    package func store(_ key: String, bytes: UnsafeRawBufferPointer) {
        let temporary = pages + "/.\(key).\(ProcessInfo.processInfo.processIdentifier)"
        guard (try? ProjectFiles.write(bytes: bytes, to: temporary)) != nil else { return }
        if rename(temporary, pages + "/" + key) != 0 { unlink(temporary) }
    }

    /// Removes every entry this build did not look up (pages of deleted documents, old versions).
    package func prune() {
        let keep = lock.withLock { used }
        // Only names the cache writes (a key, or a key's temporary `.key.pid`) are removed.
        for name in ProjectFiles.listNames(pages)?.names ?? [] where !keep.contains(name) {
            let key = name.hasPrefix(".") ? name.dropFirst().prefix { $0 != "." } : Substring(name)
            guard key.count == 32, key.allSatisfy(\.isHexDigit) else { continue }
            unlink(pages + "/" + name)
        }
    }

    /// Which Dossier wrote an entry: the executable's GNU build id (a digest the linker takes of
    /// the binary, the same for the same build wherever it is installed, so CI can keep the cache
    /// between runs), else its size and modification time. A rebuilt or upgraded binary never
    /// reads pages an older one rendered.
    package static let executableIdentity: String = {
        // Foundation resolves /proc/self/exe to the file (under valgrind too, which runs the
        // program from its own binary).
        let path = Bundle.main.executablePath ?? "/proc/self/exe"
        if let id = buildID(path) { return "build-id " + id }
        var info = stat()
        guard stat(path, &info) == 0 else { return "unknown \(ProcessInfo.processInfo.processIdentifier)" }
        return "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }()

    /// The `NT_GNU_BUILD_ID` note of the ELF file at `path`, in hex; nil when it has none.
    package static func buildID(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        func read(_ offset: Int, _ count: Int) -> [UInt8]? {
            guard count > 0, count <= 1 << 20 else { return nil }
            var buffer = [UInt8](repeating: 0, count: count)
            let got = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(offset)) }
            return got == count ? buffer : nil
        }
        func integer(_ bytes: [UInt8], _ at: Int, _ size: Int) -> Int {
            guard at >= 0, at + size <= bytes.count else { return -1 }
            var value = 0
            for i in (0..<size).reversed() { value = value << 8 | Int(bytes[at + i]) }
            return value
        }
        // A 64-bit little-endian ELF file: "\u{7F}ELF", class 2, data 1.
        guard let header = read(0, 64), header[0..<4] == [0x7F, 0x45, 0x4C, 0x46], header[4] == 2, header[5] == 1
        else { return nil }
        let phoff = integer(header, 32, 8), phentsize = integer(header, 54, 2), phnum = integer(header, 56, 2)
        guard phentsize >= 56, let table = read(phoff, phentsize * phnum) else { return nil }
        for i in 0..<phnum where integer(table, i * phentsize, 4) == 4 {  // PT_NOTE
            let entry = i * phentsize
            guard let notes = read(integer(table, entry + 8, 8), integer(table, entry + 32, 8)) else { continue }
            var at = 0
            while at + 12 <= notes.count {
                let nameSize = integer(notes, at, 4), descSize = integer(notes, at + 4, 4)
                let type = integer(notes, at + 8, 4)
                let nameAt = at + 12, descAt = nameAt + (nameSize + 3) / 4 * 4
                let end = descAt + (descSize + 3) / 4 * 4
                guard nameSize >= 0, descSize >= 0, end <= notes.count else { break }
                if type == 3, nameSize == 4, notes[nameAt..<(nameAt + 4)] == [0x47, 0x4E, 0x55, 0] {  // "GNU"
                    return notes[descAt..<(descAt + descSize)].map { String(format: "%02x", $0) }.joined()
                }
                at = end
            }
        }
        return nil
    }
}
