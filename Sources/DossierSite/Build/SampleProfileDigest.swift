import DossierChecks
import DossierCore

/// A data sample's profile added to a cache key field by field: `String(describing:)` went
/// through reflection for every schema sample and data file, a large share of a warm build's
/// key computation at 10,000 documents (seen in stack samples).
package enum SampleProfileDigest {
    /// The stored properties added below; a test fails when the profile gains one not listed.
    package static let profileFields: Set<String> = [
        "path", "format", "columns", "rowsRead", "reachedRowLimit", "preview",
    ]
    package static let columnFields: Set<String> = [
        "name", "inferredType", "valueCount", "missingCount", "firstMissing", "kinds", "distinctValues",
        "distinctValuesComplete", "minimum", "maximum", "firstFractional", "parent", "histogram",
    ]

    /// Each field goes in as it is (strings length-marked, numbers as 8 bytes), so no text is
    /// built: composing a string per distinct value cost more than hashing the profile.
    package static func add(_ profile: SampleProfile?, to digest: inout StableDigest) {
        guard let profile else { return digest.add("\u{0}no profile") }
        digest.add("profile")
        digest.add(profile.path)
        digest.add(profile.format.rawValue)
        digest.add(integer: profile.rowsRead)
        digest.add(integer: profile.reachedRowLimit ? 1 : 0)
        digest.add(integer: profile.columns.count)
        digest.add(integer: profile.preview.count)
        for row in profile.preview {
            digest.add(integer: row.count)
            for cell in row { digest.add(cell) }
        }
        for column in profile.columns {
            digest.add(column.name)
            digest.add(column.inferredType?.rawValue ?? "\u{0}")
            digest.add(integer: column.valueCount)
            digest.add(integer: column.missingCount)
            add(column.firstMissing, to: &digest)
            digest.add(integer: column.kinds.count)
            digest.add(integer: column.distinctValues.count)
            digest.add(integer: column.distinctValuesComplete ? 1 : 0)
            add(column.minimum, to: &digest)
            add(column.maximum, to: &digest)
            add(column.firstFractional, to: &digest)
            digest.add(column.parent ?? "\u{0}")
            digest.add(integer: column.histogram.count)
            for bin in column.histogram { digest.add(integer: bin) }
            for kind in column.kinds {
                digest.add(kind.kind.rawValue)
                digest.add(integer: kind.count)
                add(kind.example, to: &digest)
            }
            for distinct in column.distinctValues {
                digest.add(distinct.value)
                digest.add(integer: distinct.count)
                digest.add(integer: distinct.firstLine)
            }
        }
    }

    private static func add(_ value: ColumnProfile.SampleValue?, to digest: inout StableDigest) {
        guard let value else { return digest.add(integer: 0) }
        digest.add(integer: 1)
        digest.add(integer: value.line)
        digest.add(value.value)
    }

    private static func add(_ number: Double?, to digest: inout StableDigest) {
        guard let number else { return digest.add(integer: 0) }
        digest.add(integer: 1)
        digest.add(integer: Int(bitPattern: UInt(number.bitPattern)))
    }
}
