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

    /// The stamps of the output folder, or nil when it is too large to stamp.
    package static func outputStamps(_ folder: URL) -> String? {
        var stamps = FileStamps()
        stamps.add(tree: folder.path)
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
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(self) else { return }
        data.withUnsafeBytes { ProjectFiles.replaceWhole(folder + "/" + Self.fileName, with: $0) }
    }

    /// Removes the receipt in `folder`: the build about to run will write the output anew.
    package static func remove(folder: String) {
        unlink(folder + "/" + fileName)
    }
}
