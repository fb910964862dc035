@testable import DossierChecks
import DossierTestSupport
import Foundation
import Testing

@Suite struct SampleReaderTests {
    @Test func readsQuotedFieldsWithDelimitersLineBreaksAndDoubledQuotes() throws {
        let csv = "id,note,score\n1,\"a, b\",2\n2,\"line one\nline two\",3\n3,\"she said \"\"hi\"\"\",4\n"
        let profile = try DriftFixture.profile(csv)
        #expect(profile.columnNames == ["id", "note", "score"])
        #expect(profile.rowsRead == 3)
        let notes = try #require(profile.column(named: "note")).distinctValues
        #expect(notes.map(\.value) == ["a, b", "line one\nline two", "she said \"hi\""])
        // The record after a quoted line break starts two lines further down.
        #expect(notes.map(\.firstLine) == [2, 3, 5])
    }

    @Test func stripsByteOrderMarkAndHandlesCRLF() throws {
        let csv = "species,mass\r\nAdelie,3750\r\n\"Gentoo\r\npenguin\",5300\r\nChinstrap,\"3500\"\r\n"
        let profile = try DriftFixture.profile([0xEF, 0xBB, 0xBF] + Array(csv.utf8))
        #expect(profile.columnNames == ["species", "mass"])
        let species = try #require(profile.column(named: "species"))
        #expect(species.distinctValues.map(\.value) == ["Adelie", "Gentoo\r\npenguin", "Chinstrap"])
        #expect(species.distinctValues.map(\.firstLine) == [2, 3, 5])
        let mass = try #require(profile.column(named: "mass"))
        #expect(mass.distinctValues.map(\.value) == ["3750", "5300", "3500"])
        #expect(mass.inferredType == .integer)
    }

    @Test func handlesLoneCRBlankLinesAndAMissingFinalLineBreak() throws {
        let profile = try DriftFixture.profile("a,b\r1,2\r\n\n\n3,4")
        #expect(profile.rowsRead == 2)
        let b = try #require(profile.column(named: "b"))
        #expect(b.distinctValues.map(\.value) == ["2", "4"])
        #expect(b.distinctValues.map(\.firstLine) == [2, 5])
    }

    @Test func keepsStrayQuotesAsPandasDoes() throws {
        let profile = try DriftFixture.profile("a,b\n5\" tall,\"ab\"c\n")
        #expect(profile.column(named: "a")?.distinctValues.first?.value == "5\" tall")
        #expect(profile.column(named: "b")?.distinctValues.first?.value == "abc")
    }

    @Test func readsTSVWithQuotedTabs() throws {
        let tsv = "name\tcount\tflag\n\"tab\there\"\t3\ttrue\nplain\t4\tFALSE\n"
        let profile = try DriftFixture.profile(tsv, named: "sample.tsv")
        #expect(profile.format == .tsv)
        #expect(profile.columnNames == ["name", "count", "flag"])
        #expect(profile.column(named: "name")?.distinctValues.first?.value == "tab\there")
        #expect(profile.column(named: "count")?.inferredType == .integer)
        #expect(profile.column(named: "flag")?.inferredType == .boolean)
        #expect(try DriftFixture.profile(tsv, named: "sample.TAB").format == .tsv)
    }

