@testable import DossierChecks
import DossierCore
@testable import DossierKit
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// The end of a cached build: the cache files written on threads of their own
/// (`BackgroundTask`) are all in place when the build returns, and what the caller may keep
/// until exit is handed over (`BuildReport.releasable`).
@Suite struct BuildTailTests {
    @Test func theCacheFilesAreWrittenWhenTheBuildReturns() throws {
        let project = try TemporaryProject(["docs/a.md": "# A\n\nSome prose.\n", "src/model.py": "x = 1\n"])
        defer { project.remove() }
        settleRacyWindow()
        let report = try Dossier.build(path: project.path, options: pageCacheOptions())
        let cache = project.path + "/" + BuildCache.defaultFolderName + "/"
        for name in [DocumentMemoFile.fileName, SiteGenerator.repositoryFileName] {
            #expect(FileManager.default.fileExists(atPath: cache + name), "\(name)")
        }
        #expect(report.releasable.contains { $0 is OutputRecord })
        #expect(report.releasable.contains { $0 is DocumentMemoFile })
        let cold = try Dossier.build(path: project.path, options: BuildOptions(output: "cold", useCache: false))
        #expect(!cold.releasable.contains { $0 is OutputRecord || $0 is DocumentMemoFile })
    }
}
