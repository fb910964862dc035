import DossierCore
import DossierModel

/// Which sample data satisfies which documented type (the table is in `SchemaDriftCheck`'s
/// documentation, where users of the rule look for it).
package enum TypeCompatibility {
    /// True when `column`'s data satisfies `documented`. A column with no values satisfies any type.
    package static func accepts(_ documented: FieldType, _ column: ColumnProfile) -> Bool {
        guard let inferred = column.inferredType else { return true }
        switch documented {
        case .integer: return inferred == .integer || (inferred == .float && column.firstFractional == nil)
        case .float: return inferred == .float || inferred == .integer
        case .boolean: return inferred == .boolean || column.isZeroOrOne
        case .date: return inferred == .date
        case .datetime: return inferred == .datetime || inferred == .date
        case .categorical: return [.categorical, .string, .integer, .boolean].contains(inferred)
        // Any data can be stored as text: `02139` or `840` in a string column is a code, not a number.
        case .string, .text, .id: return true
        }
    }

    /// A value of `column` that does not fit `documented`, to show in a type-mismatch message:
    /// the first value of the first kind (in order of appearance) that the type does not take.
    package static func offendingExample(_ documented: FieldType, _ column: ColumnProfile) -> ColumnProfile.SampleValue?
    {
        for summary in column.kinds where !fits(documented, summary.kind) {
            switch (documented, summary.kind) {
            case (.integer, .float):
                // Whole floats (`181.0`) are integer data; only a fractional one offends.
                if let fractional = column.firstFractional { return fractional }
            case (.boolean, .integer):
                if let other = column.distinctValues.first(where: { isIntegerOtherThanZeroOrOne($0.value) }) {
                    return .init(other.value, line: other.firstLine)
                }
                return summary.example
            default:
                return summary.example
            }
        }
        return column.kinds.first?.example
    }

    /// Whether one kind of value fits a documented type taken alone (integers fit `boolean` only
    /// as 0/1 and floats fit `integer` only when whole, which the caller checks).
    private static func fits(_ documented: FieldType, _ kind: ValueKind) -> Bool {
        switch documented {
        case .integer: return kind == .integer
        case .float: return kind == .integer || kind == .float
        case .boolean: return kind == .boolean
        case .date: return kind == .date
        case .datetime: return kind == .date || kind == .datetime
        case .categorical: return kind == .text || kind == .integer || kind == .boolean
        case .string, .text, .id: return true
        }
    }

    private static func isIntegerOtherThanZeroOrOne(_ value: String) -> Bool {
        guard ValueClassifier.classify(value) == .integer, let number = Double(value.trimmingASCIIBlanks()) else {
            return false
        }
        return number != 0 && number != 1
    }

    /// How a message names the data a column holds.
    package static func describe(_ type: FieldType) -> String {
        switch type {
        case .datetime: "date-time"
        case .string, .text: "text"
        case .categorical: "categorical text"
        default: type.rawValue
        }
    }
}
