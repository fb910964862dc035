import DossierCore
import DossierFormats

/// Runs recorded by MLflow's file store (`mlruns/`), read straight from its folders, or by its
/// SQLite store (`mlflow.db`, the default since MLflow 3.7; `MLflowSQLiteReader`).
///
/// Layout: `mlruns/<experiment id>/meta.yaml` for each experiment and
/// `mlruns/<experiment id>/<run id>/` for each run, holding `meta.yaml` (run_name, status,
/// lifecycle_stage, start_time), `params/<key>` (the value as the file's text),
/// `metrics/<key>` (lines of `timestamp value step`) and `tags/<key>`. Keys containing `/`
/// are nested folders.
package struct MLflowStore {
    package struct Run: Sendable {
        package var id: String
        package var name: String
        package var folder: String
        package var startTime: Int
        package var params = RecordedValues()
        package var metrics = RecordedValues()
    }

    /// Experiment folders are read at most this deep for nested keys; MLflow keys are shallow.
    private static let maximumKeyDepth = 8

    package let reader: ProjectFiles
    private(set) var runs: [Run] = []
    private(set) var problems: [DriftFileProblem] = []

    /// Reads an `mlruns/` folder, one experiment folder or one run folder.
    package init(path: String, reader: ProjectFiles) throws(DriftFileProblem) {
        self.reader = reader
        let base = ProjectFiles.normalize(path) ?? path
        guard reader.isDirectory(base) else {
            let url = try reader.url(for: base)
            guard MLflowSQLiteReader.isDatabase(url) else {
                throw DriftFileProblem(
                    path: base,
                    reason:
                        "expected an MLflow mlruns/ folder, experiment folder or run folder, or an MLflow SQLite store (mlflow.db)"
                )
            }
            runs = try MLflowSQLiteReader.runs(at: url, path: base)
            return
        }
        if let meta = readMeta(join(base, "meta.yaml")) {
            if meta["run_id"] != nil || meta["run_uuid"] != nil {
                readRun(base, meta: meta)
            } else {
                readExperiment(base, meta: meta)
            }
        } else {
            for name in (try? reader.contents(ofDirectory: base)) ?? [] where !name.hasPrefix(".") && name != "models" {
                let folder = join(base, name)
                if let meta = readMeta(join(folder, "meta.yaml")) {
                    readExperiment(folder, meta: meta)
                }
            }
        }
    }

    /// The run with this name; when several share it, the one started last.
    package func run(named name: String) -> Run? {
        runs.filter { $0.name == name }.max { ($0.startTime, $0.id) < ($1.startTime, $1.id) }
    }

    private func join(_ folder: String, _ name: String) -> String {
        folder.isEmpty ? name : folder + "/" + name
    }

    /// A parsed `meta.yaml`, nil when there is none; a malformed one is recorded as a problem.
    private mutating func readMeta(_ path: String) -> DriftData? {
        guard reader.exists(path) else { return nil }
        do throws(DriftFileProblem) {
            guard let meta = try DriftYAML.load(reader.text(path), path: path), meta.isMap else {
                throw DriftFileProblem(path: path, reason: "expected a mapping in meta.yaml")
            }
            return meta
        } catch {
            problems.append(error)
            return nil
        }
    }

    private mutating func readExperiment(_ folder: String, meta: DriftData) {
        if meta["lifecycle_stage"]?.text == "deleted" { return }
        for name in (try? reader.contents(ofDirectory: folder)) ?? [] where !name.hasPrefix(".") {
            let runFolder = join(folder, name)
            guard reader.isDirectory(runFolder), let runMeta = readMeta(join(runFolder, "meta.yaml")) else { continue }
            readRun(runFolder, meta: runMeta)
        }
    }

    private mutating func readRun(_ folder: String, meta: DriftData) {
        if meta["lifecycle_stage"]?.text == "deleted" { return }
        let id = meta["run_id"]?.text ?? meta["run_uuid"]?.text ?? folder
        // Older MLflow kept the name only in the mlflow.runName tag.
        var name = meta["run_name"]?.text ?? ""
        if name.isEmpty, let tag = try? reader.text(join(folder, "tags/mlflow.runName")) {
            name = tag.trimmedSpaces()
        }
        var run = Run(
            id: id, name: name.isEmpty ? id : name, folder: folder, startTime: Int(meta["start_time"]?.text ?? "") ?? 0)
        for (key, path) in files(under: join(folder, "params")) {
            do {
                let text = try reader.text(path)
                // MLflow writes the value with no newline; an editor may have added one.
                let value = text.hasSuffix("\n") ? String(text.dropLast()) : text
                run.params.add(key, .init(data: .scalar(value, line: nil), path: path, line: nil))
            } catch {
                problems.append(error)
            }
        }
        for (key, path) in files(under: join(folder, "metrics")) {
            do {
                if let latest = try Self.latestMetric(reader.text(path), path: path) {
                    run.metrics.add(
                        key, .init(data: .scalar(latest.value, line: latest.line), path: path, line: latest.line))
                }
            } catch {
                problems.append(error)
            }
        }
        runs.append(run)
    }

    /// Files below a folder as (key with `/` for nested folders, project path), in sorted order.
    private func files(under folder: String, prefix: String = "", depth: Int = 0) -> [(key: String, path: String)] {
        guard depth < Self.maximumKeyDepth, reader.isDirectory(folder) else { return [] }
        var result: [(key: String, path: String)] = []
        for name in (try? reader.contents(ofDirectory: folder)) ?? [] where !name.hasPrefix(".") {
            let path = join(folder, name)
            let key = prefix.isEmpty ? name : prefix + "/" + name
            if reader.isDirectory(path) {
                result += files(under: path, prefix: key, depth: depth + 1)
            } else {
                result.append((key, path))
            }
        }
        return result
    }

    /// The value of the latest entry of a metric file: highest step, then latest timestamp.
    package static func latestMetric(
        _ text: String, path: String
    ) throws(DriftFileProblem) -> (value: String, line: Int)? {
        var best: (step: Int, timestamp: Int, value: String, line: Int)?
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let fields = raw.split(whereSeparator: \.isWhitespace)
            if fields.isEmpty { continue }
            guard fields.count == 2 || fields.count == 3,
                let timestamp = Int(fields[0]), Double(fields[1]) != nil,
                let step = fields.count == 3 ? Int(fields[2]) : 0
            else {
                throw DriftFileProblem(
                    path: path, line: index + 1, reason: "expected 'timestamp value step' in an MLflow metric file")
            }
            if best.map({ (step, timestamp) >= ($0.step, $0.timestamp) }) ?? true {
                best = (step, timestamp, String(fields[1]), index + 1)
            }
        }
        return best.map { ($0.value, $0.line) }
    }
}
