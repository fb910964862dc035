@testable import DossierChecks
@testable import DossierCore
@testable import DossierModel
import DossierTestSupport
import Foundation
import Testing

@Suite struct SchemaDriftCheckTests {
    typealias Rule = SchemaDriftCheck.Rule

    /// Profiles `csv` and checks `fields` against it.
    static func check(_ fields: [SchemaField], _ csv: String, named name: String = "penguins.csv") throws -> [Finding] {
        let sample = try DriftFixture.profile(csv, named: name)
        return SchemaDriftCheck.check(
            fields: fields, sample: sample, samplePath: "data/\(name)", document: DriftFixture.document)
    }

    static let penguins = """
        species,island,bill_length_mm,flipper_length_mm,body_mass_g,sex,year
        Adelie,Torgersen,39.1,181,3750,male,2007
        Adelie,Torgersen,39.5,186,3800,female,2007
        Adelie,Torgersen,NA,NA,NA,NA,2007
        Gentoo,Biscoe,46.1,211,4500,female,2008
        Chinstrap,Dream,46.5,192,3500,female,2009
        Gentoo,Biscoe,50.0,230,5700,male,2009

        """

    static let penguinFields: [SchemaField] = [
        DriftFixture.field(
            "species", .categorical, line: 10, values: ["Adelie", "Chinstrap", "Gentoo"], nullable: false),
        DriftFixture.field("island", .categorical, line: 11, values: ["Biscoe", "Dream", "Torgersen"]),
        DriftFixture.field("bill_length_mm", .float, line: 12, range: 30...60, nullable: true),
        DriftFixture.field("flipper_length_mm", .integer, line: 13),
        DriftFixture.field("body_mass_g", .integer, line: 14),
        DriftFixture.field("sex", .categorical, line: 15, values: ["male", "female"]),
        DriftFixture.field("year", .integer, line: 16, values: ["2007", "2008", "2009"], nullable: false),
    ]

    static func replacing(_ name: String, with field: SchemaField) -> [SchemaField] {
        penguinFields.map { $0.name == name ? field : $0 }
    }

    @Test func aSchemaThatMatchesItsSampleHasNoFindings() throws {
        #expect(try Self.check(Self.penguinFields, Self.penguins).isEmpty)
    }

    @Test func everyFindingIsADriftError() throws {
        var fields = Self.penguinFields
        fields[3] = DriftFixture.field("flipper_length_mm", .boolean, line: 13, nullable: false)
        fields.append(DriftFixture.field("culmen", .float, line: 17))
        let findings = try Self.check(fields, Self.penguins)
        #expect(!findings.isEmpty)
        #expect(findings.allSatisfy { $0.severity == .error && $0.state == .drift })
    }

    // MARK: Columns

