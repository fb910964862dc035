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

    /// `mayNameSample` may say yes to anything, but never no to a text whose file has a sample format.
    @Test func theSampleFilterNeverLeavesOutASample() {
        let names = ["x.csv", "x.CSV", "x.Tsv", "x.tab", "x.TAB", "x.jsonl", "x.JSONL", "x.ndjson", "x.NDJSON", "x.py"]
        let shapes = ["N", "data/N", "data//N//", "N/", "N#L3", "N#sym#x", "#N", "données/N", "N#é"]
        var texts = ["", "/", "#", "x", "x.pyc", "x.md", "é", "x.csvé", "ﬁle.csv", "x.cs\u{301}"]
        for name in names { for shape in shapes { texts.append(shape.replacingOccurrences(of: "N", with: name)) } }
        for text in texts where SampleFormat(path: ProjectChecks.referencedPath(text)) != nil {
            #expect(ProjectChecks.mayNameSample(text), "\(text.debugDescription)")
        }
        // What it is for: code files are left out without the full look.
        for text in ["src/models/train.py", "src/a.swift", "README.md", "notes/x.txt", "data/x.parquet"] {
            #expect(!ProjectChecks.mayNameSample(text))
        }
        #expect(ProjectChecks.mayNameSample("data/x.csv"))
    }
}
