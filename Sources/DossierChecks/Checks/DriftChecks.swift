import DossierCore
import DossierModel
import Foundation

/// The drift checks (SPEC 1.6): each kind's documented values against the files that hold the
/// truth. Pseudocode columns and labeling targets are checked while resolving references.
package struct DriftChecks: Sendable {
    package let root: URL
    package let environment: EnvironmentDriftCheck
    package let experiment: ExperimentDriftCheck
    package let labeling: LabelConfigDriftCheck
    package let sampleReader: SampleReader
    package let files: ProjectFiles

    /// `profiles`: `dossier serve`'s sample profiles of unchanged files, kept between rebuilds.
    package init(
        root: URL, config: ProjectConfig, mlflowStores: MLflowStores = MLflowStores(),
        profiles: SampleProfileMemo? = nil
    ) {
        self.root = root
        environment = EnvironmentDriftCheck(projectRoot: root, requireAllPackages: config.requireAllPackages)
        experiment = ExperimentDriftCheck(
            projectRoot: root, metricTolerance: config.metricTolerance, mlflowStores: mlflowStores)
        labeling = LabelConfigDriftCheck(projectRoot: root)
        var reader = SampleReader(maxRows: config.sampleRows)
        reader.memo = profiles
        sampleReader = reader
        files = ProjectFiles(projectRoot: root)
    }

    /// Front-matter keys naming a file that is also a code reference of the document.
    private static let referencedFileKeys = ["requirements", "params_file", "metrics_file", "mlflow", "config"]

    package func check(_ document: Document) -> [Finding] {
        checkProfiling(document).findings
    }

    /// The drift findings and, for a schema with a readable `sample:`, the sample's profile: the
    /// data pages show the same pass the check compared, so the sample is read once.
    package func checkProfiling(_ document: Document) -> (findings: [Finding], sample: SampleProfile?) {
        if document.kind == .schema { return checkSchema(document) }
        let findings = checkKind(document)
        // Looked at only when some file could not be read: every document's referenced files were
        // looked up (and stat'ed twice each, by `URL` and by `exists`) on every build otherwise.
        guard findings.contains(where: { $0.rule == DriftFileProblem.rule }) else { return (findings, nil) }
        // A referenced file that is not there is a broken code reference (`code.missing-path`),
        // reported once by that check, not again as an unreadable file.
        let missing = Set(
            Self.referencedFileKeys.compactMap { DriftInputs.path(document, $0)?.path }.filter { path in
                !ProjectFiles.exists(root.appendingPathComponent(path).path)
            })
        return (
            findings.filter { finding in
                !(finding.rule == DriftFileProblem.rule && missing.contains(finding.location.path))
            }, nil
        )
    }

    /// The profile of a schema's `sample:` when it can be read, without the schema drift check: for
    /// a schema whose saved findings hold that check's (`CheckInputKey.Made.coversSample`). The
    /// check was ~2% of an edit build's CPU at 10,000 documents (perf, issue 15).
    ///
    /// `stamp`: the sample's `lstat` as the check's key took it (`CheckInputKey.Made.sampleStamp`),
    /// of a plain path through real folders to a regular file, which is where `locate` would lead
    /// (below the resolved root): the profile is looked up by it without walking the path and
    /// stamping the file twice more (two `lstat` a schema on every build after an edit).
    package func sampleProfile(_ document: Document, stamp: DocumentLoadMemo.Stamp? = nil) -> SampleProfile? {
        if let stamp, let sample = DriftInputs.path(document, "sample") {
            return try? sampleReader.profile(
                atPath: files.resolvedRootPath + "/" + sample.path, stamp: stamp, reportedAs: sample.path)
        }
        return checkSchema(document, comparing: false).sample
    }

    private func checkSchema(
        _ document: Document, comparing: Bool = true
    ) -> (findings: [Finding], sample: SampleProfile?) {
        // A missing sample is a broken code reference, reported once by that check; so is a
        // sample that leads out of the project (`code.outside-project`), which must not be
        // opened at all: the drift findings would quote its lines.
        guard let sample = DriftInputs.path(document, "sample"), let file = try? files.locate(sample.path) else {
            return ([], nil)
        }
        // `locate` resolved every link, so one `lstat` tells what `stat` would, and its stamp is
        // the one the saved profiles are keyed by: no second or third system call per schema.
        // A link there now (or nothing) was put after `locate`: then `stat` looks, as it always did.
        var info = stat()
        let linked = lstat(file, &info) != 0 || info.st_mode & S_IFMT == S_IFLNK
        let found = linked ? stat(file, &info) == 0 : true
        let kind = info.st_mode & S_IFMT
        // A pipe or device would block or never end; a folder is reported by the sample reader.
        if found, kind != S_IFREG, kind != S_IFDIR {
            guard !document.schemaFields.isEmpty else { return ([], nil) }
            let reason = "it is not a regular file (a device, pipe or socket)"
            return ([DriftFileProblem(path: sample.path, reason: reason).finding(referencedFrom: sample.location)], nil)
        }
        do {
            let profile =
                !linked
                ? try sampleReader.profile(
                    atPath: file, stamp: DocumentLoadMemo.Stamp(info), reportedAs: sample.path)
                : try sampleReader.profile(of: URL(fileURLWithPath: file), reportedAs: sample.path)
            guard comparing else { return ([], profile) }
            return (
                SchemaDriftCheck.check(
                    fields: document.schemaFields, sample: profile, samplePath: sample.path,
                    document: sample.location), profile
            )
        } catch {
            // Without a schema table there is nothing the sample contradicts: only the preview is lost.
            return (document.schemaFields.isEmpty ? [] : [error.finding(document: sample.location)], nil)
        }
    }

    private func checkKind(_ document: Document) -> [Finding] {
        switch document.kind {
        case .environment:
            return environment.check(DriftInputs.environment(document))
        case .experiment:
            // Without a record to compare with there is nothing to check: the documented runs are
            // not gathered (that was most of the drift checks' time at 10,000 documents).
            guard DriftInputs.namesRecords(document) else { return [] }
            return experiment.check(DriftInputs.experiment(document))
        case .labeling:
            return DriftInputs.labeling(document).map(labeling.check) ?? []
        default:
            return []
        }
    }
}
