import Foundation

/// Phase durations on standard error when `DOSSIER_TIMINGS=1`: where a build's time goes.
/// A class so the stages a build calls can mark their own phases.
package final class PhaseTimer {
    package init() {
    }

    private var last = DispatchTime.now()
    private var phases: [(String, Double)] = []
    private let enabled = ProcessInfo.processInfo.environment["DOSSIER_TIMINGS"] == "1"

    package func mark(_ name: String) {
        guard enabled else { return }
        let now = DispatchTime.now()
        phases.append((name, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9))
        last = now
    }

    package func report() {
        guard enabled else { return }
        let text = phases.map { "\($0.0): \(String(format: "%.3f", $0.1)) s" }.joined(separator: ", ")
        FileHandle.standardError.write(Data(("timings: " + text + "\n").utf8))
    }
}
