@testable import DossierSite
import Foundation
import Testing

/// A fact's label: its front-matter key with `_` and `-` as spaces, capitalized.
@Suite struct FactsCardLabelTests {
    /// The label by Foundation's replacing, as before the byte swap for ASCII keys.
    static func reference(_ key: String) -> String {
        let words = key.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    @Test func asciiLabelsMatchFoundationReplacing() {
        let keys = [
            "", "_", "-", "owner", "last_verified", "data-source", "__x--y", "a_-b", "x\r\ny", "_leading", "trailing-",
            "UPPER_case", "ümlaut_key", "e\u{301}_x", "_\u{301}x", "键_值", "zeta", "`tick", "{brace",
            "\r\nx", "1st_run", "a",
        ]
        for key in keys {
            #expect(FactsCard.label(key) == Self.reference(key), "\(key.debugDescription)")
        }
    }
}
