import DossierChecks
import DossierCore

/// A data sample's profile added to a cache key: as the digest of its bytes in the saved sample
/// profiles (`SampleProfileMemo.digest(of:)`), which hold every field. Not `String(describing:)`,
/// which went through reflection for every schema sample and data file, a large share of a warm
/// build's key computation at 10,000 documents (seen in stack samples); and not field by field
/// on every build either: the memo keeps each profile's digest (`ProfileDigests`), and digesting
/// 1,816 profiles again was 122 M instructions of a build after one edit at 10,000 documents.
package enum SampleProfileDigest {
    /// The stored properties the digest covers (those the saved profile holds); a test fails when
    /// the profile gains one not listed.
    package static let profileFields: Set<String> = SampleProfileMemo.savedProfileFields
    package static let columnFields: Set<String> = SampleProfileMemo.savedColumnFields

    package static func add(_ profile: SampleProfile?, to digest: inout StableDigest) {
        add(profile, known: ProfileDigests(), to: &digest)
    }

    /// `known`: digests made already, used for the very profiles they were made of.
    package static func add(_ profile: SampleProfile?, known: ProfileDigests, to digest: inout StableDigest) {
        guard let profile else { return digest.add("\u{0}no profile") }
        digest.add("profile")
        digest.add(known.digest(of: profile))
    }
}
