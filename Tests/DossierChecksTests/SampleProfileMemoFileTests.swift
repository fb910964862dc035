@testable import DossierChecks
import DossierCore
import Foundation
import Testing

/// `SampleProfileMemo` saved in the build cache between builds: read back it gives the very
/// profiles, a changed sample file is profiled again, and a file that is not a whole memo of
/// this Dossier is no memo.
@Suite struct SampleProfileMemoFileTests {
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-saved-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// `samples(in: folder)` profiled through a new memo, which then holds them.
    static func profiled(
        in folder: URL
    ) throws -> (samples: [(file: URL, name: String)], memo: SampleProfileMemo, fresh: [SampleProfile]) {
        let samples = try Self.samples(in: folder)
        let memo = SampleProfileMemo()
        var reader = SampleReader()
        reader.memo = memo
        return (samples, memo, try samples.map { try reader.profile(of: $0.file, reportedAs: $0.name) })
    }

    /// A CSV with every kind of column (integers, fractions, text, missing cells, a categorical
    /// column) and a JSON Lines file with nested keys (columns with a parent).
    static func samples(in folder: URL) throws -> [(file: URL, name: String)] {
        let csv = folder.appendingPathComponent("penguins.csv")
        var rows = ["species,mass,bill,note,flag"]
        for i in 0..<60 {
            rows.append("\(["Adelie", "Gentoo", "Chinstrap"][i % 3]),\(3000 + i),\(Double(i) / 7),n é \(i),\(i % 2)")
        }
        rows.append("Adelie,,1.5,,1")
        try Data((rows.joined(separator: "\n") + "\n").utf8).write(to: csv)
        let jsonl = folder.appendingPathComponent("events.jsonl")
        try Data("{\"a\": 1, \"b\": {\"c\": \"x\"}}\n{\"a\": 2.5, \"b\": {\"c\": null}}\n".utf8).write(to: jsonl)
        return [(csv, "data/penguins.csv"), (jsonl, "data/events.jsonl")]
    }

    @Test func savedProfilesReadBackWholeAndAreReused() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (samples, memo, fresh) = try Self.profiled(in: folder)
        #expect(fresh[0].columns.contains { $0.minimum != nil && $0.firstMissing != nil && !$0.histogram.isEmpty })
        #expect(fresh[1].columns.contains { $0.parent != nil })
        let file = folder.path + "/profiles"
        memo.save(path: file, identity: "build-id 1")

        let loaded = SampleProfileMemo.load(path: file, identity: "build-id 1")
        var again = SampleReader()
        again.memo = loaded
        let read = try samples.map { try again.profile(of: $0.file, reportedAs: $0.name) }
        #expect(read == fresh)
        #expect(loaded.hits == 2 && loaded.misses == 0)
        // Nothing profiled, nothing dropped: the file is left as it is.
        let before = try FileManager.default.attributesOfItem(atPath: file)[.systemFileNumber] as? Int
        loaded.save(path: file, identity: "build-id 1")
        #expect(try FileManager.default.attributesOfItem(atPath: file)[.systemFileNumber] as? Int == before)
        // One sample fewer: written again, without it.
        let fewer = SampleProfileMemo.load(path: file, identity: "build-id 1")
        again.memo = fewer
        _ = try again.profile(of: samples[0].file, reportedAs: samples[0].name)
        fewer.save(path: file, identity: "build-id 1")
        #expect(SampleProfileMemo.load(path: file, identity: "build-id 1").seededCount == 1)

