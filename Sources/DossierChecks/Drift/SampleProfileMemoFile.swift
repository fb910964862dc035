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
/// The file is untrusted input like the rest of the cache: one of another Dossier, a link, a file
/// too large, or anything malformed (a count past the end, an unknown format or kind, bytes after
/// the last entry) gives an empty memo, never a crash. It is written under a temporary name and
/// renamed, so a reader sees the old file or the new one; deleting it only costs the profiling.
extension SampleProfileMemo {
    static let fileHeader = "dossier-profiles 1\n"
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

    /// The memo saved at `path` by a Dossier of this `identity`; an empty memo when there is none
    /// that reads back whole.
    package static func load(path: String, identity: String) -> SampleProfileMemo {
        let memo = SampleProfileMemo()
        // Neither the file nor its folder may be a link (the cache is not a door out of it).
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        var info = stat()
        guard lstat(folder.isEmpty ? "/" : folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR,
            lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= maximumFileBytes,
            let bytes = try? ProjectFiles.readBytes(path, limit: maximumFileBytes),
            let entries = decode(bytes, identity: identity)
        else { return memo }
        for entry in entries { memo.seed(entry.key, stamp: entry.stamp, profile: entry.profile) }
        return memo
    }

    /// Saves the profiles this memo handed out or took since it was made or pruned (those of
    /// the build that just ran) at `path`; failing only costs the next build the profiling.
    package func save(path: String, identity: String) {
        // Nothing was profiled and nothing dropped: the file holds this memo already.
        guard changedSinceSeeded || !ProjectFiles.exists(path) else { return }
        let bytes = Self.encode(usedEntries(), identity: identity)
        _ = bytes.withUnsafeBytes { ProjectFiles.replaceWhole(path, with: $0) }
    }

    package typealias SavedEntry = (key: Key, stamp: DocumentLoadMemo.Stamp, profile: SampleProfile)

    /// The header, the digest of the rest (so a damaged byte is caught, not read as another
    /// profile), then the identity and the entries.
    package static func encode(_ entries: [SavedEntry], identity: String) -> [UInt8] {
        // The digest's place is kept and filled in at the end: copying the entries after a header
        // held a 10,000-document project's 13 MB of profiles twice at the build's peak.
        var out = ByteWriter()
        out.bytes = Array((fileHeader + String(repeating: "0", count: 32) + "\n").utf8)
        // More than a profile takes (a preview and a few distinct values per column; pages never
        // written are not resident): grown by doubling, the buffer was held twice while it grew.
        out.bytes.reserveCapacity(entries.reduce(64) { $0 + 512 + 1024 * $1.profile.columns.count })
        let start = out.bytes.count
        out.string(identity)
        out.integer(entries.count)
        for entry in entries {
            out.string(entry.key.file)
            out.string(entry.key.path)
            out.string(entry.key.format.rawValue)
            out.integers(entry.key.limits)
            for value in entry.stamp.numbers { out.integer(Int(value)) }
            encode(entry.profile, to: &out)
        }
        var digest = StableDigest()
        out.bytes.withUnsafeBytes { digest.add(UnsafeRawBufferPointer(rebasing: $0[start...])) }
        out.bytes.replaceSubrange((start - 33)..<(start - 1), with: Array(digest.hex.utf8))
        return out.bytes
    }

    package static func decode(_ bytes: [UInt8], identity: String) -> [SavedEntry]? {
        let header = Array(fileHeader.utf8)
        let start = header.count + 33
        guard bytes.count >= start, bytes[0..<header.count].elementsEqual(header), bytes[start - 1] == 0x0A
        else { return nil }
        var digest = StableDigest()
        bytes.withUnsafeBytes { digest.add(UnsafeRawBufferPointer(rebasing: $0[start...])) }
        guard bytes[header.count..<(start - 1)].elementsEqual(digest.hex.utf8) else { return nil }
        return bytes.withUnsafeBytes { decodeEntries(ByteReader(bytes: $0, at: start), identity: identity) }
    }

    private static func decodeEntries(_ reader: ByteReader, identity: String) -> [SavedEntry]? {
        var input = reader
        // An entry takes at least its three strings, limits, stamp and profile's fixed fields.
        guard input.string() == identity, let count = input.count(itemBytes: 8 * 12) else { return nil }
        var entries: [SavedEntry] = []
        entries.reserveCapacity(count)
        for _ in 0..<count {
            guard let file = input.string(), let path = input.string(),
                let format = input.string().flatMap(SampleFormat.init(rawValue:)), let limits = input.integers(),
                let stamp = DocumentLoadMemo.Stamp(
                    numbers: (0..<5).compactMap { _ in input.integer().map(Int64.init) }),
                let profile = decodeProfile(&input)
            else { return nil }
            entries.append((Key(file: file, path: path, format: format, limits: limits), stamp, profile))
        }
        return input.atEnd ? entries : nil
    }

    private static func encode(_ profile: SampleProfile, to out: inout ByteWriter) {
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

/// Little-endian integers and length-prefixed UTF-8 strings.
private struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func integer(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func integers(_ values: [Int]) {
        integer(values.count)
        for value in values { integer(value) }
    }

    mutating func string(_ text: String) {
        integer(text.utf8.count)
        bytes.append(contentsOf: text.utf8)
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
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
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
