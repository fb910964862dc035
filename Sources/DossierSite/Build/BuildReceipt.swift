import DossierCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a build leaves in the cache folder (`receipt`) so that the next build can tell nothing
/// changed: the fingerprint of its inputs (`BuildFingerprint`), the stamps of the output folder
/// it wrote, and what it reported. A build whose fingerprint and output stamps match writes
/// nothing and reports the same findings and exit status — `make`'s "nothing to be done", so a
/// second build of an unchanged project costs a walk of its files instead of a build.
///
/// The receipt is untrusted input like the rest of the cache: anything that does not decode is
/// no receipt, and it is used only when the cache is (not committed to git, not a link).
package struct BuildReceipt: Codable, Equatable, Sendable {
    /// Bump when what a receipt holds, or what the fingerprint covers, changes.
    package static let format = "dossier-receipt 1"
    static let fileName = "receipt"
    /// A receipt larger than this is not read (it holds one line per finding).
    static let maximumBytes = 256 << 20

    package var format: String
    /// `BuildFingerprint.Taken.digest` of the build that wrote it.
    package var inputs: String
    /// `FileStamps` of the output folder once the build had written it.
    package var output: String
    package var filesWritten: Int
    package var pagesWritten: Int
    package var findings: [Finding]

    /// The stamps of the output folder, or nil when it is too large to stamp. Its folders are
    /// walked on every core (`FileStamps.add(tree:parallel:)`: the same digest either way).
    package static func outputStamps(_ folder: URL) -> String? {
        var stamps = FileStamps()
        stamps.add(tree: folder.path, parallel: true)
        return stamps.incomplete ? nil : stamps.hex
    }

    /// The receipt in the cache `folder`, when there is a readable one (and, given `inputs`, one of
    /// those inputs). A receipt whose bytes do not hold `"inputs":"<inputs>"` is not decoded: after
    /// an edit the inputs differ, and decoding every finding of a large site to learn that cost a
    /// few percent of the build. Skipping one that only spells the digest otherwise is a miss.
    package static func read(folder: String, inputs: String? = nil) -> BuildReceipt? {
        // Neither the folder nor the receipt may be a link (the cache is not a door out of it).
        var folderInfo = stat()
        var fileInfo = stat()
        guard lstat(folder, &folderInfo) == 0, folderInfo.st_mode & S_IFMT == S_IFDIR,
            lstat(folder + "/" + fileName, &fileInfo) == 0, fileInfo.st_mode & S_IFMT == S_IFREG,
            let bytes = try? ProjectFiles.readBytes(folder + "/" + fileName, limit: maximumBytes),
            bytes.count <= maximumBytes, inputs.map({ names(bytes, inputs: $0) }) ?? true,
            let receipt = try? JSONDecoder().decode(BuildReceipt.self, from: Data(bytes)),
            receipt.format == format
        else { return nil }
        return receipt
    }

    /// Whether the encoded receipt `bytes` holds `inputs` as its inputs' value.
    private static func names(_ bytes: [UInt8], inputs: String) -> Bool {
        let needle = Array("\"inputs\":\"\(inputs)\"".utf8)
        return bytes.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { ByteSearch.firstOffset(of: $0, in: haystack) != nil }
        }
    }

    /// Writes the receipt into the cache `folder` under a temporary name, then renames it, so a
    /// reader sees the old receipt or the new one. Failing to write only costs the next build.
    package func write(folder: String) {
        _ = encoded().withUnsafeBytes { ProjectFiles.replaceWhole(folder + "/" + Self.fileName, with: $0) }
    }

    /// The receipt as JSON that `JSONDecoder` reads back as this receipt (keys sorted, as
    /// `JSONEncoder` with `.sortedKeys` writes them): written by hand, since encoding every finding
    /// through `JSONEncoder` cost every build of a 1,000-document project 50 M instructions.
    package func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256 + findings.reduce(0) { $0 + 160 + $1.message.utf8.count + $1.location.path.utf8.count })
        func key(_ name: StaticString) {
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        }
        func number(_ value: Int) { out.append(contentsOf: String(value).utf8) }
        out.append(UInt8(ascii: "{"))
        key("filesWritten")
        number(filesWritten)
        out.append(UInt8(ascii: ","))
        key("findings")
        out.append(UInt8(ascii: "["))
        for (index, finding) in findings.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "{"))
            key("location")
            out.append(UInt8(ascii: "{"))
            key("column")
            number(finding.location.column)
            out.append(UInt8(ascii: ","))
            key("line")
            number(finding.location.line)
            out.append(UInt8(ascii: ","))
            key("path")
            SearchIndex.appendJSONString(finding.location.path, to: &out)
            out.append(contentsOf: [UInt8(ascii: "}"), UInt8(ascii: ",")])
            key("message")
            SearchIndex.appendJSONString(finding.message, to: &out)
            out.append(UInt8(ascii: ","))
            key("rule")
            SearchIndex.appendJSONString(finding.rule, to: &out)
            out.append(UInt8(ascii: ","))
            key("severity")
            SearchIndex.appendJSONString(finding.severity.rawValue, to: &out)
            // An absent state is left out, as the synthesized `encodeIfPresent` does.
            if let state = finding.state {
                out.append(UInt8(ascii: ","))
                key("state")
                SearchIndex.appendJSONString(state.rawValue, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: [UInt8(ascii: "]"), UInt8(ascii: ",")])
        key("format")
        SearchIndex.appendJSONString(format, to: &out)
        out.append(UInt8(ascii: ","))
        key("inputs")
        SearchIndex.appendJSONString(inputs, to: &out)
        out.append(UInt8(ascii: ","))
        key("output")
        SearchIndex.appendJSONString(output, to: &out)
        out.append(UInt8(ascii: ","))
        key("pagesWritten")
        number(pagesWritten)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// Removes the receipt in `folder`: the build about to run will write the output anew.
    package static func remove(folder: String) {
        unlink(folder + "/" + fileName)
    }
}
