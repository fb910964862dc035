/// The paths something besides the document loader reads, to tell whether a document is one of
/// them: a code reference's target (a file, or a folder with everything under it; `path#L3` and
/// `path#symbol` name `path`), a data file, a file the site publishes. A document read so may
/// change a check or a page besides its own when only its prose changes, so neither `serve`'s
/// early page nor a build's `ProseEdit` publishes its edit alone.
///
/// Kept as 64-bit FNV-1a hashes of the paths' bytes, so that every folder above a document is
/// looked up by the hash of its path's prefix, made in the same pass (a collision only keeps a
/// document out).
package struct OtherReaders {
    /// A code reference names the whole project (`.`, or nothing).
    var all = false
    /// Code references' targets (files or folders; `path#L3` or `path#symbol` as `path`), and
    /// data and published files.
    var targets: Set<UInt64> = []

    package init(project: LoadedProject) {
        for path in project.dataFiles.keys { targets.insert(Self.hash(path.utf8[...])) }
        for path in project.publishedFiles { targets.insert(Self.hash(path.utf8[...])) }
        for document in project.documents {
            for reference in document.codeReferences {
                let bytes = reference.text.utf8
                var target = bytes[..<(bytes.firstIndex(of: UInt8(ascii: "#")) ?? bytes.endIndex)]
                if target.last == UInt8(ascii: "/") { target = target.dropLast() }
                if target.isEmpty || target.elementsEqual([UInt8(ascii: ".")]) { all = true }
                targets.insert(Self.hash(target))
            }
        }
    }

    private static let seed: UInt64 = 0xcbf2_9ce4_8422_2325

    private static func hash(_ bytes: Substring.UTF8View) -> UInt64 {
        bytes.reduce(seed) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01b3 }
    }

    /// Whether `path`, or a folder above it, is read as something else than a document.
    package func reads(_ path: String) -> Bool {
        if all { return true }
        var hash = Self.seed
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/"), targets.contains(hash) { return true }
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return targets.contains(hash)
    }
}
