@testable import DossierChecks
import Testing

/// The file a code reference names, found over bytes for ASCII text, is what splitting at the
/// first `#` by Character gives, empty parts left out (`ProjectChecks.referencedPath`); and a
/// sample's format comes from the extension of the path's last part.
@Suite struct ReferencedPathTests {
    @Test func sameAsSplittingAtTheFirstHash() {
        let texts = [
            "", "#", "##", "#a", "##a", "#a#b", "a", "a#", "a#b", "a#b#c", "a##b", "data/x.csv#L3", "data/x.csv",
            "é#x", "#é", "x#\u{301}y", "données/échantillon.csv#ligne",
        ]
        for text in texts {
            #expect(
                ProjectChecks.referencedPath(text) == String(text.split(separator: "#", maxSplits: 1).first ?? ""),
                "\(text.debugDescription)")
        }
    }

    @Test func sampleFormatsFromTheLastPart() {
        #expect(SampleFormat(path: "data/x.csv") == .csv)
        #expect(SampleFormat(path: "data/x.CSV") == .csv)
        #expect(SampleFormat(path: "data//x.tsv//") == .tsv)
        #expect(SampleFormat(path: "x.jsonl") == .jsonLines)
        #expect(SampleFormat(path: "data.csv/readme") == nil)
        #expect(SampleFormat(path: "data/.csv") == nil)
        #expect(SampleFormat(path: "data/x.csv.") == nil)
        #expect(SampleFormat(path: "données/x.ndjson") == .jsonLines)
    }
}
