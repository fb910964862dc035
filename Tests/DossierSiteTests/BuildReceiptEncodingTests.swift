import DossierCore
import Foundation
import Testing

@testable import DossierSite

/// The receipt written by hand reads back through `JSONDecoder` as the receipt written, and as
/// `JSONEncoder`'s encoding of it does: findings with and without a state, text that JSON must
/// escape, non-ASCII and astral characters, no findings at all.
@Suite struct BuildReceiptEncodingTests {
    static let awkward = [
        "", "plain", "quote \" and backslash \\", "tab\tline\nreturn\r", "\u{0}\u{1}\u{1F}\u{7F}",
        "<script>é</script>", "emoji 👩‍💻 e\u{301}", "\u{2028}\u{2029}", "slash / and \\/",
    ]

    static func receipt(findings: [Finding]) -> BuildReceipt {
        BuildReceipt(
            format: BuildReceipt.format, inputs: "0123456789abcdef0123456789abcdef", output: "fedcba",
            filesWritten: 12_345, pagesWritten: -1, findings: findings)
    }

    @Test func readsBackAsWritten() throws {
        var findings: [Finding] = []
        for (index, text) in Self.awkward.enumerated() {
            findings.append(
                Finding(
                    index % 2 == 0 ? .error : .warning, "rule." + text, text,
                    at: SourceLocation(path: "docs/" + text + ".md", line: index, column: Int.max - index),
                    state: index % 3 == 0 ? nil : HealthState.allCases[index % HealthState.allCases.count]))
        }
        for receipt in [Self.receipt(findings: findings), Self.receipt(findings: [])] {
            let ours = try JSONDecoder().decode(BuildReceipt.self, from: Data(receipt.encoded()))
            #expect(ours == receipt)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let theirs = try JSONDecoder().decode(BuildReceipt.self, from: encoder.encode(receipt))
            #expect(ours == theirs)
        }
    }

    /// `encoded()` names every field by hand: a field added to the receipt, a finding or its
    /// location must be written there too, or an up-to-date build would replay findings without it.
    @Test func theEncodingCoversEveryStoredProperty() {
        func labels(_ value: Any) -> [String] { Mirror(reflecting: value).children.compactMap(\.label) }
        let finding = Finding(.error, "r", "m", at: SourceLocation(path: "a.md"), state: .stale)
        let receiptFields = ["format", "inputs", "output", "filesWritten", "pagesWritten", "findings"]
        #expect(labels(Self.receipt(findings: [])) == receiptFields)
        #expect(labels(finding) == ["severity", "rule", "message", "location", "state"])
        #expect(labels(finding.location) == ["path", "line", "column"])
    }

    @Test func aWrittenReceiptIsReadForItsInputs() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-receipt-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let receipt = Self.receipt(findings: [Finding(.error, "r", "m \"q\"", at: SourceLocation(path: "a.md"))])
        receipt.write(folder: folder.path)
        #expect(BuildReceipt.read(folder: folder.path, inputs: receipt.inputs) == receipt)
        #expect(BuildReceipt.read(folder: folder.path, inputs: "other") == nil)
    }
}
