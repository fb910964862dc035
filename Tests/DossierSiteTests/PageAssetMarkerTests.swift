import DossierCore
import DossierTestSupport
import Testing

@testable import DossierSite

/// `PageAssets.markers(in:)` finds in one pass what a search for each marker found.
@Suite struct PageAssetMarkerTests {
    static func searched(_ body: String) -> PageAssets.Loads {
        var loads: PageAssets.Loads = []
        if ByteSearch.contains(body, PageAssets.notebookMarker) || ByteSearch.contains(body, PageAssets.diagramMarker) {
            loads.insert(.style)
        }
        if ByteSearch.contains(body, PageAssets.mathMarker) { loads.insert(.math) }
        if ByteSearch.contains(body, PageAssets.mermaidMarker) { loads.insert(.mermaid) }
        return loads
    }

    static let pieces = [
        "<div ", "<pre ", "class", "=", "\"", "nb-cell ", "diagram ", "math math-", "mermaid\">", "mermaid", "x",
        "<", "c", " ", "é", "class=\"", "<div class=\"nb-cell", "\"math", "<span class=\"tok-kw\">", "==",
    ]

    @Test func oneScanFindsWhatEachSearchFound() {
        var bodies = [
            "", "class=\"", "class=\"math math-", "<pre class=\"mermaid\">", "<div class=\"nb-cell ",
            "<p class=\"diagram x\">", "xclass=\"math math-y", "<div  class=\"nb-cell ", "<pre class=\"mermaid\"",
            "class=\"diagram", "=\"diagram ", "<div class=\"nb-cell <pre class=\"mermaid\"> class=\"math math-",
        ]
        var generator = SeededGenerator(seed: 9)
        for _ in 0..<4000 {
            let count = Int(generator.next() % 12) + 1
            let picks = (0..<count).map { _ in Int(generator.next() % UInt64(Self.pieces.count)) }
            bodies.append(picks.map { Self.pieces[$0] }.joined())
        }
        var withMarkers = 0
        for body in bodies {
            let expected = Self.searched(body)
            #expect(PageAssets.markers(in: body) == expected, "\(body.debugDescription)")
            if !expected.isEmpty { withMarkers += 1 }
        }
        #expect(withMarkers > 100)
    }
}
