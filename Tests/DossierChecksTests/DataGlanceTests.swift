@testable import DossierChecks
@testable import DossierCore
@testable import DossierModel
import DossierTestSupport
import Foundation
import Testing

/// The sample profile the data pages show (issue 13 item 4): computed by the drift pass.
@Suite struct DataGlanceTests {
    private static let csv =
        "n,kind,note\n"
        + (1...20).map { "\($0),\($0 % 4 == 0 ? "b" : "a"),\($0 == 3 ? "NA" : "x\($0)")" }
        .joined(separator: "\n") + "\n"

    @Test func profileHoldsMissingShareTopValuesAndHistogram() throws {
        let sample = try DriftFixture.profile(Self.csv)
        let n = try #require(sample.column(named: "n"))
        #expect(n.inferredType == .integer)
        #expect(n.minimum == 1 && n.maximum == 20)
        #expect(n.histogram == [2, 2, 2, 2, 2, 2, 2, 2, 2, 2])
        let kind = try #require(sample.column(named: "kind"))
        #expect(kind.topValues.map(\.value) == ["a", "b"])
        #expect(kind.topValues.map(\.count) == [15, 5])
        #expect(kind.histogram.isEmpty)
        let note = try #require(sample.column(named: "note"))
        #expect(note.missingShare == 0.05)
    }

    @Test func previewKeepsTheFirstTenRowsAndCutsLongCells() throws {
        let long = String(repeating: "z", count: 200)
        let sample = try DriftFixture.profile("a,b\n" + (1...30).map { "\($0),\(long)" }.joined(separator: "\n") + "\n")
        #expect(sample.preview.count == SampleProfile.previewRows)
        #expect(sample.preview.first?.first == "1")
        #expect(sample.preview.first?.last?.count == SampleProfile.previewCellCharacters)
        let jsonl = try DriftFixture.profile("{\"a\": 1}\n{\"b\": \"x\", \"a\": 2}\n", named: "s.jsonl")
        #expect(jsonl.preview == [["1", ""], ["2", "x"]])
    }

    @Test func rowCountIsExactWhenReadWholeAndAtLeastOtherwise() throws {
        let ten = "n\n" + (1...10).map(String.init).joined(separator: "\n") + "\n"
        let exact = try DriftFixture.profile(ten, reader: SampleReader(maxRows: 10))
        #expect(!exact.reachedRowLimit)
        #expect(exact.rowCountText == "10 rows")
        let bounded = try DriftFixture.profile(ten, reader: SampleReader(maxRows: 5))
        #expect(bounded.reachedRowLimit)
        #expect(bounded.rowCountText == "at least 5 rows")
        let jsonl = (1...10).map { "{\"n\": \($0)}" }.joined(separator: "\n") + "\n\n"
        #expect(
            try DriftFixture.profile(jsonl, named: "s.jsonl", reader: SampleReader(maxRows: 10)).rowCountText
                == "10 rows")
        #expect(try DriftFixture.profile(jsonl, named: "s.jsonl", reader: SampleReader(maxRows: 9)).reachedRowLimit)
    }

    @Test func profileIsDeterministic() throws {
        let first = try DriftFixture.profile(Self.csv)
        let second = try DriftFixture.profile(Self.csv)
        #expect(first == second)
    }

    @Test func loadedProjectCarriesTheSampleProfileBoundedBySampleRows() throws {
        let project = try TemporaryProject([
            "dossier.yml": "drift: {sample_rows: 4}\n",
            "data/s.csv": Self.csv,
            "docs/s.md": """
            ---
            kind: schema
            id: s
            sample: data/s.csv
            ---
            # S

            | name | type | description |
            |---|---|---|
            | n | integer | A number. |
            | kind | categorical | A kind. |
            | note | string | A note. |
            """,
        ])
        defer { project.remove() }
        let loaded = try project.load()
        let index = try #require(loaded.index.byPath["docs/s.md"])
        let sample = try #require(loaded.samples[index])
        #expect(sample.rowsRead == 4)
        #expect(sample.rowCountText == "at least 4 rows")
    }

    @Test func aSchemaWithoutTableStillGetsItsProfile() throws {
        let project = try TemporaryProject([
            "data/s.csv": Self.csv,
            "docs/s.md": "---\nkind: schema\nid: s\nsample: data/s.csv\n---\n# S\n",
        ])
        defer { project.remove() }
        let loaded = try project.load()
        let index = try #require(loaded.index.byPath["docs/s.md"])
        #expect(loaded.samples[index]?.rowsRead == 20)
    }
}

extension DataGlanceTests {
    @Test func dataFilesAPageLinksAreProfiledOnceEach() throws {
        let project = try TemporaryProject([
            "data/a.csv": "x\n1\n2\n",
            "data/b.jsonl": "{\"y\": 1}\n",
            "data/secret.txt": "not data\n",
            "docs/one.md": "# One\n\nSee [a](../data/a.csv) and [b](../data/b.jsonl).\n",
            "docs/two.md": "---\ncode: [data/a.csv, data/missing.csv, data/secret.txt]\n---\n# Two\n",
        ])
        defer { project.remove() }
        let loaded = try project.load()
        #expect(loaded.dataFiles.keys.sorted() == ["data/a.csv", "data/b.jsonl"])
        #expect(loaded.dataFiles["data/a.csv"]?.rowCountText == "2 rows")
    }
}
