import DossierCore
import DossierModel
import Foundation

/// The digest of everything one document's per-document checks read (`SavedCheckResults`), or
/// nil when some input cannot be stamped cheaply and surely: then the document is checked again.
///
/// What goes in: the build context (Dossier, configuration file and options, theme and git's
/// HEAD, refs and configuration: the caller's), the settings the checks read, the git history's
/// facts (status, HEAD, shallowness, where the project sits in its repository), the document's
/// path and the digest of the bytes it was loaded from, and for each file it names as code or as
/// an image the `lstat` stamp of that file and whether git lists it as changed. For a schema whose
/// `sample:` can be stamped, that stamp too: its saved results then hold the schema drift findings,
/// which are not computed again while the sample keeps its stamp (`Made.coversSample`).
///
/// What makes a document unkeyable (nil): a referenced path that is missing, a folder, a link,
/// not a regular file, or reached through a linked folder (the check looks further: renames,
/// folder contents, link targets); an environment document (its requirements file may include
/// others), an experiment naming records (MLflow stores are folders of files, and its runs are
/// joined from them), a labeling document naming a config; a `verified:` commit not found in the
/// history (whether git has it then depends on objects fetched, not on HEAD).
package struct CheckInputKey: Sendable {
    /// The per-build part, digested once.
    private let base: StableDigest
    private let stamps: Stamps

    /// The stamps of the files documents name, taken once per build: many documents name the same
    /// file, and each `lstat` was paid several times over across the checks (perf: `fstatat`).
    package final class Stamps: @unchecked Sendable {
        private let lock = NSLock()
        private var known: [String: Stamp?] = [:]
        private let root: String
        private let knownFolders = KnownFolders()
        /// Stamps changed after this (nanoseconds) are too recent to tell a later write apart.
        private let racyAfter: Int64

        /// Device, inode, type and permissions, size, modification and change times (nanoseconds),
        /// digested as numbers: the text of them was a third of a stamp's cost (callgrind).
        package struct Stamp: Sendable {
            var fields: (UInt64, UInt64, UInt64, Int64, Int64, Int64)
            var racy: Bool
            /// The same `lstat` as the sample reader's memo keys profiles by (`SampleProfileMemo`).
            var file: DocumentLoadMemo.Stamp?

            /// Adds the six numbers (fixed width: no marker needed).
            func add(to digest: inout StableDigest) {
                var words = (
                    fields.0.littleEndian, fields.1.littleEndian, fields.2.littleEndian, fields.3.littleEndian,
                    fields.4.littleEndian, fields.5.littleEndian
                )
                withUnsafeBytes(of: &words) { digest.add($0) }
            }
        }

        package init(root: String, takenAt: Int64 = FileStamps.now()) {
            self.root = root
            racyAfter = takenAt - 100_000_000
        }

        /// The stamp of the regular file at `relative`, when the path is plain (no `.`, `..` or
        /// empty part) and neither it nor a folder on its way is a link; nil otherwise.
        package func stamp(_ relative: String) -> Stamp? {
            if let found = lock.withLock({ known[relative] }) { return found }
            let made = make(relative)
            lock.withLock { known[relative] = made }
            return made
        }

        private func make(_ relative: String) -> Stamp? {
            guard let info = knownFolders.plainLstat(relative, under: root), info.st_mode & S_IFMT == S_IFREG
            else { return nil }
            let fields = FileStamps.stampFields(info)
            return Stamp(
                fields: (UInt64(info.st_dev), fields.1, fields.0, fields.2, fields.3, fields.4),
                racy: max(fields.3, fields.4) >= racyAfter, file: DocumentLoadMemo.Stamp(info))
        }
    }

    /// What a document's key says: the digest, and whether it may be saved (no input changed so
    /// recently that a later write could leave the same stamp).
    package struct Made: Sendable {
        package var digest: String
        package var savable: Bool
        /// True when the key covers everything the drift check reads (every document but a schema
        /// whose `sample:` could not be stamped): its saved findings include the drift findings.
        package var coversSample = true
        /// For a schema whose `sample:` the key covers, the sample's stamp: a plain regular file
        /// reached through real folders only, so the profile is taken by it without looking the
        /// path up again (`DriftChecks.sampleProfile(_:stamp:)`).
        package var sampleStamp: DocumentLoadMemo.Stamp?
    }

    package init(context: String, config: ProjectConfig, history: GitHistory, stamps: Stamps) {
        var base = StableDigest()
        base.add("check inputs 3")  // 3: stamps as numbers
        base.add(context)
        base.add(integer: config.warnAfterCommits)
        base.add(integer: config.errorAfterDays)
        base.add(config.unsafeHTML ? "unsafe html" : "safe html")
        base.add(config.requireAllPackages ? "all packages" : "named packages")
        base.add("\(config.metricTolerance)")
        base.add(integer: config.sampleRows)
        base.add("\(history.status)")
        base.add(history.head?.hash ?? "no head")
        base.add(integer: history.commits.count)
        base.add(history.isShallow ? "shallow" : "whole")
        base.add(history.repositoryRoot ?? "no repository")
        base.add(history.projectPrefix)
        self.base = base
        self.stamps = stamps
    }

    /// The key of `document`'s checks, loaded from bytes whose digest is `source`, with its parsed
    /// code `references`; nil when it cannot be keyed (see the type's comment).
    package func key(
        _ document: Document, source: String, references: [CodeReference], history: GitHistory
    ) -> Made? {
        guard !source.isEmpty else { return nil }
        switch document.kind {
        case .environment: return nil
        case .experiment where DriftInputs.namesRecords(document): return nil
        case .labeling where DriftInputs.labeling(document)?.config != nil: return nil
        default: break
        }
        if let raw = document.verified?.trimmingCharacters(in: .whitespaces), !raw.isEmpty,
            document.verifiedFingerprints == nil
        {
            guard case .found = history.position(matching: raw) else { return nil }
        }
        var digest = base
        var savable = true
        digest.add(document.path)
        digest.add(source)
        digest.add(integer: references.count)
        for reference in references {
            guard let stamp = stamps.stamp(reference.path) else { return nil }
            digest.add(reference.path)
            stamp.add(to: &digest)
            digest.add(history.hasUncommittedChanges(reference.path) ? "changed" : "clean")
            if stamp.racy { savable = false }
        }
        let images = MarkdownLossCheck.imageFiles(document)
        digest.add(integer: images.count)
        for image in images {
            guard let stamp = stamps.stamp(image.path) else { return nil }
            digest.add(image.path)
            stamp.add(to: &digest)
            if stamp.racy { savable = false }
        }
        var coversSample = true
        var sampleStamp: DocumentLoadMemo.Stamp?
        if document.kind == .schema, let sample = DriftInputs.path(document, "sample") {
            // The schema drift check reads the document (digested above), the reader's row limit
            // (in `base`) and the sample's bytes: a plain regular file's stamp stands for them.
            // A sample that cannot be stamped (missing, a link, through a linked folder) is
            // checked on every build, as before; the marker keeps the two kinds of entry apart.
            if let stamp = stamps.stamp(sample.path) {
                digest.add("sample")
                digest.add(sample.path)
                stamp.add(to: &digest)
                if stamp.racy { savable = false }
                sampleStamp = stamp.file
            } else {
                digest.add("\u{0}sample not stamped")
                coversSample = false
            }
        }
        return Made(digest: digest.hex, savable: savable, coversSample: coversSample, sampleStamp: sampleStamp)
    }
}
