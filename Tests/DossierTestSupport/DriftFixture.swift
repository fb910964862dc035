import DossierChecks
import DossierCore
import DossierFormats
import DossierModel
import Foundation

/// Writes sample files into a fresh temporary folder per call, and builds schema fields.
package enum DriftFixture {
    /// Writes `bytes` as `name` into a new temporary folder and returns its URL.
    package static func write(_ bytes: [UInt8], named name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-drift-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file
    }

    package static func write(_ text: String, named name: String) throws -> URL {
        try write(Array(text.utf8), named: name)
    }

    package static func remove(_ file: URL) {
        try? FileManager.default.removeItem(at: file.deletingLastPathComponent())
    }

    /// Profiles `bytes` written as `data/NAME`.
    package static func profile(
        _ bytes: [UInt8], named name: String = "sample.csv", reader: SampleReader = SampleReader()
    ) throws -> SampleProfile {
        let file = try write(bytes, named: name)
        defer { remove(file) }
        return try reader.profile(of: file, reportedAs: "data/\(name)")
    }

    package static func profile(
        _ text: String, named name: String = "sample.csv", reader: SampleReader = SampleReader()
    ) throws -> SampleProfile {
        try profile(Array(text.utf8), named: name, reader: reader)
    }

    /// The error profiling `bytes` throws, nil when it reads fine.
    package static func readError(
        _ bytes: [UInt8], named name: String = "sample.csv", reader: SampleReader = SampleReader()
    ) throws -> SampleReadError? {
        let file = try write(bytes, named: name)
        defer { remove(file) }
        do {
            _ = try reader.profile(of: file, reportedAs: "data/\(name)")
            return nil
        } catch {
            return error
        }
    }

    package static func readError(
        _ text: String, named name: String = "sample.csv", reader: SampleReader = SampleReader()
    ) throws -> SampleReadError? {
        try readError(Array(text.utf8), named: name, reader: reader)
    }

    package static func field(
        _ key: String, _ type: FieldType?, line: Int = 10, values: [String] = [],
        range: ClosedRange<Double>? = nil, nullable: Bool? = nil
    ) -> SchemaField {
        let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
        let entity = parts.count == 2 ? parts[0] : nil
        return SchemaField(
            key: key, entity: entity, name: parts.last ?? key, type: type, rawType: type?.rawValue ?? "",
            nullable: nullable, values: values, range: range, line: line)
    }

    /// Where the tests' schema document writes `sample:`.
    package static let document = SourceLocation(path: "docs/schema.md", line: 4)

    /// The shape of Palmer penguins' raw file (a few of its 17 columns), with its `NA`s.
    package static let penguinsRaw = """
        studyName,Sample Number,Species,Island,Stage,Clutch Completion,Date Egg,Culmen Length (mm),Body Mass (g),Sex,Comments
        PAL0708,1,Adelie Penguin (Pygoscelis adeliae),Torgersen,"Adult, 1 Egg Stage",Yes,2007-11-11,39.1,3750,MALE,Not enough blood for isotopes.
        PAL0708,2,Adelie Penguin (Pygoscelis adeliae),Torgersen,"Adult, 1 Egg Stage",Yes,2007-11-11,39.5,3800,FEMALE,NA
        PAL0708,3,Adelie Penguin (Pygoscelis adeliae),Torgersen,"Adult, 1 Egg Stage",Yes,2007-11-16,40.3,3250,FEMALE,NA
        PAL0708,4,Adelie Penguin (Pygoscelis adeliae),Torgersen,"Adult, 1 Egg Stage",Yes,2007-11-16,NA,NA,NA,Adult not sampled.
        PAL0708,5,Adelie Penguin (Pygoscelis adeliae),Torgersen,"Adult, 1 Egg Stage",Yes,2007-11-16,36.7,3450,FEMALE,NA
        PAL0708,7,Adelie Penguin (Pygoscelis adeliae),Torgersen,"Adult, 1 Egg Stage",No,2007-11-15,38.9,3625,FEMALE,Nest never observed with full clutch.
        PAL0910,120,Gentoo penguin (Pygoscelis papua),Biscoe,"Adult, 1 Egg Stage",Yes,2009-11-25,45.2,5300,MALE,NA
        PAL0910,121,Chinstrap penguin (Pygoscelis antarctica),Dream,"Adult, 1 Egg Stage",Yes,2009-11-21,50.5,4050,MALE,NA

        """
}
