import Testing

@testable import DossierSite

/// The table-backed set answers as `Set<Character>` does, for ASCII, for "\r\n", for characters
/// canonically equal to an ASCII one (the Kelvin sign is `K`) and for everything else.
@Suite struct CharacterSet128Tests {
    @Test func answersAsTheSet() {
        let sets: [Set<Character>] = [
            ["\n", "\r\n", "{"], ["\n", "\r\n", "\u{212A}"], Set("abcK./-_?()*"), ["\r\n"], ["é", "e\u{301}", "👩‍💻"], [],
        ]
        var probes: [Character] = (0..<128).map { Character(Unicode.Scalar(UInt8($0))) }
        probes += ["\r\n", "\u{212A}", "é", "e\u{301}", "K\u{301}", "👩‍💻", "\u{2028}", "{\u{301}", "\u{85}"]
        for set in sets {
            let table = CharacterSet128(set)
            for probe in probes {
                #expect(table.contains(probe) == set.contains(probe), "\(set) \(probe.debugDescription)")
            }
        }
    }
}
