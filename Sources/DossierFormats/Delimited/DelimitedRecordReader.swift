import DossierCore
import Foundation

/// A streaming RFC 4180 reader for CSV and TSV, over bytes, that knows which line it is on.
///
/// Written here rather than taken from yaslab/CSV.swift 2.5.2, which streams but (measured) reads
/// an unterminated quote to the end of the file without an error — a 240 MB file became one
/// 240 MB field, 355 MB resident — reports `cannotReadFile` at every normal end of file, and gives
/// no line numbers. This one caps a record's size, reports the line a quote was opened on, and
/// handles what real files hold: quoted fields with delimiters, doubled quotes and line breaks,
/// CRLF, lone CR, a UTF-8 byte-order mark, blank lines (skipped, as pandas does).
///
/// Lenient where pandas is: a quote inside an unquoted field is kept as a character, and text
/// after a closing quote (`"ab"c`) is appended to the field.
package struct DelimitedRecordReader {
    package struct Record {
        package var fields: [String]
        /// The line the record starts on.
        package var line: Int
    }

    private enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted
    }

    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    private var source: SampleChunkReader
    private let delimiter: UInt8
    private let maxRecordBytes: Int
    private let path: String

    private var chunk: [UInt8] = []
    private var position = 0
    /// The physical line the next byte is on.
    private var line = 1
    /// A CR ended the last record: a LF right after it belongs to the same line break.
    private var skipLineFeed = false
    private var atEnd = false
    /// Reused between fields so a field costs no allocation once the buffer has grown.
    private var field: [UInt8] = []
    /// The bitwise OR of the field's bytes: below 0x80 means ASCII, which needs no validation.
    private var fieldBits: UInt8 = 0
    /// Records usually have as many fields as the last one: reserve that much up front.
    private var lastFieldCount = 8

    package init(file: URL, path: String, delimiter: UInt8, maxRecordBytes: Int) throws(SampleReadError) {
        self.source = try SampleChunkReader(file: file, path: path)
        self.path = path
        self.delimiter = delimiter
        self.maxRecordBytes = maxRecordBytes
    }

    /// The next non-blank record, nil at the end of the file.
    package mutating func next() throws(SampleReadError) -> Record? {
        var fields: [String] = []
        fields.reserveCapacity(lastFieldCount)
        var state = State.fieldStart
        var recordLine = line
        var quoteLine = line
        var recordBytes = 0
        var hasContent = false

        while true {
            guard let byte = try nextByte() else {
                // End of file: finish a last record that has no line break after it.
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
                    .binary, path: path, line: line, "line \(line) holds a NUL byte: this is a binary file, not text")
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
                } else if byte == Self.lineFeed || byte == Self.carriageReturn {
                    skipLineFeed = byte == Self.carriageReturn
                    if !hasContent && fields.isEmpty && state == .fieldStart {
                        // A blank line: skip it and start the record on the next one.
                        line += 1
                        recordLine = line
                        recordBytes = 0
                        continue
                    }
                    fields.append(try takeField())
                    line += 1
                    lastFieldCount = fields.count
                    return Record(fields: fields, line: recordLine)
                } else if byte == Self.quote && state == .fieldStart {
                    state = .quoted
                    quoteLine = line
                    hasContent = true
                } else if byte == Self.quote && state == .quoteInQuoted {
                    field.append(Self.quote)  // a doubled quote inside a quoted field
                    state = .quoted
                } else {
                    field.append(byte)
                    fieldBits |= byte
                    hasContent = true
                    // After a closing quote the rest is kept as is (lenient, as pandas).
                    state = .unquoted
                }
            case .quoted:
                if byte == Self.quote {
                    state = .quoteInQuoted
                } else {
                    if byte == Self.lineFeed { line += 1 }
                    field.append(byte)
                    fieldBits |= byte
                }
            }
        }
    }

    /// The collected field as a string; its bytes must be UTF-8.
    private mutating func takeField() throws(SampleReadError) -> String {
        defer {
            field.removeAll(keepingCapacity: true)
            fieldBits = 0
        }
        // Most fields are ASCII, which needs no validation.
        if fieldBits < 0x80 { return String(decoding: field, as: UTF8.self) }
        guard let text = UTF8Validation.string(field) else {
            throw SampleReadError(
                .notUTF8, path: path, line: line, "line \(line) is not valid UTF-8; save the file as UTF-8")
        }
        return text
    }

    private mutating func nextByte() throws(SampleReadError) -> UInt8? {
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
                if byte == Self.lineFeed { continue }
            }
            return byte
        }
    }

    package func close() {
        source.close()
    }
}
