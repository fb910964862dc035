import DossierCore

/// The staleness check's verdict on one document.
package struct StalenessReport: Sendable, Hashable {
    /// The worst state among `findings`; `fresh` when there are none.
    package var state: HealthState
    /// `code.*` findings for references that do not resolve, and at most one `staleness.*` finding.
    package var findings: [Finding]
    /// The newest commit that touched the document itself, for the page footer (`nil` when the
    /// document was never committed or the date is unknowable in a shallow clone).
    package var lastChange: GitCommit?
    /// The commit the document was compared against, when one was found.
    package var baseline: GitCommit?

    package init(state: HealthState, findings: [Finding], lastChange: GitCommit?, baseline: GitCommit?) {
        self.state = state
        self.findings = findings
        self.lastChange = lastChange
        self.baseline = baseline
    }
}
