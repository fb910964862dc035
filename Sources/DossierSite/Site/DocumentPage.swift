import DossierCore
import DossierMarkdown
import DossierModel

/// The view model of one document's page: everything the `document` template shows.
package struct DocumentPage {
    package let site: SiteContext
    package let index: Int

    /// The page of document `index` of `site`.
    package init(site: SiteContext, index: Int) {
        self.site = site
        self.index = index
    }

    package var document: Document { site.project.documents[index] }
    package var page: String { site.layout.pages[index] }

    /// The page; with `recording`, what its body asked of the page's links and where the body
    /// lies in the page are kept there (`ProseEdit`).
    package func render(theme: Theme, recording: BodyRecording? = nil) -> String {
        let linker = PageLinker(site: site, page: page, sourcePath: document.path)
        var view = content(linker: linker, recording: recording)
        view.root = ProjectPath.rootPrefix(for: page)
        let layout = site.layoutContext(
            page: page, title: document.title, pageType: "document",
            description: document.summary, currentDocument: index)
        return theme.render("document", view: view, layout: layout)
    }

    /// The Markdown body as HTML, with the schema or runs table rendered in place; with
    /// `recording`, the answers its links were given and its locator are kept there.
    package func bodyHTML(linker: PageLinker, dropTitle: Bool = true, recording: BodyRecording? = nil) -> String {
        guard let recording else { return bodyHTML(links: linker, page: linker.page, dropTitle: dropTitle) }
        let body = bodyHTML(
            links: BodyRecording.Recorder(links: linker, recording: recording), page: linker.page,
            dropTitle: dropTitle)
        recording.finish(body: body)
        return body
    }

    private func bodyHTML(links: some MarkdownLinkResolver, page: String, dropTitle: Bool) -> String {
        let allowRawHTML = site.project.config.unsafeHTML
        if let prepared = site.project.preparedBodies?.body(of: document.path) {
            return Self.preparedBodyHTML(
                prepared, document: document, links: links, page: page, dropTitle: dropTitle,
                allowRawHTML: allowRawHTML, graphviz: site.project.graphvizExecutable)
        }
        let tree = site.project.body(of: index).parsed()
        var replacements: [Int: String] = [:]
        if let ordinal = document.schemaTableOrdinal {
            // Description cells are inline Markdown (links, [[…]], code, emphasis), rendered like body text.
            let cellRenderer = HTMLRenderer(allowRawHTML: allowRawHTML)
            let descriptions = SchemaTableView.descriptionCells(of: document, body: tree).mapValues {
                cellRenderer.render($0, links: links)
            }
            replacements[ordinal] = SchemaTableView.html(document.schemaFields, descriptions: descriptions)
        }
        if let ordinal = document.runsTableOrdinal { replacements[ordinal] = RunsView.html(document) }
        var renderer = HTMLRenderer(
            allowRawHTML: allowRawHTML, tableReplacements: replacements,
            headingIDs: document.analysis.headings.map(\.id), dropFirstH1: dropTitle)
        renderer.graphviz = site.project.graphvizExecutable.map(GraphvizRenderer.init)
        let body = renderer.render(tree, links: links)
        return body + PageAssets.tags(for: body, root: ProjectPath.rootPrefix(for: page))
    }

    /// `bodyHTML` of a body rendered at load (`prepared`) for `document`'s page at `page`: the
    /// same HTML, closed for that page. Needs no site: `ProseEdit` fills an edited body with the
    /// answers its links were given (`ReplayingLinker`).
    package static func preparedBodyHTML(
        _ prepared: PreparedBodies.Body, document: Document, links: some MarkdownLinkResolver, page: String,
        dropTitle: Bool, allowRawHTML: Bool, graphviz: String?
    ) -> String {
        var replacements: [Int: String] = [:]
        if let ordinal = document.schemaTableOrdinal {
            let cells = PreparedHTML.Closing(allowRawHTML: allowRawHTML)
            let descriptions = prepared.descriptionCells.mapValues { $0.fill(links: links, closing: cells) }
            replacements[ordinal] = SchemaTableView.html(document.schemaFields, descriptions: descriptions)
        }
        if let ordinal = document.runsTableOrdinal { replacements[ordinal] = RunsView.html(document) }
        let closing = PreparedHTML.Closing(
            allowRawHTML: allowRawHTML, graphviz: graphviz.map(GraphvizRenderer.init),
            dropFirstH1: dropTitle, tableReplacements: replacements)
        let body = prepared.html.fill(links: links, closing: closing)
        return body + PageAssets.tags(for: body, root: ProjectPath.rootPrefix(for: page))
    }

    package func content(linker: PageLinker, recording: BodyRecording? = nil) -> DocumentView {
        let project = site.project
        let state = project.states[index]
        var view = DocumentView(
            title: document.title,
            kind: document.kind?.rawValue ?? "page",
            kindLabel: document.kind?.displayName,
            catalogHref: document.kind.map(SiteLayout.catalog),
            state: state.rawValue,
            status: document.status,
            summary: document.summary,
            path: document.path,
            body: bodyHTML(linker: linker, recording: recording),
            banner: banner(state: state))
        (view.badgeClass, view.badgeText) = StateTone.badge(state: state, findings: project.documentFindings[index])
        view.breadcrumbs = site.navigation.breadcrumbs(page: page, document: index)

        let card = FactsCard(linker: linker)
        // A model's summary shows its card's keys; the facts card keeps only the rest.
        view.facts = card.facts(for: document, skipping: document.kind == .model ? ModelCardView.summaryKeys : [])
        if document.kind == .model {
            view.modelCard = ModelCardView(site: site, linker: linker, document: document).html()
        }
        if document.kind == .pseudocode { view.pseudocodeIO = pseudocodeHTML(card: card) }
        if document.runsTableOrdinal == nil, !document.runs.isEmpty { view.runsTable = RunsView.html(document) }
        if document.kind == .experiment { view.runsChart = RunsView.chart(document) }
        view.dataProfile = DataGlance(site: site).html(for: index)
        if let readiness = site.project.readiness(of: index) {
            view.readiness = ReadinessView(site: site, linker: linker).html(readiness)
        }

        view.toc = tableOfContents(view)
        (view.outgoing, view.incoming) = relations(linker: linker)
        view.hasRelations = document.kind != nil || !view.outgoing.isEmpty || !view.incoming.isEmpty
        if document.kind != nil { view.graph = LineageView.neighbourhood(of: index, site: site, linker: linker) }

        view.code = document.codeReferences.map { reference in
            DocumentView.CodeReference(
                text: reference.text, key: reference.key,
                href: linker.repositoryURL(forReference: reference.text))
        }
        view.lastChange = project.lastChanges[index].map {
            DocumentView.Change(commit: $0.commit, date: $0.date, subject: $0.subject)
        }
        view.verified = document.verified.map { String($0.prefix(12)) }
        if let source = linker.repositoryURL(document.path) {
            view.sourceHref = source
            view.editHref = source.replacingOccurrences(of: "/blob/", with: "/edit/")
        }
        return view
    }

    /// The model card's and the body's h2 and h3 headings, then the runs table's; none when there
    /// are fewer than three.
    func tableOfContents(_ view: DocumentView) -> [DocumentView.TOCEntry] {
        var entries =
            TableOfContents.entries(in: view.modelCard ?? "")
            + TableOfContents.entries(headings: document.analysis.headings)
        if view.runsTable != nil { entries.append(TableOfContents.Entry(level: 2, id: "runs", html: "Runs")) }
        guard entries.count >= TableOfContents.minimumHeadings else { return [] }
        return entries.map { DocumentView.TOCEntry(level: $0.level, id: $0.id, html: $0.html) }
    }

    package func banner(state: HealthState) -> DocumentView.Banner? {
        // Project-wide conditions (no git, a shallow clone) are told once on the home and health pages.
        let findings = StateTone.pageFindings(site.project.documentFindings[index])
        guard !findings.isEmpty else { return nil }
        let tone = StateTone.badge(state: state, findings: findings)
        let heading: String
        switch state {
        case .fresh: heading = tone.text.prefix(1).uppercased() + tone.text.dropFirst() + " on this page"
        case .stale: heading = "Stale: what this page describes changed after it was last verified"
        case .broken: heading = "Broken: a reference on this page no longer resolves"
        case .drift: heading = "Drift: this page contradicts the files it describes"
        case .unknown: heading = "Unknown: there is no history to tell whether this page is current"
        }
        return DocumentView.Banner(
            state: tone.cssClass, heading: heading,
            findings: findings.map { finding in
                DocumentView.Finding(
                    severity: finding.severity.rawValue, message: HTML.message(finding.message),
                    location: "\(finding.location.path):\(finding.location.line)",
                    rule: finding.rule, ruleURL: site.project.config.ruleURL(finding.rule))
            })
    }

    package func relations(linker: PageLinker) -> ([DocumentView.RelationGroup], [DocumentView.RelationGroup]) {
        let index = site.project.index
        let documents = index.documents
        func item(_ target: Int, field: String?) -> DocumentView.Relation {
            // Fields read through the array: a copy of the `Document` would retain all of it.
            let anchor = field.flatMap { key in documents[target].schemaFields.first { $0.key == key }?.anchor }
            let kind = documents[target].kind
            return DocumentView.Relation(
                href: linker.url(document: target, anchor: anchor), title: documents[target].title,
                kind: kind?.rawValue ?? "page", kindLabel: kind?.displayName ?? "Page",
                field: field)
        }
        var outgoing: [DocumentView.RelationGroup] = []
        for relation in index.outgoing[self.index] {
            let label = Relation.outgoingLabel(
                key: relation.key, fromKind: document.kind, toKind: index.documents[relation.to].kind)
            if let i = outgoing.firstIndex(where: { $0.label == label }) {
                outgoing[i].items.append(item(relation.to, field: relation.field))
            } else {
                outgoing.append(
                    DocumentView.RelationGroup(label: label, items: [item(relation.to, field: relation.field)]))
            }
        }
        var incoming: [String: [DocumentView.Relation]] = [:]
        var seen = Set<Int>()
        for relation in index.backlinks[self.index] where seen.insert(relation.from).inserted {
            let label = Relation.incomingLabel(fromKind: index.documents[relation.from].kind)
            incoming[label, default: []].append(item(relation.from, field: relation.field))
        }
        let incomingGroups = incoming.keys.sorted().map { DocumentView.RelationGroup(label: $0, items: incoming[$0]!) }
        return (outgoing, incomingGroups)
    }

    package func pseudocodeHTML(card: FactsCard) -> String? {
        var out = ""
        for key in ["inputs", "outputs"] {
            guard let values = document[key]?.stringList, !values.isEmpty else { continue }
            out += "<h3>\(key.capitalized)</h3><ul class=\"io-list\">"
            for value in values {
                out += "<li>" + card.referenceHTML(value) + " <code class=\"muted\">\(HTML.escape(value))</code></li>"
            }
            out += "</ul>\n"
        }
        if let steps = document["steps"]?.list, !steps.isEmpty {
            out += "<h3>Steps</h3><ol class=\"steps\">"
            for step in steps { out += "<li>" + card.structuredHTML(step) + "</li>" }
            out += "</ol>\n"
        }
        if let components = document["components"]?.list, !components.isEmpty {
            out +=
                "<h3>Components</h3>" + HTML.tableWrap(label: "Components")
                + "<table><thead><tr><th>Component</th><th>Does</th><th>Implemented in</th></tr></thead><tbody>"
            for component in components {
                let implements = component["implements"]?.stringList?.map(card.pathHTML).joined(separator: ", ") ?? ""
                out +=
                    "<tr><td>\(HTML.escape(component["name"]?.scalarText ?? ""))</td><td>\(HTML.escape(component["does"]?.scalarText ?? ""))</td><td>\(implements)</td></tr>"
            }
            out += "</tbody></table></div>\n"
        }
        return out.isEmpty ? nil : out
    }
}
