@testable import DossierChecks
@testable import DossierCore
@testable import DossierKit
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// The build cache's site-wide entries (issue 15): home, catalogs, experiments, health,
/// repository and not-found pages keyed by what they show, and the search index keyed by its
/// entries. A build with nothing changed renders none of them; a prose edit renders the search
/// index only; every other change renders what it must, and the site is byte-identical to a
/// cold build's.
@Suite struct SiteWideCacheTests {
    @Test func nothingChangedRendersNoSiteWidePageAndAProseEditOnlyTheSearchIndex() throws {
        let root = try exampleCopy(prefix: "dossier-sitewide")
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try buildBothWays(root.path)
        #expect(first.sitePagesFromCache == 0)
        #expect(first.sitePagesRendered > 5)
        let second = try buildBothWays(root.path)
        #expect(second.sitePagesRendered == 0)
        #expect(second.sitePagesFromCache == first.sitePagesRendered)
        try editFile(root, "docs/guides/getting-started.md") { $0 + "\nA sentence only the search index shows.\n" }
        let edited = try buildBothWays(root.path)
        #expect(edited.sitePagesRendered == 1)
        #expect(edited.pagesRendered == 1)
        // The home document's body is on the home page: that page renders too.
        try editFile(root, "README.md") { $0 + "\nA sentence on the home page.\n" }
        #expect(try buildBothWays(root.path).sitePagesRendered == 2)
    }

    /// A warning keeps a document fresh but changes its badge in every page's navigation.
    @Test func aWarningThatLeavesTheStateFreshStillReRendersTheBadges() throws {
        let root = try exampleCopy(prefix: "dossier-sitewide")
        defer { try? FileManager.default.removeItem(at: root) }
        try buildBothWays(root.path)
        try editFile(root, "docs/pseudocode/species-pipeline.md") { "---\ncolour: blue\n" + $0.dropFirst(4) }
        let report = try buildBothWays(root.path)
        #expect(report.project.findings.contains { $0.rule == "front-matter.unknown-key" })
        #expect(report.pagesRendered > 1)
    }

    @Test func editsOfEveryKindDeletionRenameConfigAndThemeMatchAColdBuild() throws {
        let root = try exampleCopy(prefix: "dossier-sitewide")
        defer { try? FileManager.default.removeItem(at: root) }
        try buildBothWays(root.path)
        for path in [
            "docs/data/penguins.md", "docs/environments/training-env.md", "docs/experiments/feature-ablation.md",
            "docs/labeling/species-labels.md", "docs/models/penguin-classifier.md",
            "docs/pseudocode/species-pipeline.md", "docs/guides/getting-started.md", "README.md",
        ] {
            // A title edit: every listing page shows titles.
            try editFile(root, path) { $0.replacingOccurrences(of: "\n# ", with: "\n# Edited ") }
            try buildBothWays(root.path)
        }
        try FileManager.default.removeItem(at: root.appendingPathComponent("docs/data/palmer-lter.md"))
        try buildBothWays(root.path)
        try FileManager.default.moveItem(
            at: root.appendingPathComponent("docs/experiments/feature-ablation.md"),
            to: root.appendingPathComponent("docs/experiments/ablation-renamed.md"))
        try buildBothWays(root.path)
        try editFile(root, "dossier.yml") { $0.replacingOccurrences(of: "title: Penguin", with: "title: Pinguin") }
        // Every listing page renders again; the search index shows nothing of the config.
        #expect(try buildBothWays(root.path).sitePagesFromCache <= 1)
        let overrides = root.appendingPathComponent("overrides/templates")
        try FileManager.default.createDirectory(at: overrides, withIntermediateDirectories: true)
        let template = try String(
            contentsOf: Repository.root.appendingPathComponent("Themes/default/templates/catalog.mustache"),
            encoding: .utf8)
        try ("<!-- overridden -->\n" + template).write(
            to: overrides.appendingPathComponent("catalog.mustache"), atomically: true, encoding: .utf8)
        #expect(try buildBothWays(root.path).sitePagesFromCache <= 1)
    }