    @Test func missingColumnPointsAtTheFieldRow() throws {
        let fields = Self.penguinFields + [DriftFixture.field("clutch_completion", .boolean, line: 17)]
        let findings = try Self.check(fields, Self.penguins)
        #expect(findings.map(\.rule) == [Rule.missingColumn])
        #expect(findings.first?.location == SourceLocation(path: "docs/schema.md", line: 17))
        #expect(
            findings.first?.message.hasPrefix(
                "documented column `clutch_completion` is not in sample `data/penguins.csv` (its columns: `species`, `island`"
            ) == true)
    }

    @Test func extraColumnPointsAtTheSampleLine() throws {
        let fields = Self.penguinFields.filter { $0.name != "island" }
        let findings = try Self.check(fields, Self.penguins)
        #expect(findings.map(\.rule) == [Rule.extraColumn])
        #expect(findings.first?.location == DriftFixture.document)
        #expect(
            findings.first?.message
                == "sample `data/penguins.csv` has column `island`, which the schema does not document")
    }

    @Test func aDuplicateColumnIsExtra() throws {
        let findings = try Self.check(
            [DriftFixture.field("a", .integer), DriftFixture.field("b", .integer)], "a,b,a\n1,2,3\n")
        #expect(findings.map(\.rule) == [Rule.extraColumn])
        #expect(findings.first?.message == "sample `data/penguins.csv` has a second column named `a` (columns 1 and 3)")
    }

    @Test func noDocumentedFieldsMeansNothingToCompare() throws {
        #expect(try Self.check([], Self.penguins).isEmpty)
    }

    @Test func renamedColumnIsOneFindingInsteadOfTwo() throws {
        let fields = Self.replacing("flipper_length_mm", with: DriftFixture.field("flipper_len_mm", .integer, line: 13))
        let findings = try Self.check(fields, Self.penguins)
        #expect(findings.map(\.rule) == [Rule.renamedColumn])
        #expect(findings.first?.location.line == 13)
        #expect(
            findings.first?.message
                == "documented column `flipper_len_mm` looks renamed to `flipper_length_mm` in sample `data/penguins.csv`"
        )
    }

    @Test func columnsDifferingOnlyInCaseOrPunctuationAreRenames() throws {
        let caseOnly = try Self.check(
            Self.replacing("species", with: DriftFixture.field("Species", .categorical, line: 10)), Self.penguins)
        #expect(caseOnly.map(\.rule) == [Rule.renamedColumn])
        #expect(caseOnly.first?.message.hasSuffix("(only the case differs)") == true)

        let raw = "Culmen Length (mm),Body Mass (g)\n39.1,3750\n"
        let fields = [
            DriftFixture.field("culmen_length_mm", .float, line: 5),
            DriftFixture.field("body_mass_g", .integer, line: 6),
        ]
        #expect(try Self.check(fields, raw).map(\.rule) == [Rule.renamedColumn, Rule.renamedColumn])
    }

    @Test func renamedColumnIsStillCheckedForValues() throws {
        let fields = Self.replacing(
            "species", with: DriftFixture.field("specie", .categorical, line: 10, values: ["Adelie", "Gentoo"]))
        let findings = try Self.check(fields, Self.penguins)
        #expect(findings.map(\.rule) == [Rule.renamedColumn, Rule.unexpectedValue])
        #expect(
            findings.last?.message.hasPrefix("column `specie` (`species` in the sample) holds values outside") == true)
    }

    @Test func dissimilarNamesAreMissingAndExtraNotRenamed() throws {
        // bill_length and bill_depth are different measurements: 0.75 similar, under the threshold,
        // and not at the same position (bill_depth_mm is documented last).
        let fields =
            Self.penguinFields.filter { $0.name != "bill_length_mm" }
            + [DriftFixture.field("bill_depth_mm", .float, line: 17)]
        let findings = try Self.check(fields, Self.penguins)
        #expect(findings.map(\.rule) == [Rule.missingColumn, Rule.extraColumn])
        #expect(ColumnNameSimilarity.score("bill_length_mm", "bill_depth_mm") == 0.75)
    }

    @Test func aColumnReplacedAtTheSamePositionIsARename() throws {
        let csv = "Symbol,Company,GICS Sector\nMMM,3M,Industrials\nAOS,A. O. Smith,Industrials\n"
        let fields = [
            DriftFixture.field("Symbol", .string, line: 5), DriftFixture.field("Security", .string, line: 6),
            DriftFixture.field("GICS Sector", .categorical, line: 7),
        ]
        let findings = try Self.check(fields, csv)
        #expect(findings.map(\.rule) == [Rule.renamedColumn])
        #expect(findings.first?.location.line == 6)
        #expect(
            findings.first?.message == "documented column `Security` looks renamed to `Company` in sample "
                + "`data/penguins.csv` (a new name at column 2, where the documented one was)")

        // The last column too; a column added elsewhere is not taken for the missing one.
        let last = try Self.check([DriftFixture.field("a", .integer), DriftFixture.field("b", .integer)], "a,c\n1,2\n")
        #expect(last.map(\.rule) == [Rule.renamedColumn])
        let elsewhere = try Self.check(
            [
                DriftFixture.field("a", .integer), DriftFixture.field("b", .integer),
                DriftFixture.field("c", .integer),
            ], "a,c,d\n1,2,3\n")
        #expect(elsewhere.map(\.rule) == [Rule.missingColumn, Rule.extraColumn])
    }

    @Test func similarNamesWithIncompatibleTypesAreNotRenamed() throws {
        let fields = Self.replacing("island", with: DriftFixture.field("islands", .float, line: 11))
        let findings = try Self.check(fields, Self.penguins)
        #expect(findings.map(\.rule) == [Rule.missingColumn, Rule.extraColumn])
    }

    @Test func entityFieldsMatchByNameThenByWholeKey() throws {
        let csv = "age,Person.score\n30,5\n"
        let fields = [
            DriftFixture.field("Person.age", .integer, line: 3), DriftFixture.field("Person.score", .integer, line: 4),
        ]
        #expect(try Self.check(fields, csv).isEmpty)
    }

    @Test func jsonLinesEntityFieldsAreMembersOfANestedObject() throws {
        let jsonl = """
            {"text": "hi", "meta": {"src": "web", "lang": "en"}}
            {"text": "yo", "meta": {"src": "news", "lang": "de"}}
            """
        let fields = [
            DriftFixture.field("text", .string, line: 3),
            DriftFixture.field("meta.src", .categorical, line: 4, values: ["web", "news"], nullable: false),
            DriftFixture.field("meta.lang", .categorical, line: 5, values: ["en"]),
        ]
        let findings = try Self.check(fields, jsonl, named: "s.jsonl")
        // Only the real drift: `de` is not a documented language. No missing `meta.src`, no extra `meta`.
        #expect(findings.map(\.rule) == [Rule.unexpectedValue])
        #expect(findings.first?.location.line == 5)

        // Without such an object, `meta.src` is still the column `src` of entity `meta`.
        #expect(
            try Self.check([DriftFixture.field("meta.src", .string)], "{\"src\": \"web\"}\n", named: "s.jsonl").isEmpty)
    }

    // MARK: Types

    @Test func typeMismatchNamesDocumentedAndActualValues() throws {
        let fields = Self.replacing("bill_length_mm", with: DriftFixture.field("bill_length_mm", .integer, line: 12))
        let findings = try Self.check(fields, Self.penguins)
        #expect(findings.map(\.rule) == [Rule.typeMismatch])
        #expect(findings.first?.location == SourceLocation(path: "docs/schema.md", line: 12))
        #expect(
            findings.first?.message
                == "column `bill_length_mm` is documented as integer but sample `data/penguins.csv` holds float values (e.g. `39.1` on line 2)"
        )
    }

    @Test(arguments: [
        // documented type, column values: data that satisfies the type.
        (FieldType.float, ["1", "2", "3"]),
        (.integer, ["181.0", "186.0", "NA"]),
        (.boolean, ["0", "1", "1"]),
        (.boolean, ["yes", "No", "TRUE"]),
        (.categorical, ["1", "2", "1", "2"]),
        (.categorical, ["a", "b", "c"]),
        (.categorical, ["yes", "no"]),
        (.id, ["1001", "1002"]),
        (.id, ["N1A1", "N1A2"]),
        (.string, ["a", "a", "b", "b"]),
        (.string, ["02139", "840", "10001"]),
        (.string, ["1", "2"]),
        (.text, ["2020-01-01", "1.5"]),
        (.id, ["1.5", "2.5"]),
        (.text, ["long free text", "more text"]),
        (.datetime, ["2020-01-01", "2020-01-02T10:00"]),
        (.datetime, ["2020-01-01"]),
        (.date, ["NA", "NA"]),
    ])
    func compatibleDataIsNotDrift(type: FieldType, values: [String]) throws {
        let csv = "c\n" + values.joined(separator: "\n") + "\n"
        #expect(try Self.check([DriftFixture.field("c", type)], csv).isEmpty)
    }

    @Test(arguments: [
        // documented type, column values, the example the message shows.
        (FieldType.integer, ["1", "2.5"], "2.5"),
        (.integer, ["1", "inf"], "inf"),
        (.boolean, ["0", "1", "2"], "2"),
        (.date, ["2020-01-01", "2020-01-01T10:00"], "2020-01-01T10:00"),
        (.float, ["1.5", "n.a."], "n.a."),
        (.categorical, ["1.5", "2.5"], "1.5"),
        (.integer, ["840", "02139"], "02139"),
        (.datetime, ["yesterday"], "yesterday"),
    ])
    func incompatibleDataIsATypeMismatch(type: FieldType, values: [String], example: String) throws {
        let csv = "c\n" + values.joined(separator: "\n") + "\n"
        let findings = try Self.check([DriftFixture.field("c", type)], csv)
        #expect(findings.map(\.rule) == [Rule.typeMismatch])
        #expect(findings.first?.message.contains("documented as \(type.rawValue) but") == true)
        #expect(
            findings.first?.message.contains("(e.g. `\(example)` on line") == true, "\(findings.first?.message ?? "")")
    }

    @Test func fieldWithoutAKnownTypeIsNotTypeChecked() throws {
        let field = SchemaField(key: "c", name: "c", type: nil, rawType: "decimal(10,2)", line: 3)
        #expect(try Self.check([field], "c\nabc\n").isEmpty)
    }

    // MARK: Values

    @Test func unexpectedValuesAreListedWithCountsAndCaseNotes() throws {
        let csv =
            "species\n" + ["Adelie", "adelie", "adelie", "Gentoo penguin", "Chinstrap", "NA"].joined(separator: "\n")
            + "\n"
        let field = DriftFixture.field("species", .categorical, line: 7, values: ["Adelie", "Chinstrap", "Gentoo"])
        let findings = try Self.check([field], csv)
        #expect(findings.map(\.rule) == [Rule.unexpectedValue])
        #expect(findings.first?.location.line == 7)
        #expect(
            findings.first?.message
                == "column `species` holds values outside its documented values (`Adelie`, `Chinstrap`, `Gentoo`) "
                + "in sample `data/penguins.csv`: `adelie` (2 rows; differs from `Adelie` only in case), `Gentoo penguin` (1 row)"
        )
    }

    @Test func atMostFiveOffendingValuesAreListed() throws {
        let csv = "c\n" + (1...8).map { "v\($0)" }.joined(separator: "\n") + "\n"
        let findings = try Self.check([DriftFixture.field("c", .string, values: ["v1"])], csv)
        #expect(
            findings.first?.message.hasSuffix(
                "`v2` (1 row), `v3` (1 row), `v4` (1 row), `v5` (1 row), `v6` (1 row) and 2 more") == true)
    }

    @Test func numbersCompareAsNumbersAndMissingIsNotAValue() throws {
        let field = DriftFixture.field("c", .integer, values: ["1", "2", "3"])
        #expect(try Self.check([field], "c\n1.0\n2\n 3\nNA\n").isEmpty)
        #expect(try Self.check([field], "c\n1\n4\n").map(\.rule) == [Rule.unexpectedValue])
    }

    @Test func valuesOutsideTheRange() throws {
        let field = DriftFixture.field("body_mass_g", .integer, line: 8, range: 2700...6300)
        let findings = try Self.check([field], "body_mass_g\n3750\n9999\n-1\n-1\nNA\n")
        #expect(findings.map(\.rule) == [Rule.unexpectedValue])
        #expect(
            findings.first?.message
                == "column `body_mass_g` is documented in the range 2700–6300 but sample `data/penguins.csv` "
                + "holds values outside it: `-1` (2 rows), `9999` (1 row)")
        #expect(try Self.check([field], "body_mass_g\n2700\n6300\n4000\n").isEmpty)
    }

    @Test func rangeUsesExtremesWhenDistinctValuesWereCapped() throws {
        let csv = "n\n" + (1...30).map(String.init).joined(separator: "\n") + "\n"
        let sample = try DriftFixture.profile(csv, reader: SampleReader(maxDistinctValues: 5))
        let findings = SchemaDriftCheck.check(
            fields: [DriftFixture.field("n", .integer, range: 0...20)], sample: sample,
            samplePath: "data/n.csv", document: DriftFixture.document)
        #expect(findings.map(\.rule) == [Rule.unexpectedValue])
        #expect(findings.first?.message.contains("maximum 30") == true)
        #expect(findings.first?.message.hasSuffix("(only the first 5 distinct values were checked)") == true)
    }

    // MARK: Missing values

    @Test func missingValuesInANonNullableColumn() throws {
        let fields = Self.replacing("sex", with: DriftFixture.field("sex", .categorical, line: 15, nullable: false))
        let findings = try Self.check(fields, Self.penguins)
        #expect(findings.map(\.rule) == [Rule.unexpectedMissing])
        #expect(findings.first?.location.line == 15)
        #expect(
            findings.first?.message
                == "column `sex` is documented as not nullable but 1 of 6 rows in sample `data/penguins.csv` are missing (first `NA` on line 4)"
        )
    }

    @Test func nullableOrUnsaidColumnsMayHaveMissingValues() throws {
        for nullable in [true, nil] as [Bool?] {
            let fields = Self.replacing(
                "sex", with: DriftFixture.field("sex", .categorical, line: 15, nullable: nullable))
            #expect(try Self.check(fields, Self.penguins).isEmpty)
        }
    }

    @Test func absentJSONKeysAreMissing() throws {
        let jsonl = "{\"id\": 1, \"label\": \"a\"}\n{\"id\": 2}\n"
        let findings = try Self.check(
            [DriftFixture.field("id", .integer), DriftFixture.field("label", .string, line: 11, nullable: false)],
            jsonl, named: "s.jsonl")
        #expect(findings.map(\.rule) == [Rule.unexpectedMissing])
        #expect(findings.first?.message.hasSuffix("(first `(absent)` on line 2)") == true)
    }

    // MARK: The penguins raw file

    @Test func penguinsRawAgainstTheCleanSchemaReportsRenamesAndExtras() throws {
        let sample = try DriftFixture.profile(DriftFixture.penguinsRaw, named: "penguins-raw.csv")
        let fields = [
            DriftFixture.field("species", .categorical, line: 10, values: ["Adelie", "Chinstrap", "Gentoo"]),
            DriftFixture.field("culmen_length_mm", .float, line: 11),
            DriftFixture.field("body_mass_g", .integer, line: 12),
            DriftFixture.field("sex", .categorical, line: 13, values: ["male", "female"], nullable: false),
        ]
        let findings = SchemaDriftCheck.check(
            fields: fields, sample: sample, samplePath: "data/raw/penguins-raw.csv",
            document: DriftFixture.document)
        let rules = findings.map(\.rule)
        #expect(rules.filter { $0 == Rule.renamedColumn }.count == 4)
        #expect(rules.filter { $0 == Rule.extraColumn }.count == 7)
        #expect(rules.contains(Rule.unexpectedValue))
        #expect(rules.contains(Rule.unexpectedMissing))
        #expect(!rules.contains(Rule.missingColumn))
        let sex = findings.first { $0.rule == Rule.unexpectedValue && $0.location.line == 13 }
        #expect(sex?.message.contains("`MALE` (3 rows; differs from `male` only in case)") == true)
    }
}
