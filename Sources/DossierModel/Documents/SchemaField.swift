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
        Self.asciiAnchor(key) ?? Self.characterAnchor(key)
    }

    /// `anchor`, Character by Character: letters, numbers, `.`, `_` and `-` kept (lowercased),
    /// anything else a `-`.
    static func characterAnchor(_ key: String) -> String {
        "field-"
            + key.lowercased().map {
                $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-" ? String($0) : "-"
            }.joined()
    }

    /// `anchor` over the bytes of an ASCII key without CR (where each byte is one Character:
    /// letters and numbers are A–Z, a–z and 0–9, and lowercasing maps A–Z only). The Character
    /// walk made a `String` per character: 18,000 instructions a field, 0.9% of a cold build
    /// (callgrind, 1,000 documents), which asks for it once per field for the search index.
    static func asciiAnchor(_ key: String) -> String? {
        var key = key
        return key.withUTF8 { bytes -> String? in
            var out: [UInt8] = Array("field-".utf8)
            out.reserveCapacity(6 + bytes.count)
            for byte in bytes {
                guard byte < 0x80, byte != 0x0D else { return nil }
                let lower = byte &- 0x41 < 26 ? byte + 0x20 : byte
                let kept =
                    lower &- 0x61 < 26 || lower &- 0x30 < 10 || lower == UInt8(ascii: ".")
                    || lower == UInt8(ascii: "_") || lower == UInt8(ascii: "-")
                out.append(kept ? lower : UInt8(ascii: "-"))
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
