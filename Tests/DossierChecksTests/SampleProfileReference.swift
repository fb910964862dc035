@testable import DossierChecks
import DossierCore
import DossierModel
@testable import DossierFormats
import Foundation

/// The CSV/TSV profiler as it was before it worked on bytes in place: a string per field, a
/// `[String: Int]` of distinct values. Kept as the reference the byte-level reader and profiler
/// must agree with, profile for profile and error for error (`SampleProfileEquivalenceTests`).
struct SampleProfileReference {
    var reader = SampleReader()

    func profile(
        of file: URL, reportedAs path: String, delimiter: UInt8, format: SampleFormat
    ) throws(SampleReadError)
        -> SampleProfile
    {
        var records = try Records(
            source: SampleChunkReader(file: file, path: path), delimiter: delimiter,
            maxRecordBytes: reader.maxRecordBytes, path: path)
        defer { records.source.close() }
        guard let header = try records.next() else {
            throw SampleReadError(.empty, path: path, "the file is empty: there is no header row")
        }
        guard header.fields.count <= reader.maxColumns else {
            throw SampleReadError(
                .recordTooLong, path: path, line: header.line,
                "the header has \(header.fields.count) columns, more than the \(reader.maxColumns) Dossier profiles")
        }
        var columns = header.fields.map { Column(name: $0, maxDistinctValues: reader.maxDistinctValues) }
        var budget = reader.distinctValueBudget
        var rows = 0
        var preview: [[String]] = []
        while rows < reader.maxRows, let record = try records.next() {
            guard record.fields.count == columns.count else {
                let separator = delimiter == UInt8(ascii: "\t") ? "tab" : "comma"
                throw SampleReadError(
                    .raggedRow, path: path, line: record.line,
                    "line \(record.line) has \(record.fields.count) fields but the header has \(columns.count) "
                        + "(an unquoted \(separator) or a missing value?)")
            }
            for (index, value) in record.fields.enumerated() {
                columns[index].add(value, kind: ValueClassifier.classify(value), line: record.line, budget: &budget)
            }
            if preview.count < SampleProfile.previewRows {
                preview.append(record.fields.map(SampleProfile.previewCell))
            }
            rows += 1
        }
        var more = false
        if rows == reader.maxRows && reader.maxRows > 0 {
            do { more = try records.next() != nil } catch { more = true }
        }
        var profile = SampleProfile(
            path: path, format: format, columns: columns.map { $0.profile() }, rowsRead: rows,
            reachedRowLimit: more)
        profile.preview = preview
        return profile
    }

    /// The record reader, one byte and one string per field at a time.
    struct Records {
        struct Record {
            var fields: [String]
            var line: Int
        }

        enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

        var source: SampleChunkReader
        let delimiter: UInt8
        let maxRecordBytes: Int
        let path: String
        var chunk: [UInt8] = []
        var position = 0
        var line = 1
        var skipLineFeed = false
        var atEnd = false
        var field: [UInt8] = []

        init(source: SampleChunkReader, delimiter: UInt8, maxRecordBytes: Int, path: String) {
            self.source = source
            self.delimiter = delimiter
            self.maxRecordBytes = maxRecordBytes
            self.path = path
        }

        mutating func next() throws(SampleReadError) -> Record? {
            var fields: [String] = []
            var state = State.fieldStart
            var recordLine = line
            var quoteLine = line
            var recordBytes = 0
            var hasContent = false
            let quote = UInt8(ascii: "\""), lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
            while true {
                guard let byte = try nextByte() else {
                    if state == .quoted {
                        throw SampleReadError(
                            .unterminatedQuote, path: path, line: quoteLine,
                            "the quoted field opened on line \(quoteLine) is never closed")
                    }
                    guard hasContent || !fields.isEmpty else { return nil }
                    fields.append(try takeField())
                    return Record(fields: fields, line: recordLine)
                }
                if byte == 0 {
                    throw SampleReadError(
                        .binary, path: path, line: line,
                        "line \(line) holds a NUL byte: this is a binary file, not text")
                }
                recordBytes += 1
                if recordBytes > maxRecordBytes {
                    let hint = state == .quoted ? " (a quote opened on line \(quoteLine) is probably never closed)" : ""
                    throw SampleReadError(
                        state == .quoted ? .unterminatedQuote : .recordTooLong, path: path, line: recordLine,
                        "the record starting on line \(recordLine) is longer than \(maxRecordBytes) bytes\(hint)")
                }
                switch state {
                case .fieldStart, .unquoted, .quoteInQuoted:
                    if byte == delimiter {
                        fields.append(try takeField())
                        hasContent = true
                        state = .fieldStart
                    } else if byte == lineFeed || byte == carriageReturn {
                        skipLineFeed = byte == carriageReturn
                        if !hasContent && fields.isEmpty && state == .fieldStart {
                            line += 1
                            recordLine = line
                            recordBytes = 0
                            continue
                        }
                        fields.append(try takeField())
                        line += 1
                        return Record(fields: fields, line: recordLine)
                    } else if byte == quote && state == .fieldStart {
                        state = .quoted
                        quoteLine = line
                        hasContent = true
                    } else if byte == quote && state == .quoteInQuoted {
                        field.append(quote)
                        state = .quoted
                    } else {
                        field.append(byte)
                        hasContent = true
                        state = .unquoted
                    }
                case .quoted:
                    if byte == quote {
                        state = .quoteInQuoted
                    } else {
                        if byte == lineFeed { line += 1 }
                        field.append(byte)
                    }
                }
            }
        }

