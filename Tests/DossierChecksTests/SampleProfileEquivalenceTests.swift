@testable import DossierChecks
import DossierCore
@testable import DossierFormats
import DossierTestSupport
import Foundation
import Testing

/// The byte-level CSV/TSV reader and profiler give the very profile (down to the bytes of every
/// kept value) and the very error the string-per-field ones gave (`SampleProfileReference`).
@Suite struct SampleProfileEquivalenceTests {
    /// What reading a sample came to: its profile as JSON, or its error. Profiles are equal when
    /// their JSON is byte for byte (strings compare by canonical equivalence, which would hide a
    /// value kept with other bytes).
    private enum Outcome: Equatable {
        case profile(String)
        case error(SampleReadError.Reason, line: Int?, message: String)

        static func == (lhs: Outcome, rhs: Outcome) -> Bool {
            switch (lhs, rhs) {
            case let (.profile(left), .profile(right)): left.utf8.elementsEqual(right.utf8)
            case let (.error(leftReason, leftLine, leftMessage), .error(rightReason, rightLine, rightMessage)):
                leftReason == rightReason && leftLine == rightLine && leftMessage == rightMessage
            default: false
            }
        }
    }

    private static func outcome(_ read: () throws(SampleReadError) -> SampleProfile) -> Outcome {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            encoder.nonConformingFloatEncodingStrategy = .convertToString(
                positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            return .profile(String(decoding: try encoder.encode(try read()), as: UTF8.self))
        } catch let error as SampleReadError {
            return .error(error.reason, line: error.line, message: error.message)
        } catch {
            Issue.record("the profile could not be encoded: \(error)")
            return .error(.unreadable, line: nil, message: "\(error)")
        }
    }

    private static func expectSame(
        _ bytes: [UInt8], named name: String = "s.csv", reader: SampleReader = SampleReader(),
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let file = try DriftFixture.write(bytes, named: name)
        defer { DriftFixture.remove(file) }
        let delimiter = name.hasSuffix(".tsv") ? UInt8(ascii: "\t") : UInt8(ascii: ",")
        let format: SampleFormat = name.hasSuffix(".tsv") ? .tsv : .csv
        let now = outcome { () throws(SampleReadError) in try reader.profile(of: file, reportedAs: "data/" + name) }
        let before = outcome { () throws(SampleReadError) in
            try SampleProfileReference(reader: reader).profile(
                of: file, reportedAs: "data/" + name, delimiter: delimiter, format: format)
        }
        #expect(now == before, "\(String(decoding: bytes.prefix(300), as: UTF8.self))", sourceLocation: sourceLocation)
    }

    @Test func trickySamples() throws {
        let samples = [
            "id,name,score\n1,Ann,3.5\n2,\"Bo, Jr\",4\n3,\"say \"\"hi\"\"\",NA\n",
            "a,b\r\n1,2\r\n\r\n3,4\r5,6",  // CRLF, a blank line, a lone CR, no final line break
            "a,b\n\"x\ny\",2\n\"open,3\n",  // a quoted line break, then a quote never closed
            "a,b\n\"ab\"c,2\nx\"y,3\n",  // text after a closing quote; a quote inside an unquoted field
            "unit,n\nK,1\nK,2\ncafé,3\ncafe\u{301},4\nK,5\n",  // Kelvin sign = K; é = e + ◌́ as strings
            "n,m\n 12 ,\t-3.5e2\n007,inf\n+4,1e3\n-0,.5\n5.,NaN\n",  // blanks around numbers, codes, infinities
            "d,t\n2024-01-02,2024-01-02T10:30:00Z\n2024-13-02,2024-01-02 10:30+02:00\n,null\n",
            "a,b\n1,2,3\n",  // ragged
            "a\n" + String(repeating: "v", count: 300) + "\nshort\n",  // a value too long to keep
            "\u{FEFF}a,b\n1,2\n",  // byte-order mark
        ]
        for sample in samples {
            try Self.expectSame(Array(sample.utf8))
        }
        try Self.expectSame(Array("a\tb\n1\t\"x\ty\"\n".utf8), named: "s.tsv")
        try Self.expectSame(Array("a,b\n1,".utf8) + [0xFF, 0xFE] + Array(",\n".utf8))  // not UTF-8
        try Self.expectSame(Array("a,b\n1,2\n3,".utf8) + [0] + Array("\n".utf8))  // NUL
        try Self.expectSame(Array("a,b\n\"é".utf8) + [0xC3] + Array("\",2\n".utf8))  // bad UTF-8 in quotes
    }

