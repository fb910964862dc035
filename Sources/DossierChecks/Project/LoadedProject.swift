import DossierCore
import DossierModel
import Foundation

/// A project after every stage but rendering: documents, graph, findings and health.
public struct LoadedProject: Sendable {
    package var root: URL
    package var config: ProjectConfig
    package var documents: [Document]
    package var index: DocumentIndex
    /// Every finding, sorted by file, line, column and rule.
    public var findings: [Finding]
    /// Findings per document (same order as `documents`).
    package var documentFindings: [[Finding]]
    /// The health state of each document: the worst state among its findings.
    package var states: [HealthState]
    /// Git facts per document (nil without history).
    package var lastChanges: [LastChange?]
    /// Where each document's page lives in the site.
    package var layout: SiteLayout
    /// The sidebar's tree of `documents` (`NavTree`, their pages in `layout` and `config.navTree`),
    /// made beside the checks (`ProjectLoader`) rather than on the render's critical path. Made
    /// again by whoever changes what it reads (a document's path, title or order, the layout).
    package var navTree: NavTree
    /// The output folder, absolute.
    public var outputURL: URL
    /// Project files the site publishes beside its pages (images the pages embed), decided and
    /// checked by `PublishedFiles`; the renderer copies exactly these.
    package var publishedFiles: [String] = []
    /// Graphviz's `dot`, when installed: ```` ```dot ```` blocks are drawn with it.
    package var graphvizExecutable: String?
    /// Per document (same order as `documents`), its schema sample's profile and first rows,
    /// computed by the drift check's single read of the sample (`DriftChecks.checkProfiling`).
    package var samples: [SampleProfile?] = []
    /// Every data file a document references (schema samples included), by path, profiled once.
    package var dataFiles: [String: SampleProfile] = [:]
    /// Digests of the profiles above as the build's sample profile memo has them, for the site's
    /// cache key (`ProfileDigests`: one is used only for the very profile it was made of).
    package var profileDigests = ProfileDigests()
    /// The "ready for production?" checklist of every model document, in document order.
    package var readiness: [Readiness] = []
    /// Where `repository` comes from: made on a thread of its own (`ProjectLoader`), beside what
    /// the build does before its first page reads it.
    package var repositoryMap = RepositoryMapSource(RepositoryMap())

    /// The project's tree explained, for the Repository page and the coverage figure. The first
    /// read waits for the map, when it is still being made.
    package var repository: RepositoryMap {
        get { repositoryMap.value }
        set { repositoryMap = RepositoryMapSource(newValue) }
    }

    /// The checklist of the model document at `index`, nil for other documents. A binary search
    /// (the list is in document order): every page asks, and a scan made pages × models.
    package func readiness(of index: Int) -> Readiness? {
        var low = 0
        var high = readiness.count
        while low < high {
            let mid = (low + high) / 2
            if readiness[mid].model < index { low = mid + 1 } else { high = mid }
        }
        return low < readiness.count && readiness[low].model == index ? readiness[low] : nil
    }
    /// False when the build must not read or write the build cache: `--no-cache`, or a cache
    /// whose files git tracks (`CommittedCacheCheck`).
    package var cacheTrusted = true
    /// A digest of each document's source bytes (same order as `documents`), for build-cache keys.
    package var sourceDigests: [String] = []
    /// Reads the bodies the load left in their files (`DocumentBody.deferred`); nil when it left none.
    package var deferredBodies: DeferredBodies?
    /// The bodies the load rendered (`PreparedBodies`), by path; a page whose body is not there
    /// parses it (`body(of:)`). Nil outside a build.
    package var preparedBodies: PreparedBodies?

    /// Reads the search texts the load passed over (`DocumentMemoFile.lookup(_:)`); nil when it
    /// passed over none. Let go of with the other texts (`dropSearchText`).
    package var deferredTexts: DocumentMemoFile.DeferredTexts?

    /// The body of document `index` as its page shows it: one the load left in its file is read
    /// now, and only if the file still has the bytes its page is keyed with (`DeferredBodies`).
    package func body(of index: Int) -> DocumentBody {
        guard case let .deferred(length) = documents[index].body else { return documents[index].body }
        guard let deferredBodies else { return .markdown("") }
        return deferredBodies.read(documents[index].path, length: length, source: sourceDigests[index])
    }

    /// Drops the documents' search text (`analysis.text`: the body as plain text, about 20 MB at
    /// 10,000 documents) once the search index, its only reader, is written, so the pages render
    /// without it (issue 15). `documents` and `index.documents` share one array again after.
    ///
    /// Texts holding fewer than `minimumBytes` in all are kept: emptying one copies the whole
    /// document array while another thread still holds it (the repository map's), which after an
    /// edit (one text held, the others passed over at load) cost more than the text it freed.
    package mutating func dropSearchText(minimumBytes: Int = 0) {
        deferredTexts = nil
        var held = 0
        for i in documents.indices { held += documents[i].analysis.text.utf8.count }
        guard held > 0, held >= minimumBytes else { return }
        // `documents` let go of first: while it shares the index's array, emptying a text in the
        // index's copied all 10,000 documents (copy-on-write), then released the old array whole.
        documents = []
        index.dropSearchText()
        documents = index.documents
    }

    /// What `dropSearchText(minimumBytes:)` is worth calling with: the size of a copy of the
    /// document array (at 10,000 documents about 5 MB).
    package var searchTextWorthDropping: Int { documents.count * MemoryLayout<Document>.stride }

    public var errorCount: Int { findings.filter { $0.severity == .error }.count }
    public var warningCount: Int { findings.filter { $0.severity == .warning }.count }

    /// `strict:` from dossier.yml or `--strict`: warnings fail the run too.
    public var strict: Bool { config.strict }

    /// The health state of the document at `path`, nil when no document is there.
    public func documentState(of path: String) -> HealthState? {
        index.byPath[path].map { states[$0] }
    }

    /// True when the findings fail the run: any error, or any warning under strict.
    public func fails(strict: Bool) -> Bool {
        errorCount > 0 || (strict && warningCount > 0)
    }
}

extension LoadedProject {
    /// A project known only by its settings and its findings: what a build reports when nothing
    /// changed since the last one (`BuildReceipt`), without reading a document.
    package init(settings: ProjectSettings, findings: [Finding]) {
        self.init(
            root: settings.root, config: settings.config, documents: [], index: DocumentIndex(documents: []),
            findings: findings, documentFindings: [], states: [], lastChanges: [],
            layout: SiteLayout(documents: []), navTree: NavTree(documents: [], pages: [], homeDocument: nil, nav: []),
            outputURL: settings.outputURL)
    }
}
