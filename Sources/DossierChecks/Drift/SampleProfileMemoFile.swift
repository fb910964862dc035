import DossierCore
import DossierModel
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `SampleProfileMemo` kept in the build cache between builds (`.dossier-cache/profiles`), so a
/// build after an edit profiles again only the samples whose files changed, as `serve` does in
/// memory. The file holds, for the Dossier that wrote it (`identity`: its build id), each profile
/// with its key and the `lstat` stamp its file had when it was profiled; a lookup still compares
/// the stamp, so a changed file is profiled again.
///
/// The file is an index, then the profiles. Loading reads the index only (at 10,000 documents
/// the profiles are 13 MB, and reading, digesting and decoding them all was 30 ms of the build's
/// start on one thread); a profile is read from the file and decoded when it is first looked up,
/// in the parallel checks, and checked against its own digest kept in the index.
///
/// The file is untrusted input like the rest of the cache: one of another Dossier, a link, a file
/// too large, or a malformed index (a count past the end, an unknown format, profiles that do not
/// fill the rest of the file exactly) gives an empty memo; a profile that does not read back
/// whole (its digest, an unknown kind, bytes left over) is a miss. Never a crash. It is written
/// under a temporary name and renamed, so a reader sees the old file or the new one (and a memo
/// keeps the one it opened); deleting it only costs the profiling.
extension SampleProfileMemo {
    static let fileHeader = "dossier-profiles 2\n"
    /// A file larger than this is not read (profiles are a few kilobytes each).
    static let maximumFileBytes = 256 << 20

    /// The stored properties the file holds; a test fails when the profile gains one not listed
    /// (a profile read back without it would show or check something else than a fresh one).
    package static let savedProfileFields: Set<String> = [
        "path", "format", "columns", "rowsRead", "reachedRowLimit", "preview",
    ]
    package static let savedColumnFields: Set<String> = [
        "name", "inferredType", "valueCount", "missingCount", "firstMissing", "kinds", "distinctValues",
        "distinctValuesComplete", "minimum", "maximum", "firstFractional", "parent", "histogram",
    ]

    /// Where the index starts: after the header line, the index's digest (32 hex digits and a
    /// newline) and the index's length (8 bytes).
    static var indexStart: Int { fileHeader.utf8.count + 33 + 8 }

