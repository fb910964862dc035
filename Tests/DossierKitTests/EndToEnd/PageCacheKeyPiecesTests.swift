@testable import DossierChecks
@testable import DossierCore
@testable import DossierKit
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// The page keys' site digest is made in pieces on every core (issue 15): the pieces must cover
/// every data file and every sample once, in order, and the keys made from them in one pass with
/// the listing pages' digest must be the keys `PageCacheKeys(site:themeFingerprint:)` makes.
@Suite struct PageCacheKeyPiecesTests {
    @Test func piecesCoverEveryProfileOnceInOrder() throws {
        let root = try exampleCopy(prefix: "dossier-pieces")
        defer { try? FileManager.default.removeItem(at: root) }
        let project = try ProjectLoader.load(root: root.path, options: BuildOptions(useCache: false))
        #expect(project.dataFiles.count >= 2 && project.samples.count >= 4)
        var paths: [String] = []
        var samples: [Int] = []
        var rest = 0
        for piece in PageCacheKeys.pieces(of: project) {
            switch piece {
            case let .dataFiles(some):
                #expect(!some.isEmpty)
                paths += some
            case let .samples(range):
                #expect(!range.isEmpty)
                samples += Array(range)
            case .rest: rest += 1
            }
        }
        #expect(rest == 1)
        #expect(paths == project.dataFiles.keys.sorted())
        #expect(samples == Array(project.samples.indices))

        // Made piece by piece, the keys are those made whole.
        let theme = try Theme.load(name: project.config.theme, projectRoot: project.root)
        let site = SiteContext(project: project, layout: project.layout, copiedFiles: [], theme: theme)
        let whole = PageCacheKeys(site: site, themeFingerprint: theme.fingerprint)
        let digests = PageCacheKeys.pieces(of: project).map { PageCacheKeys.digest($0, site: site, faces: nil) }
        #expect(PageCacheKeys(site: site, themeFingerprint: theme.fingerprint, pieces: digests).site == whole.site)
        // Any piece left out changes the key.
        #expect(
            PageCacheKeys(site: site, themeFingerprint: theme.fingerprint, pieces: Array(digests.dropLast())).site
                != whole.site)
        #expect(
            SiteWideCacheKeys(site: whole.site, shown: SiteWideCacheKeys.shown(of: project), project: project).listing
                == SiteWideCacheKeys(site: whole.site, project: project).listing)
    }
}
