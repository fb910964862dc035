/// The default theme (`Themes/default/`) built into the executable, so that a binary copied out
/// of the checkout, unpacked from the release tarball or installed from the wheel still renders
/// sites when no `Themes/` folder is beside it. `Themes/default/` stays the source: the
/// `EmbedThemeDataPlugin` build-tool plugin regenerates `EmbeddedThemeFiles.swift` from it on
/// every build that changed it.
package enum EmbeddedTheme {
    /// The theme name this stands in for.
    package static let name = "default"

    /// Every file of `Themes/default/`, by path relative to it (`templates/layout.mustache`,
    /// `assets/dossier.css`), byte for byte.
    package static let files: [String: [UInt8]] = {
        var files: [String: [UInt8]] = [:]
        for (path, text) in embeddedThemeText { files[path] = Array(text.utf8) }
        for (path, base64) in embeddedThemeBase64 { files[path] = Base64.decode(base64) }
        return files
    }()
}

/// The release version, from the repository's `VERSION` file at build time (the one place it is
/// written down; `make dist` names the tarball and the wheel from the same file).
package enum DossierVersion {
    package static let current: String = embeddedVersion
}

/// Standard base64 (RFC 4648) for the theme's files that are not UTF-8 text (images, fonts).
enum Base64 {
    static func decode(_ text: String) -> [UInt8] {
        var table = [UInt8](repeating: 255, count: 256)
        for (index, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(byte)] = UInt8(index)
        }
        var bytes: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in text.utf8 {
            let value = table[Int(byte)]
            if value == 255 { continue }  // `=` padding
            buffer = buffer << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return bytes
    }
}
