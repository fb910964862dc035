import DossierCore
import DossierFormats

/// Reads what a DVC pipeline recorded: the params each stage ran with (`dvc.lock`) and the
/// metrics files the pipeline declares.
///
/// `dvc.lock` records `stages.<stage>.params.<params file>.<key>` (keys dotted as `dvc.yaml`
/// names them, or whole sections as nested maps) but only hashes of outputs. Metric values live
/// in the files that `dvc.yaml` declares under `metrics:`; without a `dvc.yaml`, outputs whose
/// file name says "metric" are read. Metrics files that are not in the repository (DVC caches
/// them) are skipped without a finding.
package struct DVCLockReader {
    package let reader: ProjectFiles

    package struct Result {
        package var params = RecordedValues()
        package var metrics = RecordedValues()
        package var problems: [DriftFileProblem] = []
    }

    package func read(_ path: String) throws(DriftFileProblem) -> Result {
        guard let lock = try DriftYAML.load(reader.text(path), path: path) else { return Result() }
        guard let stages = lock["stages"], stages.isMap else {
            throw DriftFileProblem(path: path, line: lock.line, reason: "expected a stages: mapping, as DVC writes")
        }
        var result = Result()
        var metricFiles: [String] = []
        for stage in stages.entries {
            for paramsFile in stage.value["params"]?.entries ?? [] {
                result.params.add(flattening: paramsFile.value, path: path)
            }
            for out in stage.value["outs"]?.items ?? [] {
                guard let outPath = out["path"]?.text ?? out.text else { continue }
                let name = outPath.split(separator: "/").last.map { $0.lowercased() } ?? ""
                if name.contains("metric"), [".json", ".yaml", ".yml"].contains(where: name.hasSuffix) {
                    metricFiles.append(outPath)
                }
            }
        }
        if let declared = declaredMetrics(besides: path) {
            metricFiles = declared
        }
        for file in metricFiles {
            guard let resolved = ProjectFiles.join(directoryOf: path, file), reader.exists(resolved) else { continue }
            do {
                result.metrics.merge(try RecordedValues.load(resolved, reader: reader))
            } catch {
                result.problems.append(error)
            }
        }
        return result
    }

    /// The metrics files `dvc.yaml` (next to the lock) declares: per stage and at the top level.
    private func declaredMetrics(besides lockPath: String) -> [String]? {
        guard let yamlPath = ProjectFiles.join(directoryOf: lockPath, "dvc.yaml"),
            let text = try? reader.text(yamlPath),
            let pipeline = try? DriftYAML.load(text, path: yamlPath)
        else { return nil }
        var declared: [DriftData] = pipeline["metrics"]?.items ?? []
        for stage in pipeline["stages"]?.entries ?? [] {
            declared += stage.value["metrics"]?.items ?? []
        }
        // An entry is a path, or a one-key map `path: {cache: false}`.
        return declared.compactMap { $0.text ?? $0.entries.first?.key }
    }
}
