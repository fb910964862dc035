import DossierCore
import DossierModel
import Foundation

/// Decides each document's `fresh` / `stale` / `broken` / `unknown` contribution (SPEC 1.6)
/// from one shared `GitHistory` and the working tree.
///
/// - `broken`: a referenced path is missing, a line range runs past the file's end (or starts
///   after it ends), a symbol is not defined — always checked against the working tree.
/// - baseline: the content fingerprints `dossier verify` recorded in `verified:` (a commit id
///   from older versions is still read), else the content at the newest commit that changed the
///   document (a pure move does not); a document never committed is fresh.
/// - `stale`: a referenced item's content now (working tree) differs from its baseline content,
///   as `ContentFingerprint` counts it (symbol tokens, data columns). The commits that explain it
///   are those where the content changed since it last had the baseline content, found by
///   fingerprinting each version of the file in history; the lag runs from the first of them to
///   HEAD by committer date.
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
    private var changes: [ChangeKey: Change?] = [:]
    private var fingerprints: [TextKey: ContentFingerprint?] = [:]
    private var touchedAfter: [Int: [String]] = [:]
    private let resolvedRoot: String
    /// The project's file door, made once: each one made resolves the root again (a `readlink` per
    /// folder of its path), and code references name hundreds of files.
    private let projectFiles: ProjectFiles
    /// The project's folders seen to be real, for `holdsNoLink` (one checker per load).
    private let knownFolders = KnownFolders()
    private var filesFingerprinted = 0
    /// How many working-tree files this checker read to fingerprint them (for tests): a file
    /// untouched since the baseline is never read.
    package var workingFilesFingerprinted: Int { lock.withLock { filesFingerprinted } }

    package init(history: GitHistory, thresholds: StalenessThresholds = StalenessThresholds()) {
        self.history = history
        self.thresholds = thresholds
        self.projectFiles = ProjectFiles(projectRoot: URL(fileURLWithPath: history.projectRoot))
        // Resolved as the files are (`isInsideProject`), so a root reached through a link compares equal.
        self.resolvedRoot =
            ProjectFiles.realPath(history.projectRoot)
            ?? URL(fileURLWithPath: history.projectRoot).resolvingSymlinksInPath().path
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
            // One reference needs no set (most pages name one file): hashing it showed in profiles.
            if let usable,
                document.references.count == 1
                    || seen.insert(ReferenceKey(path: usable.path, anchor: usable.anchor)).inserted
            {
                live.append(usable)
            }
        }

        let here = document.verifiedLocation ?? SourceLocation(path: document.path, line: 1)
        var baselineCommit: GitCommit?
        // A page that covers nothing cannot go stale, so it needs no history either.
        let baseline = live.isEmpty ? .workingTree : baseline(for: document, at: here)
        switch baseline {
        case let .unknown(finding):
            findings.append(finding)
        case .workingTree:
            break
        case let .commit(index, _):
            baselineCommit = history.commits[index]
        case let .fingerprints(_, fallback):
            baselineCommit = fallback.map { history.commits[$0] }
        }
        if let finding = staleFinding(for: document, references: live, baseline: baseline, at: here) {
            findings.append(finding)
        }
        let state = findings.compactMap(\.state).max() ?? .fresh
        return StalenessReport(
            state: state, findings: findings, lastChange: history.lastChange(of: document.path),
            baseline: baselineCommit)
    }

    /// The form a reference is checked (and verified) in: a symbol in a language Dossier cannot
    /// read counts as its whole file.
    package static func checkedForm(_ reference: CodeReference) -> CodeReference {
        guard case .symbol = reference.anchor, SourceLanguage(path: reference.path) == nil,
            !Notebook.isNotebook(reference.path)
        else { return reference }
        return CodeReference(path: reference.path, anchor: .whole, location: reference.location)
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
            return (
                Finding(
                    .error, "code.outside-project",
                    "code reference `\(reference.text)` leads through a symbolic link to outside the project",
                    at: reference.location, state: .broken), nil
            )
        case .folder:
            switch reference.anchor {
            case .whole: return (nil, reference)
            case .lines:
                return broken(
                    "code.line-range",
                    "code reference `\(reference.text)` asks for lines of `\(path)`, which is a folder")
            case .symbol:
                return broken(
                    "code.missing-symbol",
                    "code reference `\(reference.text)` looks for a symbol in `\(path)`, which is a folder")
            }
        case let .file(file):
            switch reference.anchor {
            case .whole:
                return (nil, reference)
            case let .lines(start, end):
                let count = file?.lineCount ?? 0
                if start > end {
                    return broken(
                        "code.line-range",
                        "code reference `\(reference.text)` starts at line \(start), after its end at line \(end)")
                }
                if end > count {
                    return broken(
                        "code.line-range",
                        "code reference `\(reference.text)` asks for lines up to \(end), but `\(path)` has \(count) line\(count == 1 ? "" : "s")"
                    )
                }
                return (nil, reference)
            case let .symbol(symbol):
                if Notebook.isNotebook(path) {
                    let bytes = try? projectFiles.bytes(path)
                    if bytes.flatMap({ ContentFingerprint.make(reference.anchor, path: path, bytes: $0) }) == nil {
                        return broken(
                            "code.missing-symbol",
                            "code reference `\(reference.text)`: `\(symbol)` is "
                                + "neither a cell (`cell-3` or a cell id) nor defined in a code cell of `\(path)`")
                    }
                    return (nil, reference)
                }
                guard let language = SourceLanguage(path: path) else {
                    let finding = Finding(
                        .warning, "code.symbol-unsupported",
                        "code reference `\(reference.text)`: Dossier cannot find symbols in this kind of file (it can in Python, Swift, JavaScript, TypeScript, Go and Rust), so the whole of `\(path)` is checked for staleness",
                        at: reference.location)
                    return (finding, CodeReference(path: path, anchor: .whole, location: reference.location))
                }
                if currentText(of: reference, language: language) == nil {
                    return broken(
                        "code.missing-symbol",
                        "code reference `\(reference.text)`: `\(symbol)` is not defined in `\(path)`")
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
        let plain = Self.plainEntry(path, under: resolvedRoot, knownFolders: knownFolders)
        if plain == .folder {
            result = .folder
        } else if plain == nil && !FileManager.default.fileExists(atPath: full, isDirectory: &isFolder) {
            result = .missing
        } else if plain == nil && !isInsideProject(full, relative: path) {
            result = .outside
        } else if plain == nil && isFolder.boolValue {
            result = .folder
        } else if needsText {
            // Through the project's door: a pipe or device named as code must not block the build.
            let bytes = try? projectFiles.bytes(path)
            let text = bytes.map { String(decoding: $0, as: UTF8.self) } ?? ""
            result = .file(FileText(text: text, lineCount: Self.lineCount(text)))
        } else {
            result = .file(nil)
        }
        lock.withLock { files[path] = result }
        return result
    }

    /// Symbolic links may not lead out of the project (SPEC 1.1).
    private func isInsideProject(_ full: String, relative: String) -> Bool {
        // Most paths hold no link: then the path under the resolved root is its real path, and
        // one `lstat` per component of `relative` says so, where realpath(3) would `readlink`
        // every component of the root too.
        if Self.holdsNoLink(relative, under: resolvedRoot, knownFolders: knownFolders) { return true }
        // realpath(3) first: Foundation's resolution of every code-referenced file showed in
        // profiles of `check`. The path is normalized (no `..`) and exists, so both agree.
        let resolved = ProjectFiles.realPath(full) ?? URL(fileURLWithPath: full).resolvingSymlinksInPath().path
        return resolved == resolvedRoot
            || resolved.hasPrefix(resolvedRoot.hasSuffix("/") ? resolvedRoot : resolvedRoot + "/")
    }

    /// What one `lstat` says of a plain path (no empty, `.` or `..` part, no leading or trailing
    /// `/`) whose folders are known real and whose last part exists and is no symbolic link: the
    /// answers `fileExists` and `isInsideProject` give for it, with one system call instead of
    /// three (a code reference's file was stat'ed, then each part `lstat`ed). Nil when the path
    /// is not that simple; the caller then looks in full, so links are judged as before.
    package enum PlainEntry: Equatable {
        case folder
        /// A regular file, or another kind that is no folder (a pipe, a device).
        case other
    }

    package static func plainEntry(
        _ relative: String, under root: String, knownFolders: KnownFolders
    ) -> PlainEntry? {
        guard let info = knownFolders.plainLstat(relative, under: root) else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFLNK: return nil
        case S_IFDIR: return .folder
        default: return .other
        }
    }

    /// True when every component of `relative` under `root` exists and none is a symbolic link
    /// (nor `..`, which could climb out without one): the path is then inside `root` as written.
    /// False means "not known", and the caller resolves the path in full.
    /// `knownFolders` remembers the folders found real, so each is looked at once.
    package static func holdsNoLink(
        _ relative: String, under root: String, knownFolders: KnownFolders = KnownFolders()
    ) -> Bool {
        var current = root
        let components = ProjectPath.components(relative)
        for (index, component) in components.enumerated() {
            if component == ".." { return false }
            current += "/" + component
            if index < components.count - 1 {
                guard knownFolders.isRealFolder(current) else { return false }
                continue
            }
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT != S_IFLNK else { return false }
        }
        return true
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
        /// `verified:` content fingerprints by reference text; a reference without one is
        /// compared with `fallback`, the commit that last changed the document's content.
        case fingerprints([String: String], fallback: Int?)
        case commit(Int, verified: Bool)
        /// Never committed: written against the working tree, nothing can have changed after it.
        case workingTree
        case unknown(Finding)
    }

    private func baseline(for document: DocumentCoverage, at location: SourceLocation) -> Baseline {
        func unknown(_ rule: String, _ message: String) -> Baseline {
            .unknown(Finding(.warning, rule, message, at: location, state: .unknown))
        }
        // Recorded content decides freshness without any history; history only explains.
        if let recorded = document.verifiedFingerprints {
            return .fingerprints(recorded, fallback: documentCommit(document.path))
        }
        switch history.status {
        case .available:
            break
        case .notARepository:
            return unknown(
                "staleness.no-history",
                "unknown: the project is not in a git repository, so there is no history to tell whether this page is up to date; commit it to git (`git init`, `git add -A`, `git commit`) or build from a clone"
            )
        case .gitNotFound:
            return unknown(
                "staleness.no-history",
                "unknown: git is not installed (no `git` on PATH), so the history cannot be read; install git to check whether this page is up to date"
            )
        case let .failed(message):
            return unknown(
                "staleness.no-history",
                "unknown: git could not read the history (\(message)); fix that to check whether this page is up to date"
            )
        }
        let shallow =
            "unknown: this is a shallow clone, so the history needed to date this page is missing; run `git fetch --unshallow` (in GitHub Actions, set `fetch-depth: 0` on actions/checkout)"

        if let raw = document.verified?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            // A commit id written by an older `dossier verify`: still read (SPEC 1.6 keeps it working).
            let isHash = raw.count >= 4 && raw.lowercased().utf8.allSatisfy(GitHistory.isHexDigit)
            switch isHash ? history.position(matching: raw) : .notFound {
            case let .found(index):
                return .commit(index, verified: true)
            case .ambiguous:
                return unknown(
                    "staleness.unknown-baseline",
                    "unknown: `verified: \(raw)` matches several commits; write more of the hash, or run `dossier verify \(document.path)`"
                )
            case .notFound:
                if history.isShallow { return unknown("staleness.shallow", shallow) }
                if !isHash {
                    return unknown(
                        "staleness.unknown-baseline",
                        "unknown: `verified: \(raw)` is not a commit hash; run `dossier verify \(document.path)` to record what the page was checked against"
                    )
                }
                // Off the first-parent line (merged in with a merge commit): what the references
                // held at that commit is the baseline content.
                if history.bytes(of: document.path, atRevision: raw) != nil {
                    var recorded: [String: String] = [:]
                    for reference in document.references.map(Self.checkedForm) {
                        let bytes = history.bytes(of: reference.path, atRevision: raw)
                        if let fingerprint = bytes.flatMap({
                            ContentFingerprint.make(reference.anchor, path: reference.path, bytes: $0)
                        }) {
                            recorded[reference.text] = fingerprint.value
                        }
                    }
                    return .fingerprints(recorded, fallback: documentCommit(document.path))
                }
                return unknown(
                    "staleness.unknown-baseline",
                    "unknown: `verified: \(raw)` is not a commit in this branch's first-parent history (rebased or squashed away, or verified on a branch merged since); review the page, then run `dossier verify \(document.path)`, which records content instead of a commit and survives any merge"
                )
            }
        }
        guard let newest = history.lastContentChange(of: document.path) else {
            return .workingTree
        }
        if let boundary = history.shallowBoundary, Int(newest.commit) == boundary {
            return unknown("staleness.shallow", shallow)
        }
        return .commit(Int(newest.commit), verified: false)
    }

    /// The commit that last changed the document's content (a pure move does not), if any.
    private func documentCommit(_ path: String) -> Int? {
        history.lastContentChange(of: path).map { Int($0.commit) }
    }

    // MARK: - Changes since the baseline

    private struct ReferenceKey: Hashable {
        package var path: String
        package var anchor: CodeReference.Anchor
    }

    /// What a reference is compared with: a recorded fingerprint, or its content at a commit.
    private enum ItemBase: Hashable {
        case fingerprint(String, fallback: Int?)
        case commit(Int)
    }

    private struct ChangeKey: Hashable {
        package var reference: ReferenceKey
        package var base: ItemBase
    }

    /// How one reference differs from its baseline: the commits (indices, newest first) where its
    /// content changed since it last had the baseline content, whether the working tree differs
    /// from HEAD, and for a data file what happened to its columns.
    private struct Change {
        package var commits: [Int]
        package var uncommitted: Bool
        package var columns: String?
    }

    private func staleFinding(
        for document: DocumentCoverage, references: [CodeReference], baseline: Baseline, at location: SourceLocation
    ) -> Finding? {
        var commitSet = Set<Int>()
        var changedNames: [String] = []
        var uncommittedNames: [String] = []
        var columnNotes: [String] = []
        for reference in references {
            let base: ItemBase
            switch baseline {
            case let .fingerprints(recorded, fallback):
                if let value = recorded[reference.text] {
                    base = .fingerprint(value, fallback: fallback)
                } else if let fallback {
                    base = .commit(fallback)
                } else {
                    continue  // added to a page never committed: written against the working tree
                }
            case let .commit(index, _):
                base = .commit(index)
            case .workingTree, .unknown:
                return nil
            }
            guard let change = self.change(of: reference, base: base) else { continue }
            commitSet.formUnion(change.commits)
            if !change.commits.isEmpty { changedNames.append(reference.text) }
            if change.uncommitted { uncommittedNames.append(reference.text) }
            if change.commits.isEmpty, !change.uncommitted { changedNames.append(reference.text) }
            if let note = change.columns { columnNotes.append(note) }
        }
        let names = changedNames + uncommittedNames.filter { !changedNames.contains($0) }
        guard !names.isEmpty else { return nil }
        let count = commitSet.count + (uncommittedNames.isEmpty ? 0 : 1)
        guard count >= max(1, thresholds.warnAfterCommits) || commitSet.isEmpty && uncommittedNames.isEmpty else {
            return nil
        }

        let since: String
        switch baseline {
        case let .commit(index, verified):
            let base = history.commits[index]
            since = "since this page was last \(verified ? "verified" : "updated") (\(base.shortHash), \(base.isoDate))"
        default:
            since = "since this page was verified"
        }
        var message: String
        var severity = Severity.warning
        let ordered = commitSet.sorted()
        if let latestIndex = ordered.first, let firstIndex = ordered.last, let head = history.head {
            let first = history.commits[firstIndex], latest = history.commits[latestIndex]
            let commits = ordered.count == 1 ? "1 commit" : "\(ordered.count) commits"
            let committed = Self.list(changedNames)
            message =
                "stale: \(commits) changed \(committed) \(since); latest: \(latest.shortHash) \"\(latest.subject)\" (\(latest.isoDate))"
            // The lag runs from the first change to HEAD, by committer date: how long the page has been behind.
            let lag = max(0, (head.date - first.date) / 86_400)
            message += "; behind HEAD for \(lag == 1 ? "1 day" : "\(lag) days")"
            if ordered.count > 1 { message += " since the first change, \(first.shortHash) (\(first.isoDate))" }
            if !columnNotes.isEmpty { message += "; " + columnNotes.joined(separator: "; ") }
            if !uncommittedNames.isEmpty { message += "; also uncommitted changes to \(Self.list(uncommittedNames))" }
            if lag > thresholds.errorAfterDays {
                severity = .error
                message += "; more than \(thresholds.errorAfterDays) days behind"
            }
        } else if !uncommittedNames.isEmpty {
            message = "stale: uncommitted changes to \(Self.list(uncommittedNames)) \(since)"
            if !columnNotes.isEmpty { message += "; " + columnNotes.joined(separator: "; ") }
        } else {
            message = "stale: \(Self.list(names)) changed \(since)"
            if !columnNotes.isEmpty { message += "; " + columnNotes.joined(separator: "; ") }
        }
        message += "; review the page, then run `dossier verify \(document.path)`"
        return Finding(severity, "staleness.stale", message, at: location, state: .stale)
    }

    private static func list(_ names: [String]) -> String {
        let shown = names.prefix(5).joined(separator: ", ")
        return names.count > 5 ? "\(shown) and \(names.count - 5) more" : shown
    }

    /// How `reference` differs from `base`, or `nil` when its content now is the baseline content.
    private func change(of reference: CodeReference, base: ItemBase) -> Change? {
        let key = ChangeKey(reference: ReferenceKey(path: reference.path, anchor: reference.anchor), base: base)
        if let cached = lock.withLock({ changes[key] }) { return cached }
        let change: Change?
        if case .folder = workingFile(reference.path, needsText: false) {
            change = folderChange(of: reference.path, base: base)
        } else {
            change = fileChange(of: reference, base: base)
        }
        lock.withLock { changes[key] = change }
        return change
    }

    /// Folders are dated by the commits under them (reading every file at every commit would not
    /// scale); a recorded fingerprint still decides whether anything changed at all.
    private func folderChange(of path: String, base: ItemBase) -> Change? {
        let since: Int?
        switch base {
        case let .fingerprint(value, fallback):
            if value == folderFingerprint(path).value { return nil }
            since = fallback
        case let .commit(index):
            since = index
        }
        let commits = history.commitIndices(under: path + "/").filter { since == nil || $0 < since! }
        let dirty = history.hasUncommittedChanges(path)
        if commits.isEmpty && !dirty {
            if case .commit = base { return nil }
        }
        return Change(commits: commits, uncommitted: dirty, columns: nil)
    }

    private func fileChange(of reference: CodeReference, base: ItemBase) -> Change? {
        // Untouched since the baseline commit and clean: nothing to compare. Asked before the
        // working file is fingerprinted (the answer is nil either way): reading every referenced
        // file on every build was most of the staleness check's time.
        if case let .commit(index) = base,
            history.touches(of: reference.path).first.map({ Int($0.commit) >= index }) ?? true,
            !history.hasUncommittedChanges(reference.path)
        {
            return nil
        }
        guard let current = currentFingerprint(of: reference) else { return nil }
        var baseValue: String?
        var baseColumns: [String]?
        var after: Int?  // only commits newer than this index count
        switch base {
        case let .fingerprint(value, _):
            baseValue = value
        case let .commit(index):
            let fingerprint = baselineFingerprint(of: reference, at: index, current: current)
            baseValue = fingerprint?.value
            baseColumns = fingerprint?.columns
            after = index
        }
        if baseValue == current.value { return nil }

        // Oldest to newest: the commits where the content changed, restarting whenever it is back
        // to the baseline content (a change and its revert are not a lag).
        let touches = history.touches(of: reference.path).reversed().filter { after == nil || Int($0.commit) < after! }
        let versions = touches.map { (path: history.pathName($0.path), commit: Int($0.commit)) }
        history.prefetch(versions)
        var previous: ContentFingerprint? =
            after == nil ? nil : ContentFingerprint(value: baseValue ?? "", columns: baseColumns)
        var found = after != nil
        var commits: [Int] = []
        var scanned: [(commit: Int, value: String?)] = []
        for version in versions {
            let fingerprint = fingerprint(of: reference.anchor, path: version.path, commit: version.commit)
            scanned.append((version.commit, fingerprint?.value))
            if fingerprint?.value == baseValue, baseValue != nil {
                found = true
                commits.removeAll()
                baseColumns = fingerprint?.columns
            } else if fingerprint?.value != previous?.value, found || after != nil {
                commits.append(version.commit)
            }
            previous = fingerprint
        }
        if !found {
            // The verified content was never committed (edited again before committing): date
            // the difference by the commit that brought the content HEAD has.
            var last: String?
            var introduced: Int?
            for entry in scanned {
                if entry.value != last { introduced = entry.commit }
                last = entry.value
            }
            if let introduced { commits = [introduced] }
        }
        let headValue = scanned.last.map(\.value) ?? (after != nil ? baseValue : nil)
        // No fingerprint at HEAD is either a symbol HEAD lacks or a blob git could not give back
        // (a partial clone's missing object, a failing `cat-file`): `git status` tells which, so
        // an unreadable blob is never reported as an uncommitted change to a clean file.
        let uncommitted =
            headValue != current.value && (headValue != nil || history.hasUncommittedChanges(reference.path))
        var columns: String?
        if let now = current.columns {
            columns = Self.describeColumns(of: reference.path, from: baseColumns, to: now)
        }
        return Change(commits: commits.reversed(), uncommitted: uncommitted, columns: columns)
    }

    /// "columns of data/x.csv: added `a`; removed `b`" (or the new order).
    private static func describeColumns(of path: String, from old: [String]?, to new: [String]) -> String? {
        guard let old else { return "columns of \(path) are now " + new.map { "`\($0)`" }.joined(separator: ", ") }
        guard old != new else { return nil }
        let added = new.filter { !old.contains($0) }
        let removed = old.filter { !new.contains($0) }
        var parts: [String] = []
        if !added.isEmpty { parts.append("added " + added.map { "`\($0)`" }.joined(separator: ", ")) }
        if !removed.isEmpty { parts.append("removed " + removed.map { "`\($0)`" }.joined(separator: ", ")) }
        if parts.isEmpty { parts.append("reordered to " + new.map { "`\($0)`" }.joined(separator: ", ")) }
        return "columns of \(path): " + parts.joined(separator: ", ")
    }

    /// The reference's fingerprint at the baseline commit, under the file's name then; a symbol
    /// missing from that file is looked for in the other files changed since (it moved).
    private func baselineFingerprint(
        of reference: CodeReference, at index: Int, current: ContentFingerprint
    ) -> ContentFingerprint? {
        let baseName = history.name(of: reference.path, atCommit: index)
        if let baseName, let found = fingerprint(of: reference.anchor, path: baseName, commit: index) { return found }
        guard case let .symbol(symbol) = reference.anchor, let language = SourceLanguage(path: reference.path) else {
            return nil
        }
        let candidates: [String]
        if let cached = lock.withLock({ touchedAfter[index] }) {
            candidates = cached
        } else {
            candidates = history.pathsTouched(after: index)
            lock.withLock { touchedAfter[index] = candidates }
        }
        var first: ContentFingerprint?
        for candidate in candidates.prefix(2_000)
        where candidate != baseName && SourceLanguage(path: candidate) == language {
            guard let found = fingerprint(of: .symbol(symbol), path: candidate, commit: index) else { continue }
            if found == current { return found }
            if first == nil { first = found }
        }
        return first
    }

    /// The fingerprint `anchor` has in `path` at commit `index` (cached).
    private func fingerprint(of anchor: CodeReference.Anchor, path: String, commit index: Int) -> ContentFingerprint? {
        let key = TextKey(path: path, commit: index, anchor: anchor)
        if let cached = lock.withLock({ fingerprints[key] }) { return cached }
        let result = history.bytes(of: path, atCommit: index).flatMap {
            ContentFingerprint.make(anchor, path: path, bytes: $0)
        }
        lock.withLock { fingerprints[key] = .some(result) }
        return result
    }

    /// The fingerprint of a reference in the working tree: what `dossier verify` records.
    package func currentFingerprint(of reference: CodeReference) -> ContentFingerprint? {
        let key = TextKey(path: reference.path, commit: -1, anchor: reference.anchor)
        if let cached = lock.withLock({ fingerprints[key] }) { return cached }
        let result: ContentFingerprint?
        switch workingFile(reference.path, needsText: false) {
        case .missing, .outside: result = nil
        case .folder: result = reference.anchor == .whole ? folderFingerprint(reference.path) : nil
        case .file:
            lock.withLock { filesFingerprinted += 1 }
            result = Self.workingFingerprint(
                history.projectRoot + "/" + reference.path, path: reference.path, anchor: reference.anchor)
        }
        lock.withLock { fingerprints[key] = .some(result) }
        return result
    }

    /// Reads only what the fingerprint needs: a text data file's head, a Parquet file's footer.
    private static func workingFingerprint(
        _ full: String, path: String, anchor: CodeReference.Anchor
    ) -> ContentFingerprint? {
        guard let handle = FileHandle(forReadingAtPath: full) else { return nil }
        defer { try? handle.close() }
        var bytes: [UInt8]
        if anchor == .whole, let format = DataStructure.format(of: path) {
            if format == .parquet {
                let size = (try? handle.seekToEnd()) ?? 0
                let tail = min(size, UInt64(DataStructure.headBytes))
                try? handle.seek(toOffset: size - tail)
            }
            bytes = [UInt8]((try? handle.read(upToCount: DataStructure.headBytes)) ?? Data())
            if let fingerprint = ContentFingerprint.make(.whole, path: path, bytes: bytes), fingerprint.columns != nil {
                return fingerprint
            }
            try? handle.seek(toOffset: 0)
        }
        bytes = [UInt8]((try? handle.readToEnd()) ?? Data())
        return ContentFingerprint.make(anchor, path: path, bytes: bytes)
    }

    /// Every file under a folder (hidden ones and symbolic links left out), fingerprinted whole.
    private func folderFingerprint(_ path: String) -> ContentFingerprint {
        let root = history.projectRoot + "/" + path
        var entries: [(path: String, fingerprint: String)] = []
        let keys: [URLResourceKey] = [.isRegularFileKey, .isSymbolicLinkKey]
        let enumerator = FileManager.default.enumerator(
            at: URL(fileURLWithPath: root), includingPropertiesForKeys: keys,
            options: [.skipsHiddenFiles])
        while let url = enumerator?.nextObject() as? URL, entries.count < 10_000 {
            let values = try? url.resourceValues(forKeys: Set(keys))
            guard values?.isRegularFile == true, values?.isSymbolicLink != true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.count))
            if let fingerprint = Self.workingFingerprint(url.path, path: relative, anchor: .whole) {
                entries.append((relative, fingerprint.value))
            }
        }
        return ContentFingerprint.folder(entries)
    }

    /// The normalized text a `#L…` or `#symbol` reference names in the working tree (cached):
    /// whether it resolves at all.
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

    private struct TextKey: Hashable {
        package var path: String
        /// -1 for the working tree.
        package var commit: Int
        package var anchor: CodeReference.Anchor
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
            guard let language, let definition = SymbolLocator.definition(of: symbol, in: source, language: language)
            else { return nil }
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
