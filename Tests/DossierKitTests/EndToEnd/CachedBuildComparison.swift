@testable import DossierChecks
@testable import DossierKit
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

// What the build-cache and incremental-serve suites share: a copy of ExampleProject to edit, and
// the byte-for-byte comparison of a site with a cold build's.

/// A copy of ExampleProject (a document of every kind) in a temporary folder, without the site
/// or cache a build of the original may have left.
func exampleCopy(prefix: String = "dossier-cache") throws -> URL {
    let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: Repository.exampleProject, to: url)
    for leftover in ["site", ".dossier-cache"] {
        try? FileManager.default.removeItem(at: url.appendingPathComponent(leftover))
    }
    return url
}

/// Every file below `folder`, by relative path.
func siteFiles(in folder: String) throws -> [String: Data] {
    var result: [String: Data] = [:]
    let enumerator = try #require(FileManager.default.enumerator(atPath: folder))
    while let relative = enumerator.nextObject() as? String {
        var isFolder: ObjCBool = false
        FileManager.default.fileExists(atPath: folder + "/" + relative, isDirectory: &isFolder)
        if !isFolder.boolValue {
            result[relative] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + relative))
        }
    }
    return result
}

/// Rewrites the text file `path` below `root` with `change` applied.
func editFile(_ root: URL, _ path: String, _ change: (String) -> String) throws {
    let url = root.appendingPathComponent(path)
    try change(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
}

/// Expects the folders `site` and `cold` to hold the same files with the same bytes.
func expectSameSite(
    _ site: String, asColdBuild cold: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws {
    let kept = try siteFiles(in: site)
    let full = try siteFiles(in: cold)
    #expect(kept.keys.sorted() == full.keys.sorted(), sourceLocation: sourceLocation)
    for (path, bytes) in kept where full[path] != bytes {
        Issue.record("\(path) differs from a cold build", sourceLocation: sourceLocation)
    }
}

/// Builds `root` with its cache into `root/site` and cold into a sibling folder; expects
/// identical files and returns the cached build's report.
@discardableResult
func buildBothWays(_ root: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> BuildReport {
    let warmOut = root + "/site"
    let coldOut = root + "-cold"
    defer { try? FileManager.default.removeItem(atPath: coldOut) }
    let warm = try Dossier.build(path: root, options: pageCacheOptions(output: warmOut))
    _ = try Dossier.build(path: root, options: BuildOptions(output: coldOut, useCache: false))
    try expectSameSite(warmOut, asColdBuild: coldOut, sourceLocation: sourceLocation)
    return warm
}

/// Options for a build whose page cache is under test: the page cache is looked up even when
/// nothing changed, instead of the build being skipped as unchanged (`BuildReceipt`).
func pageCacheOptions(output: String? = nil, cacheFolder: String? = nil) -> BuildOptions {
    var options = BuildOptions(output: output, cacheFolder: cacheFolder)
    options.reusesUnchangedSite = false
    return options
}

/// Waits until every change made so far is older than the build fingerprint's racy window, so the
/// next build may record its receipt and state (a lower bound: waiting longer changes nothing).
func settleRacyWindow() {
    Thread.sleep(forTimeInterval: Double(BuildFingerprint.racyWindow) / 1e9 + 0.05)
}