        mutating func takeField() throws(SampleReadError) -> String {
            defer { field.removeAll() }
            guard let text = UTF8Validation.string(field) else {
                throw SampleReadError(
                    .notUTF8, path: path, line: line, "line \(line) is not valid UTF-8; save the file as UTF-8")
            }
            return text
        }

        mutating func nextByte() throws(SampleReadError) -> UInt8? {
            while true {
                if position == chunk.count {
                    guard !atEnd, let next = try source.next() else {
                        atEnd = true
                        return nil
                    }
                    chunk = next
                    position = 0
                }
                let byte = chunk[position]
                position += 1
                if skipLineFeed {
                    skipLineFeed = false
                    if byte == UInt8(ascii: "\n") { continue }
                }
                return byte
            }
        }
    }

    /// The column profiler with a string-keyed dictionary of distinct values.
    struct Column {
        let name: String
        let maxDistinctValues: Int
        var valueCount = 0
        var missingCount = 0
        var firstMissing: ColumnProfile.SampleValue?
        var kinds: [ColumnProfile.KindSummary] = []
        var distinct: [ColumnProfile.DistinctValue] = []
        var distinctIndex: [String: Int] = [:]
        var distinctComplete = true
        var minimum: Double?
        var maximum: Double?
        var firstFractional: ColumnProfile.SampleValue?
        var numbers: [Double] = []

        init(name: String, maxDistinctValues: Int) {
            self.name = name
            self.maxDistinctValues = maxDistinctValues
        }

        mutating func add(_ value: String, kind: ValueKind?, line: Int, budget: inout Int) {
            guard let kind else {
                missingCount += 1
                if firstMissing == nil { firstMissing = .init(value, line: line) }
                return
            }
            valueCount += 1
            if let index = kinds.firstIndex(where: { $0.kind == kind }) {
                kinds[index].count += 1
            } else {
                kinds.append(.init(kind: kind, count: 1, example: .init(value, line: line)))
            }
            if kind == .integer || kind == .float,
                let number = Double(value) ?? Double(value.trimmingASCIIBlanks())
            {
                if number.isFinite { numbers.append(number) }
                minimum = min(minimum ?? number, number)
                maximum = max(maximum ?? number, number)
                let isWhole = number.isFinite && number.rounded(.towardZero) == number
                if kind == .float, firstFractional == nil, !isWhole { firstFractional = .init(value, line: line) }
            }
            if let index = distinctIndex[value] {
                distinct[index].count += 1
            } else if distinct.count < maxDistinctValues, value.utf8.count <= ColumnProfiler.maxDistinctValueBytes,
                budget >= value.utf8.count + ColumnProfiler.entryOverhead
            {
                budget -= value.utf8.count + ColumnProfiler.entryOverhead
                distinctIndex[value] = distinct.count
                distinct.append(.init(value: value, count: 1, firstLine: line))
            } else {
                distinctComplete = false
            }
        }

        func profile() -> ColumnProfile {
            var profile = ColumnProfile(
                name: name, inferredType: inferredType(), valueCount: valueCount, missingCount: missingCount,
                firstMissing: firstMissing, kinds: kinds, distinctValues: distinct,
                distinctValuesComplete: distinctComplete, minimum: minimum, maximum: maximum,
                firstFractional: firstFractional)
            profile.histogram = ColumnProfiler.histogram(numbers)
            return profile
        }

        func inferredType() -> FieldType? {
            let present = Set(kinds.map(\.kind))
            if present.isEmpty { return nil }
            if present == [.integer] { return .integer }
            if present.isSubset(of: [.integer, .float]) { return .float }
            if present == [.boolean] { return .boolean }
            if present == [.date] { return .date }
            if present.isSubset(of: [.date, .datetime]) { return .datetime }
            let isCategorical =
                distinctComplete
                && distinct.count <= ColumnProfiler.categoricalMaxDistinct
                && valueCount >= ColumnProfiler.categoricalMinRowsPerValue * distinct.count
            return isCategorical ? .categorical : .string
        }
    }
}
