import DossierCore

/// The commit that last touched a document, for its page footer.
package struct LastChange: Sendable, Hashable {
    package var commit: String
    package var date: String
    package var subject: String

    package init(commit: String, date: String, subject: String) {
        self.commit = commit
        self.date = date
        self.subject = subject
    }
}
