import DossierCore
import Foundation

/// Findings accepted as they are (`dossier check --format json > baseline.json`); `--baseline`
/// fails only on findings not in it. Matching ignores line numbers, so editing other parts of
/// a file does not turn old findings into new ones.
public struct Baseline: Sendable {
    package var counts: [String: Int]

    package static func fingerprint(_ finding: Finding) -> String {
        "\(finding.rule)|\(finding.location.path)|\(finding.message)"
    }

    package init(fingerprints: [String]) {
        var counts: [String: Int] = [:]
        for fingerprint in fingerprints { counts[fingerprint, default: 0] += 1 }
        self.counts = counts
    }

    /// Reads a file written by `--format json`.
    public static func load(_ path: String) throws -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ProjectError(message: "cannot read baseline \(path)", findings: [])
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let findings = object["findings"] as? [[String: Any]]
        else {
            throw ProjectError(
                message: "\(path) is not a baseline written by `dossier check --format json`", findings: [])
        }
        return Baseline(
            fingerprints: findings.compactMap { entry in
                if let fingerprint = entry["fingerprint"] as? String { return fingerprint }
                guard let rule = entry["rule"] as? String, let path = entry["path"] as? String,
                    let message = entry["message"] as? String
                else { return nil }
                return "\(rule)|\(path)|\(message)"
            })
    }

    /// The findings beyond what the baseline accepts (each baseline entry absorbs one finding).
    package func newFindings(in findings: [Finding]) -> [Finding] {
        var remaining = counts
        return findings.filter { finding in
            let key = Self.fingerprint(finding)
            if let n = remaining[key], n > 0 {
                remaining[key] = n - 1
                return false
            }
            return true
        }
    }
}
