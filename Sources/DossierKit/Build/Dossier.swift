import Foundation

/// What a build did, for the command line's summary.
public struct BuildReport: Sendable {
    public var project: LoadedProject
    public var filesWritten: Int
    public var pagesWritten: Int
    public var seconds: Double

    /// `Wrote 23 pages to site/ in 0.41 s: 0 errors, 2 warnings.`
    public var summary: String {
        let errors = project.errorCount
        let warnings = project.warningCount
        return "Wrote \(pagesWritten) pages to \(project.outputURL.path) in \(String(format: "%.2f", seconds)) s: "
            + "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")."
    }
}

/// The library's front door: what `dossier build` and `dossier check` do.
public enum Dossier {
    /// Loads, checks, renders and writes the site. Throws `ProjectError` when the project cannot
    /// be read (nothing is written) and `OutputWriter.Refusal` when the output may not be replaced.
    public static func build(path: String, options: BuildOptions = BuildOptions()) throws -> BuildReport {
        let start = DispatchTime.now()
        let timings = PhaseTimer()
        var project = try ProjectLoader.load(root: path, options: options, timings: timings)
        let theme = try Theme.load(name: project.config.theme, projectRoot: project.root)
        let (files, siteFindings) = SiteBuilder.build(project: project, theme: theme)
        timings.mark("render")
        if !siteFindings.isEmpty {
            project.findings = (project.findings + siteFindings).sorted(by: Finding.reportOrder)
        }
        try OutputWriter.write(files, to: project.outputURL)
        timings.mark("write")
        timings.report()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return BuildReport(project: project, filesWritten: files.count,
                           pagesWritten: files.filter { $0.path.hasSuffix(".html") }.count, seconds: seconds)
    }

    /// Runs every check and writes nothing.
    public static func check(path: String, options: BuildOptions = BuildOptions()) throws -> LoadedProject {
        var project = try ProjectLoader.load(root: path, options: options)
        let layout = SiteLayout(documents: project.documents)
        if !layout.findings.isEmpty {
            project.findings = (project.findings + layout.findings).sorted(by: Finding.reportOrder)
        }
        return project
    }
}

/// Phase durations on standard error when `DOSSIER_TIMINGS=1`: where a build's time goes.
/// A class so the stages a build calls can mark their own phases.
final class PhaseTimer {
    private var last = DispatchTime.now()
    private var phases: [(String, Double)] = []
    private let enabled = ProcessInfo.processInfo.environment["DOSSIER_TIMINGS"] == "1"

    func mark(_ name: String) {
        guard enabled else { return }
        let now = DispatchTime.now()
        phases.append((name, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9))
        last = now
    }

    func report() {
        guard enabled else { return }
        let text = phases.map { "\($0.0): \(String(format: "%.3f", $0.1)) s" }.joined(separator: ", ")
        FileHandle.standardError.write(Data(("timings: " + text + "\n").utf8))
    }
}
