import DossierCore

/// The `staleness:` settings of `dossier.yml` (SPEC 1.1, 1.6).
package struct StalenessThresholds: Sendable, Hashable, Codable {
    /// A page is stale once this many commits (an uncommitted change counts as one) changed what
    /// it covers since its baseline. Values below 1 count as 1.
    package var warnAfterCommits: Int
    /// A stale page's warning becomes an error once the newest change is more than this many
    /// days younger than the baseline.
    package var errorAfterDays: Int

    package init(warnAfterCommits: Int = 1, errorAfterDays: Int = 180) {
        self.warnAfterCommits = warnAfterCommits
        self.errorAfterDays = errorAfterDays
    }
}
