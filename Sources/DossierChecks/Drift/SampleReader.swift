import DossierCore
import DossierFormats
import Foundation

/// Streams a CSV, TSV or JSON Lines sample and profiles its columns.
///
/// Reads at most `maxRows` data rows and stops reading the file there. Memory stays bounded
/// whatever the file's size: one 64 KiB chunk, one record (at most `maxRecordBytes`), and per
/// column at most `maxDistinctValues` distinct values of at most 256 bytes, all columns together
/// within `distinctValueBudget` bytes.
///
/// Every problem with the file — missing, a folder, binary, not UTF-8, a Git LFS pointer, ragged
/// rows, an unterminated quote, an over-long record, an invalid JSON line, empty — is thrown as a `SampleReadError` with the
/// line it was found on, whose `finding(document:)` is the `drift.sample.unreadable` finding.
package struct SampleReader: Sendable {
    package static let defaultMaxRows = 10_000

    /// Data rows to read before stopping.
    package var maxRows: Int
    /// Distinct values kept per column (for `values` checks and the categorical rule).
    package var maxDistinctValues: Int
    /// The longest record (CSV/TSV, including quoted line breaks) or line (JSON Lines) accepted.
    package var maxRecordBytes: Int
    /// The most columns (or JSON keys) a sample may have.
    package var maxColumns: Int
    /// Bytes of distinct values kept across all columns.
    package var distinctValueBudget: Int
    /// `dossier serve`'s profiles of unchanged files, kept between rebuilds.
    package var memo: SampleProfileMemo?

    package init(
        maxRows: Int = SampleReader.defaultMaxRows, maxDistinctValues: Int = 1_000,
        maxRecordBytes: Int = 1 << 20, maxColumns: Int = 2_000, distinctValueBudget: Int = 32 << 20
    ) {
        self.maxRows = max(0, maxRows)
        self.maxDistinctValues = max(0, maxDistinctValues)
        self.maxRecordBytes = max(1, maxRecordBytes)
        self.maxColumns = max(1, maxColumns)
        self.distinctValueBudget = max(0, distinctValueBudget)
    }

    /// Profiles `file`, whose project-relative name `path` appears in the profile and in errors.
    /// The format comes from `path`'s extension unless `format` is given.
    package func profile(
        of file: URL, reportedAs path: String, format: SampleFormat? = nil
    ) throws(SampleReadError) -> SampleProfile {
        let format = try Self.format(format, of: path)
        guard let memo, let stamp = DocumentLoadMemo.Stamp(absolute: file.path) else {
            return try read(file, path: path, format: format)
        }
        return try profile(file.path, stamp: stamp, memo: memo, reportedAs: path, format: format)
    }

    /// `profile(of:reportedAs:)` for a file at `absolute` whose `lstat` the caller took (`stamp`,
    /// nil when it is no regular file): no `URL` is made, nor another `lstat`, unless the file
    /// must be read. The drift check of every schema page asks this on every build. (The `URL`
    /// says it is no folder: `URL(fileURLWithPath:)` alone asks the file system, a `stat` each.)
    package func profile(
        atPath absolute: String, stamp: DocumentLoadMemo.Stamp?, reportedAs path: String
    ) throws(SampleReadError) -> SampleProfile {
        let format = try Self.format(nil, of: path)
        guard let memo, let stamp else {
            return try read(URL(fileURLWithPath: absolute, isDirectory: false), path: path, format: format)
        }
        return try profile(absolute, stamp: stamp, memo: memo, reportedAs: path, format: format)
    }

    /// `given`, or the format `path`'s extension names; an unsupported-format error otherwise.
    private static func format(_ given: SampleFormat?, of path: String) throws(SampleReadError) -> SampleFormat {
        guard let format = given ?? SampleFormat(path: path) else {
            throw SampleReadError(
                .unsupportedFormat, path: path,
                "Dossier reads samples named \(SampleFormat.extensionsList), not this file type")
        }
        return format
    }

    /// The profile `memo` keeps for the file at `absolute` under `stamp`, or read and kept now.
    private func profile(
        _ absolute: String, stamp: DocumentLoadMemo.Stamp, memo: SampleProfileMemo, reportedAs path: String,
        format: SampleFormat
    ) throws(SampleReadError) -> SampleProfile {
        let key = SampleProfileMemo.Key(
            file: absolute, path: path, format: format,
            limits: [maxRows, maxDistinctValues, maxRecordBytes, maxColumns, distinctValueBudget])
        if let kept = memo.lookup(key, stamp: stamp) { return kept }
        let profile = try read(URL(fileURLWithPath: absolute, isDirectory: false), path: path, format: format)
        memo.store(key, stamp: stamp, profile: profile)
        return profile
    }

    private func read(_ file: URL, path: String, format: SampleFormat) throws(SampleReadError) -> SampleProfile {
        switch format {
        case .csv: return try profileDelimited(file, path: path, delimiter: UInt8(ascii: ","), format: format)
        case .tsv: return try profileDelimited(file, path: path, delimiter: UInt8(ascii: "\t"), format: format)
        case .jsonLines: return try profileJSONLines(file, path: path)
        }
    }

    // MARK: CSV and TSV

    private func profileDelimited(
        _ file: URL, path: String, delimiter: UInt8, format: SampleFormat
    ) throws(SampleReadError) -> SampleProfile {
        var reader = try DelimitedRecordReader(
            file: file, path: path, delimiter: delimiter, maxRecordBytes: maxRecordBytes)
        defer { reader.close() }
        guard let header = try reader.next() else {
            throw SampleReadError(.empty, path: path, "the file is empty: there is no header row")
        }
        guard header.fields.count <= maxColumns else {
            throw SampleReadError(
                .recordTooLong, path: path, line: header.line,
                "the header has \(header.fields.count) columns, more than the \(maxColumns) Dossier profiles")
        }
        var columns = header.fields.map { ColumnProfiler(name: $0, maxDistinctValues: maxDistinctValues) }
        var budget = distinctValueBudget
        var rows = 0
        var preview: [[String]] = []
        while rows < maxRows, try reader.nextRecord() {
            let line = reader.recordLine
            guard reader.fieldEnds.count == columns.count else {
                let separator = delimiter == UInt8(ascii: "\t") ? "tab" : "comma"
                throw SampleReadError(
                    .raggedRow, path: path, line: line,
                    "line \(line) has \(reader.fieldEnds.count) fields but the header has \(columns.count) "
                        + "(an unquoted \(separator) or a missing value?)")
            }
            // Each field's bytes in place: a string is made only for what a profile keeps.
            let wantsPreview = preview.count < SampleProfile.previewRows
            var cells: [String] = []
            if wantsPreview { cells.reserveCapacity(columns.count) }
            reader.recordBytes.withUnsafeBufferPointer { bytes in
                var start = 0
                for (index, end) in reader.fieldEnds.enumerated() {
                    let value = UnsafeBufferPointer(rebasing: bytes[start..<end])
                    start = end
                    let kind = ValueClassifier.classify(bytes: ValueClassifier.trimmed(value))
                    columns[index].add(bytes: value, kind: kind, line: line, budget: &budget)
                    if wantsPreview { cells.append(SampleProfile.previewCell(String(decoding: value, as: UTF8.self))) }
                }
            }
            if wantsPreview { preview.append(cells) }
            rows += 1
        }
        // Stopped at the limit: one more record tells an exact count from a lower bound.
        var more = false
        if rows == maxRows && maxRows > 0 {
            // A record that does not parse is still more of the file.
            do { more = try reader.nextRecord() } catch { more = true }
        }
        var profile = SampleProfile(
            path: path, format: format, columns: columns.map { $0.profile() },
            rowsRead: rows, reachedRowLimit: more)
        profile.preview = preview
        return profile
    }

    // MARK: JSON Lines

    private func profileJSONLines(_ file: URL, path: String) throws(SampleReadError) -> SampleProfile {
        var reader = try SampleLineReader(file: file, path: path, maxLineBytes: maxRecordBytes)
        defer { reader.close() }
        var columns: [ColumnProfiler] = []
        var columnIndex: [String: Int] = [:]
        var topLevelColumns = 0
        var budget = distinctValueBudget
        var rows = 0
        var firstLine: Int?
        var preview: [[String: String]] = []

        while rows < maxRows, let line = try reader.next() {
            if line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }  // blank line
            if line.bytes.contains(0) {
                throw SampleReadError(
                    .binary, path: path, line: line.number,
                    "line \(line.number) holds a NUL byte: this is a binary file, not JSON Lines")
            }
            guard UTF8Validation.isValid(line.bytes) else {
                throw SampleReadError(
                    .notUTF8, path: path, line: line.number,
                    "line \(line.number) is not valid UTF-8; save the file as UTF-8")
            }
            let members: [(key: String, value: JSONLineValue)]
            do {
                members = try JSONLineParser.members(of: line.bytes)
            } catch {
                throw SampleReadError(
                    .invalidJSON, path: path, line: line.number,
                    "line \(line.number) is not valid JSON: \(error.message) at column \(error.column)")
            }
            firstLine = firstLine ?? line.number

            var present = [Bool](repeating: false, count: columns.count)
            for (key, value, parent) in Self.flattened(members, parent: nil, depth: 0) {
                let index: Int
                if let known = columnIndex[key] {
                    index = known
                } else {
                    // Members of objects are a bonus: past the limit they are left out, not an error,
                    // and only the record's own keys count towards it.
                    if parent != nil && columns.count >= 2 * maxColumns { continue }
                    guard parent != nil || topLevelColumns < maxColumns else {
                        throw SampleReadError(
                            .recordTooLong, path: path, line: line.number,
                            "line \(line.number) brings the sample past \(maxColumns) distinct keys, more than Dossier profiles"
                        )
                    }
                    index = columns.count
                    columnIndex[key] = index
                    if parent == nil { topLevelColumns += 1 }
                    var column = ColumnProfiler(name: key, maxDistinctValues: maxDistinctValues)
                    column.parent = parent
                    // Rows read before this key first appeared did not have it.
                    column.addMissing(Self.absentMarker, line: firstLine ?? line.number, count: rows)
                    columns.append(column)
                    present.append(false)
                }
                present[index] = true
                let (text, kind) = Self.cell(value)
                columns[index].add(text, kind: kind, line: line.number, budget: &budget)
            }
            for index in columns.indices where !present[index] {
                columns[index].addMissing(Self.absentMarker, line: line.number)
            }
            if preview.count < SampleProfile.previewRows {
                var cells: [String: String] = [:]
                for (key, value) in members { cells[key] = SampleProfile.previewCell(Self.cell(value).0) }
                preview.append(cells)
            }
            rows += 1
        }
        guard firstLine != nil || maxRows == 0 else {
            throw SampleReadError(.empty, path: path, "the file is empty: there is no JSON object in it")
        }
        var more = false
        if rows == maxRows && maxRows > 0 {
            // Stopped at the limit: another non-blank line tells an exact count from a lower bound.
            while let line = try? reader.next() {
                if !line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { more = true; break }
            }
        }
        let topLevel = columns.filter { $0.parent == nil }.map(\.name)
        var profile = SampleProfile(
            path: path, format: .jsonLines, columns: columns.map { $0.profile() },
            rowsRead: rows, reachedRowLimit: more)
        profile.preview = preview.map { cells in topLevel.map { cells[$0] ?? "" } }
        return profile
    }

    /// Objects are read this deep for nested members (`a.b.c`).
    private static let maximumNesting = 4

    /// The members of a record, each object member followed by its own members as `key.member`
    /// columns, with the object's column as their parent.
    private static func flattened(
        _ members: [(key: String, value: JSONLineValue)], parent: String?, depth: Int
    ) -> [(key: String, value: JSONLineValue, parent: String?)] {
        var result: [(key: String, value: JSONLineValue, parent: String?)] = []
        for (key, value) in members {
            let name = parent.map { $0 + "." + key } ?? key
            result.append((name, value, parent))
            if depth < maximumNesting, case .nested(let json) = value, json.first == "{",
                let inner = try? JSONLineParser.members(of: Array(json.utf8))
            {
                result += flattened(inner, parent: name, depth: depth + 1)
            }
        }
        return result
    }

    /// What a JSON Lines record shows for a key it does not have.
    package static let absentMarker = "(absent)"

    /// The text and kind a JSON value is profiled as: JSON's own types decide, except that a
    /// string can still be a date, a date-time or a missing marker (`"NA"`, `""`).
    private static func cell(_ value: JSONLineValue) -> (String, ValueKind?) {
        switch value {
        case .null: ("null", nil)
        case .bool(let flag): (flag ? "true" : "false", .boolean)
        case .number(let text, let isInteger): (text, isInteger ? .integer : .float)
        case .string(let text): (text, ValueClassifier.classifyJSONString(text))
        case .nested(let json): (json, .text)
        }
    }
}
