import DossierChecks
import DossierCore
import DossierModel

/// The build-cache keys of the site-wide pages (home, catalogs, experiments, health,
/// repository, not-found) and of the search index, so a build where nothing they show changed
/// takes them from the cache instead of rendering them again.
///
/// The listing pages show, of every document, what `PageCacheKeys.site` digests (its face:
/// title, kind, state, front matter, runs, schema, headings, links) plus its findings, last
/// change and badge, the project-wide findings and the repository map; the home page also
/// renders the home document's body. A prose edit of any other document changes none of
/// that, so only the search index (which indexes bodies) renders again.
package struct SiteWideCacheKeys {
    /// The digest of everything the listing pages show.
    package let listing: String
    /// The home document's source digest: only the home page renders its body.
    private let home: String

    package init(site: String, project: LoadedProject) {
        self.init(site: site, shown: Self.shown(of: project), project: project)
    }

    /// `init(site:project:)` with `shown` already `shown(of: project)` (made beside the page keys,
    /// which `site` comes from: `SiteBuilder.build`).
    package init(site: String, shown: StableDigest, project: LoadedProject) {
        var digest = StableDigest()
        digest.add("listing")
        digest.add(site)
        digest.add(digest: shown)
        listing = digest.hex
        // The home page renders the home document's body, which the face leaves out.
        if let index = project.layout.homeDocument, index < project.sourceDigests.count {
            home = "home " + project.sourceDigests[index]
        } else {
            home = "no home"
        }
    }

    /// What the listing pages show beyond `PageCacheKeys.site`: every finding, the git facts and
    /// the repository map.
    package static func shown(of project: LoadedProject) -> StableDigest {
        var digest = StableDigest()
        digest.add("findings \(project.findings.count)")
        for finding in project.findings { Self.add(finding, to: &digest) }
        for (i, findings) in project.documentFindings.enumerated() {
            digest.add("document")
            digest.add(integer: i)
            digest.add(integer: findings.count)
            for finding in findings { Self.add(finding, to: &digest) }
        }
        for change in project.lastChanges {
            guard let change else {
                digest.add("\u{0}")
                continue
            }
            digest.add(change.commit)
            digest.add(change.date)
            digest.add(change.subject)
        }
        let map = project.repository
        digest.add("repository \(map.entries.count) \(map.coveredFiles) \(map.countedFiles) \(map.truncated)")
        // Field by field (each `add` is length-marked): joining them into one string first made
        // strings for every entry of the map on every build.
        for entry in map.entries {
            digest.add(entry.path)
            digest.add(entry.name)
            digest.add(integer: entry.depth)
            digest.add(integer: entry.isDirectory ? 1 : 0)
            digest.add(entry.explanation ?? "\u{0}")
            digest.add(entry.source?.rawValue ?? "-")
            digest.add(integer: entry.referencedBy.count)
            for index in entry.referencedBy { digest.add(integer: index) }
            digest.add(entry.category?.rawValue ?? "-")
            digest.add(integer: entry.hiddenBelow)
            digest.add(integer: entry.coveredAround ? 1 : 0)
        }
        return digest
    }

    /// The key parts of the listing page at `path`.
    package func parts(page path: String) -> [String] {
        path == SiteLayout.home ? ["site page", listing, path, home] : ["site page", listing, path]
    }

    /// The key parts of chunk `chunk` of the search index (`SearchIndex.chunk`), made of `entries`:
    /// the entries themselves, every field the index reads, so the key is exactly its input.
    package static func searchChunkParts(chunk: Int, entries: [SearchEntry]) -> [String] {
        var digest = StableDigest()
        digest.add(integer: chunk)
        digest.add(integer: entries.count)
        for entry in entries {
            digest.add(entry.url)
            digest.add(entry.title)
            digest.add(entry.kind)
            digest.add(entry.text)
            digest.add(entry.snippet)
            for list in [entry.headings, entry.fields, entry.params, entry.definitions, entry.facts] {
                digest.add(integer: list.count)
                for item in list { digest.add(item) }
            }
            digest.add(integer: entry.anchors.count)
            for anchor in entry.anchors {
                digest.add(anchor.label)
                digest.add(anchor.id)
                digest.add(anchor.kind)
            }
        }
        return ["search chunk", digest.hex]
    }

    /// The key parts of chunk `chunk` of the search index, holding `documents`, made without their
    /// search entries: a document's entry (`SiteBuilder.searchEntry`) is made of its page path, its
    /// loaded text (from its source bytes and the configuration) and its face (`PageCacheKeys.faces`:
    /// title, kind, front matter, schema, runs, headings), so those digests key it. After a prose
    /// edit only the edited document's chunk makes its entries again; made from the entries, every
    /// key cost every document's entry (a tenth of an edit build's render at 10,000 documents).
    /// Nil when the project lacks a source digest or a face for some document (then the entries key it).
    package static func searchChunkParts(
        chunk: Int, documents: Range<Int>, project: LoadedProject, faces: [StableDigest], config: String
    ) -> [String]? {
        guard project.sourceDigests.count == project.documents.count, faces.count == project.documents.count,
            project.layout.pages.count >= project.documents.count
        else { return nil }
        var digest = StableDigest()
        digest.add(integer: chunk)
        digest.add(integer: documents.count)
        digest.add(config)
        for i in documents {
            digest.add(project.layout.pages[i])
            digest.add(project.documents[i].path)
            digest.add(project.sourceDigests[i])
            digest.add(digest: faces[i])
        }
        return ["search chunk by source", digest.hex]
    }

    /// The key parts of the whole search index of `count` documents whose chunks have the keys
    /// `chunkKeys` (`searchChunkParts`, salted by the store): its input is theirs.
    package static func searchParts(count: Int, chunkKeys: [String]) -> [String] {
        var digest = StableDigest()
        digest.add(integer: count)
        for key in chunkKeys { digest.add(key) }
        return ["search index", digest.hex]
    }

    private static func add(_ finding: Finding, to digest: inout StableDigest) {
        let location = finding.location
        digest.add(finding.severity.rawValue)
        digest.add(finding.rule)
        digest.add(finding.message)
        digest.add(location.path)
        digest.add(integer: location.line)
        digest.add(integer: location.column)
        digest.add(finding.state?.rawValue ?? "-")
    }
}
