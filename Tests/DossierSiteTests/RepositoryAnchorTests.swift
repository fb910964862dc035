@testable import DossierSite
import Testing

/// The repository map's anchors made from bytes (ASCII paths) are the Character walk's.
@Suite struct RepositoryAnchorTests {
    @Test func byteAnchorsAreCharacterAnchors() {
        let paths = [
            "", "src/train.py", "data/raw/penguins-2024_v2.csv", "a b\tc", "weird!@#$%^&*()+=[]{};:'\",.<>?/\\|`~",
            "line\r\nbreak", "cr\ronly", "\u{7F}del\u{1}ctl", "café/naïve.md", "日本/データ.csv", "e\u{301}x",
            "ZZ/aa/09/--__",
        ]
        for path in paths {
            #expect(RepositoryPage.anchor(path) == RepositoryPage.anchorByCharacters(path), "\(path.debugDescription)")
        }
        #expect(RepositoryPage.anchor("src/a b.py") == "src-a-b-py")
    }
}