    @Test func membersOfObjectsDoNotCountTowardsTheColumnLimit() throws {
        let jsonl = "{\"a\": 1, \"meta\": {\"x\": 1, \"y\": 2, \"z\": 3}}\n"
        let profile = try DriftFixture.profile(jsonl, named: "s.jsonl", reader: SampleReader(maxColumns: 2))
        #expect(profile.columnNames == ["a", "meta", "meta.x", "meta.y"])
        #expect(
            try DriftFixture.readError(
                "{\"a\": 1, \"b\": 2, \"c\": 3}\n", named: "s.jsonl",
                reader: SampleReader(maxColumns: 2)) != nil)
    }

    @Test func readsJSONLinesWithKeyOrderAbsentKeysAndJSONTypes() throws {
        let jsonl = """
            {"id": 1, "species": "Adelie", "mass": 3750.0, "seen": "2007-11-11", "ok": true, "tags": ["a", "b"]}
            {"id": 2, "species": null, "mass": 3800, "ok": false, "code": "007"}

            {"id": 3, "species": "NA", "mass": 4000.5, "seen": "2008-01-02T10:00:00Z", "ok": true, "tags": {"k": 1}}
            """
        let profile = try DriftFixture.profile(jsonl, named: "sample.jsonl")
        #expect(profile.format == .jsonLines)
        // An object's members are columns too, after the object's own column.
        #expect(profile.columnNames == ["id", "species", "mass", "seen", "ok", "tags", "code", "tags.k"])
        #expect(profile.column(named: "tags.k")?.parent == "tags")
        #expect(profile.column(named: "tags")?.parent == nil)
        #expect(profile.rowsRead == 3)
        #expect(profile.column(named: "id")?.inferredType == .integer)
        #expect(profile.column(named: "mass")?.inferredType == .float)
        #expect(profile.column(named: "ok")?.inferredType == .boolean)
        #expect(profile.column(named: "seen")?.inferredType == .datetime)
        let species = try #require(profile.column(named: "species"))
        #expect(species.valueCount == 1)
        #expect(species.missingCount == 2)
        let seen = try #require(profile.column(named: "seen"))
        #expect(seen.missingCount == 1)
        #expect(seen.firstMissing == .init("(absent)", line: 2))
        // A JSON string of digits is text, not a number; a key first seen on row 2 was absent on row 1.
        let code = try #require(profile.column(named: "code"))
        #expect(code.summary(of: .text)?.count == 1)
        #expect(code.missingCount == 2)
        #expect(code.firstMissing?.line == 1)
        #expect(profile.column(named: "tags")?.distinctValues.first?.value == "[\"a\", \"b\"]")
        #expect(try DriftFixture.profile(jsonl, named: "sample.ndjson").rowsRead == 3)
    }

    @Test func profilesThePenguinsRawShape() throws {
        let profile = try DriftFixture.profile(DriftFixture.penguinsRaw, named: "penguins-raw.csv")
        #expect(profile.rowsRead == 8)
        #expect(profile.columns.count == 11)
        let types = Dictionary(uniqueKeysWithValues: profile.columns.map { ($0.name, $0.inferredType) })
        #expect(types["studyName"] == .categorical)
        #expect(types["Sample Number"] == .integer)
        #expect(types["Species"] == .categorical)
        #expect(types["Stage"] == .categorical)
        #expect(types["Clutch Completion"] == .boolean)
        #expect(types["Date Egg"] == .date)
        #expect(types["Culmen Length (mm)"] == .float)
        #expect(types["Body Mass (g)"] == .integer)
        #expect(types["Comments"] == .string)
        let culmen = try #require(profile.column(named: "Culmen Length (mm)"))
        #expect(culmen.missingCount == 1)
        #expect(culmen.firstMissing == .init("NA", line: 5))
        #expect(culmen.minimum == 36.7)
        #expect(culmen.maximum == 50.5)
        #expect(profile.column(named: "Comments")?.missingCount == 5)
    }

    @Test func recognizesMissingMarkers() throws {
        let csv =
            "v\n"
            + ["", "NA", "N/A", "null", "NaN", "None", "nan", "NULL", "<NA>", "#N/A", "  ", "x"].joined(separator: "\n")
            + "\n"
        // A blank line is skipped, not missing: the empty and the blank value are written quoted.
        let quoted = csv.replacingOccurrences(of: "v\n\n", with: "v\n\"\"\n").replacingOccurrences(
            of: "\n  \n", with: "\n\"  \"\n")
        let column = try #require(try DriftFixture.profile(quoted).column(named: "v"))
        #expect(column.missingCount == 11)
        #expect(column.valueCount == 1)
    }

    @Test func infersTypesFromValueKinds() throws {
        let csv = """
            int,float,mixednum,bool,date,datetime,mixed,zeroone
            1,1.5,1,yes,2020-01-31,2020-01-31T10:00,a,0
            -2,.5,2.5,No,2020-02-01,2020-02-01 11:30:15.25+02:00,1,1
            +3,1e3,3,TRUE,2020-12-31,2020-12-31,2,1

            """
        let profile = try DriftFixture.profile(csv)
        #expect(profile.column(named: "int")?.inferredType == .integer)
        #expect(profile.column(named: "float")?.inferredType == .float)
        #expect(profile.column(named: "mixednum")?.inferredType == .float)
        #expect(profile.column(named: "bool")?.inferredType == .boolean)
        #expect(profile.column(named: "date")?.inferredType == .date)
        #expect(profile.column(named: "datetime")?.inferredType == .datetime)
        #expect(profile.column(named: "mixed")?.inferredType == .string)
        #expect(profile.column(named: "zeroone")?.inferredType == .integer)
        #expect(profile.column(named: "zeroone")?.isZeroOrOne == true)
        #expect(profile.column(named: "int")?.minimum == -2)
        #expect(profile.column(named: "int")?.maximum == 3)
        #expect(profile.column(named: "float")?.maximum == 1000)
    }

    @Test func categoricalNeedsFewDistinctValuesEachSeenTwiceOnAverage() throws {
        let few =
            "c\n" + Array(repeating: ["red", "green", "blue"], count: 2).flatMap { $0 }.joined(separator: "\n") + "\n"
        #expect(try DriftFixture.profile(few).column(named: "c")?.inferredType == .categorical)
        let unique = "c\nred\ngreen\nblue\nred\n"  // 4 rows, 3 distinct: too few rows per value
        #expect(try DriftFixture.profile(unique).column(named: "c")?.inferredType == .string)
        let many = "c\n" + (0..<100).map { "v\($0 % 21)" }.joined(separator: "\n") + "\n"  // 21 distinct
        #expect(try DriftFixture.profile(many).column(named: "c")?.inferredType == .string)
    }

    @Test func invalidDatesAreText() throws {
        let column = try DriftFixture.profile("d\n2020-13-01\n").column(named: "d")
        #expect(column?.inferredType == .string)
        #expect(ValueClassifier.classify("2020-02-30") == .date)  // shape only: no calendar
        #expect(ValueClassifier.classify("2020-01-01T25:00") == .text)
        #expect(ValueClassifier.classify("1,234") == .text)
        #expect(ValueClassifier.classify(" 42 ") == .integer)
        #expect(ValueClassifier.classify("-inf") == .float)
        #expect(ValueClassifier.classify("1e") == .text)
    }

    @Test func capsDistinctValues() throws {
        let csv = "c\n" + (0..<50).map { "v\($0)" }.joined(separator: "\n") + "\n"
        let column = try #require(
            try DriftFixture.profile(csv, reader: SampleReader(maxDistinctValues: 10)).column(named: "c"))
        #expect(column.distinctValues.count == 10)
        #expect(column.distinctValuesComplete == false)
        #expect(column.valueCount == 50)
    }

    @Test func stopsAtMaxRows() throws {
        let csv = "n\n" + (1...100).map(String.init).joined(separator: "\n") + "\n"
        let limited = try DriftFixture.profile(csv, reader: SampleReader(maxRows: 10))
        #expect(limited.rowsRead == 10)
        #expect(limited.reachedRowLimit)
        #expect(limited.column(named: "n")?.maximum == 10)
        let whole = try DriftFixture.profile(csv)
        #expect(whole.rowsRead == 100)
        #expect(!whole.reachedRowLimit)
        let jsonl = (1...100).map { "{\"n\": \($0)}" }.joined(separator: "\n")
        #expect(try DriftFixture.profile(jsonl, named: "s.jsonl", reader: SampleReader(maxRows: 10)).rowsRead == 10)
    }

    @Test func stopsBeforeAMalformedRowPastMaxRows() throws {
        // Rows past the limit are never read, so a bad one there is not reported.
        let csv = "a,b\n1,2\n3,4\n5\n"
        #expect(try DriftFixture.profile(csv, reader: SampleReader(maxRows: 2)).rowsRead == 2)
    }

    @Test func readsAHeaderWithoutRows() throws {
        let profile = try DriftFixture.profile("a,b\n")
        #expect(profile.columnNames == ["a", "b"])
        #expect(profile.rowsRead == 0)
        #expect(profile.column(named: "a")?.inferredType == nil)
    }

    @Test func choosesTheFormatByExtension() {
        #expect(SampleFormat(path: "data/x.CSV") == .csv)
        #expect(SampleFormat(path: "x.tsv") == .tsv)
        #expect(SampleFormat(path: "x.tab") == .tsv)
        #expect(SampleFormat(path: "a.b/x.jsonl") == .jsonLines)
        #expect(SampleFormat(path: "x.ndjson") == .jsonLines)
        #expect(SampleFormat(path: "x.csv.gz") == nil)
        #expect(SampleFormat(path: "x.parquet") == nil)
        #expect(SampleFormat(path: ".csv") == nil)
        #expect(SampleFormat(path: "csv") == nil)
    }

    @Test func formatByExtensionMatchesCharacterSearch() {
        func old(_ path: String) -> SampleFormat? {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
            switch name[name.index(after: dot)...].lowercased() {
            case "csv": return .csv
            case "tsv", "tab": return .tsv
            case "jsonl", "ndjson": return .jsonLines
            default: return nil
            }
        }
        let paths = [
            "", "/", "a.csv", "A.CSV", "d/a.TSV", "a.csv/", ".csv", "d/.csv", "a.b.jsonl", "a.", "a.csv#L1", "x/y.tab",
            "é.csv", "d/é/a.ndjson", "a.cs\u{301}v", "a.\u{301}csv", "a/.\u{301}csv", "a\u{301}/b.csv", "a.csv\r\n",
        ]
        for path in paths {
            #expect(SampleFormat(path: path) == old(path), "\(path.debugDescription)")
        }
    }
}
