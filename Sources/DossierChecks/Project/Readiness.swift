import DossierCore
import DossierFormats
import DossierModel

/// "Ready for production?" for one model: a checklist derived from the document graph, in the
/// spirit of the course notes (documented, tested, validated, in a safe and reproducible
/// environment). Computed once in the checks stage from the index and the health states.
///
/// The documents a model involves are the model, the documents it references, and the
/// documents its experiments reference (data sources, schemas, labeling, environment,
/// pseudocode): two steps along the graph.
package struct Readiness: Sendable, Hashable {
    /// One line of the checklist.
    package struct Item: Sendable, Hashable {
        /// Stable identifier (`data-source`, `tests`…), for tests and anchors.
        package var id: String
        package var label: String
        package var passed: Bool
        /// What is missing (failing items) or what satisfies it (passing ones).
        package var detail: String
        /// Documents that satisfy (or spoil) the item, as indices into the project's documents.
        package var documents: [Int] = []
        /// Project files that satisfy it (test files).
        package var paths: [String] = []
    }

    package var model: Int
    package var items: [Item]

    package var passedCount: Int { items.filter(\.passed).count }
    package var isReady: Bool { items.allSatisfy(\.passed) }

    /// Version specifiers that are not a pin.
    private static let rangeMarkers: [Character] = [">", "<", "~", "^", "*", "!"]

    /// The checklist of every model document, in document order.
    package static func all(index: DocumentIndex, states: [HealthState]) -> [Readiness] {
        // On every core: `check` computes these after the parallel checks, when nothing else runs.
        index.documents.indices.filter { index.documents[$0].kind == .model }.parallelMap {
            Readiness(model: $0, index: index, states: states)
        }
    }

    /// `text.lowercased().contains("deploy")`, over bytes when the text is ASCII (where lowercasing
    /// is per byte and the search a byte search): Foundation's search cost ~7,000 instructions a
    /// heading of every model.
    static func mentionsDeploy(_ text: String) -> Bool {
        guard ProjectPath.isASCII(text) else { return text.lowercased().contains("deploy") }
        let word = Array("deploy".utf8)
        let bytes = Array(text.utf8)
        guard bytes.count >= word.count else { return false }
        for start in 0...(bytes.count - word.count) {
            var index = 0
            while index < word.count {
                var byte = bytes[start + index]
                if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
                guard byte == word[index] else { break }
                index += 1
            }
            if index == word.count { return true }
        }
        return false
    }

    package init(model: Int, index: DocumentIndex, states: [HealthState]) {
        self.model = model
        let documents = index.documents
        let document = documents[model]
        let direct = Self.targets(of: model, index: index)
        let experiments = direct.filter { documents[$0].kind == .experiment }
        var involved = direct
        for experiment in experiments {
            let targets = Self.targets(of: experiment, index: index)
            for target in targets where !involved.contains(target) && target != model {
                involved.append(target)
            }
        }
        involved.sort()
        func ofKind(_ kind: DocumentKind) -> [Int] { involved.filter { documents[$0].kind == kind } }
        func titles(_ list: [Int]) -> String { list.map { documents[$0].title }.joined(separator: ", ") }
        var items: [Item] = []
        /// An item that passes when some involved document is of `kind`, naming them.
        func present(_ kind: DocumentKind, id: String, label: String, missing: String) -> Item {
            let found = ofKind(kind)
            return Item(
                id: id, label: label, passed: !found.isEmpty,
                detail: found.isEmpty ? missing : titles(found), documents: found)
        }

        items.append(
            present(
                .dataSource, id: "data-source", label: "Data source",
                missing: "no data source documented: add `sources:` to the model or its experiment"))
        items.append(
            present(
                .schema, id: "schema", label: "Schema",
                missing: "no schema of the training data: add `schemas:` to the experiment"))
        let labeling = ofKind(.labeling)
        let withMethod = labeling.filter { documents[$0]["method"]?.scalarText?.isEmpty == false }
        items.append(
            Item(
                id: "labeling", label: "Labeling method", passed: !withMethod.isEmpty,
                detail: labeling.isEmpty
                    ? "no labeling document: add `labeling:` to the experiment"
                    : withMethod.isEmpty
                        ? "\(titles(labeling)) does not say its `method:`"
                        : withMethod.map { index in
                            "\(documents[index].title) (\(documents[index]["method"]?.scalarText ?? ""))"
                        }.joined(separator: ", "),
                documents: labeling))

        let selected = document.selected
        let runIn = experiments.filter { experiment in documents[experiment].runs.contains { $0.name == selected } }
        let experimentDetail: String =
            if experiments.isEmpty {
                "no experiment: add `experiments:` to the model"
            } else if selected == nil {
                "no selected run: add `selected:` naming the run that became the model"
            } else if runIn.isEmpty {
                "run \(selected!) is not a run of \(titles(experiments))"
            } else {
                "run \(selected!) of \(titles(runIn))"
            }
        items.append(
            Item(
                id: "experiment", label: "Experiment with the selected run", passed: !runIn.isEmpty,
                detail: experimentDetail, documents: runIn.isEmpty ? experiments : runIn))

        let environments = ofKind(.environment)
        var environmentProblems: [String] = []
        for environment in environments {
            let env = documents[environment]
            let packages = env["packages"]?.entries ?? []
            let unpinned = packages.filter { entry in
                let version = entry.value.scalarText ?? ""
                return version.isEmpty || version.contains(where: Self.rangeMarkers.contains)
            }.map(\.key)
            if packages.isEmpty { environmentProblems.append("\(env.title) lists no `packages:` with versions") }
            if !unpinned.isEmpty {
                environmentProblems.append("\(env.title) does not pin \(unpinned.joined(separator: ", "))")
            }
            if (env["seeds"]?.entries ?? []).isEmpty && env["seeds"]?.scalarText == nil {
                environmentProblems.append("\(env.title) records no `seeds:`")
            }
        }
        items.append(
            Item(
                id: "environment", label: "Environment with pinned packages and seeds",
                passed: !environments.isEmpty && environmentProblems.isEmpty,
                detail: environments.isEmpty
                    ? "no environment: add `environment:` to the model"
                    : environmentProblems.isEmpty
                        ? titles(environments)
                        : environmentProblems.joined(separator: "; "),
                documents: environments))

        items.append(
            present(
                .pseudocode, id: "pseudocode", label: "Pseudocode",
                missing: "no pseudocode: add `pseudocode:` to the model"))

        let hasDeploymentKey =
            document["deployment"].map { value in
                value.scalarText?.isEmpty == false || value.entries != nil
            } ?? false
        let hasDeploymentHeading = document.analysis.headings.contains { Self.mentionsDeploy($0.text) }
        items.append(
            Item(
                id: "deployment", label: "Deployment section",
                passed: hasDeploymentKey || hasDeploymentHeading,
                detail: hasDeploymentKey
                    ? "`deployment:` in the model card"
                    : hasDeploymentHeading
                        ? "a Deployment section in the text"
                        : "no deployment: add `deployment:` or a Deployment section saying how the model is "
                            + "served",
                documents: [model]))

        var tests: [String] = []
        for candidate in [model] + involved {
            for reference in documents[candidate].codeReferences {
                let path = ProjectChecks.referencedPath(reference.text)
                // Over bytes when ASCII (where a byte search finds what Foundation's does).
                let isTest =
                    (candidate == model && reference.key == "tests") || path.hasPrefix("tests/")
                    || (ProjectPath.isASCII(path) ? ByteSearch.contains(path, "/tests/") : path.contains("/tests/"))
                if isTest, !tests.contains(path) { tests.append(path) }
            }
        }
        tests.sort()
        items.append(
            Item(
                id: "tests", label: "Tests referenced", passed: !tests.isEmpty,
                detail: tests.isEmpty
                    ? "no tests: add `tests:` to the model, or reference code under tests/"
                    : tests.joined(separator: ", "),
                paths: tests))

        let unhealthy = ([model] + involved).sorted().filter { [.stale, .broken, .drift].contains(states[$0]) }
        items.append(
            Item(
                id: "health", label: "No stale, broken or drifted document", passed: unhealthy.isEmpty,
                detail: unhealthy.isEmpty
                    ? "\(involved.count + 1) documents are current"
                    : unhealthy.map { "\(documents[$0].title) is \(states[$0].rawValue)" }
                        .joined(separator: "; "),
                documents: unhealthy))
        self.items = items
    }

    /// The documents `source` references in its front matter (not in the text), each once.
    private static func targets(of source: Int, index: DocumentIndex) -> [Int] {
        var seen: [Int] = []
        for relation in index.outgoing[source]
        where relation.key != "body" && relation.key != "related"
            && !seen.contains(relation.to)
        {
            seen.append(relation.to)
        }
        return seen
    }
}
