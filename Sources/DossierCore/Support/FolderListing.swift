import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One folder's entries as `readdir` gives them — names as bytes, in one buffer, in the order the
/// file system lists them, each with the type the folder records (`DT_DIR`, `DT_REG`, `DT_LNK`…: a
/// link's own type, or `DT_UNKNOWN` where the file system does not say) — for walks that look at
/// most names only to pass them by: `ProjectFiles.listEntries` made, validated and sorted a
/// `String` for each of them (27 M instructions of the document scan at 10,000 documents).
package struct FolderListing {
    package struct Entry {
        /// Where the name's bytes are in `bytes`.
        package var start: Int
        package var count: Int
        package var type: UInt8
        /// Every byte of the name is below 0x80.
        package var isASCII: Bool
    }

    /// The names, each followed by a NUL.
    package private(set) var bytes: [UInt8] = []
    package private(set) var entries: [Entry] = []

    /// The entries of the folder at `path` except `.` and `..`; nil when it cannot be listed.
    package init?(_ path: String) {
        guard let dir = opendir(path) else { return nil }
        defer { closedir(dir) }
        self.init(reading: dir)
    }

    /// The entries `dir` lists except `.` and `..`; leaves it open (its descriptor may stamp them).
    package init(reading dir: OpaquePointer) {
        while let entry = readdir(dir) {
            let type = entry.pointee.d_type
            let name = DirectoryEntry.name(of: entry)
            if name.count == 1, name[0] == 0x2E { continue }
            if name.count == 2, name[0] == 0x2E, name[1] == 0x2E { continue }
            var ascii = true
            for byte in name where byte >= 0x80 {
                ascii = false
                break
            }
            entries.append(Entry(start: bytes.count, count: name.count, type: type, isASCII: ascii))
            bytes.append(contentsOf: name)
            bytes.append(0)  // so that `withCName` needs no copy
        }
    }

    /// Sorts the entries in byte order of their names (`[UInt8].lexicographicallyPrecedes`: the
    /// generic comparison of arrays was a third of the stamp walk).
    package mutating func sortByBytes() {
        bytes.withUnsafeBytes { all in
            entries.sort { Self.bytesPrecede(all.baseAddress!, $0, $1) }
        }
    }

    /// Sorts `indices` (of `entries`, whose names are UTF-8) in the order of the names as
    /// `String`s: two ASCII names by their bytes (which is how `String` orders them), others as
    /// `String`s.
    package func sortInStringOrder(_ indices: inout [Int]) {
        bytes.withUnsafeBytes { all in
            entries.withUnsafeBufferPointer { entries in
                indices.sort { a, b in
                    let (a, b) = (entries[a], entries[b])
                    guard a.isASCII, b.isASCII else { return repairedName(a) < repairedName(b) }
                    return Self.bytesPrecede(all.baseAddress!, a, b)
                }
            }
        }
    }

    /// True when `a`'s name comes before `b`'s in byte order: eight bytes at a time (names in a
    /// folder often share their first eight), `memcmp` being a call per comparison.
    private static func bytesPrecede(_ all: UnsafeRawPointer, _ a: Entry, _ b: Entry) -> Bool {
        let common = min(a.count, b.count)
        var offset = 0
        while offset + 8 <= common {
            let x = UInt64(bigEndian: all.loadUnaligned(fromByteOffset: a.start + offset, as: UInt64.self))
            let y = UInt64(bigEndian: all.loadUnaligned(fromByteOffset: b.start + offset, as: UInt64.self))
            if x != y { return x < y }
            offset += 8
        }
        while offset < common {
            let x = all.load(fromByteOffset: a.start + offset, as: UInt8.self)
            let y = all.load(fromByteOffset: b.start + offset, as: UInt8.self)
            if x != y { return x < y }
            offset += 1
        }
        return a.count < b.count
    }

    /// Calls `body` with `entry`'s name as a NUL-terminated C string.
    package func withCName<Result>(_ entry: Entry, _ body: (UnsafePointer<CChar>) -> Result) -> Result {
        bytes.withUnsafeBytes { all in
            body((all.baseAddress! + entry.start).assumingMemoryBound(to: CChar.self))
        }
    }

    /// Calls `body` with the bytes of `entry`'s name.
    package func withName<Result>(_ entry: Entry, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        bytes.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[entry.start..<(entry.start + entry.count)]))
        }
    }

    /// `entry`'s name as a `String`, nil when it is not UTF-8.
    package func name(_ entry: Entry) -> String? {
        withName(entry) { String(validating: $0, as: UTF8.self) }
    }

    /// `entry`'s name as a `String` with U+FFFD for the bytes that are not UTF-8.
    package func repairedName(_ entry: Entry) -> String {
        withName(entry) { String(decoding: $0, as: UTF8.self) }
    }

    /// True when `entry`'s name is `name`'s bytes.
    package func hasName(_ entry: Entry, _ name: StaticString) -> Bool {
        guard entry.count == name.utf8CodeUnitCount else { return false }
        return bytes.withUnsafeBytes { memcmp($0.baseAddress! + entry.start, name.utf8Start, entry.count) == 0 }
    }
}
