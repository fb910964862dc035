import DossierCore

/// A column's data type, normalized from the synonyms people write (`int64`, `str`, `double`…).
package enum FieldType: String, Sendable, Hashable, Codable, CaseIterable {
    case string, integer, float, boolean, date, datetime, categorical, text, id
}

/// Stevens' level of measurement of a field.
package enum MeasurementLevel: String, Sendable, Hashable, Codable, CaseIterable {
    case nominal, ordinal, interval, ratio
}

/// One row of a schema table (SPEC 1.4).
package struct SchemaField: Sendable, Hashable, Codable {
    /// The key as written: `species` or `Person.survey_score`.
    package var key: String
    /// `Person` for `Person.survey_score`; nil for a plain key.
    package var entity: String?
    /// The column name: `survey_score` for `Person.survey_score`.
    package var name: String
    /// The normalized type, nil when the written type is empty or unknown.
    package var type: FieldType?
    /// The type as written in the table.
    package var rawType: String
    package var level: MeasurementLevel?
    package var rawLevel: String
    package var description: String
    /// nil when the table does not say.
    package var nullable: Bool?
    /// Allowed values or categories (`values`/`allowed`/`categories` column), split on commas.
    package var values: [String]
    /// A numeric range from a `range` column or a `min–max` values cell, when given.
    package var range: ClosedRange<Double>?
    /// The line of this row in the document (1-based, in the whole file).
    package var line: Int

    package init(
        key: String, entity: String? = nil, name: String, type: FieldType?, rawType: String,
        level: MeasurementLevel? = nil, rawLevel: String = "", description: String = "",
        nullable: Bool? = nil, values: [String] = [], range: ClosedRange<Double>? = nil, line: Int
    ) {
        self.key = key
        self.entity = entity
        self.name = name
        self.type = type
        self.rawType = rawType
        self.level = level
        self.rawLevel = rawLevel
        self.description = description
        self.nullable = nullable
        self.values = values
        self.range = range
        self.line = line
    }

    /// The anchor of this field's row on its schema page.
    package var anchor: String {
        // Every schema page anchors each row, and every link to a field asks again: a printable
        // ASCII key (one byte a Character, the letters `a`–`z` and `A`–`Z`, the numbers `0`–`9`) is
        // mapped byte by byte. Lower-casing it and joining a String per Character cost 18,000
        // instructions a key (1.9% of a build's instructions).
        var bytes = key
        let ascii = bytes.withUTF8 { key -> String? in
            guard key.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
            let prefix: StaticString = "field-"
            return String(unsafeUninitializedCapacity: prefix.utf8CodeUnitCount + key.count) { anchor in
                for index in 0..<prefix.utf8CodeUnitCount { anchor[index] = prefix.utf8Start[index] }
                for (index, byte) in key.enumerated() {
                    let lower = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 0x20 : byte
                    let kept =
                        (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z"))
                        || (lower >= UInt8(ascii: "0") && lower <= UInt8(ascii: "9"))
                        || lower == UInt8(ascii: ".") || lower == UInt8(ascii: "_") || lower == UInt8(ascii: "-")
                    anchor[prefix.utf8CodeUnitCount + index] = kept ? lower : UInt8(ascii: "-")
                }
                return prefix.utf8CodeUnitCount + key.count
            }
        }
        if let ascii { return ascii }
        return "field-"
            + key.lowercased().map {
                $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-" ? String($0) : "-"
            }.joined()
    }
}
