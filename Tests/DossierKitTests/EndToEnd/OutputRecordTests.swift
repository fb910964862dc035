@testable import DossierKit
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// `OutputRecord`: a page the old site holds unchanged under the same key is linked into the new
/// site instead of read from the cache; a page changed in the output by hand, a damaged record or
/// another output folder means no reuse, and the site is always a cold build's.
@Suite struct OutputRecordTests {
    private func project() throws -> TemporaryProject {
        var files = ["README.md": "# Home\n\nSee [a](docs/a.md).\n"]
        for name in ["a", "b", "c", "d"] { files["docs/\(name).md"] = "# Page \(name)\n\nText of \(name).\n" }
        return try TemporaryProject(files)
    }

    /// The record's numbers are written and read as bytes, spelled as `String(Int64)` spells them;
    /// anything else in their place is no number (the record does not read back).
    @Test func stampNumbersReadBackAsWritten() {
        let values: [Int64] = [0, 7, -1, 42, 1_764_540_000_123_456_789, .max, .min, -.max]
        for value in values {
            var out: [UInt8] = []
            OutputRecord.appendDecimal(value, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(value))
            #expect(OutputRecord.decimal(out[...]) == value)
        }
        for junk in ["", "-", "+1", "1a", " 1", "1 ", "--1", "9223372036854775808", "-9223372036854775809", "1e3"] {
            #expect(OutputRecord.decimal(Array(junk.utf8)[...]) == nil, "\(junk)")
        }
    }

    @Test func unchangedPagesAreLinkedAnEditedOneIsNot() throws {
        let project = try project()
        defer { project.remove() }
        let first = try buildBothWays(project.path)
        #expect(first.pagesLinked == 0)
        let second = try buildBothWays(project.path)
        #expect(second.pagesLinked == 4)
        #expect(second.pagesLinked == second.pagesFromCache)
        // A prose edit: its own page renders, the others are linked.
        try project.write("docs/b.md", "# Page b\n\nText of b, edited.\n")
        let edited = try buildBothWays(project.path)
        #expect(edited.pagesRendered == 1)
        #expect(edited.pagesLinked == 3)
    }

    @Test func aPageChangedInTheOutputIsWrittenAgain() throws {
        let project = try project()
        defer { project.remove() }
        try buildBothWays(project.path)
        try buildBothWays(project.path)
        // The same size and modification time: only the change time tells.
        let page = project.path + "/site/docs/c.html"
        let attributes = try FileManager.default.attributesOfItem(atPath: page)
        let text = try String(contentsOfFile: page, encoding: .utf8)
        try text.replacingOccurrences(of: "Text of c", with: "Text of X").write(
            toFile: page, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes(
            [.modificationDate: attributes[.modificationDate] as Any], ofItemAtPath: page)
        let rebuilt = try buildBothWays(project.path)
        #expect(rebuilt.pagesLinked == 3)
    }

    @Test(arguments: [
        "garbage", "truncated", "other output", "a field short", "a short key", "no path", "a number spoiled",
        "an unended last line",
    ])
    func aDamagedRecordMeansNoReuse(damage: String) throws {
        let project = try project()
        defer { project.remove() }
        try buildBothWays(project.path)
        let file = project.path + "/.dossier-cache/" + OutputRecord.fileName
        let text = try String(contentsOfFile: file, encoding: .utf8)
        switch damage {
        case "garbage": try "dossier-outputs 1\nnonsense\n".write(toFile: file, atomically: true, encoding: .utf8)
        case "truncated": try String(text.dropLast(9)).write(toFile: file, atomically: true, encoding: .utf8)
        case "a field short", "a short key", "no path", "a number spoiled":
            // One page's line, damaged as a partly written or edited record could be.
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var fields = lines[3].split(separator: " ", maxSplits: 7).map(String.init)
            switch damage {
            case "a field short": fields.remove(at: 4)
            case "a short key": fields[0].removeLast()
            case "no path": fields[7] = ""
            default: fields[5] += "x"
            }
            lines[3] = fields.joined(separator: " ")
            try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        case "an unended last line":
            // A last line without its newline: the record was cut short.
            try (text + "x").write(toFile: file, atomically: true, encoding: .utf8)
        default:
            try text.replacingOccurrences(of: project.path + "/site\n", with: project.path + "/elsewhere\n")
                .write(toFile: file, atomically: true, encoding: .utf8)
        }
        let rebuilt = try buildBothWays(project.path)
        #expect(rebuilt.pagesLinked == 0)
        #expect(rebuilt.pagesFromCache == 4)
        // The record is written anew.
        #expect(try buildBothWays(project.path).pagesLinked == 4)
    }
}
