import Foundation

/// Runs the checks that compare documents with the repository: code references, staleness
/// and drift. Each document is checked independently, so they run in parallel.
public struct ProjectChecks: Sendable {
    public let root: URL
    public let config: ProjectConfig
    public let index: DocumentIndex

    public struct Output: Sendable {
        /// Findings per document. A finding may point at another file (the requirements file
        /// that does not parse, say) and still belong to the document that names it.
        public var documentFindings: [[Finding]]
        public var lastChanges: [LastChange?]
    }

    public func run() -> Output {
        let environmentCheck = EnvironmentDriftCheck(projectRoot: root)
        let experimentCheck = ExperimentDriftCheck(projectRoot: root, metricTolerance: config.metricTolerance)
        let labelingCheck = LabelConfigDriftCheck(projectRoot: root)
        let sampleReader = SampleReader(maxRows: config.sampleRows)
        let root = self.root
        let perDocument: [[Finding]] = index.documents.parallelMap { document in
            switch document.kind {
            case .environment:
                return environmentCheck.check(DriftInputs.environment(document))
            case .experiment:
                return experimentCheck.check(DriftInputs.experiment(document))
            case .labeling:
                return DriftInputs.labeling(document).map(labelingCheck.check) ?? []
            case .schema:
                // A missing sample is a broken code reference, reported once by that check.
                guard let sample = DriftInputs.path(document, "sample"), !document.schemaFields.isEmpty,
                      FileIO.exists(root.appendingPathComponent(sample.path).path) else { return [] }
                return SchemaDriftCheck.check(fields: document.schemaFields, sampleFile: root.appendingPathComponent(sample.path),
                                              samplePath: sample.path, document: sample.location, reader: sampleReader)
            default:
                return []
            }
        }
        return Output(documentFindings: perDocument, lastChanges: Array(repeating: nil, count: index.documents.count))
    }
}
