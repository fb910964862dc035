@testable import DossierChecks
@testable import DossierKit
@testable import DossierSite
import Foundation
import Testing

/// The sample profiles a build saves in its cache (`SampleProfileMemo`, `.dossier-cache/profiles`):
/// the next build reuses them and gives the site a cold build gives, after a sample changed too,
/// and a damaged file is ignored and written anew.
@Suite struct SavedSampleProfilesTests {
    private func savedEntries(_ root: URL) -> [SampleProfileMemo.SavedEntry]? {
        let file = root.path + "/.dossier-cache/" + SiteGenerator.profilesFileName
        guard let bytes = FileManager.default.contents(atPath: file) else { return nil }
        return SampleProfileMemo.decode(Array(bytes), identity: BuildCache.executableIdentity)
    }

    @Test func savedProfilesAreReusedAndAChangedSampleIsProfiledAgain() throws {
        let root = try exampleCopy(prefix: "dossier-profiles")
        defer { try? FileManager.default.removeItem(at: root) }
        try buildBothWays(root.path)
        let saved = try #require(savedEntries(root))
        let penguins = try #require(saved.first { $0.key.path == "data/processed/penguins.csv" })
        #expect(penguins.profile.columnNames.contains("species"))
        try buildBothWays(root.path)
        try editFile(root, "data/processed/penguins.csv") {
            $0.replacingOccurrences(of: "species,island,", with: "kindof,island,")
        }
        try buildBothWays(root.path)
        let resaved = try #require(savedEntries(root))
        let changed = try #require(resaved.first { $0.key.path == "data/processed/penguins.csv" })
        #expect(changed.profile.columnNames.contains("kindof"))
        #expect(resaved.count == saved.count)
    }

    @Test(arguments: ["garbage", "truncated", "link"])
    func aDamagedProfilesFileIsIgnoredAndWrittenAnew(damage: String) throws {
        let root = try exampleCopy(prefix: "dossier-profiles")
        defer { try? FileManager.default.removeItem(at: root) }
        try buildBothWays(root.path)
        let file = root.path + "/.dossier-cache/" + SiteGenerator.profilesFileName
        let bytes = try #require(FileManager.default.contents(atPath: file))
        try FileManager.default.removeItem(atPath: file)
        switch damage {
        case "garbage": try Data("dossier-profiles 2\n\u{0}\u{0}".utf8).write(to: URL(fileURLWithPath: file))
        case "truncated": try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: file))
        default:
            try bytes.write(to: URL(fileURLWithPath: root.path + "-profiles"))
            try FileManager.default.createSymbolicLink(atPath: file, withDestinationPath: root.path + "-profiles")
        }
        defer { try? FileManager.default.removeItem(atPath: root.path + "-profiles") }
        try editFile(root, "data/processed/penguins.csv") {
            $0.replacingOccurrences(of: "species,island,", with: "kindof,island,")
        }
        try buildBothWays(root.path)
        #expect(savedEntries(root)?.isEmpty == false)
    }
}
