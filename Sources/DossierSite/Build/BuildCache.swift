import DossierChecks
import DossierCore
import Foundation

/// The build cache (`.dossier-cache/` in the project by default): rendered pages stored under a
/// key that digests everything the page shows, so a rebuild renders only pages whose inputs
/// changed and writes the very bytes a cold build would. Safe to delete at any time.
///
/// Entries live in one append-only pack (`pages/data-N`) and an index (`pages/index`: key →
/// offset, length, checksum), not one file each: a cold build of 10,000 pages made 10,000 files
/// (renames and inodes cost seconds of system time) and a warm one opened them all. New entries
/// are appended through one descriptor; lookups `pread` the pack. `prune()` writes the index of
/// the entries this build used (temporary name + rename, so a killed build leaves the old index)
/// and rewrites the pack with live entries only when dead bytes outnumber live ones. The index and
/// pack are untrusted input: anything malformed, out of bounds or failing its checksum is a miss.
/// One build at a time holds the cache (an `flock` on `pages/`); a concurrent build runs cold.
///
/// A document page just written into the site is not copied into the pack: its file is hard-linked
/// into `pages/files/` under its key (`store(_:bytes:linking:)`), since a cold build of 10,000
/// pages spent about 0.4 s of CPU (5% of its profile) copying 276 MB into the pack, and the
/// kernel's writeback of that much about 0.3 s more on the same 2 cores (a link: ~14 µs). The link is trusted as a pack entry is, by its length
/// and checksum (read with `O_NOFOLLOW` in the folder opened without following links): a site
/// file edited in place changes the entry's bytes too, and is a miss. Dossier never writes a site
/// file in place (it writes aside and renames). A cache copied elsewhere (CI) holds plain files
/// with the same bytes; a link that cannot be made (another filesystem) falls back to the pack.
package final class BuildCache: BuildCacheStore, @unchecked Sendable {
    /// Bump when the meaning of a key or an entry changes.
    package static let formatVersion = "dossier-cache 2"
    package static let defaultFolderName = CommittedCacheCheck.defaultFolderName
    /// The first line of `pages/index`, followed by the pack's generation.
    static let indexMagic = "dossier-pack 2"
    /// The folder in `pages/` of the entries kept as files of their own (hard links of site files).
    static let filesFolderName = "files"
    /// In `pages/files/` while a build that linked entries has not yet written its index: a build
    /// killed in between leaves links no index names, which the next build's prune removes.
    static let pendingName = ".pending"

    /// How a page's file is linked into `pages/files/` (tests make it fail, as across filesystems).
    package typealias Linker = @Sendable (_ path: String, _ folder: Int32, _ name: String) -> Int32

    /// Where one entry's bytes are: in the pack at `offset`, or (`inFile`) the file `pages/files/<key>`.
    struct Entry {
        var offset: Int
        var length: Int
        var checksum: UInt64
        var inFile = false
    }

    package let folder: String
    private let pages: String
    /// Everything that is the same for every key of this build: the cache format and the binary.
    private let salt: String
    private let lock = NSLock()
    private var used: Set<String> = []
    /// The index as read plus what this build appended.
    private var entries: [String: Entry] = [:]
    /// Held (`flock`) from `init` to `deinit`: the folder `pages/`.
    private let lockFD: Int32
    /// `pages/files/`, opened without following a link; -1 when it cannot be (then nothing is linked).
    private let filesFD: Int32
    private let linker: Linker
    /// Whether `pages/files/.pending` was there when the cache opened (a build was killed).
    private var pendingAtOpen = false
    /// Whether this build wrote `pages/files/.pending` (before its first link).
    private var pendingWritten = false
    /// Whether `removeUnusedFiles` ran (it runs once, before the site's stamps are taken).
    private var unusedFilesRemoved = false
    /// The pack, read and appended; `generation` names it (`data-<generation>`).
    private let dataFD: Int32
    private let generation: Int
    private var dataEnd: Int
    private var appended = false
    package private(set) var hits = 0
    package private(set) var misses = 0
    /// Site-wide pages and the search index (`SiteWideCacheKeys`), counted apart from documents.
    package private(set) var siteHits = 0
    package private(set) var siteMisses = 0
    /// An entry larger than this is not read (a miss): the cache is read as untrusted input.
    package static let maximumEntryBytes = 512 << 20
    /// An index larger than this is not read (a cold cache).
    static let maximumIndexBytes = 256 << 20

    /// Opens (creating) the cache at `folder`; nil when it cannot be made, is not a plain folder
    /// (a link is refused, so a project cannot point the cache elsewhere) or another build holds
    /// it — the build then runs cold, which is always correct.
    package init?(folder: String, linker: @escaping Linker = { linkat(AT_FDCWD, $0, $1, $2, 0) }) {
        var info = stat()
        if lstat(folder, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR { return nil }
        // `.gitignore` only in a folder the cache starts from nothing: `--cache` may name a folder
        // of the user's, whose files (and whose git status) are not the cache's to change.
        let fresh = (ProjectFiles.listNames(folder)?.names.isEmpty) ?? true
        pages = folder + "/pages"
        guard (try? ProjectFiles.makeDirectories(pages)) != nil else { return nil }
        let lockFD = open(pages, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard lockFD >= 0 else { return nil }
        guard Self.lock(lockFD) else {
            close(lockFD)
            return nil
        }
        let index = Self.readIndex(pages + "/index")
        var dataFD: Int32 = -1
        var generation = 0
        var size = 0
        if let index, let opened = Self.openData(pages + "/data-\(index.generation)", truncate: false) {
            (dataFD, size, generation) = (opened.fd, opened.size, index.generation)
            // An entry the pack cannot hold is dropped here, so lookups only check the checksum.
            entries = index.entries.filter { $0.value.inFile || $0.value.offset + $0.value.length <= size }
        } else if unlink(pages + "/data-0") == 0 || errno == ENOENT,  // a link there is removed, not followed
            let opened = Self.openData(pages + "/data-0", truncate: true)
        {
            (dataFD, size) = (opened.fd, opened.size)
        }
        guard dataFD >= 0 else {
            close(lockFD)
            return nil
        }
        self.lockFD = lockFD
        self.dataFD = dataFD
        self.linker = linker
        if mkdirat(lockFD, Self.filesFolderName, 0o755) != 0, errno != EEXIST {
            filesFD = -1
        } else {
            filesFD = openat(lockFD, Self.filesFolderName, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        }
        if filesFD >= 0 {
            var info = stat()
            pendingAtOpen = fstatat(filesFD, Self.pendingName, &info, AT_SYMLINK_NOFOLLOW) == 0
        }
        self.generation = generation
        dataEnd = size
        self.folder = folder
        salt = Self.formatVersion + "\u{1F}" + Self.executableIdentity
        // Never committed by accident: git ignores a folder holding `.gitignore` with `*`.
        if fresh { try? ProjectFiles.write("*\n", to: folder + "/.gitignore") }
    }

    deinit {
        if filesFD >= 0 { close(filesFD) }
        close(dataFD)
        close(lockFD)
    }

    /// A second build on the same cache renders cold rather than waiting for the first — but only
    /// after a short wait: the lock lives as long as any copy of its descriptor, and a child process
    /// spawned at that moment (git, dot) holds copies until its `exec` closes them (close-on-exec),
    /// so a lock just released can still look held for a few milliseconds on a loaded machine.
    /// `pause` runs between tries (a test makes the holder let go there).
    static func lock(_ fd: Int32, tries: Int = 100, pause: () -> Void = { usleep(10_000) }) -> Bool {
        for attempt in 0..<tries {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { return true }
            guard errno == EWOULDBLOCK || errno == EINTR else { return false }
            if attempt + 1 < tries { pause() }
        }
        return false
    }

    /// The key of an entry whose inputs are `parts`, salted with the format and the binary.
    package func key(_ parts: [String]) -> String {
        StableDigest.of([salt] + parts)
    }

    /// The stored bytes under `key`, nil on a miss. `siteWide` only picks the counter.
    package func lookup(_ key: String, siteWide: Bool = false) -> [UInt8]? {
        let entry = lock.withLock { entries[key] }
        let bytes = entry.flatMap { read(key, $0) }
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

    /// The stored bytes under `key`, nil on a miss, counted nowhere (a part of a page).
    package func lookupPart(_ key: String) -> [UInt8]? {
        let entry = lock.withLock {
            used.insert(key)
            return entries[key]
        }
        return entry.flatMap { read(key, $0) }
    }

    package func keep(_ key: String) -> Bool {
        lock.withLock {
            guard entries[key] != nil else { return false }
            used.insert(key)
            return true
        }
    }

    /// The entry's bytes from the pack (or its file) when they are all there and match the checksum.
    private func read(_ key: String, _ entry: Entry) -> [UInt8]? {
        let bytes =
            entry.inFile
            ? readFile(key, length: entry.length)
            : ProjectFiles.readExactly(dataFD, count: entry.length, at: entry.offset)
        guard let bytes, bytes.withUnsafeBytes(Self.checksum) == entry.checksum else { return nil }
        return bytes
    }

    /// The bytes of `pages/files/<key>` when it is a regular file (never through a link) of `length`.
    private func readFile(_ key: String, length: Int) -> [UInt8]? {
        guard filesFD >= 0 else { return nil }
        let fd = openat(filesFD, key, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == length else {
            return nil
        }
        return ProjectFiles.readExactly(fd, count: length, at: 0)
    }

    /// Stores `bytes`, which the file at `path` holds (a page just written into the site), under
    /// `key` by hard-linking that file into `pages/files/`; when it cannot be linked (another
    /// filesystem, no such folder), the bytes go to the pack. A failure only means a miss next time.
    package func store(_ key: String, bytes: UnsafeRawBufferPointer, linking path: String) {
        guard filesFD >= 0, bytes.count <= Self.maximumEntryBytes, markPending() else {
            return store(key, bytes: bytes)
        }
        var linked = linker(path, filesFD, key) == 0
        if !linked, errno == EEXIST {  // left by a killed build, or an entry being replaced
            linked = unlinkat(filesFD, key, 0) == 0 && linker(path, filesFD, key) == 0
        }
        guard linked else { return store(key, bytes: bytes) }
        let entry = Entry(offset: 0, length: bytes.count, checksum: Self.checksum(bytes), inFile: true)
        lock.withLock {
            entries[key] = entry
            appended = true
        }
    }

    /// Writes `pages/files/.pending` once, before this build's first link; false when it cannot be.
    private func markPending() -> Bool {
        lock.withLock {
            if pendingWritten { return true }
            let fd = openat(filesFD, Self.pendingName, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard fd >= 0 else { return false }
            close(fd)
            pendingWritten = true
            return true
        }
    }

    /// Stores `text` under `key`; a failure only means a miss next time.
    package func store(_ key: String, text: String) {
        var text = text
        text.withUTF8 { store(key, bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Appends `bytes` to the pack under `key`; a failure only means a miss next time.
    package func store(_ key: String, bytes: UnsafeRawBufferPointer) {
        guard bytes.count <= Self.maximumEntryBytes else { return }
        let offset = lock.withLock {
            defer { dataEnd += bytes.count }
            return dataEnd
        }
        guard ProjectFiles.writeExactly(dataFD, bytes, at: offset) else { return }
        let entry = Entry(offset: offset, length: bytes.count, checksum: Self.checksum(bytes))
        let replacedFile = lock.withLock {
            defer {
                entries[key] = entry
                appended = true
            }
            return entries[key]?.inFile == true
        }
        if replacedFile { unlinkat(filesFD, key, 0) }
    }

    /// Appends the concatenation of `parts` to the pack under `key`, part by part, with the
    /// checksum `store(_:bytes:)` would give it; a failure only means a miss next time.
    package func store(_ key: String, parts: [[UInt8]]) {
        let count = parts.reduce(0) { $0 + $1.count }
        guard count <= Self.maximumEntryBytes else { return }
        let offset = lock.withLock {
            defer { dataEnd += count }
            return dataEnd
        }
        var checksum = Checksum(count: count)
        var at = offset
        for part in parts {
            let written = part.withUnsafeBytes { bytes in
                checksum.add(bytes)
                return ProjectFiles.writeExactly(dataFD, bytes, at: at)
            }
            guard written else { return }
            at += part.count
        }
        let entry = Entry(offset: offset, length: count, checksum: checksum.value)
        lock.withLock {
            entries[key] = entry
            appended = true
        }
    }

    /// Removes the files (`pages/files/`) of the entries this build did not look up, and after a
    /// build killed before its index was written, every file no entry names. Called once every
    /// lookup is done, before the site's stamps are taken: a removed link changes the change time
    /// of a site file that is the same file (a page whose bytes stayed under another key).
    package func removeUnusedFiles() {
        let (dead, live, scan) = lock.withLock {
            defer { unusedFilesRemoved = true }
            guard !unusedFilesRemoved, filesFD >= 0 else { return ([String](), Set<String>(), false) }
            // Keys gathered without a filtered copy of the whole index (0.5% of an edit build's samples).
            var dead: [String] = []
            var live = Set<String>()
            for (key, entry) in entries where entry.inFile {
                if !used.contains(key) {
                    dead.append(key)
                } else if pendingAtOpen {
                    // Every name is listed only after a killed build: the files of entries still used stay.
                    live.insert(key)
                }
            }
            return (dead, live, pendingAtOpen)
        }
        for key in dead { unlinkat(filesFD, key, 0) }
        let copy = scan ? dup(filesFD) : -1
        guard copy >= 0 else { return }
        guard let listing = fdopendir(copy) else {
            close(copy)
            return
        }
        defer { closedir(listing) }
        var orphans: [String] = []
        while let entry = readdir(listing) {
            let name = DirectoryEntry.string(of: entry)
            if name != ".", name != "..", name != Self.pendingName, !live.contains(name) { orphans.append(name) }
        }
        for name in orphans { unlinkat(filesFD, name, 0) }
    }

    /// Keeps only the entries this build looked up (pages of deleted documents and old versions
    /// go): writes their index, and rewrites the pack when most of it is dead.
    package func prune() {
        removeUnusedFiles()
        let (live, changed) = lock.withLock {
            let live = entries.filter { used.contains($0.key) }
            return (live, appended || live.count != entries.count)
        }
        var livePackBytes = 0
        var liveBytes = 0
        for entry in live.values {
            liveBytes += entry.length
            if !entry.inFile { livePackBytes += entry.length }
        }
        // Dead bytes of the pack against all live ones, files too: a pack of only the site-wide
        // entries (30 MB at 10,000 documents) would be rewritten every other prose edit (the
        // search index's bundle changes each time), not about every fifteenth as with the pages in it.
        var keep = "data-\(generation)"
        var indexed = !changed
        // The pack's entries are copied apart only when it is compacted (rarely).
        if dataEnd - livePackBytes > liveBytes, let compacted = compact(live.filter { !$0.value.inFile }) {
            keep = "data-\(compacted.generation)"
            indexed = writeIndex(
                compacted.entries.merging(live.filter(\.value.inFile)) { pack, _ in pack },
                generation: compacted.generation)
        } else if changed {
            indexed = writeIndex(live, generation: generation)
        }
        // The index now names every file this build linked, and no other remains.
        if indexed, pendingAtOpen || pendingWritten { unlinkat(filesFD, Self.pendingName, 0) }
        // Only names the cache writes are removed: other packs, temporaries, and the one-file-per-
        // entry layout of format 1 (a 32-hex-digit key, or its temporary `.key.pid`).
        for name in ProjectFiles.listNames(pages)?.names ?? [] where name != keep {
            let key = name.hasPrefix(".") ? name.dropFirst().prefix { $0 != "." } : Substring(name)
            let oldEntry = key.count == 32 && key.allSatisfy(\.isHexDigit)
            let pack = name.hasPrefix("data-") || name.hasPrefix(".data-") || name.hasPrefix(".index.")
            if oldEntry || pack { unlink(pages + "/" + name) }
        }
    }

    /// Copies the live entries, in pack order, into a new pack; its generation and entries, or
    /// nil when it could not be written (the old pack stays).
    private func compact(_ live: [String: Entry]) -> (generation: Int, entries: [String: Entry])? {
        let next = generation + 1
        let temporary = pages + "/.data-\(next).\(ProcessInfo.processInfo.processIdentifier)"
        guard let opened = Self.openData(temporary, truncate: true) else { return nil }
        defer { close(opened.fd) }
        var moved: [String: Entry] = [:]
        var end = 0
        for (key, entry) in live.sorted(by: { $0.value.offset < $1.value.offset }) {
            guard let bytes = read(key, entry) else { continue }
            let written = bytes.withUnsafeBytes { ProjectFiles.writeExactly(opened.fd, $0, at: end) }
            guard written else {
                unlink(temporary)
                return nil
            }
            moved[key] = Entry(offset: end, length: entry.length, checksum: entry.checksum)
            end += entry.length
        }
        guard rename(temporary, pages + "/data-\(next)") == 0 else {
            unlink(temporary)
            return nil
        }
        return (next, moved)
    }

    /// Writes `pages/index` for pack `generation` under a temporary name and renames it; false when
    /// it could not be. An entry in a file of its own has `f` for its offset.
    @discardableResult
    private func writeIndex(_ live: [String: Entry], generation: Int) -> Bool {
        let bytes = Self.indexBytes(live, generation: generation)
        return bytes.withUnsafeBytes { ProjectFiles.replaceWhole(pages + "/index", with: $0) }
    }

    /// The text of `pages/index` for `live` in pack `generation`: the header, then one line per
    /// entry in byte order of its key. Bytes, not a String grown by interpolation: at 10,000
    /// documents that was 0.7% of an edit build's samples (perf), written on every edit build.
    static func indexBytes(_ live: [String: Entry], generation: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + live.count * 72)
        out.append(contentsOf: (indexMagic + " \(generation)\n").utf8)
        for (key, entry) in live.sorted(by: { $0.key < $1.key }) {
            out.append(contentsOf: key.utf8)
            out.append(0x20)
            if entry.inFile {
                out.append(UInt8(ascii: "f"))
            } else {
                OutputRecord.appendDecimal(Int64(entry.offset), to: &out)
            }
            out.append(0x20)
            OutputRecord.appendDecimal(Int64(entry.length), to: &out)
            out.append(0x20)
            appendHex(entry.checksum, to: &out)
            out.append(0x0A)
        }
        return out
    }

    /// Appends `value` in lowercase hexadecimal without leading zeros, as `String(value, radix: 16)`.
    static func appendHex(_ value: UInt64, to out: inout [UInt8]) {
        var shift = max(0, (63 - value.leadingZeroBitCount) / 4 * 4)
        while shift >= 0 {
            let digit = UInt8((value >> UInt64(shift)) & 0xF)
            out.append(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10)
            shift -= 4
        }
    }

    /// The number the lowercase hexadecimal `digits` spell (1 to 16 of them); nil for anything else.
    static func hexNumber(_ digits: ArraySlice<UInt8>) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 16 else { return nil }
        var value: UInt64 = 0
        for byte in digits {
            switch byte {
            case 0x30...0x39: value = value << 4 | UInt64(byte - 0x30)
            case 0x61...0x66: value = value << 4 | UInt64(byte - 0x61 + 10)
            default: return nil
            }
        }
        return value
    }

    /// The parsed index: nil when it is missing, too large, a link, or malformed in any line.
    static func readIndex(_ path: String) -> (generation: Int, entries: [String: Entry])? {
        guard let bytes = readFile(path, limit: maximumIndexBytes) else { return nil }
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.count >= 2, lines.last?.isEmpty == true else { return nil }
        let header = String(decoding: lines[0], as: UTF8.self)
        guard header.hasPrefix(indexMagic + " "),
            let generation = decimal(header.utf8.dropFirst(indexMagic.utf8.count + 1))
        else { return nil }
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(lines.count)
        for line in lines.dropFirst().dropLast() {
            let fields = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
            let inFile = fields.count == 4 && fields[1].elementsEqual("f".utf8)
            guard fields.count == 4, fields[0].count == 32, fields[0].allSatisfy(isHexDigit),
                let offset = inFile ? 0 : decimal(fields[1]), let length = decimal(fields[2]),
                length <= maximumEntryBytes,
                let checksum = hexNumber(fields[3])
            else { return nil }
            entries[String(decoding: fields[0], as: UTF8.self)] = Entry(
                offset: offset, length: length, checksum: checksum, inFile: inFile)
        }
        return (generation, entries)
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte)
    }

    /// A non-negative decimal of at most 15 digits (no sign, no overflow), else nil.
    private static func decimal<Digits: Collection>(_ digits: Digits) -> Int? where Digits.Element == UInt8 {
        guard !digits.isEmpty, digits.count <= 15 else { return nil }
        var value = 0
        for digit in digits {
            guard (0x30...0x39).contains(digit) else { return nil }
            value = value * 10 + Int(digit - 0x30)
        }
        return value
    }

    /// Opens a pack for reading and appending, never through a link; its descriptor and size.
    private static func openData(_ path: String, truncate: Bool) -> (fd: Int32, size: Int)? {
        let flags = O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | (truncate ? O_TRUNC : 0)
        let fd = open(path, flags, 0o644)
        guard fd >= 0 else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            return nil
        }
        return (fd, Int(info.st_size))
    }

    /// A regular file's bytes, at most `limit`; never through a symbolic link.
    private static func readFile(_ path: String, limit: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size <= limit else { return nil }
        return ProjectFiles.readExactly(fd, count: Int(info.st_size), at: 0)
    }

    /// Two lanes over 32-byte blocks, folded (then the last words and bytes): catches a pack or
    /// a linked page changed or shifted under the index. Not cryptographic — a cache committed to
    /// the repository is refused outright.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var checksum = Checksum(count: bytes.count)
        checksum.add(bytes)
        return checksum.value
    }

    /// The checksum of `count` bytes given in pieces of any size. Every page a cold build stores
    /// is checksummed (160 MB at 10,000 documents): FNV-1a over 8-byte words, each waiting for the
    /// previous word's multiply, was 47 M of the 360 M instructions a cold build of 1,000
    /// documents spends on its cache (callgrind). Here each 16 bytes are one 64 × 64 → 128-bit
    /// multiply of its two words, each first flipped by a key (as wyhash and rapidhash do), whose
    /// halves are folded into a lane multiplied on by an odd constant (so what came before is
    /// never lost, and the order of the blocks counts); two lanes take a block per round. Every
    /// byte of a key is 0xF8 or more, which no UTF-8 text holds: no word of a page zeroes its
    /// product (and hides its partner). A block may span two pieces; the words and bytes after
    /// the last whole block go into the folded value one at a time, FNV-1a.
    struct Checksum {
        private static let prime: UInt64 = 0x0000_0100_0000_01b3
        private static let laneMultiplier: UInt64 = 0x9e37_79b9_7f4a_7c15
        private static let keys: (UInt64, UInt64, UInt64, UInt64) = (
            0xfbf9_fdfe_faf8_fcff, 0xfcfa_fefb_f9ff_fdf8, 0xfdfe_f8fa_fffc_f9fb, 0xfaff_fbfc_f8fd_fef9
        )
        private var lanes: (UInt64, UInt64)
        /// The bytes of a block not yet complete, in order, and how many.
        private var pending: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        private var pendingCount = 0

        init(count: Int) {
            let seed = 0xcbf2_9ce4_8422_2325 ^ UInt64(count)
            lanes = (seed, seed ^ 0x6c62_272e_07bb_0142)
        }

        mutating func add(_ bytes: UnsafeRawBufferPointer) {
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            var at = 0
            if pendingCount > 0 {
                let taken = min(32 - pendingCount, bytes.count)
                withUnsafeMutableBytes(of: &pending) { block in
                    (block.baseAddress! + pendingCount).copyMemory(from: base, byteCount: taken)
                }
                pendingCount += taken
                at = taken
                guard pendingCount == 32 else { return }
                let block = pending
                Self.mix(
                    &lanes, UInt64(littleEndian: block.0), UInt64(littleEndian: block.1),
                    UInt64(littleEndian: block.2), UInt64(littleEndian: block.3))
                pendingCount = 0
            }
            // The lanes in registers, and a pointer stepped without overflow checks, through the loop.
            var lanes = self.lanes
            let blocks = (bytes.count - at) / 32
            var block = UnsafeRawPointer(base + at)
            for _ in 0..<blocks {
                Self.mix(
                    &lanes,
                    UInt64(littleEndian: block.loadUnaligned(as: UInt64.self)),
                    UInt64(littleEndian: block.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
                    UInt64(littleEndian: block.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
                    UInt64(littleEndian: block.loadUnaligned(fromByteOffset: 24, as: UInt64.self)))
                block += 32
            }
            at += 32 * blocks
            self.lanes = lanes
            let rest = bytes.count - at
            if rest > 0 {
                withUnsafeMutableBytes(of: &pending) { block in
                    block.baseAddress!.copyMemory(from: base + at, byteCount: rest)
                }
                pendingCount = rest
            }
        }

        var value: UInt64 {
            var hash = lanes.0
            Self.word(&hash, lanes.1)
            var pending = self.pending
            withUnsafeBytes(of: &pending) { block in
                var at = 0
                while pendingCount - at >= 8 {
                    Self.word(&hash, UInt64(littleEndian: block.loadUnaligned(fromByteOffset: at, as: UInt64.self)))
                    at += 8
                }
                while at < pendingCount {
                    hash = (hash ^ UInt64(block[at])) &* Self.prime
                    at += 1
                }
            }
            return hash
        }

        /// One 32-byte block, words `a`, `b`, `c`, `d` in order.
        @inline(__always)
        private static func mix(_ lanes: inout (UInt64, UInt64), _ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) {
            let first = (a ^ keys.0).multipliedFullWidth(by: b ^ keys.1)
            let second = (c ^ keys.2).multipliedFullWidth(by: d ^ keys.3)
            lanes.0 = (lanes.0 &* laneMultiplier) ^ (first.high ^ first.low)
            lanes.1 = (lanes.1 &* laneMultiplier) ^ (second.high ^ second.low)
        }

        @inline(__always)
        private static func word(_ hash: inout UInt64, _ word: UInt64) {
            hash = (hash ^ word) &* prime
            hash ^= hash >> 29  // so a word's high bits reach the low bits of the next round
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
