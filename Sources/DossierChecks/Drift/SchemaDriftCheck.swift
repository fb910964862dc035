import DossierCore
import DossierFormats
import DossierModel
import Foundation

/// Compares a schema table with its `sample:` data file (SPEC 1.6) and reports where they disagree.
///
/// Every finding is an error in the `drift` state:
///
/// | rule | when | where |
/// |---|---|---|
/// | `drift.schema.missing-column` | a documented column is not in the sample | the field's row |
/// | `drift.schema.extra-column` | a sample column is not documented | the document's `sample:` line |
/// | `drift.schema.renamed-column` | a missing and an extra column have alike names (`ColumnNameSimilarity`), or the extra one sits where the missing one was (between the same neighbours), and compatible types: one finding instead of those two | the field's row |
/// | `drift.schema.type-mismatch` | the data does not satisfy the documented type (table below) | the field's row |
/// | `drift.schema.unexpected-value` | values outside the documented `values`, or numbers outside the documented `range` | the field's row |
/// | `drift.schema.unexpected-missing` | missing values in a column documented not nullable | the field's row |
/// | `drift.sample.unreadable` | the sample cannot be read (`SampleReadError`) | the sample's line, or the `sample:` line when the file is missing |
///
/// **Matching.** A field matches the column named exactly like its `name` (`survey_score` for
/// `Person.survey_score`), else the column named exactly like its whole `key`. In JSON Lines an
/// `entity.field` key is first the member `field` of an object `entity` that the records hold;
/// such an object is documented through its members (it is not an extra column). Matching is
/// case-sensitive, because `df["species"]` fails on a `Species` column; a column that differs
/// only in case is reported as renamed, saying so.
///
/// **Type compatibility** (documented type → inferred sample types that satisfy it). The sample
/// shows data, not intent, so a documented type is drift only when the data contradicts it:
///
/// | documented | satisfied by |
/// |---|---|
/// | `integer` | integer; float whose every value is whole (`181.0`: pandas writes integer columns with missing values as floats) |
/// | `float` | float, integer |
/// | `boolean` | boolean (`true`/`false`/`yes`/`no`, any case); integer whose every value is 0 or 1 |
/// | `date` | date (ISO `YYYY-MM-DD`) |
/// | `datetime` | date-time, date |
/// | `categorical` | categorical, string, integer, boolean (any discrete data) |
/// | `string`, `text`, `id` | anything: digit codes (`02139`, `840`) are strings too |
///
/// An integer written with a leading zero (`02139`) is read as text: a number would lose the zero.
///
/// A column whose values are all missing satisfies every type. A field with no known type is not
/// type-checked.
///
/// **Values.** Documented `values` are compared case-sensitively after trimming spaces; a value
/// that matches only when case is ignored is still reported, with a note. Numbers compare as
/// numbers (`1.0` is `1`). A `range` is checked against numeric values only (text in a numeric
/// column is the type check's business); a field with both a range and values gets both checks.
package enum SchemaDriftCheck {
    /// The rule ids this check reports.
    package enum Rule {
        package static let missingColumn = "drift.schema.missing-column"
        package static let extraColumn = "drift.schema.extra-column"
        package static let renamedColumn = "drift.schema.renamed-column"
        package static let typeMismatch = "drift.schema.type-mismatch"
        package static let unexpectedValue = "drift.schema.unexpected-value"
        package static let unexpectedMissing = "drift.schema.unexpected-missing"
        package static let sampleUnreadable = SampleReadError.rule
    }

    /// Offending values listed in one message.
    package static let maxListedValues = 5

    /// Reads the sample at `sampleFile` and compares it with `fields`; an unreadable sample gives
    /// one `drift.sample.unreadable` finding.
    ///
    /// - Parameters:
    ///   - samplePath: the sample's path relative to the project root, as findings show it.
    ///   - document: where the schema document writes `sample:`.
    package static func check(
        fields: [SchemaField], sampleFile: URL, samplePath: String, document: SourceLocation,
        reader: SampleReader = SampleReader()
    ) -> [Finding] {
        do {
            let sample = try reader.profile(of: sampleFile, reportedAs: samplePath)
            return check(fields: fields, sample: sample, samplePath: samplePath, document: document)
        } catch {
            return [error.finding(document: document)]
        }
    }

    /// Compares documented `fields` with a profiled sample, in the order of the schema table
    /// (then undocumented columns in sample order). With no fields there is no table to compare,
    /// and no finding.
    ///
    /// - Parameters:
    ///   - samplePath: the sample's path relative to the project root, as messages name it.
    ///   - document: where the schema document writes `sample:`; fields point at their own rows.
    package static func check(
        fields: [SchemaField], sample: SampleProfile, samplePath: String, document: SourceLocation
    ) -> [Finding] {
        // No schema table, nothing documented: the loader reports that, not every column here.
        guard !fields.isEmpty else { return [] }
        let columns = sample.columns
        let matches = matches(fields: fields, columns: columns)
        let matchedColumns = Set(matches.compactMap { $0 })
        let missing = fields.indices.filter { matches[$0] == nil }
        // Members of JSON objects are never extra, and an object is documented through its members.
        let documentedObjects = Set(
            matchedColumns.compactMap { columns[$0].parent }.flatMap { parent in
                parent.split(separator: ".").indices.map { parent.split(separator: ".")[...$0].joined(separator: ".") }
            })
        let extra = columns.indices.filter { index in
            !matchedColumns.contains(index) && columns[index].parent == nil
                && !documentedObjects.contains(columns[index].name)
        }
        let renames = pairRenames(fields: fields, missing: missing, columns: columns, extra: extra)
        let renamedColumns = Set(renames.values)
        let context = Context(samplePath: samplePath, rows: sample.rowsRead)

        var findings: [Finding] = []
        for (index, field) in fields.enumerated() {
            let location = SourceLocation(path: document.path, line: field.line)
            if let columnIndex = matches[index] ?? renames[index] {
                let column = columns[columnIndex]
                if column.name != field.name && matches[index] == nil {
                    let note =
                        ColumnNameSimilarity.differOnlyInCase(field.name, column.name)
                        ? " (only the case differs)"
                        : ColumnNameSimilarity.score(field.name, column.name) < ColumnNameSimilarity.renameThreshold
                            ? " (a new name at column \(columnIndex + 1), where the documented one was)" : ""
                    findings.append(
                        context.finding(
                            Rule.renamedColumn,
                            "documented column `\(field.name)` looks renamed to `\(column.name)` in sample `\(samplePath)`\(note)",
                            at: location))
                }
                findings += checkColumn(field, column, context: context, at: location)
            } else {
                findings.append(
                    context.finding(
                        Rule.missingColumn,
                        "documented column `\(field.name)` is not in sample `\(samplePath)` (its columns: "
                            + "\(list(columns.filter { $0.parent == nil }.map(\.name), limit: 10)))",
                        at: location))
            }
        }
        for columnIndex in extra where !renamedColumns.contains(columnIndex) {
            let name = columns[columnIndex].name
            let message =
                if let first = columns.firstIndex(where: { $0.name == name }), first < columnIndex {
                    "sample `\(samplePath)` has a second column named `\(name)` (columns \(first + 1) and \(columnIndex + 1))"
                } else {
                    "sample `\(samplePath)` has column `\(name)`, which the schema does not document"
                }
            findings.append(context.finding(Rule.extraColumn, message, at: document))
        }
        return findings
    }

    // MARK: Renames

    /// Pairs missing fields with extra columns whose names are alike, best score first, each used
    /// once. The types must be compatible too, unless the names are the same but for case and
    /// punctuation (`Body Mass (g)` and `body_mass_g`), which is a rename whatever the data.
    private static func pairRenames(
        fields: [SchemaField], missing: [Int], columns: [ColumnProfile], extra: [Int]
    ) -> [Int: Int] {
        var candidates: [(score: Double, field: Int, column: Int)] = []
        for fieldIndex in missing {
            for columnIndex in extra {
                let field = fields[fieldIndex], column = columns[columnIndex]
                let score = ColumnNameSimilarity.score(field.name, column.name)
                guard score >= ColumnNameSimilarity.renameThreshold else { continue }
                let typesAgree = field.type.map { TypeCompatibility.accepts($0, column) } ?? true
                if typesAgree || score == 1 {
                    candidates.append((score, fieldIndex, columnIndex))
                }
            }
        }
        candidates.sort { ($0.score, -$0.field, -$0.column) > ($1.score, -$1.field, -$1.column) }
        var renames: [Int: Int] = [:]
        var taken = Set<Int>()
        for candidate in candidates where renames[candidate.field] == nil && !taken.contains(candidate.column) {
            renames[candidate.field] = candidate.column
            taken.insert(candidate.column)
        }
        // A column that disappeared where another appeared, between the same neighbours, is a
        // rename whatever the names (`Security` → `Company`), when the data fits the documented type.
        let matched = matches(fields: fields, columns: columns)
        for fieldIndex in missing where renames[fieldIndex] == nil {
            var positions: [Int] = []
            if fieldIndex > 0, let previous = matched[fieldIndex - 1] ?? renames[fieldIndex - 1] {
                positions.append(previous + 1)
            }
            if fieldIndex + 1 < fields.count, let next = matched[fieldIndex + 1] { positions.append(next - 1) }
            if fieldIndex == 0 { positions.append(0) }
            let free = Set(positions.filter { extra.contains($0) && !taken.contains($0) })
            guard free.count == 1, let position = free.first,
                fields[fieldIndex].type.map({ TypeCompatibility.accepts($0, columns[position]) }) ?? true
            else { continue }
            renames[fieldIndex] = position
            taken.insert(position)
        }
        return renames
    }

    /// The sample column each field matches by name: its `name`, else its whole entity `key`.
    ///
    /// In JSON Lines, `meta.src` is first the member `src` of an object `meta` the records hold.
    private static func matches(fields: [SchemaField], columns: [ColumnProfile]) -> [Int?] {
        fields.map { field in
            guard field.entity != nil else { return columns.firstIndex { $0.parent == nil && $0.name == field.name } }
            return columns.firstIndex { $0.parent != nil && $0.name == field.key }
                ?? columns.firstIndex { $0.parent == nil && $0.name == field.name }
                ?? columns.firstIndex { $0.parent == nil && $0.name == field.key }
        }
    }

    // MARK: One column

    private static func checkColumn(
        _ field: SchemaField, _ column: ColumnProfile, context: Context, at location: SourceLocation
    ) -> [Finding] {
        var findings: [Finding] = []
        let label =
            field.name == column.name
            ? "column `\(field.name)`" : "column `\(field.name)` (`\(column.name)` in the sample)"

        if let documented = field.type, let inferred = column.inferredType,
            !TypeCompatibility.accepts(documented, column)
        {
            let example =
                TypeCompatibility.offendingExample(documented, column).map {
                    " (e.g. `\($0.value)` on line \($0.line))"
                } ?? ""
            findings.append(
                context.finding(
                    Rule.typeMismatch,
                    "\(label) is documented as \(documented.rawValue) but sample `\(context.samplePath)` holds "
                        + "\(TypeCompatibility.describe(inferred)) values\(example)",
                    at: location))
        }

        if let range = field.range, let message = rangeMessage(range, column: column, label: label, context: context) {
            findings.append(context.finding(Rule.unexpectedValue, message, at: location))
        }
        if !field.values.isEmpty,
            let message = valuesMessage(field.values, column: column, label: label, context: context)
        {
            findings.append(context.finding(Rule.unexpectedValue, message, at: location))
        }

        if field.nullable == false && column.missingCount > 0 {
            let first = column.firstMissing.map { " (first `\($0.value)` on line \($0.line))" } ?? ""
            findings.append(
                context.finding(
                    Rule.unexpectedMissing,
                    "\(label) is documented as not nullable but \(column.missingCount) of \(context.rows) rows in sample "
                        + "`\(context.samplePath)` are missing\(first)",
                    at: location))
        }
        return findings
    }

    private static func valuesMessage(
        _ documented: [String], column: ColumnProfile, label: String, context: Context
    ) -> String? {
        let allowed = Set(documented.map { $0.trimmingASCIIBlanks() })
        let allowedNumbers = Set(allowed.compactMap { Double($0) })
        // Distinct values never include missing markers: those are the nullability check's business.
        let offending = column.distinctValues.filter { distinct in
            let value = distinct.value.trimmingASCIIBlanks()
            if allowed.contains(value) { return false }
            if let number = Double(value), allowedNumbers.contains(number) { return false }
            return true
        }
        guard !offending.isEmpty else { return nil }
        let lowercased = Dictionary(allowed.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        let described = mostFrequentFirst(offending).map { distinct -> String in
            let value = distinct.value.trimmingASCIIBlanks()
            let caseNote = lowercased[value.lowercased()].map { "; differs from `\($0)` only in case" } ?? ""
            return "`\(distinct.value)` (\(rows(distinct.count))\(caseNote))"
        }
        return "\(label) holds values outside its documented values (\(list(documented, limit: 10))) in sample "
            + "`\(context.samplePath)`: \(list(described, limit: maxListedValues, quoted: false))\(incompleteNote(column))"
    }

    private static func rangeMessage(
        _ range: ClosedRange<Double>, column: ColumnProfile, label: String, context: Context
    ) -> String? {
        let outside = column.distinctValues.filter { distinct in
            guard let kind = ValueClassifier.classify(distinct.value), kind == .integer || kind == .float,
                let number = Double(distinct.value.trimmingASCIIBlanks())
            else { return false }
            return !range.contains(number)
        }
        var described = mostFrequentFirst(outside).map { "`\($0.value)` (\(rows($0.count)))" }
        if described.isEmpty {
            // Untracked values (past the distinct-value cap) still show in the extremes.
            if let minimum = column.minimum, minimum < range.lowerBound {
                described.append("minimum \(format(minimum))")
            }
            if let maximum = column.maximum, maximum > range.upperBound {
                described.append("maximum \(format(maximum))")
            }
        }
        guard !described.isEmpty else { return nil }
        return "\(label) is documented in the range \(format(range.lowerBound))–\(format(range.upperBound)) but sample "
            + "`\(context.samplePath)` holds values outside it: \(list(described, limit: maxListedValues, quoted: false))"
            + incompleteNote(column)
    }

    // MARK: Wording

    private struct Context {
        package var samplePath: String
        package var rows: Int

        package func finding(_ rule: String, _ message: String, at location: SourceLocation) -> Finding {
            Finding(.error, rule, message, at: location, state: .drift)
        }
    }

    private static func incompleteNote(_ column: ColumnProfile) -> String {
        column.distinctValuesComplete
            ? "" : " (only the first \(column.distinctValues.count) distinct values were checked)"
    }

    /// Most rows first; ties in order of first appearance.
    private static func mostFrequentFirst(_ values: [ColumnProfile.DistinctValue]) -> [ColumnProfile.DistinctValue] {
        values.sorted { ($0.count, -$0.firstLine) > ($1.count, -$1.firstLine) }
    }

    private static func rows(_ count: Int) -> String {
        count == 1 ? "1 row" : "\(count) rows"
    }

    /// `a, b, c and 4 more`; names are backquoted unless `quoted` is false.
    private static func list(_ items: [String], limit: Int, quoted: Bool = true) -> String {
        guard !items.isEmpty else { return "none" }
        let shown = items.prefix(limit).map { quoted ? "`\($0)`" : $0 }.joined(separator: ", ")
        return items.count > limit ? "\(shown) and \(items.count - limit) more" : shown
    }

    /// `2700`, not `2700.0`; `0.5` as is.
    private static func format(_ number: Double) -> String {
        if number.isFinite, number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }
}
