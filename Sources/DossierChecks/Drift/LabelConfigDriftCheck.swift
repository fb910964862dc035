import DossierCore
import DossierFormats
import Foundation

/// Compares a labeling document's `classes` with the labels its Label Studio `config` offers.
///
/// A class matches a label by its `value` or its `alias` (annotations store the alias when one
/// is set). A config may hold several controls (say `<Choices>` for the species and
/// `<RectangleLabels>` for boxes): the classes agree when they equal the labels of any one control
/// or of all controls together; otherwise the message compares them with the closest of these.
package struct LabelConfigDriftCheck: Sendable {
    package static let classesMismatch = "drift.labeling.classes-mismatch"

    package var projectRoot: URL

    package init(projectRoot: URL) {
        self.projectRoot = projectRoot
    }

    package func check(_ labeling: DocumentedLabeling) -> [Finding] {
        guard let reference = labeling.config else { return [] }
        do {
            let config = try LabelStudioConfig.load(reference.path, projectRoot: projectRoot)
            return compare(labeling, with: config)
        } catch {
            return [error.finding(referencedFrom: reference.location)]
        }
    }

    package func compare(_ labeling: DocumentedLabeling, with config: LabelStudioConfig) -> [Finding] {
        // No fixed labels (empty documented list, or labels drawn from task data): nothing to compare.
        guard !config.controls.isEmpty, !labeling.classes.isEmpty else { return [] }
        var classes: [String] = []
        for name in labeling.classes where !classes.contains(name) { classes.append(name) }

        // Candidates: each control alone, then every control together.
        var candidates = config.controls.map { (labels: $0.labels, control: Optional($0)) }
        if config.controls.count > 1 { candidates.append((config.labels, nil)) }

        var best: (missing: [String], extra: [LabelStudioConfig.Label], control: LabelStudioConfig.Control?)?
        for candidate in candidates {
            let missing = classes.filter { name in !candidate.labels.contains { $0.isNamed(by: name) } }
            var extra: [LabelStudioConfig.Label] = []
            for label in candidate.labels
            where !classes.contains(where: label.isNamed(by:))
                && !extra.contains(where: { $0.value == label.value })
            {
                extra.append(label)
            }
            if missing.isEmpty && extra.isEmpty { return [] }
            if best.map({ missing.count + extra.count < $0.missing.count + $0.extra.count }) ?? true {
                best = (missing, extra, candidate.control)
            }
        }
        guard let best else { return [] }

        var parts: [String] = []
        if !best.missing.isEmpty {
            parts.append("missing from the config: " + best.missing.joined(separator: ", "))
        }
        if !best.extra.isEmpty {
            parts.append(
                "configured but not documented: "
                    + best.extra.map { "\($0.value) (line \($0.line))" }.joined(separator: ", "))
        }
        // Spelling that differs only in case is the most common cause; say so.
        let caseOnly = best.missing.compactMap { name in
            best.extra.first { $0.value.lowercased() == name.lowercased() }.map { "\(name) vs \($0.value)" }
        }
        if !caseOnly.isEmpty {
            parts.append("differ only in case: " + caseOnly.joined(separator: ", "))
        }
        let scope =
            best.control.map { control in
                "the <\(control.tag)\(control.name.map { " name=\"\($0)\"" } ?? "")> labels in \(config.path)"
            } ?? "the labels in \(config.path)"
        return [
            Finding(
                .error, Self.classesMismatch,
                "documented classes differ from \(scope): " + parts.joined(separator: "; "),
                at: labeling.classesLocation, state: .drift
            )
        ]
    }
}
