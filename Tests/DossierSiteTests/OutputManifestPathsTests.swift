@testable import DossierSite
import Testing

/// `OutputWriter.manifestPaths` splits a manifest by bytes: it must give the very paths the
/// split by characters gave, a `\r\n` (one character, not cut there) included.
@Suite struct OutputManifestPathsTests {
    @Test(arguments: [
        "index.html\ndocs/a.html\n\ndocs/b c.html\n",
        "", "\n\n", "only", "café/é.html\ne\u{301}.html\n",
        "a.html\r\nb.html\nc\r.html\n\rd.html",
        "x\n\u{301}y.html\n",
    ])
    func splitsAsCharactersWould(_ manifest: String) {
        #expect(OutputWriter.manifestPaths(manifest) == Set(manifest.split(separator: "\n").map(String.init)))
    }
}