        // Another Dossier's memo is no memo.
        let foreign = SampleProfileMemo.load(path: file, identity: "build-id 2")
        again.memo = foreign
        #expect(try again.profile(of: samples[0].file, reportedAs: samples[0].name) == fresh[0])
        #expect(foreign.hits == 0 && foreign.misses == 1)
    }

    /// The memo hands out each profile's digest with it (`ProfileDigests`, for the site's cache
    /// key): read back from the file it is the file's, the same as a fresh profile's, and it is
    /// used only for the very profile it was made of.
    @Test func profilesDigestsAreKeptWithThemAndOnlyForThem() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (samples, memo, fresh) = try Self.profiled(in: folder)
        let made = fresh.map { SampleProfileMemo.digest(of: $0) }
        #expect(Set(made).count == 2)
        #expect(memo.digests().count == 2)
        #expect(fresh.map { memo.digests().digest(of: $0) } == made)
        let file = folder.path + "/profiles"
        memo.save(path: file, identity: "build-id 1")

        // Read back: the saved digests, equal to the fresh ones (a build with the cache keys its
        // pages as a build without it does).
        let loaded = SampleProfileMemo.load(path: file, identity: "build-id 1")
        #expect(loaded.digests().count == 0)
        var again = SampleReader()
        again.memo = loaded
        let read = try again.profile(of: samples[0].file, reportedAs: samples[0].name)
        let digests = loaded.digests()
        #expect(digests.count == 1)
        #expect(digests.digest(of: read) == made[0])
        // A profile that is not the one the digest was made of, under the same path, is digested anew.
        var changed = read
        changed.rowsRead += 1
        #expect(digests.digest(of: changed) == SampleProfileMemo.digest(of: changed))
        #expect(digests.digest(of: changed) != made[0])
        changed = read
        changed.columns[0].histogram.append(1)
        #expect(digests.digest(of: changed) == SampleProfileMemo.digest(of: changed))
        #expect(digests.digest(of: changed) != made[0])
    }

    /// The profiles are written in chunks, not held whole: the file is still exactly what
    /// `encode` makes of the same entries, and reads back.
    @Test func aSaveWrittenInChunksIsTheWholeEncoding() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let memo = SampleProfileMemo()
        var reader = SampleReader()
        reader.memo = memo
        var fresh: [SampleProfile] = []
        for i in 0..<60 {
            let csv = folder.appendingPathComponent("s\(i).csv")
            var rows = ["id,name,score"]
            for row in 0..<80 { rows.append("\(row),name \(i)-\(row),\(Double(row) / 3)") }
            try Data((rows.joined(separator: "\n") + "\n").utf8).write(to: csv)
            fresh.append(try reader.profile(of: csv, reportedAs: "data/s\(i).csv"))
        }
        let file = folder.path + "/profiles"
        memo.save(path: file, identity: "id")
        let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        #expect(written.count > 3 * SampleProfileMemo.chunkBytes)
        #expect(written == SampleProfileMemo.encode(memo.usedEntries(), identity: "id"))
        let decoded = try #require(SampleProfileMemo.decode(written, identity: "id"))
        #expect(decoded.map(\.profile).sorted { $0.path < $1.path } == fresh.sorted { $0.path < $1.path })
    }

    @Test func aSampleChangedSinceItWasSavedIsProfiledAgain() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let samples = try Self.samples(in: folder)
        let memo = SampleProfileMemo()
        var reader = SampleReader()
        reader.memo = memo
        _ = try reader.profile(of: samples[0].file, reportedAs: samples[0].name)
        memo.save(path: folder.path + "/profiles", identity: "id")
        // The same size, another header: the stamp differs.
        let text = try String(contentsOf: samples[0].file, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "species,", with: "kindof,").utf8).write(to: samples[0].file)

        let loaded = SampleProfileMemo.load(path: folder.path + "/profiles", identity: "id")
        reader.memo = loaded
        let profile = try reader.profile(of: samples[0].file, reportedAs: samples[0].name)
        #expect(profile.columnNames.first == "kindof")
        #expect(loaded.hits == 0 && loaded.misses == 1)
    }

    @Test func aDamagedFileIsNoMemo() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let samples = try Self.samples(in: folder)
        let memo = SampleProfileMemo()
        var reader = SampleReader()
        reader.memo = memo
        for sample in samples { _ = try reader.profile(of: sample.file, reportedAs: sample.name) }
        let bytes = SampleProfileMemo.encode(memo.usedEntries(), identity: "id")
        #expect(SampleProfileMemo.decode(bytes, identity: "id")?.count == 2)
        // Cut anywhere, or with a byte more: nothing.
        for length in 0..<bytes.count {
            #expect(SampleProfileMemo.decode(Array(bytes[0..<length]), identity: "id") == nil)
        }
        #expect(SampleProfileMemo.decode(bytes + [0], identity: "id") == nil)
        // Any byte changed: the digest of the file catches it.
        for at in 0..<bytes.count {
            for value: UInt8 in [0, 0x7F, 0xFF] where bytes[at] != value {
                var changed = bytes
                changed[at] = value
                #expect(SampleProfileMemo.decode(changed, identity: "id") == nil)
            }
        }
        // A link where the file would be is not followed; garbage is no memo.
        let file = folder.path + "/profiles"
        try Data(bytes).write(to: URL(fileURLWithPath: file + "-real"))
        try FileManager.default.createSymbolicLink(atPath: file, withDestinationPath: file + "-real")
        var linked = SampleReader()
        let viaLink = SampleProfileMemo.load(path: file, identity: "id")
        linked.memo = viaLink
        _ = try linked.profile(of: samples[0].file, reportedAs: samples[0].name)
        #expect(viaLink.hits == 0)
        try FileManager.default.removeItem(atPath: file)
        try Data("dossier-profiles 2\ngarbage".utf8).write(to: URL(fileURLWithPath: file))
        let garbage = SampleProfileMemo.load(path: file, identity: "id")
        linked.memo = garbage
        _ = try linked.profile(of: samples[0].file, reportedAs: samples[0].name)
        #expect(garbage.hits == 0)
    }

    /// A file whose digests are right but whose counts or lengths are not (written by hand, not by
    /// a Dossier) is no memo either, and reading it reserves no more than the file's size: every
    /// 8-byte word of the index that may be a count set to a huge, negative or off-by-one value,
    /// the index's digest made again; and the same for every word of each profile's bytes, read
    /// as a profile.
    @Test func forgedCountsAreNoMemoAndNoCrash() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let memo = SampleProfileMemo()
        var reader = SampleReader()
        reader.memo = memo
        for sample in try Self.samples(in: folder) { _ = try reader.profile(of: sample.file, reportedAs: sample.name) }
        let bytes = SampleProfileMemo.encode(memo.usedEntries(), identity: "id")
        let header = SampleProfileMemo.fileHeader.utf8.count
        let start = SampleProfileMemo.indexStart
        let length = bytes[(start - 8)..<start].reversed().reduce(0) { $0 << 8 | Int($1) }
        func sealed(_ file: [UInt8]) -> [UInt8] {
            var digest = StableDigest()
            file.withUnsafeBytes { digest.add(UnsafeRawBufferPointer(rebasing: $0[(header + 33)..<(start + length)])) }
            var out = file
            out.replaceSubrange(header..<(header + 32), with: Array(digest.hex.utf8))
            return out
        }
        func forgeries(of part: [UInt8], in range: Range<Int>) -> [[UInt8]] {
            var forged: [[UInt8]] = []
            for at in stride(from: range.lowerBound, to: range.upperBound - 7, by: 1) {
                // The words that can be a count or a length (the others are text and doubles).
                let word = part[at..<(at + 8)].reversed().reduce(0) { $0 << 8 | Int64($1) }
                guard word >= 0 && word < part.count else { continue }
                for value in [Int64.max, -2, word + 1, Int64(part.count)] {
                    var one = part
                    withUnsafeBytes(of: value.littleEndian) { one.replaceSubrange(at..<(at + 8), with: $0) }
                    forged.append(one)
                }
            }
            return forged
        }
        #expect(SampleProfileMemo.decode(sealed(bytes), identity: "id")?.count == 2)
        var rejected = 0
        for forged in forgeries(of: bytes, in: start..<(start + length)) {
            if SampleProfileMemo.decode(sealed(forged), identity: "id") == nil { rejected += 1 }
        }
        #expect(rejected > 0)
        let index = try #require(
            SampleProfileMemo.decodeIndex(
                prefix: Array(bytes[0..<start]), index: Array(bytes[start..<(start + length)]), fileSize: bytes.count,
                identity: "id"))
        var profilesRejected = 0
        for entry in index {
            let profile = Array(bytes[(start + length + entry.offset)..<(start + length + entry.offset + entry.length)])
            #expect(SampleProfileMemo.decodeProfile(profile) != nil)
            for forged in forgeries(of: profile, in: 0..<profile.count)
            where SampleProfileMemo.decodeProfile(forged) == nil {
                profilesRejected += 1
            }
        }
        #expect(profilesRejected > 0)
    }

    /// Loading reads the index only: a profile whose bytes were damaged after it was saved still
    /// counts as seeded, and is a miss (profiled again) when looked up, while the others are hits.
    @Test func aDamagedProfileIsAMissWhenLookedUpAndTheOthersAreKept() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let samples = try Self.samples(in: folder)
        let memo = SampleProfileMemo()
        var reader = SampleReader()
        reader.memo = memo
        let fresh = try samples.map { try reader.profile(of: $0.file, reportedAs: $0.name) }
        let file = folder.path + "/profiles"
        memo.save(path: file, identity: "id")
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        let start = SampleProfileMemo.indexStart
        let length = bytes[(start - 8)..<start].reversed().reduce(0) { $0 << 8 | Int($1) }
        let index = try #require(
            SampleProfileMemo.decodeIndex(
                prefix: Array(bytes[0..<start]), index: Array(bytes[start..<(start + length)]), fileSize: bytes.count,
                identity: "id"))
        // The last byte of the first sample's profile.
        let first = try #require(index.firstIndex { $0.key.path == samples[0].name })
        bytes[start + length + index[first].offset + index[first].length - 1] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: file))

        let loaded = SampleProfileMemo.load(path: file, identity: "id")
        #expect(loaded.seededCount == 2)
        reader.memo = loaded
        let read = try samples.map { try reader.profile(of: $0.file, reportedAs: $0.name) }
        #expect(read == fresh)
        #expect(loaded.hits == 1 && loaded.misses == 1)
        // Saved again whole, with the sample profiled again.
        loaded.save(path: file, identity: "id")
        let resaved = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        #expect(SampleProfileMemo.decode(resaved, identity: "id")?.count == 2)
    }

    /// A memo reads its profiles from the file it loaded, even after a build renamed another over it.
    @Test func profilesComeFromTheFileTheMemoOpened() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let samples = try Self.samples(in: folder)
        let memo = SampleProfileMemo()
        var reader = SampleReader()
        reader.memo = memo
        let fresh = try samples.map { try reader.profile(of: $0.file, reportedAs: $0.name) }
        let file = folder.path + "/profiles"
        memo.save(path: file, identity: "id")
        let loaded = SampleProfileMemo.load(path: file, identity: "id")
        try Data("dossier-profiles 2\nreplaced".utf8).write(to: URL(fileURLWithPath: file + "-new"))
        #expect(rename(file + "-new", file) == 0)
        reader.memo = loaded
        #expect(try samples.map { try reader.profile(of: $0.file, reportedAs: $0.name) } == fresh)
        #expect(loaded.hits == 2 && loaded.misses == 0)
    }

    /// Whoever adds a stored property to a profile adds it to the saved memo too (or the profile
    /// read back would lack it).
    @Test func everyFieldOfAProfileIsSaved() throws {
        let profile = SampleProfile(
            path: "a.csv", format: .csv,
            columns: [ColumnProfile(name: "x", inferredType: nil, valueCount: 0, missingCount: 0)],
            rowsRead: 0, reachedRowLimit: false)
        #expect(Set(Mirror(reflecting: profile).children.compactMap(\.label)) == SampleProfileMemo.savedProfileFields)
        #expect(
            Set(Mirror(reflecting: profile.columns[0]).children.compactMap(\.label))
                == SampleProfileMemo.savedColumnFields)
    }
}
