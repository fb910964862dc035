import DossierCore
import DossierModel

/// What one non-missing value in a sample looks like, before a column's type is decided.
///
/// A column's inferred type (`FieldType`) is derived from the set of kinds its values have:
/// integers and floats together make a float column, dates and date-times a datetime column,
/// and anything else a string or categorical column.
package enum ValueKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// `42`, `-7`, `+3`, `007`.
    case integer
    /// `39.1`, `.5`, `1e-3`, `inf`.
    case float
    /// `true`/`false`/`yes`/`no` in any case (JSON `true`/`false`). `0`/`1` are integers.
    case boolean
    /// ISO 8601 calendar date: `2007-11-11`.
    case date
    /// ISO 8601 date and time: `2007-11-11T10:30`, `2007-11-11 10:30:00.5+02:00`, `…Z`.
    case datetime
    /// Anything else.
    case text
}
