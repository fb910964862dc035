@testable import DossierCore
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct DirectoryEntryTests {
    /// A short record that ends its page, with nothing mapped after it (as the last record of
    /// `readdir`'s buffer can be): its name is read without touching the next page. Copying the
    /// whole 256-byte `d_name` field, as the walks did, faults here.
    @Test func aShortRecordEndingAPageIsReadInPlace() throws {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let mapped = mmap(nil, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        let base = try #require(mapped == MAP_FAILED ? nil : mapped)
        defer { munmap(base, 2 * page) }
        #expect(mprotect(base + page, page, PROT_NONE) == 0)
        let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        let name = Array("ab.md".utf8)
        let length = (offset + name.count + 1 + 7) / 8 * 8
        let record = base + page - length
        record.initializeMemory(as: UInt8.self, repeating: 0, count: length)
        let entry = record.bindMemory(to: dirent.self, capacity: 1)
        entry.pointee.d_reclen = UInt16(length)
        entry.pointee.d_type = UInt8(DT_REG)
        (record + offset).copyMemory(from: name, byteCount: name.count)
        #expect(Array(DirectoryEntry.name(of: entry)) == name)
        #expect(DirectoryEntry.string(of: entry) == "ab.md")
    }

    /// The names of a real folder, `.` and `..` among them.
    @Test func namesOfAFolder() throws {
        let folder = NSTemporaryDirectory() + "dossier-entry-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in ["a", "é.md", String(repeating: "x", count: 255)] {
            FileManager.default.createFile(atPath: folder + "/" + name, contents: Data())
        }
        let dir = try #require(opendir(folder))
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) { names.append(DirectoryEntry.string(of: entry)) }
        #expect(names.sorted() == [".", "..", "a", String(repeating: "x", count: 255), "é.md"].sorted())
    }
}
