import DossierCore
import DossierModel
import Foundation

/// Runs the checks that compare documents with the repository: code references, staleness
/// and drift. Each document is checked independently, so they run in parallel.
package struct ProjectChecks: Sendable {
    package let root: URL
    package let config: ProjectConfig
    /// The loaded documents, in the index's order.
    package let documents: [Document]
    /// MLflow stores already read by the loader, so the drift check does not read them again.
    package var mlflowStores = MLflowStores()
    /// `dossier serve`'s parsed git log, kept between rebuilds with the same HEAD.
    package var gitLog: GitLogMemo?
    /// Git commands started before the documents loaded (`GitHistory.launchEarly`).
    package var earlyGit = GitHistory.EarlyCommands()
    /// `dossier serve`'s sample profiles, kept between rebuilds while the files' stamps stay.
    package var sampleProfiles: SampleProfileMemo?
    /// The last build's per-document results (`SavedCheckResults`), and the digests of the bytes
    /// each document was loaded from (in `documents`' order): a document whose inputs are the
    /// saved ones takes its saved findings instead of being checked again.
    package var savedResults: SavedCheckResults?
    package var sourceDigests: [String] = []

    package struct Output: Sendable {
        /// Findings per document. A finding may point at another file (the requirements file
        /// that does not parse, say) and still belong to the document that names it.
        package var documentFindings: [[Finding]]
        package var lastChanges: [LastChange?]
        /// Per document, the profile of its schema's `sample:` when it could be read.
        package var samples: [SampleProfile?] = []
        /// Data files (CSV, TSV, JSON Lines) the documents reference, profiled once each.
        package var dataFiles: [String: SampleProfile] = [:]
        /// The digests the sample profile memo holds of the profiles above (`ProfileDigests`).
        package var profileDigests = ProfileDigests()
    }

    package func run() -> Output {
        run(timings: PhaseTimer())
    }

    package func run(timings: PhaseTimer) -> Output {
        // History is read once for the whole project (SPEC 1.6), then shared by every document.
        let history = GitHistory(projectRoot: root.path, memo: gitLog, early: earlyGit)
        let staleness = StalenessChecker(
            history: history,
            thresholds: StalenessThresholds(
                warnAfterCommits: config.warnAfterCommits, errorAfterDays: config.errorAfterDays))
        timings.mark("git history")
        let losses = MarkdownLossCheck(root: root, allowRawHTML: config.unsafeHTML)
        let drift = DriftChecks(root: root, config: config, mlflowStores: mlflowStores, profiles: sampleProfiles)
        let keys = savedResults.map { saved in
            CheckInputKey(
                context: saved.context, config: config, history: history,
                stamps: CheckInputKey.Stamps(root: root.path))
        }
        // One parallel pass does both checks of a document: two passes left a core idle while the
        // slowest chunk of the first one finished.
        let checked: [(report: ([Finding], GitCommit?), drift: (findings: [Finding], sample: SampleProfile?))] =
            Array(documents.indices).parallelMap { [sourceDigests] index in
                let document = documents[index]
                let (references, unparsed) = Self.parsedReferences(document)
                // A schema's page needs its sample's profile on every build; the comparison with its
                // table is saved with the other findings when the key covers the sample.
                let schema = document.kind == .schema
                let key = keys.flatMap { keys in
                    keys.key(
                        document, source: index < sourceDigests.count ? sourceDigests[index] : "",
                        references: references, history: history)
                }
                if let key, let saved = savedResults?.lookup(document.path, key: key.digest) {
                    let lastChange = staleness.lastChange(of: document.path)
                    guard schema else { return ((saved, lastChange), ([], nil)) }
                    guard key.coversSample else { return ((saved, lastChange), drift.checkProfiling(document)) }
                    savedResults?.noteSampleCheckReused()
                    return ((saved, lastChange), ([], drift.sampleProfile(document, stamp: key.sampleStamp)))
                }
                let report = Self.stalenessReport(
                    document, references: references, unparsed: unparsed, staleness: staleness, losses: losses,
                    root: root)
                let drifted = drift.checkProfiling(document)
                if let savedResults {
                    if let key, key.savable {
                        savedResults.store(
                            document.path, key: key.digest,
                            findings: report.0 + (schema && !key.coversSample ? [] : drifted.findings))
                    } else {
                        savedResults.forget(document.path)
                    }
                }
                return (report, drifted)
            }
        timings.mark("code references, staleness and drift")
        let reports = checked.map(\.report)
        let drifted = checked.map(\.drift)
        let samples = drifted.map(\.sample)
        // One `LastChange` per commit, not per document: a history has far fewer commits than a
        // project has pages, and each one formats its date.
        var changes: [String: LastChange] = [:]
        let lastChanges = reports.map { report -> LastChange? in
            guard let commit = report.1 else { return nil }
            if let made = changes[commit.hash] { return made }
            let made = LastChange(commit: commit.shortHash, date: commit.isoDate, subject: commit.subject)
            changes[commit.hash] = made
            return made
        }
        let dataFiles = linkedDataFiles(samples: samples, reader: drift.sampleReader)
        return Output(
            documentFindings: zip(reports, drifted).map { $0.0 + $1.findings }, lastChanges: lastChanges,
            samples: samples, dataFiles: dataFiles, profileDigests: sampleProfiles?.digests() ?? ProfileDigests())
    }

    /// A document's code references, parsed, and the findings of those that do not parse.
    private static func parsedReferences(_ document: Document) -> ([CodeReference], [Finding]) {
        var findings: [Finding] = []
        var references: [CodeReference] = []
        for written in document.codeReferences {
            switch CodeReferenceParser.parse(written.text, at: written.location) {
            case let .success(reference)?: references.append(reference)
            case let .failure(finding)?: findings.append(finding)
            case nil: break
            }
        }
        return (references, findings)
    }

    /// A document's code-reference, staleness and Markdown-loss findings, and its last change.
    private static func stalenessReport(
        _ document: Document, references: [CodeReference], unparsed findings: [Finding],
        staleness: StalenessChecker, losses: MarkdownLossCheck, root: URL
    ) -> ([Finding], GitCommit?) {
        let report = staleness.check(
            DocumentCoverage(
                path: document.path, verified: document.verified,
                verifiedFingerprints: document.verifiedFingerprints,
                verifiedLocation: document.verifiedLocation, references: references))
        return (
            findings + report.findings.map { suggestingSymbol($0, references: references, root: root) }
                + losses.check(document), report.lastChange
        )
    }

    /// Profiles every CSV, TSV or JSON Lines file some document references (body links, `code:`,
    /// any file key), once each: a schema sample's profile is reused, not read again. A file that
    /// cannot be read is left out without a finding: a link is not a claim about the data.
    private func linkedDataFiles(samples: [SampleProfile?], reader: SampleReader) -> [String: SampleProfile] {
        var profiles: [String: SampleProfile] = [:]
        for sample in samples.compactMap({ $0 }) { profiles[sample.path] = sample }
        var paths = Set<String>()
        for index in documents.indices {
            for reference in documents[index].codeReferences where Self.mayNameSample(reference.text) {
                let path = Self.referencedPath(reference.text)
                if SampleFormat(path: path) != nil, profiles[path] == nil { paths.insert(path) }
            }
        }
        let files = ProjectFiles(projectRoot: root)
        let read: [(String, SampleProfile?)] = paths.sorted().parallelMap { path in
            guard let url = try? files.url(for: path) else { return (path, nil) }
            var info = stat()
            guard stat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return (path, nil) }
            return (path, try? reader.profile(of: url, reportedAs: path))
        }
        for case let (path, profile?) in read { profiles[path] = profile }
        return profiles
    }

    /// False only when the file `text` names cannot have a sample's extension (`SampleFormat`:
    /// `csv`, `tsv`, `tab`, `jsonl`, `ndjson`, any case): text without `#` whose last byte is
    /// ASCII and neither `/` nor the last letter of one of them. This runs on the main thread
    /// for every code reference of every document, after the parallel checks; most name code.
    static func mayNameSample(_ text: String) -> Bool {
        // Over the contiguous bytes: `utf8.last` of a String showed in profiles.
        let last: UInt8? =
            text.utf8.withContiguousStorageIfAvailable { bytes in
                guard let last = bytes.last, last < 0x80, last != 0x2F, !bytes.contains(0x23) else { return nil }
                return last
            } ?? nil
        guard let last else { return true }
        switch last | 0x20 {
        case UInt8(ascii: "v"), UInt8(ascii: "b"), UInt8(ascii: "l"), UInt8(ascii: "n"): return true
        default: return false
        }
    }

    /// `text.split(separator: "#", maxSplits: 1).first` (the file a reference names, without its
    /// `#anchor`), found over bytes when the text is ASCII: this runs for every code reference of
    /// every document, after the parallel checks, and the Character split showed in profiles.
    static func referencedPath(_ text: String) -> String {
        guard ProjectPath.isASCII(text) else { return String(text.split(separator: "#", maxSplits: 1).first ?? "") }
        // The first run of bytes without a `#`: `split` leaves out the empty parts before it.
        let bytes = text.utf8
        guard let start = bytes.firstIndex(where: { $0 != 0x23 }) else { return "" }
        let end = bytes[start...].firstIndex(of: 0x23) ?? bytes.endIndex
        return String(text[start..<end])
    }

    /// A missing `#symbol` finding with the closest defined name added (`SymbolSuggestion`).
    private static func suggestingSymbol(_ finding: Finding, references: [CodeReference], root: URL) -> Finding {
        guard finding.rule == "code.missing-symbol", finding.message.hasSuffix("`"),
            let reference = references.first(where: {
                $0.location == finding.location && finding.message.contains("`\($0.text)`")
            }),
            case let .symbol(symbol) = reference.anchor,
            let source = try? ProjectFiles(projectRoot: root).text(reference.path)
        else { return finding }
        var suggested = finding
        suggested.message += SymbolSuggestion.suggestion(for: symbol, in: source, path: reference.path)
        return suggested
    }
}