    /// Data files and tracker records change drift findings (health, badges) without any
    /// document changing.
    @Test func dataFileAndTrackerChangesMatchAColdBuild() throws {
        let root = try exampleCopy(prefix: "dossier-sitewide")
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try buildBothWays(root.path)
        try editFile(root, "data/processed/penguins.csv") {
            $0.replacingOccurrences(of: "species,island,", with: "kind,island,")
        }
        let drifted = try buildBothWays(root.path)
        #expect(drifted.project.findings != first.project.findings)
        let runs = root.appendingPathComponent("mlruns/1")
        let run = try #require(try FileManager.default.contentsOfDirectory(atPath: runs.path).sorted().first)
        try editFile(root, "mlruns/1/\(run)/metrics/accuracy") { _ in "1700000000000 0.123 0\n" }
        let tracked = try buildBothWays(root.path)
        #expect(tracked.project.findings != drifted.project.findings)
    }

    /// A commit that changes referenced code makes a document stale: its badge, the health page
    /// and the catalogs change though no document did.
    @Test func aCommitThatChangesStalenessMatchesAColdBuild() throws {
        let repo = try GitFixture()
        defer {
            repo.remove()
            try? FileManager.default.removeItem(atPath: repo.root + "-cold")
        }
        repo.write("README.md", "# Home\n")
        repo.write("src/train.py", "def train():\n    return 1\n")
        repo.write("docs/a.md", "---\nkind: pseudocode\nid: a\nimplements: [src/train.py#train]\n---\n# A\n\nTrains.\n")
        repo.write("docs/b.md", "# B\n\nNothing referenced.\n")
        repo.write(".gitignore", "site/\n")
        repo.commit("docs", day: 0)
        let first = try buildBothWays(repo.root)
        repo.write("src/train.py", "def train(rate):\n    return rate * 2\n\n\ndef other():\n    pass\n")
        repo.commit("change the code", day: 200)
        let second = try buildBothWays(repo.root)
        #expect(second.project.states != first.project.states || second.project.findings != first.project.findings)
        // Uncommitted again: the worktree state changes what history says, too.
        repo.write("src/train.py", "def train():\n    return 3\n")
        try buildBothWays(repo.root)
    }

    @Test func anMLflowStoreIsReadOnceForTheMetricColumnsTheRunsAndTheDriftCheck() throws {
        let root = try exampleCopy(prefix: "dossier-sitewide")
        defer { try? FileManager.default.removeItem(at: root) }
        let project = try ProjectLoader.load(root: root.path)
        let index = try #require(project.index.byPath["docs/experiments/species-model-selection.md"])
        let stores = MLflowStores()
        let classified = MetricColumns.classify(project.documents[index], projectRoot: root, mlflowStores: stores)
        let merged = TrackerRuns.merge(classified, projectRoot: root, mlflowStores: stores)
        let drift = DriftChecks(root: root, config: project.config, mlflowStores: stores)
        let findings = drift.check(merged)
        #expect(stores.reads == 1)
        #expect(merged.runs.map(\.name) == project.documents[index].runs.map(\.name))
        #expect(findings == DriftChecks(root: root, config: project.config).check(merged))
    }

    /// The loader joins tracker runs on its loading threads: many asking at once still read a store once.
    @Test func anMLflowStoreAskedForOnManyThreadsIsReadOnce() throws {
        let root = Repository.exampleProject
        let project = try ProjectLoader.load(root: root.path, options: BuildOptions(useCache: false))
        let index = try #require(project.index.byPath["docs/experiments/species-model-selection.md"])
        let reference = try #require(DriftInputs.experiment(project.documents[index]).mlflow)
        let stores = MLflowStores()
        let files = ProjectFiles(projectRoot: root)
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            _ = try? stores.store(path: reference.path, reader: files)
        }
        #expect(stores.reads == 1)
    }
}

