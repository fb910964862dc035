import CSQLite3
import DossierCore
import DossierFormats
import Foundation

/// Reads runs from MLflow's SQL tracking store in SQLite (`mlflow.db`, MLflow's default store
/// since 3.7), through the system's SQLite library, opened read-only and immutable so that
/// reading never writes a journal or takes a lock in the project.
///
/// Tables read (MLflow's SQLAlchemy schema): `experiments(experiment_id, name, lifecycle_stage)`,
/// `runs(run_uuid, name, start_time, lifecycle_stage, experiment_id)`, `params(key, value,
/// run_uuid)`, `metrics(key, value, timestamp, step, is_nan, run_uuid)` and `tags(key, value,
/// run_uuid)` for the `mlflow.runName` of stores older than the `runs.name` column; the latest
/// value of each metric comes from `latest_metrics` when the store has it.
package struct MLflowSQLiteReader {
    /// The first 16 bytes of every SQLite 3 database file.
    package static let header = Array("SQLite format 3\0".utf8)

    /// Whether the file at `url` is an SQLite database.
    package static func isDatabase(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        let bytes = (try? handle.read(upToCount: header.count)).map { Array($0) } ?? []
        return bytes == header
    }

    /// The live runs of every live experiment in the database at `url` (`path` as findings name it).
    package static func runs(at url: URL, path: String) throws(DriftFileProblem) -> [MLflowStore.Run] {
        let database = try Database(url: url, path: path)
        let tables = try database.rows("SELECT name FROM sqlite_master WHERE type = 'table'").compactMap { $0[0] }
        guard ["experiments", "runs", "params", "metrics"].allSatisfy(tables.contains) else {
            throw DriftFileProblem(
                path: path,
                reason: "an SQLite database, but not an MLflow tracking store (no runs table)")
        }
        let hasName = try database.rows("PRAGMA table_info(runs)").contains { $0[1] == "name" }
        let nameColumn = hasName ? "r.name" : "NULL"
        var runs: [MLflowStore.Run] = []
        var index: [String: Int] = [:]
        let runRows = try database.rows(
            """
            SELECT r.run_uuid, \(nameColumn), r.start_time
            FROM runs r JOIN experiments e ON e.experiment_id = r.experiment_id
            WHERE COALESCE(r.lifecycle_stage, 'active') <> 'deleted'
              AND COALESCE(e.lifecycle_stage, 'active') <> 'deleted'
            ORDER BY r.run_uuid
            """)
        for row in runRows {
            guard let id = row[0] else { continue }
            index[id] = runs.count
            let name = row[1].flatMap { $0.isEmpty ? nil : $0 } ?? id
            runs.append(
                MLflowStore.Run(
                    id: id, name: name, folder: "\(path) run \(id)",
                    startTime: Int(row[2] ?? "") ?? 0))
        }
        if tables.contains("tags") {
            let tags = try database.rows(
                "SELECT run_uuid, value FROM tags WHERE key = 'mlflow.runName' ORDER BY run_uuid")
            for row in tags {
                guard let id = row[0], let i = index[id], runs[i].name == id, let name = row[1], !name.isEmpty else {
                    continue
                }
                runs[i].name = name
            }
        }
        for row in try database.rows("SELECT run_uuid, key, value FROM params ORDER BY run_uuid, key") {
            guard let id = row[0], let i = index[id], let key = row[1] else { continue }
            let source = "\(path) (run \(runs[i].name), param \(key))"
            runs[i].params.add(key, .init(data: .scalar(row[2] ?? "", line: nil), path: source, line: nil))
        }
        // The latest value of each metric: highest step, then latest timestamp (as the file store).
        // MLflow keeps it in latest_metrics, one row per run and key, so a long history is not read.
        let history = tables.contains("latest_metrics") ? "latest_metrics" : "metrics"
        let metricRows = try database.rows(
            """
            SELECT run_uuid, key, value, is_nan FROM \(history)
            ORDER BY run_uuid, key, step DESC, timestamp DESC, value DESC
            """)
        var seen: Set<[String]> = []
        for row in metricRows {
            guard let id = row[0], let i = index[id], let key = row[1], seen.insert([id, key]).inserted else {
                continue
            }
            let value = row[3] == "1" ? "nan" : (row[2] ?? "nan")
            let source = "\(path) (run \(runs[i].name), metric \(key))"
            runs[i].metrics.add(key, .init(data: .scalar(value, line: nil), path: source, line: nil))
        }
        return runs
    }

    /// A read-only connection; closed when released.
    private final class Database {
        private var handle: OpaquePointer?
        private let path: String

        init(url: URL, path: String) throws(DriftFileProblem) {
            self.path = path
            // `immutable=1`: no locks, no journal files, even on a read-only checkout.
            var escaped = url.path
            for (character, code) in [("%", "%25"), ("?", "%3f"), ("#", "%23")] {
                escaped = escaped.replacingOccurrences(of: character, with: code)
            }
            let status = sqlite3_open_v2(
                "file:\(escaped)?mode=ro&immutable=1", &handle,
                SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nil)
            guard status == SQLITE_OK else {
                let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
                sqlite3_close(handle)
                handle = nil
                throw DriftFileProblem(path: path, reason: "cannot open the SQLite database: \(message)")
            }
        }

        deinit {
            sqlite3_close(handle)
        }

        /// Every row of a query, each column as text (nil for NULL).
        func rows(_ sql: String) throws(DriftFileProblem) -> [[String?]] {
            var statement: OpaquePointer?
            guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else {
                let message = String(cString: sqlite3_errmsg(handle))
                sqlite3_finalize(statement)
                throw DriftFileProblem(path: path, reason: "not a readable MLflow tracking store: \(message)")
            }
            defer { sqlite3_finalize(statement) }
            var result: [[String?]] = []
            while true {
                let step = sqlite3_step(statement)
                if step == SQLITE_DONE { break }
                guard step == SQLITE_ROW else {
                    throw DriftFileProblem(
                        path: path,
                        reason: "not a readable MLflow tracking store: "
                            + String(cString: sqlite3_errmsg(handle)))
                }
                let count = sqlite3_column_count(statement)
                result.append(
                    (0..<count).map { column in
                        if sqlite3_column_type(statement, column) == SQLITE_FLOAT {
                            return Self.format(sqlite3_column_double(statement, column))
                        }
                        return sqlite3_column_text(statement, column).map { String(cString: $0) }
                    })
            }
            return result
        }

        /// `0.9`, not `0.90000000000000002`; whole numbers without `.0`.
        private static func format(_ value: Double) -> String {
            if value.isNaN { return "nan" }
            if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
            return "\(value)"
        }
    }
}
