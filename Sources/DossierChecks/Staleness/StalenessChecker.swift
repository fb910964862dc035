import DossierCore
import DossierModel
import Foundation

/// Decides each document's `fresh` / `stale` / `broken` / `unknown` contribution (SPEC 1.6)
/// from one shared `GitHistory` and the working tree.
///
/// - `broken`: a referenced path is missing, a line range runs past the file's end (or starts
///   after it ends), a symbol is not defined — always checked against the working tree.
/// - baseline: the `verified:` commit if present, else the newest commit that touched the
///   document; a document that was never committed is compared with the working tree it was
///   written against, so it is fresh.
/// - `stale`: covered files changed in first-parent commits after the baseline, or have
///   uncommitted changes. `#symbol` and `#L…` references look at the referenced text only.
/// - `unknown`: no repository, no git, a shallow clone that lacks the baseline, or a `verified:`
///   commit that is not in the history.
///
/// Dates are commit dates only (never the clock), so the same checkout gives the same messages.
/// Create one per build and call `check` from any number of threads: file reads and symbol texts
/// are cached behind a lock because many documents cover the same files.
package final class StalenessChecker: @unchecked Sendable {
    // Sendable by hand: `history` and `thresholds` are immutable; the caches are only touched under `lock`.
    package let history: GitHistory
    package let thresholds: StalenessThresholds

    private let lock = NSLock()
    private var files: [String: WorkingFile] = [:]
    private var texts: [TextKey: String?] = [:]
    private var changes: [ChangeKey: Change] = [:]
    private var touchedAfter: [Int: [String]] = [:]
    private let resolvedRoot: String

    package init(history: GitHistory, thresholds: StalenessThresholds = StalenessThresholds()) {
        self.history = history
        self.thresholds = thresholds
        self.resolvedRoot = URL(fileURLWithPath: history.projectRoot).resolvingSymlinksInPath().path
    }

    /// The newest commit that touched `path`: a page footer's "last change".
    package func lastChange(of path: String) -> GitCommit? {
        history.lastChange(of: path)
    }

    /// Checks one document.
    package func check(_ document: DocumentCoverage) -> StalenessReport {
        var findings: [Finding] = []
        var live: [CodeReference] = []
        var seen = Set<ReferenceKey>()
        for reference in document.references {
            let (finding, usable) = resolve(reference)
            if let finding { findings.append(finding) }
            if let usable, seen.insert(ReferenceKey(path: usable.path, anchor: usable.anchor)).inserted {
                live.append(usable)
            }
        }

        let here = document.verifiedLocation ?? SourceLocation(path: document.path, line: 1)
        var baselineCommit: GitCommit?
        // A page that covers nothing cannot go stale, so it needs no history either.
        switch live.isEmpty ? .workingTree : baseline(for: document, at: here) {
        case let .unknown(finding):
            findings.append(finding)
        case .workingTree:
            break
        case let .commit(index, verified):
            baselineCommit = history.commits[index]
            if let finding = staleFinding(for: document, references: live, baseline: index, verified: verified, at: here) {
                findings.append(finding)
            }
        }
        let state = findings.compactMap(\.state).max() ?? .fresh
        return StalenessReport(state: state, findings: findings, lastChange: history.lastChange(of: document.path), baseline: baselineCommit)
    }

    // MARK: - Broken references

    private enum WorkingFile {
        case missing
        case outside
        case folder
        /// The text is loaded only for references that need it.
        case file(FileText?)
    }

    private struct FileText {
        package var text: String
        package var lineCount: Int
    }

    /// A finding when `reference` does not resolve in the working tree, and the reference to
    /// check for staleness (a symbol in a language Dossier cannot read is checked as the whole file).
    private func resolve(_ reference: CodeReference) -> (Finding?, CodeReference?) {
        let path = reference.path
        let file = workingFile(path, needsText: reference.anchor != .whole)
        func broken(_ rule: String, _ message: String) -> (Finding?, CodeReference?) {
            (Finding(.error, rule, message, at: reference.location, state: .broken), nil)
        }
        switch file {
        case .missing:
            var message = "code reference `\(reference.text)` points to a missing file"
            if let renamed = history.currentPath(ofRenamed: path), case .file = workingFile(renamed, needsText: false) {
                message += "; it was renamed to `\(renamed)`"
            }
            return broken("code.missing-path", message)
        case .outside:
            return (Finding(.error, "code.outside-project", "code reference `\(reference.text)` leads through a symbolic link to outside the project", at: reference.location, state: .broken), nil)
        case .folder:
            switch reference.anchor {
            case .whole: return (nil, reference)
            case .lines: return broken("code.line-range", "code reference `\(reference.text)` asks for lines of `\(path)`, which is a folder")
            case .symbol: return broken("code.missing-symbol", "code reference `\(reference.text)` looks for a symbol in `\(path)`, which is a folder")
            }
        case let .file(file):
            switch reference.anchor {
            case .whole:
                return (nil, reference)
            case let .lines(start, end):
                let count = file?.lineCount ?? 0
                if start > end {
                    return broken("code.line-range", "code reference `\(reference.text)` starts at line \(start), after its end at line \(end)")
                }
                if end > count {
                    return broken("code.line-range", "code reference `\(reference.text)` asks for lines up to \(end), but `\(path)` has \(count) line\(count == 1 ? "" : "s")")
                }
                return (nil, reference)
            case let .symbol(symbol):
                guard let language = SourceLanguage(path: path) else {
                    let finding = Finding(
                        .warning, "code.symbol-unsupported",
                        "code reference `\(reference.text)`: Dossier cannot find symbols in this kind of file (it can in Python, Swift, JavaScript, TypeScript, Go and Rust), so the whole of `\(path)` is checked for staleness",
                        at: reference.location)
                    return (finding, CodeReference(path: path, anchor: .whole, location: reference.location))
                }
                if currentText(of: reference, language: language) == nil {
                    return broken("code.missing-symbol", "code reference `\(reference.text)`: `\(symbol)` is not defined in `\(path)`")
                }
                return (nil, reference)
            }
        }
    }

    private func workingFile(_ path: String, needsText: Bool) -> WorkingFile {
        let cached: WorkingFile? = lock.withLock { files[path] }
        if let cached {
            if case .file(nil) = cached, needsText {} else { return cached }
        }
        let full = history.projectRoot + "/" + path
        var isFolder: ObjCBool = false
        let result: WorkingFile
        if !FileManager.default.fileExists(atPath: full, isDirectory: &isFolder) {
            result = .missing
        } else if !isInsideProject(full) {
            result = .outside
        } else if isFolder.boolValue {
            result = .folder
        } else if needsText {
            // Through the project's door: a pipe or device named as code must not block the build.
            let bytes = try? ProjectFiles(projectRoot: URL(fileURLWithPath: history.projectRoot)).bytes(path)
            let text = bytes.map { String(decoding: $0, as: UTF8.self) } ?? ""
            result = .file(FileText(text: text, lineCount: Self.lineCount(text)))
        } else {
            result = .file(nil)
        }
        lock.withLock { files[path] = result }
        return result
    }

    /// Symbolic links may not lead out of the project (SPEC 1.1).
    private func isInsideProject(_ full: String) -> Bool {
        let resolved = URL(fileURLWithPath: full).resolvingSymlinksInPath().path
        return resolved == resolvedRoot || resolved.hasPrefix(resolvedRoot.hasSuffix("/") ? resolvedRoot : resolvedRoot + "/")
    }

    package static func lineCount(_ text: String) -> Int {
        if text.isEmpty { return 0 }
        var count = 0
        var last: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") { count += 1 }
            last = byte
        }
        return last == UInt8(ascii: "\n") ? count : count + 1
    }

    // MARK: - Baseline

    private enum Baseline {
        case commit(Int, verified: Bool)
        /// Never committed: written against the working tree, nothing can have changed after it.
        case workingTree
        case unknown(Finding)
    }

    private func baseline(for document: DocumentCoverage, at location: SourceLocation) -> Baseline {
        func unknown(_ rule: String, _ message: String) -> Baseline {
            .unknown(Finding(.warning, rule, message, at: location, state: .unknown))
        }
        switch history.status {
        case .available:
            break
        case .notARepository:
            return unknown("staleness.no-history", "unknown: the project is not in a git repository, so there is no history to tell whether this page is up to date; commit it to git (`git init`, `git add -A`, `git commit`) or build from a clone")
        case .gitNotFound:
            return unknown("staleness.no-history", "unknown: git is not installed (no `git` on PATH), so the history cannot be read; install git to check whether this page is up to date")
        case let .failed(message):
            return unknown("staleness.no-history", "unknown: git could not read the history (\(message)); fix that to check whether this page is up to date")
        }
        let shallow = "unknown: this is a shallow clone, so the history needed to date this page is missing; run `git fetch --unshallow` (in GitHub Actions, set `fetch-depth: 0` on actions/checkout)"

        if let raw = document.verified?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            let isHash = raw.count >= 4 && raw.lowercased().utf8.allSatisfy(GitHistory.isHexDigit)
            switch isHash ? history.position(matching: raw) : .notFound {
            case let .found(index):
                return .commit(index, verified: true)
            case .ambiguous:
                return unknown("staleness.unknown-baseline", "unknown: `verified: \(raw)` matches several commits; write more of the hash, or run `dossier verify \(document.path)`")
            case .notFound:
                if history.isShallow { return unknown("staleness.shallow", shallow) }
                if !isHash {
                    return unknown("staleness.unknown-baseline", "unknown: `verified: \(raw)` is not a commit hash; run `dossier verify \(document.path)` to record the current commit")
                }
                return unknown("staleness.unknown-baseline", "unknown: `verified: \(raw)` is not a commit in this branch's first-parent history (rebased or squashed away, or verified on a branch merged since); review the page, then run `dossier verify \(document.path)` to record the current commit")
            }
        }
        guard let newest = history.touches(of: document.path).first else {
            return .workingTree
        }
        if let boundary = history.shallowBoundary, Int(newest.commit) == boundary {
            return unknown("staleness.shallow", shallow)
        }
        return .commit(Int(newest.commit), verified: false)
    }

    // MARK: - Changes since the baseline

    private struct ReferenceKey: Hashable {
        package var path: String
        package var anchor: CodeReference.Anchor
    }

    private struct ChangeKey: Hashable {
        package var reference: ReferenceKey
        package var baseline: Int
    }

    /// What changed in one reference since a baseline: commit indices (newest first) and whether
    /// the working tree differs from HEAD.
    private struct Change {
        package var commits: [Int]
        package var uncommitted: Bool
    }

    private func staleFinding(for document: DocumentCoverage, references: [CodeReference], baseline: Int, verified: Bool, at location: SourceLocation) -> Finding? {
        var commitSet = Set<Int>()
        var committedNames: [String] = []
        var uncommittedNames: [String] = []
        for reference in references {
            let change = self.change(of: reference, since: baseline)
            if !change.commits.isEmpty {
                commitSet.formUnion(change.commits)
                committedNames.append(reference.text)
            }
            if change.uncommitted { uncommittedNames.append(reference.text) }
        }
        let count = commitSet.count + (uncommittedNames.isEmpty ? 0 : 1)
        guard count > 0, count >= max(1, thresholds.warnAfterCommits) else { return nil }

        let base = history.commits[baseline]
        let since = "since this page was last \(verified ? "verified" : "updated") (\(base.shortHash), \(base.isoDate))"
        var message: String
        var severity = Severity.warning
        if let newestIndex = commitSet.min() {
            let newest = history.commits[newestIndex]
            let lag = max(0, (newest.date - base.date) / 86_400)
            let later = lag == 0 ? "the same day" : lag == 1 ? "1 day later" : "\(lag) days later"
            let commits = commitSet.count == 1 ? "1 commit" : "\(commitSet.count) commits"
            message = "stale: \(commits) changed \(Self.list(committedNames)) \(since); latest: \(newest.shortHash) \"\(newest.subject)\" (\(later))"
            if !uncommittedNames.isEmpty { message += "; also uncommitted changes to \(Self.list(uncommittedNames))" }
            if lag > thresholds.errorAfterDays {
                severity = .error
                message += "; more than \(thresholds.errorAfterDays) days behind"
            }
        } else {
            message = "stale: uncommitted changes to \(Self.list(uncommittedNames)) \(since)"
        }
        message += "; review the page, then run `dossier verify \(document.path)`"
        return Finding(severity, "staleness.stale", message, at: location, state: .stale)
    }

    private static func list(_ names: [String]) -> String {
        let shown = names.prefix(5).joined(separator: ", ")
        return names.count > 5 ? "\(shown) and \(names.count - 5) more" : shown
    }

    private func change(of reference: CodeReference, since baseline: Int) -> Change {
        let key = ChangeKey(reference: ReferenceKey(path: reference.path, anchor: reference.anchor), baseline: baseline)
        if let cached = lock.withLock({ changes[key] }) { return cached }
        let change: Change
        switch reference.anchor {
        case .whole: change = wholeChange(of: reference.path, since: baseline)
        case .lines, .symbol: change = anchoredChange(of: reference, since: baseline)
        }
        lock.withLock { changes[key] = change }
        return change
    }

    private func wholeChange(of path: String, since baseline: Int) -> Change {
        let commits: [Int]
        if case .folder = workingFile(path, needsText: false) {
            commits = history.commitIndices(under: path + "/").filter { $0 < baseline }
        } else {
            commits = history.touches(of: path).lazy.map { Int($0.commit) }.prefix { $0 < baseline }.map { $0 }
        }
        return Change(commits: commits, uncommitted: history.hasUncommittedChanges(path))
    }

    /// A `#symbol` or `#L…` reference changed when the text it names changed: the text at the
    /// baseline is compared with each later version of the file and with the working tree.
    /// A symbol missing from the file at the baseline is looked for in the other files changed
    /// since (it moved between files).
    private func anchoredChange(of reference: CodeReference, since baseline: Int) -> Change {
        let path = reference.path
        let language = SourceLanguage(path: path)
        let later = history.touches(of: path).prefix { Int($0.commit) < baseline }
        let dirty = history.hasUncommittedChanges(path)
        // Untouched since the baseline: nothing to compare.
        guard !later.isEmpty || dirty, let current = currentText(of: reference, language: language) else {
            return Change(commits: [], uncommitted: false)
        }

        let baseName = history.name(of: path, atCommit: baseline)
        var versions = later.map { (path: history.pathName($0.path), commit: Int($0.commit)) }
        if let baseName { versions.append((baseName, baseline)) }
        history.prefetch(versions)

        var base = text(of: reference.anchor, language: language, path: baseName, commit: baseline)
        if base == nil, case let .symbol(symbol) = reference.anchor, let language {
            base = movedSymbol(symbol, language: language, current: current, excluding: baseName, at: baseline)
        }
        if base == current { return Change(commits: [], uncommitted: false) }

        var previous = base
        var commits: [Int] = []
        for touch in later.reversed() {
            let index = Int(touch.commit)
            guard let version = text(of: reference.anchor, language: language, path: history.pathName(touch.path), commit: index) else { continue }
            if version != previous {
                commits.append(index)
                previous = version
            }
        }
        return Change(commits: commits.reversed(), uncommitted: current != previous)
    }

    /// The normalized text a `#L…` or `#symbol` reference names in the working tree (cached).
    private func currentText(of reference: CodeReference, language: SourceLanguage?) -> String? {
        let key = TextKey(path: reference.path, commit: -1, anchor: reference.anchor)
        if let cached = lock.withLock({ texts[key] }) { return cached }
        var result: String?
        if case let .file(file?) = workingFile(reference.path, needsText: true) {
            result = anchorText(reference.anchor, in: file.text, language: language)
        }
        lock.withLock { texts[key] = .some(result) }
        return result
    }

    /// The normalized text `anchor` names in `path` as of commit `index` (cached).
    private func text(of anchor: CodeReference.Anchor, language: SourceLanguage?, path: String?, commit index: Int) -> String? {
        guard let path else { return nil }
        let key = TextKey(path: path, commit: index, anchor: anchor)
        if let cached = lock.withLock({ texts[key] }) { return cached }
        let result = history.contents(of: path, at: history.commits[index].hash).flatMap {
            anchorText(anchor, in: $0, language: language ?? SourceLanguage(path: path))
        }
        lock.withLock { texts[key] = .some(result) }
        return result
    }

    private struct TextKey: Hashable {
        package var path: String
        /// -1 for the working tree.
        package var commit: Int
        package var anchor: CodeReference.Anchor
    }

    /// The baseline text of `symbol` in another file changed since the baseline, preferring one
    /// identical to `current`.
    private func movedSymbol(_ symbol: String, language: SourceLanguage, current: String, excluding path: String?, at baseline: Int) -> String? {
        let candidates: [String]
        if let cached = lock.withLock({ touchedAfter[baseline] }) {
            candidates = cached
        } else {
            candidates = history.pathsTouched(after: baseline)
            lock.withLock { touchedAfter[baseline] = candidates }
        }
        var first: String?
        for candidate in candidates.prefix(2_000) where candidate != path && SourceLanguage(path: candidate) == language {
            guard let text = text(of: .symbol(symbol), language: language, path: candidate, commit: baseline) else { continue }
            if text == current { return text }
            if first == nil { first = text }
        }
        return first
    }

    /// The text an anchor names in `source`, normalized so that only real edits count: trailing
    /// whitespace and line endings are ignored, and the block is dedented (moving a definition
    /// into or out of a class or block is a move, not a change).
    package func anchorText(_ anchor: CodeReference.Anchor, in source: String, language: SourceLanguage?) -> String? {
        switch anchor {
        case .whole:
            return source
        case let .lines(start, end):
            guard start <= end, end <= Self.lineCount(source) else { return nil }
            let lines = source.split(separator: "\n", maxSplits: end, omittingEmptySubsequences: false)
            return Self.normalize(Array(lines[(start - 1)..<end]))
        case let .symbol(symbol):
            guard let language, let definition = SymbolLocator.definition(of: symbol, in: source, language: language) else { return nil }
            return Self.normalize(definition.text.split(separator: "\n", omittingEmptySubsequences: false))
        }
    }

    package static func normalize(_ lines: [Substring]) -> String {
        var trimmed = lines.map { line -> Substring in
            var end = line.endIndex
            while end > line.startIndex {
                let previous = line.index(before: end)
                guard line[previous].isWhitespace else { break }
                end = previous
            }
            return line[..<end]
        }
        while trimmed.first?.isEmpty == true { trimmed.removeFirst() }
        while trimmed.last?.isEmpty == true { trimmed.removeLast() }
        let indent = trimmed.filter { !$0.isEmpty }.map { $0.prefix { $0 == " " || $0 == "\t" }.count }.min() ?? 0
        return trimmed.map { $0.isEmpty ? "" : String($0.dropFirst(indent)) }.joined(separator: "\n")
    }
}