    /// The memo saved at `path` by a Dossier of this `identity`; an empty memo when there is none
    /// whose index reads back whole. Only the index is read: the profiles are read when looked up.
    package static func load(path: String, identity: String) -> SampleProfileMemo {
        let memo = SampleProfileMemo()
        // Neither the file nor its folder may be a link (the cache is not a door out of it).
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        var info = stat()
        guard lstat(folder.isEmpty ? "/" : folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return memo }
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return memo }
        let file = StoredProfile.File(fd: fd)
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= maximumFileBytes,
            let prefix = file.bytes(at: 0, count: indexStart),
            let length = indexLength(prefix), length <= Int(info.st_size) - indexStart,
            let index = file.bytes(at: indexStart, count: length),
            let entries = decodeIndex(prefix: prefix, index: index, fileSize: Int(info.st_size), identity: identity)
        else { return memo }
        for entry in entries {
            memo.seed(
                entry.key, stamp: entry.stamp,
                stored: StoredProfile(
                    file: file, offset: entry.offset, length: entry.length, digest: entry.digest,
                    profilesStart: indexStart + index.count))
        }
        return memo
    }

    /// Saves the profiles this memo handed out or took since it was made or pruned (those of
    /// the build that just ran) at `path`; failing only costs the next build the profiling.
    package func save(path: String, identity: String) {
        // Nothing was profiled and nothing dropped: the file holds this memo already.
        guard changedSinceSeeded || !ProjectFiles.exists(path) else { return }
        let entries = usedEntries()
        // The index needs every profile's length and digest, but its own length does not depend
        // on them: the profiles are encoded once, written in chunks after the room the index
        // takes, and the index is written last, in front of them. (Encoded twice, once for the
        // index and once to write, the profiles were 62 M instructions of a cold build of 1,000
        // documents; held whole, their 13 MB at 10,000 documents stacked on the other saves at
        // the end of a cold build, its memory peak.)
        let profilesStart = Self.indexStart + Self.indexLength(entries, identity: identity)
        ProjectFiles.replaceWhole(
            path,
            writingAt: { write in
                var chunk = ByteWriter()
                var chunkStart = profilesStart
                var profiles: [(length: Int, digest: StableDigest)] = []
                profiles.reserveCapacity(entries.count)
                for entry in entries {
                    profiles.append(Self.encode(entry.profile, to: &chunk))
                    if chunk.count >= Self.chunkBytes {
                        guard chunk.withUnsafeBytes({ write($0, chunkStart) }) else { return false }
                        chunkStart += chunk.count
                        chunk.removeAll()
                    }
                }
                guard chunk.withUnsafeBytes({ write($0, chunkStart) }) else { return false }
                let head = Self.encodeHead(entries, identity: identity, profiles: profiles)
                return head.count == profilesStart && head.withUnsafeBytes { write($0, 0) }
            })
    }

    /// The profiles are written in pieces of about this many bytes.
    static let chunkBytes = 64 << 10

    package typealias SavedEntry = (key: Key, stamp: DocumentLoadMemo.Stamp, profile: SampleProfile)

    /// The whole file `save(path:identity:)` writes.
    package static func encode(_ entries: [SavedEntry], identity: String) -> [UInt8] {
        var encoded = ByteWriter()
        let profiles = entries.map { encode($0.profile, to: &encoded) }
        return encodeHead(entries, identity: identity, profiles: profiles) + encoded.bytes
    }

    /// The header, the digest of the index (so a damaged byte is caught, not read as another
    /// key), the index's length and the index — the identity, then for each entry its key, stamp,
    /// and its profile's length and digest (`profiles`, in the entries' order). The profiles
    /// follow it in the file one after another.
    static func encodeHead(
        _ entries: [SavedEntry], identity: String, profiles: [(length: Int, digest: StableDigest)]
    ) -> [UInt8] {
        var index = ByteWriter()
        index.string(identity)
        index.integer(entries.count)
        for (entry, profile) in zip(entries, profiles) {
            index.string(entry.key.file)
            index.string(entry.key.path)
            index.string(entry.key.format.rawValue)
            index.integers(entry.key.limits)
            for value in entry.stamp.numbers { index.integer(Int(value)) }
            index.integer(profile.length)
            index.string(profile.digest.hex)
        }
        var digest = StableDigest()
        var length = ByteWriter()
        length.integer(index.count)
        length.withUnsafeBytes { digest.add($0) }
        index.withUnsafeBytes { digest.add($0) }
        return Array((fileHeader + digest.hex + "\n").utf8) + length.bytes + index.bytes
    }

    /// The length of the index `encodeHead` writes for `entries`, which does not depend on the
    /// profiles (each one's length and digest take 8 and 8 + 32 bytes).
    static func indexLength(_ entries: [SavedEntry], identity: String) -> Int {
        var length = 8 + identity.utf8.count + 8
        for entry in entries {
            length += 8 + entry.key.file.utf8.count + 8 + entry.key.path.utf8.count
            length += 8 + entry.key.format.rawValue.utf8.count + 8 + 8 * entry.key.limits.count
            length += 8 * entry.stamp.numbers.count + 8 + 8 + 32
        }
        return length
    }

    /// Every entry of a whole file, each profile read back and checked (for tests, and what a
    /// memo loaded from the file gives when every profile is looked up); nil if any part is not whole.
    package static func decode(_ bytes: [UInt8], identity: String) -> [SavedEntry]? {
        guard bytes.count >= indexStart, let length = indexLength(Array(bytes[0..<indexStart])),
            length <= bytes.count - indexStart,
            let index = decodeIndex(
                prefix: Array(bytes[0..<indexStart]), index: Array(bytes[indexStart..<(indexStart + length)]),
                fileSize: bytes.count, identity: identity)
        else { return nil }
        var entries: [SavedEntry] = []
        for entry in index {
            let start = indexStart + length + entry.offset
            guard let profile = StoredProfile.decode(Array(bytes[start..<(start + entry.length)]), digest: entry.digest)
            else { return nil }
            entries.append((entry.key, entry.stamp, profile))
        }
        return entries
    }

    /// The index's length from the file's first `indexStart` bytes; nil unless the header is this format's.
    private static func indexLength(_ prefix: [UInt8]) -> Int? {
        let header = Array(fileHeader.utf8)
        guard prefix.count == indexStart, prefix[0..<header.count].elementsEqual(header),
            prefix[header.count + 32] == 0x0A
        else { return nil }
        return prefix.withUnsafeBytes { raw in
            var reader = ByteReader(bytes: raw, at: header.count + 33)
            // Checked against the file's size by the caller (the prefix is all this reader has).
            guard let length = reader.integer(), length >= 0 else { return nil }
            return length
        }
    }

    /// One entry of the index: the profile's place after the index, its length and digest.
    struct IndexEntry {
        var key: Key
        var stamp: DocumentLoadMemo.Stamp
        var offset: Int
        var length: Int
        var digest: String
    }

    /// The index, checked against its digest, this `identity`, and the file's size: the
    /// profiles it lists fill the rest of the file exactly.
    static func decodeIndex(prefix: [UInt8], index: [UInt8], fileSize: Int, identity: String) -> [IndexEntry]? {
        let header = fileHeader.utf8.count
        var digest = StableDigest()
        prefix.withUnsafeBytes { digest.add(UnsafeRawBufferPointer(rebasing: $0[(header + 33)...])) }
        index.withUnsafeBytes { digest.add($0) }
        guard prefix[header..<(header + 32)].elementsEqual(digest.hex.utf8) else { return nil }
        let profilesBytes = fileSize - indexStart - index.count
        return index.withUnsafeBytes { raw -> [IndexEntry]? in
            var input = ByteReader(bytes: raw, at: 0)
            // An entry takes at least its three strings, limits, stamp, length and digest.
            guard input.string() == identity, let count = input.count(itemBytes: 8 * 11) else { return nil }
            var entries: [IndexEntry] = []
            entries.reserveCapacity(count)
            var offset = 0
            for _ in 0..<count {
                guard let file = input.string(), let path = input.string(),
                    let format = input.string().flatMap(SampleFormat.init(rawValue:)), let limits = input.integers(),
                    let stamp = DocumentLoadMemo.Stamp(
                        numbers: (0..<5).compactMap { _ in input.integer().map(Int64.init) }),
                    let length = input.integer(), length >= 0, length <= profilesBytes - offset,
                    let profileDigest = input.string(), profileDigest.utf8.count == 32
                else { return nil }
                entries.append(
                    IndexEntry(
                        key: Key(file: file, path: path, format: format, limits: limits), stamp: stamp,
                        offset: offset, length: length, digest: profileDigest))
                offset += length
            }
            return input.atEnd && offset == profilesBytes ? entries : nil
        }
    }

    /// `StableDigest.hex` of `profile`'s bytes in the file (`encode(_:to:)`, which holds every
    /// field: `savedProfileFields`): the digest the file's index keeps beside each profile, so a
    /// profile read back from the file has it without being encoded again. Two profiles have the
    /// same digest only when they are the same profile (the encoding is length-marked throughout).
    package static func digest(of profile: SampleProfile) -> String {
        var out = ByteWriter()
        return encode(profile, to: &out).digest.hex
    }

    /// One profile's bytes (`encode(_:to:)`) read back; nil unless they are exactly one profile.
    static func decodeProfile(_ bytes: [UInt8]) -> SampleProfile? {
        bytes.withUnsafeBytes { raw in
            var input = ByteReader(bytes: raw, at: 0)
            guard let profile = decodeProfile(&input), input.atEnd else { return nil }
            return profile
        }
    }

    /// Appends `profile` to `out`; its length and digest there.
    @discardableResult
    private static func encode(
        _ profile: SampleProfile, to out: inout ByteWriter
    ) -> (
        length: Int, digest: StableDigest
    ) {
        let start = out.count
        out.string(profile.path)
        out.string(profile.format.rawValue)
        out.integer(profile.rowsRead)
        out.integer(profile.reachedRowLimit ? 1 : 0)
        out.integer(profile.preview.count)
        for row in profile.preview { out.strings(row) }
        out.integer(profile.columns.count)
        for column in profile.columns {
            out.string(column.name)
            out.optionalString(column.inferredType?.rawValue)
            out.integer(column.valueCount)
            out.integer(column.missingCount)
            out.sampleValue(column.firstMissing)
            out.integer(column.kinds.count)
            for kind in column.kinds {
                out.string(kind.kind.rawValue)
                out.integer(kind.count)
                out.sampleValue(kind.example)
            }
            out.integer(column.distinctValues.count)
            for distinct in column.distinctValues {
                out.string(distinct.value)
                out.integer(distinct.count)
                out.integer(distinct.firstLine)
            }
            out.integer(column.distinctValuesComplete ? 1 : 0)
            out.double(column.minimum)
            out.double(column.maximum)
            out.sampleValue(column.firstFractional)
            out.optionalString(column.parent)
            out.integers(column.histogram)
        }
        var digest = StableDigest()
        out.withUnsafeBytes { digest.add(UnsafeRawBufferPointer(rebasing: $0[start...])) }
        return (out.count - start, digest)
    }

    private static func decodeProfile(_ input: inout ByteReader) -> SampleProfile? {
        guard let path = input.string(), let format = input.string().flatMap(SampleFormat.init(rawValue:)),
            let rowsRead = input.integer(), let limited = input.flag(), let rows = input.count(itemBytes: 8)
        else { return nil }
        var preview: [[String]] = []
        preview.reserveCapacity(rows)
        for _ in 0..<rows {
            guard let row = input.strings() else { return nil }
            preview.append(row)
        }
        // A column's fixed fields alone are more than 12 integers.
        guard let columnCount = input.count(itemBytes: 8 * 12) else { return nil }
        var columns: [ColumnProfile] = []
        columns.reserveCapacity(columnCount)
        for _ in 0..<columnCount {
            guard let name = input.string(), let type = input.optionalString(), let valueCount = input.integer(),
                let missingCount = input.integer(), let firstMissing = input.sampleValue(),
                let kindCount = input.count(itemBytes: 8 * 3)
            else { return nil }
            var inferredType: FieldType?
            if let type {
                guard let known = FieldType(rawValue: type) else { return nil }
                inferredType = known
            }
            var kinds: [ColumnProfile.KindSummary] = []
            kinds.reserveCapacity(kindCount)
            for _ in 0..<kindCount {
                guard let kind = input.string().flatMap(ValueKind.init(rawValue:)), let count = input.integer(),
                    let read = input.sampleValue(), let example = read
                else { return nil }
                kinds.append(ColumnProfile.KindSummary(kind: kind, count: count, example: example))
            }
            guard let distinctCount = input.count(itemBytes: 8 * 3) else { return nil }
            var distinct: [ColumnProfile.DistinctValue] = []
            distinct.reserveCapacity(distinctCount)
            for _ in 0..<distinctCount {
                guard let value = input.string(), let count = input.integer(), let line = input.integer() else {
                    return nil
                }
                distinct.append(ColumnProfile.DistinctValue(value: value, count: count, firstLine: line))
            }
            guard let complete = input.flag(), let minimum = input.double(), let maximum = input.double(),
                let firstFractional = input.sampleValue(), let parent = input.optionalString(),
                let histogram = input.integers()
            else { return nil }
            var column = ColumnProfile(
                name: name, inferredType: inferredType, valueCount: valueCount, missingCount: missingCount,
                firstMissing: firstMissing, kinds: kinds, distinctValues: distinct, distinctValuesComplete: complete,
                minimum: minimum, maximum: maximum, firstFractional: firstFractional)
            column.parent = parent
            column.histogram = histogram
            columns.append(column)
        }
        var profile = SampleProfile(
            path: path, format: format, columns: columns, rowsRead: rowsRead, reachedRowLimit: limited)
        profile.preview = preview
        return profile
    }
}

