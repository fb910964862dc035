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

    package static func add(_ profile: SampleProfile?, to digest: inout StableDigest) {
        guard let profile else { return digest.add("\u{0}no profile") }
        digest.add(
            "profile \(profile.path) \(profile.format.rawValue) \(profile.rowsRead) \(profile.reachedRowLimit) "
                + "\(profile.columns.count) \(profile.preview.count)")
        for row in profile.preview { digest.add(row.joined(separator: "\u{1F}") + "\u{1E}\(row.count)") }
        for column in profile.columns {
            let minimum: String = column.minimum.map { String($0.bitPattern) } ?? "-"
            let maximum: String = column.maximum.map { String($0.bitPattern) } ?? "-"
            let histogram: String = column.histogram.map { String($0) }.joined(separator: ",")
            var parts: [String] = [column.name, column.inferredType?.rawValue ?? "-"]
            parts += [String(column.valueCount), String(column.missingCount), value(column.firstMissing)]
            parts += [String(column.kinds.count), String(column.distinctValues.count)]
            parts += [column.distinctValuesComplete ? "1" : "0", minimum, maximum, value(column.firstFractional)]
            parts += [column.parent ?? "\u{0}", histogram]
            digest.add(parts.joined(separator: "\u{1F}"))
            for kind in column.kinds { digest.add("\(kind.kind.rawValue) \(kind.count) \(value(kind.example))") }
            for distinct in column.distinctValues {
                digest.add("\(distinct.count) \(distinct.firstLine)\u{1F}\(distinct.value)")
            }
        }
    }

    private static func value(_ value: ColumnProfile.SampleValue?) -> String {
        value.map { "\($0.line)\u{1F}\($0.value)" } ?? "\u{0}"
    }
}
