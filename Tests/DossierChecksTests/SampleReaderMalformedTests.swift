@testable import DossierChecks
@testable import DossierCore
@testable import DossierFormats
import DossierTestSupport
import Foundation
import Testing

/// Bad samples are findings with a file and a line, never a crash.
@Suite struct SampleReaderMalformedTests {
    @Test func missingFileIsReportedAtTheDocument() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dossier-drift-nope-\(UUID().uuidString).csv")
        #expect(throws: SampleReadError.self) { try SampleReader().profile(of: file, reportedAs: "data/nope.csv") }
        let findings = SchemaDriftCheck.check(
            fields: [DriftFixture.field("a", .string)], sampleFile: file,
            samplePath: "data/nope.csv", document: DriftFixture.document)
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.rule == "drift.sample.unreadable")
        #expect(finding.location == DriftFixture.document)
        #expect(finding.state == .broken)
        #expect(finding.message.contains("data/nope.csv"))
    }

    @Test func folderIsNotASample() throws {
        let file = try DriftFixture.write("x", named: "inner.txt")
        defer { DriftFixture.remove(file) }
        do {
            _ = try SampleReader().profile(of: file.deletingLastPathComponent(), reportedAs: "data/folder.csv")
            Issue.record("a folder was read as a sample")
        } catch {
            #expect(error.reason == .notAFile)
        }
    }

    @Test func emptyFiles() throws {
        #expect(try DriftFixture.readError("")?.reason == .empty)
        #expect(try DriftFixture.readError([0xEF, 0xBB, 0xBF])?.reason == .empty)
        #expect(try DriftFixture.readError("\n\n")?.reason == .empty)
        #expect(try DriftFixture.readError("", named: "s.jsonl")?.reason == .empty)
        #expect(try DriftFixture.readError("\n  \n", named: "s.jsonl")?.reason == .empty)
    }

    @Test func binaryFile() throws {
        let png: [UInt8] = [
            0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        ]
        let error = try #require(try DriftFixture.readError(png))
        #expect(error.reason == .binary)
        #expect(error.line == 3)  // the NUL byte follows two LF bytes
        let late = "a,b\n" + String(repeating: "1,2\n", count: 40_000) + "3,\0\n"  // past the first chunk
        let error2 = try #require(try DriftFixture.readError(late, reader: SampleReader(maxRows: 100_000)))
        #expect(error2.reason == .binary)
        #expect(error2.line == 40_002)
        #expect(try DriftFixture.readError(png, named: "s.jsonl")?.reason == .binary)
    }

    @Test func notUTF8() throws {
        let latin1: [UInt8] = Array("name,city\nA,Paris\nB,Montr".utf8) + [0xE9] + Array("al\n".utf8)
        let error = try #require(try DriftFixture.readError(latin1))
        #expect(error.reason == .notUTF8)
        #expect(error.line == 3)
        let finding = error.finding(document: DriftFixture.document)
        #expect(finding.location == SourceLocation(path: "data/sample.csv", line: 3))
        #expect(finding.rule == "drift.sample.unreadable")
        #expect(finding.state == .drift)
        #expect(
            finding.formatted.hasPrefix(
                "data/sample.csv:3:1: error: sample `data/sample.csv` cannot be read: line 3 is not valid UTF-8"))
        let jsonLatin1: [UInt8] =
            Array("{\"city\": \"Paris\"}\n{\"city\": \"Montr".utf8) + [0xE9] + Array("al\"}\n".utf8)
        #expect(try DriftFixture.readError(jsonLatin1, named: "s.jsonl")?.reason == .notUTF8)
        #expect(try DriftFixture.readError(jsonLatin1, named: "s.jsonl")?.line == 2)
        #expect(try DriftFixture.readError([0xFF, 0xFE] + Array("a\0,\0".utf8))?.reason == .notUTF8)
    }

    @Test func raggedRows() throws {
        let tooMany = try #require(try DriftFixture.readError("a,b\n1,2\n3,4,5\n"))
        #expect(tooMany.reason == .raggedRow)
        #expect(tooMany.line == 3)
        #expect(tooMany.message == "line 3 has 3 fields but the header has 2 (an unquoted comma or a missing value?)")
        #expect(try DriftFixture.readError("a,b\n1,2\n3\n")?.line == 3)
        #expect(try DriftFixture.readError("a\tb\n1\n", named: "s.tsv")?.reason == .raggedRow)
    }

    @Test func unterminatedQuote() throws {
        let error = try #require(try DriftFixture.readError("a,b\n1,2\n3,\"open\n4,5\n6,7\n"))
        #expect(error.reason == .unterminatedQuote)
        #expect(error.line == 3)
        #expect(error.message.contains("opened on line 3"))
    }

    @Test func unterminatedQuoteInABigFileStopsAtTheRecordCap() throws {
        // Without a cap the reader would gather the rest of the file into one field.
        let csv = "a,b\n1,\"open\n" + String(repeating: "2,3\n", count: 50_000)
        let error = try #require(try DriftFixture.readError(csv, reader: SampleReader(maxRecordBytes: 10_000)))
        #expect(error.reason == .unterminatedQuote)
        #expect(error.line == 2)
    }

    @Test func recordWithoutLineBreaksIsTooLong() throws {
        let csv = "a,b\n" + String(repeating: "x", count: 5_000)
        #expect(try DriftFixture.readError(csv, reader: SampleReader(maxRecordBytes: 1_000))?.reason == .recordTooLong)
        let jsonl = "{\"a\": \"" + String(repeating: "x", count: 5_000) + "\"}"
        #expect(
            try DriftFixture.readError(jsonl, named: "s.jsonl", reader: SampleReader(maxRecordBytes: 1_000))?.reason
                == .recordTooLong)
    }

    @Test func invalidJSONLines() throws {
        let cases: [(String, String)] = [
            ("{\"a\": 1}\n{\"a\": }\n", "unexpected character `}` at column 7"),
            ("{\"a\": 1}\n{\"a\": \n", "expected a value, found the end of the text"),
            ("{\"a\": 1}\n{\"a\" 1}\n", "expected `:`"),
            ("{\"a\": 1}\n[1, 2]\n", "must be a JSON object"),
            ("{\"a\": 1}\n{\"a\": 1} x\n", "unexpected text"),
            ("{\"a\": 1}\n{\"a\": \"open}\n", "never closed"),
            ("{\"a\": 1}\n{\"a\": 01}\n", "a number cannot start with 0"),
            ("{\"a\": 1}\n{\"a\": tru}\n", "expected `true`"),
            ("{\"a\": 1}\n{\"a\": \"\\q\"}\n", "unknown escape"),
        ]
        for (text, expected) in cases {
            let error = try #require(try DriftFixture.readError(text, named: "s.jsonl"), "\(text)")
            #expect(error.reason == .invalidJSON, "\(text)")
            #expect(error.line == 2, "\(text)")
            #expect(error.message.contains(expected), "\(text): \(error.message)")
        }
    }

    @Test func deeplyNestedJSONIsRefusedNotOverflowed() throws {
        let deep = "{\"a\": " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        let error = try #require(try DriftFixture.readError(deep, named: "s.jsonl"))
        #expect(error.reason == .invalidJSON)
        #expect(error.message.contains("nested deeper"))
    }

    @Test func gitLFSPointer() throws {
        let pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a\nsize 12345\n"
        let error = try #require(try DriftFixture.readError(pointer))
        #expect(error.reason == .gitLFSPointer)
        #expect(error.message.contains("git lfs pull"))
    }

    @Test func unsupportedExtension() throws {
        let error = try #require(try DriftFixture.readError("a,b\n", named: "s.csv.gz"))
        #expect(error.reason == .unsupportedFormat)
        #expect(error.message.contains(".jsonl"))
    }

    @Test func driftCheckTurnsAnUnreadableSampleIntoOneFinding() throws {
        let file = try DriftFixture.write("a,b\n1,2\n3\n", named: "bad.csv")
        defer { DriftFixture.remove(file) }
        let findings = SchemaDriftCheck.check(
            fields: [DriftFixture.field("a", .integer)], sampleFile: file,
            samplePath: "data/bad.csv", document: DriftFixture.document)
        #expect(findings.map(\.rule) == ["drift.sample.unreadable"])
        #expect(findings.first?.location == SourceLocation(path: "data/bad.csv", line: 3))
        #expect(findings.first?.severity == .error)
    }
}