extension DocumentLoadMemo.Stamp {
    /// The stamp as five numbers (device, inode, size, modification and change times), to save.
    package var numbers: [Int64] {
        [Int64(bitPattern: device), Int64(bitPattern: inode), size, modified, changed]
    }

    /// A stamp saved as `numbers`; nil unless there are five.
    package init?(numbers: [Int64]) {
        guard numbers.count == 5 else { return nil }
        device = UInt64(bitPattern: numbers[0])
        inode = UInt64(bitPattern: numbers[1])
        size = numbers[2]
        modified = numbers[3]
        changed = numbers[4]
    }
}

/// Little-endian integers and length-prefixed UTF-8 strings, stored into room grown ahead
/// (zero-filled; `count` bytes of it written): an integer appended to an array through
/// `append(contentsOf:)` was ~100 instructions, and a cold build of 1,000 documents wrote 120,000.
private struct ByteWriter {
    private var storage: [UInt8] = []
    /// How many bytes are written.
    private(set) var count = 0

    /// The bytes written.
    var bytes: [UInt8] { Array(storage[0..<count]) }

    func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try storage.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
    }

    /// Forgets the bytes written, keeping the room.
    mutating func removeAll() {
        count = 0
    }

    /// Room for `extra` more bytes after `count`.
    private mutating func reserve(_ extra: Int) {
        let needed = count + extra
        guard needed > storage.count else { return }
        storage.append(contentsOf: repeatElement(0, count: Swift.max(needed, 2 * storage.count, 256) - storage.count))
    }

    mutating func integer(_ value: Int) {
        reserve(8)
        let at = count
        storage.withUnsafeMutableBytes {
            $0.storeBytes(of: Int64(value).littleEndian, toByteOffset: at, as: Int64.self)
        }
        count += 8
    }

    mutating func integers(_ values: [Int]) {
        integer(values.count)
        for value in values { integer(value) }
    }

    private mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        let at = count
        storage.withUnsafeMutableBytes { ($0.baseAddress! + at).copyMemory(from: source, byteCount: bytes.count) }
        count += bytes.count
    }

    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            integer(utf8.count)
            append(UnsafeRawBufferPointer(utf8))
        }
    }

    mutating func strings(_ texts: [String]) {
        integer(texts.count)
        for text in texts { string(text) }
    }

    mutating func optionalString(_ text: String?) {
        guard let text else { return integer(-1) }
        string(text)
    }

    mutating func double(_ value: Double?) {
        guard let value else { return integer(0) }
        integer(1)
        integer(Int(Int64(bitPattern: value.bitPattern)))
    }

    mutating func sampleValue(_ value: ColumnProfile.SampleValue?) {
        guard let value else { return integer(-1) }
        integer(value.line)
        string(value.value)
    }
}