/// Sample profiles are digested field by field: a new field must be added to the digest.
@Suite struct SampleProfileDigestTests {
    @Test func everyFieldOfAProfileIsDigested() throws {
        let project = try ProjectLoader.load(
            root: Repository.exampleProject.path, options: BuildOptions(useCache: false))
        let profile = try #require(project.dataFiles.values.sorted { $0.path < $1.path }.first)
        #expect(Set(Mirror(reflecting: profile).children.compactMap(\.label)) == SampleProfileDigest.profileFields)
        let column = try #require(profile.columns.first)
        #expect(Set(Mirror(reflecting: column).children.compactMap(\.label)) == SampleProfileDigest.columnFields)
        func digest(_ profile: SampleProfile) -> String {
            var digest = StableDigest()
            SampleProfileDigest.add(profile, to: &digest)
            return digest.hex
        }
        let changes: [(String, (inout SampleProfile) -> Void)] = [
            ("path", { $0.path += "x" }), ("columns", { $0.columns.removeLast() }), ("rowsRead", { $0.rowsRead += 1 }),
            ("reachedRowLimit", { $0.reachedRowLimit.toggle() }), ("preview", { $0.preview.append(["x"]) }),
            ("format", { $0.format = $0.format == .csv ? .tsv : .csv }),
            ("name", { $0.columns[0].name += "x" }), ("inferredType", { $0.columns[0].inferredType = nil }),
            ("valueCount", { $0.columns[0].valueCount += 1 }), ("missingCount", { $0.columns[0].missingCount += 1 }),
            ("firstMissing", { $0.columns[0].firstMissing = .init("NA", line: 99) }),
            ("kinds", { $0.columns[0].kinds.removeAll() }),
            ("distinctValues", { $0.columns[0].distinctValues.append(.init(value: "zz", count: 1, firstLine: 9)) }),
            ("distinctValuesComplete", { $0.columns[0].distinctValuesComplete.toggle() }),
            ("minimum", { $0.columns[0].minimum = -12345.5 }), ("maximum", { $0.columns[0].maximum = 12345.5 }),
            ("firstFractional", { $0.columns[0].firstFractional = .init("0.5", line: 7) }),
            ("parent", { $0.columns[0].parent = "elsewhere" }), ("histogram", { $0.columns[0].histogram.append(1) }),
        ]
        expectEveryFieldDigested(
            profile, fields: SampleProfileDigest.profileFields.union(SampleProfileDigest.columnFields),
            changes: changes, digest: digest)
    }
}

/// A schema's sample that is also a data file is digested once (`PageCacheKeys.addProfiles`),
/// yet every difference between the two, or in either, still changes the key.
@Suite struct SampleProfilesKeyTests {
    @Test func aSampleEqualToItsDataFileIsNamedYetEveryChangeShows() throws {
        let project = try ProjectLoader.load(
            root: Repository.exampleProject.path, options: BuildOptions(useCache: false))
        let profile = try #require(project.dataFiles.values.sorted { $0.path < $1.path }.first)
        func key(_ dataFiles: [String: SampleProfile], _ samples: [SampleProfile?]) -> String {
            var digest = StableDigest()
            PageCacheKeys.addProfiles(dataFiles: dataFiles, samples: samples, to: &digest)
            return digest.hex
        }
        var changed = profile
        changed.rowsRead += 1
        var keys: Set<String> = []
        let cases: [([String: SampleProfile], [SampleProfile?])] = [
            ([profile.path: profile], [profile]),
            // The sample read differently from the data file at its path (the file changed between).
            ([profile.path: profile], [changed]), ([profile.path: changed], [profile]),
            // Both changed alike: the data file's digest changes, and the sample is named by it.
            ([profile.path: changed], [changed]),
            ([profile.path: profile], [nil]), ([profile.path: profile], []), ([:], [profile]),
            ([profile.path: profile], [profile, profile]),
        ]
        for (dataFiles, samples) in cases {
            #expect(keys.insert(key(dataFiles, samples)).inserted, "\(dataFiles.count) \(samples.count)")
        }
        // Without the data file, the sample is digested in full.
        var full = StableDigest()
        SampleProfileDigest.add(profile, to: &full)
        #expect(key([:], [profile]) == full.hex)
    }
}

/// Readiness checklists are digested field by field: a new field must be added to the digest.
@Suite struct ReadinessDigestTests {
    @Test func everyFieldOfAChecklistIsDigested() throws {
        let project = try ProjectLoader.load(
            root: Repository.exampleProject.path, options: BuildOptions(useCache: false))
        let readiness = try #require(project.readiness.first)
        #expect(Set(Mirror(reflecting: readiness).children.compactMap(\.label)) == ReadinessDigest.readinessFields)
        let item = try #require(readiness.items.first)
        #expect(Set(Mirror(reflecting: item).children.compactMap(\.label)) == ReadinessDigest.itemFields)
        func digest(_ readiness: Readiness) -> String {
            var digest = StableDigest()
            ReadinessDigest.add(readiness, to: &digest)
            return digest.hex
        }
        let changes: [(String, (inout Readiness) -> Void)] = [
            ("model", { $0.model += 1 }), ("items", { $0.items.removeLast() }),
            ("id", { $0.items[0].id += "x" }), ("label", { $0.items[0].label += "x" }),
            ("passed", { $0.items[0].passed.toggle() }), ("detail", { $0.items[0].detail += "x" }),
            ("documents", { $0.items[0].documents.append(99) }), ("paths", { $0.items[0].paths.append("t.py") }),
        ]
        expectEveryFieldDigested(
            readiness, fields: ReadinessDigest.readinessFields.union(ReadinessDigest.itemFields), changes: changes,
            digest: digest)
    }
}

