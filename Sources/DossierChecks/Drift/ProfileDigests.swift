import DossierCore

/// The digests of the sample profiles a build read (`SampleProfileMemo.digests()`), each kept with
/// the very profile it is the digest of: what the site's cache key adds of a profile
/// (`SampleProfileDigest`) without encoding every profile again on every build.
///
/// A digest is handed out only for a profile equal to the one it was made of (cheap when they
/// share their storage, as the project's profiles and the memo's do), so a profile changed or
/// replaced since is digested afresh: a page is never keyed with an old profile's digest.
package struct ProfileDigests: Sendable {
    private let known: [String: (profile: SampleProfile, digest: String)]

    package init() {
        known = [:]
    }

    /// `known`: by each profile's path, the profile and `SampleProfileMemo.digest(of:)` of it.
    init(known: [String: (profile: SampleProfile, digest: String)]) {
        self.known = known
    }

    /// How many digests are known (for tests).
    package var count: Int { known.count }

    /// `SampleProfileMemo.digest(of: profile)`: the one kept, when it was made of this profile.
    package func digest(of profile: SampleProfile) -> String {
        if let kept = known[profile.path], kept.profile == profile { return kept.digest }
        return SampleProfileMemo.digest(of: profile)
    }
}
