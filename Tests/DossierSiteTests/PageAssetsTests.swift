import DossierCore
@testable import DossierSite
import Testing

/// Which optional assets a written page loads, found by one search for their shared folder.
@Suite struct PageAssetsTests {
    /// What each page loads by a search per asset path, the way it was found before.
    static func reference(_ text: String) -> PageAssets.Loads {
        var loads: PageAssets.Loads = []
        for (load, file) in PageAssets.assetFiles where ByteSearch.contains(text, file) {
            loads.insert(load)
        }
        return loads
    }

    @Test func oneScanFindsWhatThreeSearchesFind() {
        let pieces = [
            "dossier/assets/", "notebook.css", "katex/katex.min.js", "mermaid/mermaid.min.js", "d", "dossier/",
            "dossier/assets/noteb", "dossier/assets/katex/", "é", "<a href=\"../", "\"", "ddossier/assets/",
        ]
        var texts = ["", "dossier/assets/", "dossier/assets/notebook.cs", "x dossier/assets/notebook.css"]
        // Every sequence of up to three pieces: hits at the end, cut short, overlapping, repeated.
        for a in pieces {
            for b in pieces {
                for c in pieces { texts.append(a + b + c) }
            }
        }
        for text in texts {
            #expect(PageAssets.Loads(SiteFile(path: "p.html", text: text)) == Self.reference(text), "\(text)")
            #expect(
                PageAssets.Loads(SiteFile(path: "p.html", bytes: Array(text.utf8))) == Self.reference(text), "\(text)")
        }
        #expect(PageAssets.Loads(SiteFile(path: "p.css", text: "dossier/assets/notebook.css")) == [])
    }
}