/// Expects `changes` to name every one of `fields`, and each change of `value` to give a digest
/// that neither `value` nor another change gives.
private func expectEveryFieldDigested<Value>(
    _ value: Value, fields: Set<String>, changes: [(String, (inout Value) -> Void)], digest: (Value) -> String,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    #expect(Set(changes.map(\.0)) == fields, "every field has a change", sourceLocation: sourceLocation)
    var seen: Set<String> = [digest(value)]
    for (field, change) in changes {
        var changed = value
        change(&changed)
        #expect(seen.insert(digest(changed)).inserted, "\(field)", sourceLocation: sourceLocation)
    }
}

/// The in-memory store (for `serve`): the same keys and the same bytes as a cold render.
@Suite struct MemoryBuildCacheTests {
    @Test func aSecondRenderFromMemoryRendersNothingAndGivesTheSameFiles() throws {
        let project = try ProjectLoader.load(
            root: Repository.exampleProject.path, options: BuildOptions(useCache: false))
        let theme = try Theme.load(name: project.config.theme, projectRoot: project.root)
        let cold = SiteBuilder.build(project: project, theme: theme)
        let memory = MemoryBuildCache()
        _ = SiteBuilder.build(project: project, theme: theme, cache: memory)
        #expect(memory.hits == 0 && memory.misses > 5 && memory.siteMisses > 5)
        memory.prune()
        let warm = SiteBuilder.build(project: project, theme: theme, cache: memory)
        #expect(memory.misses == 0 && memory.siteMisses == 0 && memory.hits > 5)
        #expect(warm.map(\.path) == cold.map(\.path))
        func bytes(_ file: SiteFile) -> [UInt8] {
            switch file.contents {
            case let .text(text): Array(text.utf8)
            case let .bytes(bytes): bytes
            case .written: []  // not streamed: SiteBuilder.build without `stream` keeps every file
            }
        }
        for (a, b) in zip(warm, cold) where bytes(a) != bytes(b) { Issue.record("\(a.path) differs") }
    }
}

/// Cache entries are read as untrusted input: never through a link, never a path outside the
/// folder an entry belongs to.
@Suite struct CachedFileBundleTests {
    @Test func aBundleRoundTripsAndRefusesPathsOutsideItsFolder() {
        let files = [
            SiteFile(path: "dossier/search/manifest.js", text: "m\n"),
            SiteFile(path: "dossier/search/t-0.js", bytes: [0, 10, 255]),
        ]
        let decoded = CachedFileBundle.decode(CachedFileBundle.encode(files), folder: "dossier/search/")
        #expect(decoded?.map(\.path) == files.map(\.path))
        var last: [UInt8] = []
        if case let .bytes(bytes)? = decoded?.last?.contents { last = bytes }
        #expect(last == [0, 10, 255])
        for path in [
            "dossier/search/../../../etc/x", "/etc/passwd", "dossier/other.js", "dossier/search/", "dossier/search//x",
            "dossier/search/a b", "dossier/search/é",
        ] {
            let forged = CachedFileBundle.encode([SiteFile(path: path, text: "x")])
            #expect(CachedFileBundle.decode(forged, folder: "dossier/search/") == nil, "\(path)")
        }
        var truncated = CachedFileBundle.encode(files)
        truncated.removeLast()
        #expect(CachedFileBundle.decode(truncated, folder: "dossier/search/") == nil)
        #expect(CachedFileBundle.decode(Array("dossier-bundle 1\n".utf8), folder: "dossier/search/") == nil)
    }

    @Test func anEntryThatIsALinkIsAMiss() throws {
        let folder = NSTemporaryDirectory() + "dossier-cache-link-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cache = try #require(BuildCache(folder: folder))
        let key = cache.key(["a page"])
        try "secret".write(toFile: folder + "/secret.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: folder + "/pages/" + key, withDestinationPath: folder + "/secret.txt")
        #expect(cache.lookup(key) == nil)
        cache.store(key + "x", text: "page")
        #expect(cache.lookup(key + "x") == Array("page".utf8))
    }
}
