import DossierCore

/// Reads the column names of a Parquet file from its footer (`FileMetaData.schema`, Thrift
/// compact protocol), without reading any data: the structure staleness compares.
package enum ParquetSchemaReader {
    /// The leaf column names (nested ones as `parent.child`), or `nil` when this is not a
    /// readable Parquet file.
    package static func columns(of bytes: [UInt8]) -> [String]? {
        let n = bytes.count
        guard n >= 12, bytes[(n - 4)...].elementsEqual("PAR1".utf8) else { return nil }
        let length = Int(bytes[n - 8]) | Int(bytes[n - 7]) << 8 | Int(bytes[n - 6]) << 16 | Int(bytes[n - 5]) << 24
        guard length > 0, length <= n - 8 else { return nil }
        var reader = ThriftCompactReader(bytes: bytes, position: n - 8 - length, end: n - 8)
        guard let elements = reader.fileMetaDataSchema(), let root = elements.first else { return nil }
        // The schema is a depth-first list; element 0 is the root, `numChildren` says the tree.
        var names: [String] = []
        var index = 1
        func walk(prefix: String, count: Int) {
            for _ in 0..<count where index < elements.count {
                let element = elements[index]
                index += 1
                let name = prefix.isEmpty ? element.name : prefix + "." + element.name
                if element.children > 0 { walk(prefix: name, count: element.children) } else { names.append(name) }
            }
        }
        walk(prefix: "", count: root.children > 0 ? root.children : elements.count - 1)
        return names
    }

    struct SchemaElement { var name = ""; var children = 0 }

    /// Just enough of the Thrift compact protocol to walk a struct and skip what it does not need.
    private struct ThriftCompactReader {
        let bytes: [UInt8]
        var position: Int
        let end: Int

        mutating func byte() -> UInt8? {
            guard position < end else { return nil }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func varint() -> UInt64? {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while let b = byte() {
                result |= UInt64(b & 0x7F) << shift
                if b & 0x80 == 0 { return result }
                shift += 7
                if shift > 63 { return nil }
            }
            return nil
        }

        mutating func zigzag() -> Int64? {
            varint().map { Int64(bitPattern: ($0 >> 1) ^ (0 &- ($0 & 1))) }
        }

        mutating func binary() -> [UInt8]? {
            guard let length = varint(), length <= UInt64(end - position) else { return nil }
            defer { position += Int(length) }
            return Array(bytes[position..<(position + Int(length))])
        }

        /// Field headers: (field id, type); `nil` at the struct's end or on bad input.
        mutating func fieldHeader(last: inout Int) -> (Int, UInt8)? {
            guard let header = byte(), header != 0 else { return nil }
            let type = header & 0x0F
            let delta = Int(header >> 4)
            if delta == 0 {
                guard let id = zigzag() else { return nil }
                last = Int(id)
            } else {
                last += delta
            }
            return (last, type)
        }

        mutating func listHeader() -> (count: Int, type: UInt8)? {
            guard let header = byte() else { return nil }
            var count = Int(header >> 4)
            if count == 15 { guard let size = varint(), size < 1 << 24 else { return nil }; count = Int(size) }
            return (count, header & 0x0F)
        }

        mutating func skip(_ type: UInt8, depth: Int = 0) -> Bool {
            guard depth < 32 else { return false }
            switch type {
            case 1, 2: return true  // booleans live in the type nibble
            case 3: return byte() != nil
            case 4, 5, 6: return varint() != nil
            case 7: guard position + 8 <= end else { return false }; position += 8; return true
            case 8: return binary() != nil
            case 9, 10:
                guard let (count, element) = listHeader() else { return false }
                for _ in 0..<count where !skip(element, depth: depth + 1) { return false }
                return true
            case 11:
                guard let size = varint() else { return false }
                if size == 0 { return true }
                guard let types = byte() else { return false }
                for _ in 0..<size {
                    guard skip(types >> 4, depth: depth + 1), skip(types & 0x0F, depth: depth + 1) else { return false }
                }
                return true
            case 12:
                var last = 0
                while let (_, fieldType) = fieldHeader(last: &last) {
                    guard skip(fieldType, depth: depth + 1) else { return false }
                }
                return true
            default: return false
            }
        }

        /// FileMetaData field 2: `list<SchemaElement>`.
        mutating func fileMetaDataSchema() -> [SchemaElement]? {
            var last = 0
            while let (id, type) = fieldHeader(last: &last) {
                guard id == 2, type == 9 else {
                    guard skip(type) else { return nil }
                    continue
                }
                guard let (count, element) = listHeader(), element == 12 else { return nil }
                var elements: [SchemaElement] = []
                for _ in 0..<count {
                    var schema = SchemaElement()
                    var fieldLast = 0
                    while let (field, fieldType) = fieldHeader(last: &fieldLast) {
                        if field == 4, fieldType == 8, let name = binary() {
                            schema.name = String(decoding: name, as: UTF8.self)
                        } else if field == 5, fieldType == 5, let children = zigzag() {
                            schema.children = Int(max(0, min(children, 1 << 20)))
                        } else if !skip(fieldType) {
                            return nil
                        }
                    }
                    elements.append(schema)
                }
                return elements
            }
            return nil
        }
    }
}
