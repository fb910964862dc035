import DossierCore

/// One commit of the first-parent history: what a page footer and a staleness message show.
package struct GitCommit: Sendable, Hashable, Codable {
    /// The full object name.
    package var hash: String
    /// Committer date, seconds since 1970 (UTC): when the commit landed on this branch, which a
    /// rebase or cherry-pick updates (the author date keeps the day the change was first written).
    package var date: Int64
    /// The first line of the message.
    package var subject: String

    package init(hash: String, date: Int64, subject: String) {
        self.hash = hash
        self.date = date
        self.subject = subject
    }

    /// The first seven characters of the hash: fixed, so output does not depend on the repository's size.
    package var shortHash: String { String(hash.prefix(7)) }

    /// The committer date as `yyyy-mm-dd` in UTC.
    package var isoDate: String { Self.isoDate(fromUnixSeconds: date) }

    /// `yyyy-mm-dd` (UTC) for a Unix time, computed arithmetically so no locale or time zone leaks in.
    package static func isoDate(fromUnixSeconds seconds: Int64) -> String {
        // Howard Hinnant's days-to-civil algorithm.
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}
