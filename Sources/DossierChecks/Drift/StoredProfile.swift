import DossierCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A sample profile still in the saved memo file (`SampleProfileMemo.load(path:identity:)`): where
/// its bytes are and their digest. Read, checked and decoded only when the profile is looked up.
struct StoredProfile: Sendable {
    /// The saved file, open from the memo's load until the last profile that may be read from it
    /// goes: a build that saves the memo again renames a new file over the path, and the profiles
    /// not yet read still come from the file the index was read from.
    final class File: @unchecked Sendable {
        private let fd: Int32

        init(fd: Int32) {
            self.fd = fd
        }

        deinit {
            close(fd)
        }

        /// Exactly `count` bytes at `offset`; nil when the file ends before or reading fails.
        func bytes(at offset: Int, count: Int) -> [UInt8]? {
            ProjectFiles.readExactly(fd, count: count, at: offset)
        }
    }

    let file: File
    /// Where the profile's bytes start after the index.
    let offset: Int
    let length: Int
    /// `StableDigest.hex` of the profile's bytes, from the index (which its own digest vouches for).
    let digest: String
    /// Where the profiles start in the file.
    let profilesStart: Int

    init(file: File, offset: Int, length: Int, digest: String, profilesStart: Int) {
        self.file = file
        self.offset = offset
        self.length = length
        self.digest = digest
        self.profilesStart = profilesStart
    }

    /// The profile; nil when its bytes cannot be read whole, differ from their digest (a damaged
    /// or changed file), or are not exactly one profile.
    func read() -> SampleProfile? {
        file.bytes(at: profilesStart + offset, count: length).flatMap { Self.decode($0, digest: digest) }
    }

    /// `bytes` as one profile, if they have `digest`.
    static func decode(_ bytes: [UInt8], digest: String) -> SampleProfile? {
        var actual = StableDigest()
        bytes.withUnsafeBytes { actual.add($0) }
        guard actual.hex == digest else { return nil }
        return SampleProfileMemo.decodeProfile(bytes)
    }
}