    @Test func limits() throws {
        let sample = Array("a,b\n1,x\n2,\"yy\nyy\"\n3,x\n4,z\n5,w\n".utf8)
        for rows in [0, 1, 2, 5, 6] {
            try Self.expectSame(sample, reader: SampleReader(maxRows: rows))
        }
        for bytes in [1, 3, 4, 5, 8, 12] {
            try Self.expectSame(sample, reader: SampleReader(maxRecordBytes: bytes))
        }
        try Self.expectSame(sample, reader: SampleReader(maxDistinctValues: 2))
        try Self.expectSame(sample, reader: SampleReader(distinctValueBudget: ColumnProfiler.entryOverhead * 3 + 2))
        try Self.expectSame(sample, reader: SampleReader(maxColumns: 1))
    }

    /// Numbers read without a string (plain decimals of up to 15 digits) have the very value
    /// `Double(String)` gives; longer ones, exponents and infinities still go through it. One
    /// column per number, so each column's minimum is that number.
    @Test func decimalsReadAsDoubleReadsThem() throws {
        var generator = SeededGenerator(seed: 0xD1617)
        var numbers: [String] = ["0", "-0", "+0", "-0.0", ".5", "5.", "-.0", "0.1", "0.3", "1e5", "inf", "-Infinity"]
        numbers += [
            "123456789012345", "1234567890123456", "9007199254740993", "0.000000000000001", "999999999999999.9",
        ]
        while numbers.count < 1_500 {
            let digits = Int.random(in: 1...17, using: &generator)
            var text = (0..<digits).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
            if Int.random(in: 0..<4, using: &generator) != 0 {
                text.insert(
                    ".", at: text.index(text.startIndex, offsetBy: Int.random(in: 0...digits, using: &generator)))
            }
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: text = "-" + text
            case 1: text = "+" + text
            default: break
            }
            numbers.append(text)
        }
        let header = (0..<numbers.count).map { "c\($0)" }.joined(separator: ",")
        let row = numbers.joined(separator: ",")
        try Self.expectSame(
            Array((header + "\n" + row + "\n" + row + "\n").utf8), reader: SampleReader(maxColumns: 2_000))
    }

    /// Random samples from pieces that matter to the reader and the profiler, some over the
    /// reader's 64 KiB chunk so that records, runs and CRLF pairs straddle chunk boundaries.
    @Test func randomSamples() throws {
        let pieces: [[UInt8]] =
            [
                ",", ",", ",", "\n", "\n", "\r\n", "\r", "\"", "\"\"", "a", "b", "12", " 7 ", "-3.25", "1e5", "007",
                "NA", "", "true", "2024-02-29", "2024-02-29T23:59", "é", "e\u{301}", "K", "K", "ß", "x y",
                String(repeating: "long", count: 70),
            ].map { Array($0.utf8) } + [[0xFF], [0]]
        var generator = SeededGenerator(seed: 0x5EED)
        for round in 0..<300 {
            let size = round % 25 == 0 ? 70_000 : Int.random(in: 0..<400, using: &generator)
            var bytes = Array("c1,c2,c3\n".utf8)
            while bytes.count < size {
                let piece = pieces[Int.random(in: 0..<pieces.count, using: &generator)]
                // NUL and bad bytes rarely, or almost every sample would be refused.
                if piece == [0] || piece == [0xFF], Int.random(in: 0..<40, using: &generator) != 0 { continue }
                bytes += piece
            }
            let reader =
                round % 3 == 0
                ? SampleReader(maxRows: Int.random(in: 0..<50, using: &generator), maxDistinctValues: 3)
                : SampleReader(maxRecordBytes: round % 3 == 1 ? 64 : 1 << 20)
            try Self.expectSame(bytes, reader: reader)
            // The same bytes in three columns' worth of rows, to get past the header more often.
            let rows = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
                Array($0.filter { $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: "\"") }) + Array(",1,2".utf8)
            }
            try Self.expectSame(Array(rows.joined(separator: [UInt8(ascii: "\n")])), reader: reader)
        }
    }
}
