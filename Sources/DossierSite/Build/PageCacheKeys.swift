import DossierChecks
import DossierCore
import DossierFormats
import DossierModel

/// The build-cache keys of document pages. A key digests everything the page can show, taken
/// conservatively: the page's own source bytes, findings and last change, plus a site-wide part
/// (config, theme, page layout, published files, the link graph, and each document's title,
/// kind, state, front matter, schema, runs and headings — what other pages' navigation, relations,
/// lineage and facts cards show of it). An edit of a document's prose re-renders its own page
/// only; an edit that changes what other pages show of it re-renders every page.
package struct PageCacheKeys {
    /// The digest of the site-wide inputs.
    package let site: String

    /// The stored properties of `LoadedProject` these keys account for. A test fails when the
    /// project gains one not listed: a page that shows something new must have it in its key
    /// (or the cache would serve the old page), so whoever adds it decides here.
    package static let coveredProjectFields: Set<String> = [
        "root", "config", "documents", "index", "findings", "documentFindings", "states", "lastChanges", "layout",
        "outputURL", "publishedFiles", "sourceDigests", "graphvizExecutable", "samples", "dataFiles", "readiness",
        // Digests of `samples` and `dataFiles`, each used only for the profile it was made of.
        "profileDigests",
        // The Repository page and the coverage figure are on site-wide pages, which always render.
        "repositoryMap", "cacheTrusted",
        // Reads bodies that are the source digest's bytes, or fails the build (`DeferredBodies`).
        "deferredBodies",
        // Rendered at load from the very bytes the source digest is taken of.
        "preparedBodies",
        // Reads the search texts saved with the source digest's document, or fails the build
        // (`DocumentMemoFile.DeferredTexts`): the search chunks are keyed by that digest.
        "deferredTexts",
        // Made of the documents' paths, titles and front matter (`order`), the page paths and
        // `config.navTree`: each in the faces, the pages or the configuration digest.
        "navTree",
    ]
    /// Likewise for `Document`: the body and analysis are covered by the source digest on the
    /// document's own page, and by the face (headings) on other pages; locations are not shown.
    /// The search index's chunk keys rely on the same split (source digest + face).
    package static let coveredDocumentFields: Set<String> = [
        "path", "id", "kind", "title", "summary", "owners", "status", "tags", "frontMatter", "body", "analysis",
        "bodyLineOffset", "references", "codeReferences", "verified", "verifiedFingerprints", "verifiedLocation",
        "schemaFields", "schemaTableOrdinal", "runs", "runsTableOrdinal", "selectionMetric", "selected",
        "selectedLocation", "findings",
        // A notebook's figures: written from its source, which the source digest covers.
        "attachments",
    ]

    /// `faces` are `Self.faces(of: context.project)` when the caller has them already (the search
    /// index's chunk keys use them too); they are made here otherwise.
    package init(site context: SiteContext, themeFingerprint: String, faces: [StableDigest]? = nil) {
        let pieces = Self.pieces(of: context.project)
        let digests = pieces.parallelMap { Self.digest($0, site: context, faces: faces) }
        self.init(site: context, themeFingerprint: themeFingerprint, pieces: digests)
    }

    /// The keys from `pieces`, the digests of `pieces(of: context.project)` in their order
    /// (`digest(_:site:faces:)`), which a caller may make alongside other work on every core.
    package init(site context: SiteContext, themeFingerprint: String, pieces: [StableDigest]) {
        let project = context.project
        var digest = StableDigest()
        digest.add(themeFingerprint)
        digest.add(Self.configDigest(project.config))
        digest.add(project.graphvizExecutable ?? "\u{0}")
        for piece in pieces { digest.add(digest: piece) }
        site = digest.hex
    }

    /// A part of the site digest, made apart from the others. What generated sections show:
    /// readiness checklists (model pages), data profiles (schema and labeling pages and pages
    /// linking data files), not by reflection (`ReadinessDigest`, `SampleProfileDigest`):
    /// reflection over every one took seconds at 10,000 documents. The profiles were still most
    /// of this digest's time, on the main thread while the other cores idled: they are cut into
    /// pieces digested on every core, beside the rest, each added as a digest. (A profile the
    /// build's memo has a digest of is now added by that digest, `LoadedProject.profileDigests`.)
    package enum Piece: Sendable {
        /// The profiles of the data files at these paths (in path order).
        case dataFiles([String])
        /// The sample profiles of the documents in this range.
        case samples(Range<Int>)
        /// Everything else (`addRest`).
        case rest
    }

    /// `project`'s pieces, in the order their digests are added.
    package static func pieces(of project: LoadedProject) -> [Piece] {
        let paths = project.dataFiles.keys.sorted()
        let cuts = 4
        var pieces: [Piece] = [.rest]
        for c in 0..<cuts {
            let range = (paths.count * c / cuts)..<(paths.count * (c + 1) / cuts)
            if !range.isEmpty { pieces.append(.dataFiles(Array(paths[range]))) }
        }
        let count = project.samples.count
        for c in 0..<cuts {
            let range = (count * c / cuts)..<(count * (c + 1) / cuts)
            if !range.isEmpty { pieces.append(.samples(range)) }
        }
        return pieces
    }

    /// The digest of `piece` of the site `context` renders.
    package static func digest(_ piece: Piece, site context: SiteContext, faces: [StableDigest]?) -> StableDigest {
        let project = context.project
        var digest = StableDigest()
        switch piece {
        case let .dataFiles(paths):
            Self.addDataFileProfiles(project.dataFiles, paths: paths, known: project.profileDigests, to: &digest)
        case let .samples(range):
            Self.addSampleProfiles(
                project.samples[range], dataFiles: project.dataFiles, known: project.profileDigests, to: &digest)
        case .rest:
            let given = faces.flatMap { $0.count == project.documents.count ? $0 : nil }
            Self.addRest(of: context, faces: given, to: &digest)
        }
        return digest
    }

    /// What `init` digests besides the theme, the configuration and the profiles.
    private static func addRest(of context: SiteContext, faces given: [StableDigest]?, to digest: inout StableDigest) {
        let project = context.project
        for readiness in project.readiness { ReadinessDigest.add(readiness, to: &digest) }
        digest.add(project.outputURL.path)
        digest.add(context.repoPathPrefix)
        digest.add(context.navigation.siteTitle)
        for path in context.copiedFiles.sorted() { digest.add(path) }
        // The link graph (backlinks are the same edges seen from the other end).
        for (from, relations) in project.index.outgoing.enumerated() {
            digest.add("\u{0}from")
            digest.add(integer: from)
            digest.add(integer: relations.count)
            for relation in relations {
                digest.add(integer: relation.to)
                digest.add(relation.key)
                digest.add(relation.field ?? "\u{0}")
            }
        }
        let faces = given ?? Self.faces(of: project)
        for i in project.documents.indices {
            digest.add(context.layout.pages[i])
            digest.add(project.states[i].rawValue)
            // Navigation shows a fresh document's warnings or errors, not only its state.
            digest.add(StateTone.badge(state: project.states[i], findings: project.documentFindings[i]).cssClass)
            digest.add(digest: faces[i])
        }
    }

    /// The data files' profiles by path, then each document's sample profile. A schema's sample
    /// is among the data files too (`ProjectChecks.linkedDataFiles`), the very same value: it is
    /// then named by its path, its profile being in the digest already. Comparing is cheap (the
    /// two share their storage); digesting every sample twice was not, at 10,000 documents.
    /// `known`: digests of profiles made already (`LoadedProject.profileDigests`).
    package static func addProfiles(
        dataFiles: [String: SampleProfile], samples: [SampleProfile?], known: ProfileDigests = ProfileDigests(),
        to digest: inout StableDigest
    ) {
        addDataFileProfiles(dataFiles, paths: dataFiles.keys.sorted(), known: known, to: &digest)
        addSampleProfiles(samples[...], dataFiles: dataFiles, known: known, to: &digest)
    }

    /// The data files' part of `addProfiles`, for the files at `paths`.
    static func addDataFileProfiles(
        _ dataFiles: [String: SampleProfile], paths: [String], known: ProfileDigests, to digest: inout StableDigest
    ) {
        for path in paths {
            digest.add(path)
            SampleProfileDigest.add(dataFiles[path], known: known, to: &digest)
        }
    }

    /// The samples' part of `addProfiles`.
    static func addSampleProfiles(
        _ samples: ArraySlice<SampleProfile?>, dataFiles: [String: SampleProfile], known: ProfileDigests,
        to digest: inout StableDigest
    ) {
        for sample in samples {
            if let sample, dataFiles[sample.path] == sample {
                digest.add("\u{0}data file")
                digest.add(sample.path)
            } else {
                SampleProfileDigest.add(sample, known: known, to: &digest)
            }
        }
    }

    /// Each document's face (`addLoadedFace` and `addRuns`: what other pages, and the search index beside its body,
    /// show of it) as a digest, made on every core. A prose edit changes no face, so the search
    /// index's chunk keys (`SiteWideCacheKeys.searchChunkParts(chunk:documents:project:faces:config:)`)
    /// are made from these and the source digests instead of from every document's search entry.
    package static func faces(of project: LoadedProject) -> [StableDigest] {
        faces(of: project, saved: nil).faces
    }

    /// `faces(of:)`, and each document's loaded face (`loadedFace(of:)`: all of its face but the
    /// runs, which the checks join after loading) to save with the document (`DocumentMemoFile`).
    /// `saved` holds the loaded faces saved with the documents taken from the build cache (nil
    /// for the others, same order as the documents): those are not made again (at 10,000
    /// documents the faces were 324 M instructions of a build after one edit, on every core).
    package static func faces(
        of project: LoadedProject, saved: [StableDigest?]?
    ) -> (faces: [StableDigest], loaded: [StableDigest]) {
        let saved = saved.flatMap { $0.count == project.documents.count ? $0 : nil }
        let made = Array(project.documents.indices).parallelMap { i -> (StableDigest, StableDigest) in
            let loaded = saved?[i] ?? loadedFace(of: project.documents[i])
            var face = StableDigest()
            face.add(digest: loaded)
            addRuns(of: project.documents[i], to: &face)
            return (face, loaded)
        }
        return (made.map(\.0), made.map(\.1))
    }

    /// What other pages can show of `document` as it loads, all of it a function of the loaded
    /// document (so it can be saved with it): its face but the runs.
    package static func loadedFace(of document: Document) -> StableDigest {
        var digest = StableDigest()
        addLoadedFace(of: document, to: &digest)
        return digest
    }

    /// The configuration as a digest: every page's key holds it (a document's load and its
    /// search entry depend on it too).
    package static func configDigest(_ config: ProjectConfig) -> String {
        var digest = StableDigest()
        // A dictionary's description has no stable order, so `structure` is added sorted.
        var config = config
        let structure = config.structure
        config.structure = [:]
        digest.add(String(describing: config))
        for key in structure.keys.sorted() { digest.add(key + "\u{1F}" + structure[key]!) }
        return digest.hex
    }

    /// The key parts of document `index`'s page.
    package func parts(index: Int, project: LoadedProject) -> [String] {
        let source = index < project.sourceDigests.count ? project.sourceDigests[index] : ""
        var parts = ["document", site, String(index), project.documents[index].path, source]
        // Field by field, not `String(describing:)`: reflection is slow enough to matter here.
        for finding in project.documentFindings[index] {
            let location = finding.location
            parts.append(
                [
                    finding.severity.rawValue, finding.rule, finding.message, location.path, String(location.line),
                    String(location.column), finding.state?.rawValue ?? "-",
                ].joined(separator: "\u{1F}"))
        }
        parts.append(project.lastChanges[index].map { "\($0.commit)\u{1F}\($0.date)\u{1F}\($0.subject)" } ?? "\u{0}")
        return parts
    }

    /// What other pages can show of `document` (its face, with `addRuns`): everything but its
    /// body, its analysis (bar the headings, which anchors point at) and source locations inside
    /// the body. All but the runs, which the checks change after loading (tracker runs, recorded
    /// metrics, drifted cells): this part depends on the loaded document alone.
    private static func addLoadedFace(of document: Document, to digest: inout StableDigest) {
        digest.add(document.path)
        digest.add(document.id)
        digest.add(document.kind?.rawValue ?? "-")
        digest.add(document.title)
        digest.add(document.summary ?? "\u{0}")
        // Each field on its own (every `add` is length-marked) and counts before lists: joining
        // them into one string first made a string per field of every document on every build.
        digest.add(integer: document.owners.count)
        for owner in document.owners { digest.add(owner) }
        digest.add(document.status ?? "\u{0}")
        digest.add(integer: document.tags.count)
        for tag in document.tags { digest.add(tag) }
        addYAML(document.frontMatter, to: &digest)
        digest.add(integer: document.references.count)
        for reference in document.references {
            digest.add(reference.key)
            digest.add(reference.target)
            digest.add(reference.kindHint?.rawValue ?? "-")
            digest.add(reference.path ?? "\u{0}")
            digest.add(reference.anchor ?? "\u{0}")
        }
        digest.add(integer: document.codeReferences.count)
        for reference in document.codeReferences {
            digest.add(reference.key)
            digest.add(reference.text)
        }
        digest.add(document.verified ?? "\u{0}")
        digest.add(integer: document.verifiedFingerprints?.count ?? -1)
        for (key, value) in (document.verifiedFingerprints ?? [:]).sorted(by: { $0.key < $1.key }) {
            digest.add(key)
            digest.add(value)
        }
        // Fields one by one, not `String(describing:)`: reflection cost a fifth of a warm build.
        digest.add(integer: document.schemaFields.count)
        digest.add(integer: document.schemaTableOrdinal ?? -1)
        for field in document.schemaFields {
            for text in [field.key, field.entity ?? "\u{0}", field.name, field.rawType, field.rawLevel] {
                digest.add(text)
            }
            digest.add(field.description)
            digest.add(field.nullable.map { $0 ? "1" : "0" } ?? "-")
            digest.add(integer: field.values.count)
            for value in field.values { digest.add(value) }
            if let range = field.range {
                digest.add("range \(range.lowerBound) \(range.upperBound)")
            } else {
                digest.add("-")
            }
        }
        digest.add(integer: document.runsTableOrdinal ?? -1)
        if let metric = document.selectionMetric {
            digest.add(metric.name)
            digest.add(integer: metric.maximize ? 1 : 0)
        } else {
            digest.add("\u{0}")
        }
        digest.add(document.selected ?? "\u{0}")
        digest.add(integer: document.analysis.headings.count)
        for heading in document.analysis.headings {
            digest.add(integer: heading.level)
            digest.add(heading.id)
            digest.add(heading.text)
        }
    }

    /// The runs' part of the face (after loading, the checks join tracker runs and drifted cells).
    private static func addRuns(of document: Document, to digest: inout StableDigest) {
        digest.add(integer: document.runs.count)
        for run in document.runs {
            digest.add(run.name)
            digest.add(run.model ?? "\u{0}")
            digest.add(run.recordedIn ?? "\u{0}")
            digest.add(integer: run.isDocumented ? 1 : 0)
            digest.add(integer: run.params.count)
            for value in run.params {
                digest.add(value.key)
                digest.add(value.text)
            }
            digest.add(integer: run.metrics.count)
            for value in run.metrics {
                digest.add(value.key)
                digest.add(value.text)
            }
            // Drifted cells show the recorded value (RunsView).
            digest.add(integer: run.drift.count)
            for drift in run.drift {
                for text in [drift.column.rawValue, drift.key, drift.recorded, drift.source] { digest.add(text) }
            }
        }
    }

    /// A YAML value's shape and scalar texts (not its source lines, which a body edit can move).
    /// Each marker and text added on its own (every `add` is length-marked): joined first, they
    /// made a string per value, about half of the faces' 324 M instructions in a build after one
    /// edit at 10,000 documents.
    private static func addYAML(_ value: YAMLValue?, to digest: inout StableDigest) {
        guard let value else { return digest.add("\u{0}none") }
        switch value.content {
        case .null: digest.add("\u{0}null")
        case .bool, .int, .float:
            digest.add("\u{0}scalar")
            digest.add(value.text)
        case let .string(text):
            digest.add("\u{0}string")
            digest.add(text)
        case let .list(items):
            digest.add("\u{0}list")
            digest.add(integer: items.count)
            for item in items { addYAML(item, to: &digest) }
        case let .map(entries):
            digest.add("\u{0}map")
            digest.add(integer: entries.count)
            for entry in entries {
                digest.add(entry.key)
                addYAML(entry.value, to: &digest)
            }
        }
    }
}