/// What `ByteWriter` wrote, every read checked against the end: nil when it runs past it.
/// Reads the file's contiguous bytes in place (an integer is one unaligned load), and a count is
/// checked against the least its items can take, so reserving room for them is bounded by the file.
private struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    var at: Int

    var atEnd: Bool { at == bytes.count }

    mutating func integer() -> Int? {
        guard bytes.count - at >= 8 else { return nil }
        let value = bytes.loadUnaligned(fromByteOffset: at, as: Int64.self)
        at += 8
        return Int(Int64(littleEndian: value))
    }

    /// A count of items that each take at least `itemBytes` bytes: never more than fit in the
    /// bytes left.
    mutating func count(itemBytes: Int = 1) -> Int? {
        guard let count = integer(), count >= 0, count <= (bytes.count - at) / itemBytes else { return nil }
        return count
    }

    mutating func flag() -> Bool? {
        switch integer() {
        case 0: false
        case 1: true
        default: nil
        }
    }

    mutating func integers() -> [Int]? {
        guard let count = count(itemBytes: 8) else { return nil }
        var values: [Int] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(integer()!) }
        return values
    }

    /// Decoded from the contiguous bytes; the file's digest already vouches for them.
    mutating func string() -> String? {
        guard let count = count() else { return nil }
        defer { at += count }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[at..<(at + count)]), as: UTF8.self)
    }

    mutating func strings() -> [String]? {
        guard let count = count(itemBytes: 8) else { return nil }
        var texts: [String] = []
        texts.reserveCapacity(count)
        for _ in 0..<count {
            guard let text = string() else { return nil }
            texts.append(text)
        }
        return texts
    }

    /// `.some(nil)` for a string that is absent, nil when malformed.
    mutating func optionalString() -> String?? {
        let start = at
        if integer() == -1 { return .some(nil) }
        at = start
        return string().map { .some($0) }
    }

    mutating func double() -> Double?? {
        switch integer() {
        case 0: return .some(nil)
        case 1: return integer().map { .some(Double(bitPattern: UInt64(bitPattern: Int64($0)))) }
        default: return nil
        }
    }

    mutating func sampleValue() -> ColumnProfile.SampleValue?? {
        guard let line = integer() else { return nil }
        if line == -1 { return .some(nil) }
        return string().map { .some(ColumnProfile.SampleValue($0, line: line)) }
    }
}
