import DossierCore
import DossierMarkdown
import DossierModel

/// The view model of one document's page: everything the `document` template shows.
package struct DocumentPage {
    package let site: SiteContext
    package let index: Int

    package var document: Document { site.project.documents[index] }
    package var page: String { site.layout.pages[index] }

    package func render(theme: Theme) -> String {
        let linker = PageLinker(site: site, page: page, sourcePath: document.path)
        var context = content(linker: linker)
        context["root"] = ProjectPath.rootPrefix(for: page)
        let layout = site.layoutContext(page: page, title: document.title, pageType: "document",
                                        description: document.summary, currentDocument: index,
                                        currentKind: document.kind?.rawValue ?? "page")
        return theme.render("document", context: context, layout: layout)
    }

    /// The Markdown body as HTML, with the schema or runs table rendered in place.
    package func bodyHTML(linker: PageLinker, dropTitle: Bool = true) -> String {
        var replacements: [Int: String] = [:]
        if let ordinal = document.schemaTableOrdinal { replacements[ordinal] = SchemaTableView.html(document.schemaFields) }
        if let ordinal = document.runsTableOrdinal { replacements[ordinal] = RunsView.html(document) }
        let renderer = HTMLRenderer(allowRawHTML: site.project.config.unsafeHTML, tableReplacements: replacements,
                                    headingIDs: document.analysis.headings.map(\.id), dropFirstH1: dropTitle)
        return renderer.render(document.body, links: linker)
    }

    package func content(linker: PageLinker) -> [String: Any] {
        let project = site.project
        let state = project.states[index]
        var context: [String: Any] = [
            "title": document.title,
            "kind": document.kind?.rawValue ?? "page",
            "state": state.rawValue,
            "path": document.path,
            "body": bodyHTML(linker: linker),
        ]
        if let kind = document.kind {
            context["kindLabel"] = kind.displayName
            context["catalogHref"] = SiteLayout.catalog(kind)
        }
        if let status = document.status { context["status"] = status }
        if let summary = document.summary { context["summary"] = summary }
        if let banner = banner(state: state) { context["banner"] = banner }

        let card = FactsCard(linker: linker)
        let facts = card.facts(for: document)
        context["facts"] = facts
        context["hasFacts"] = !facts.isEmpty
        if document.kind == .model { context["modelCard"] = ModelCardView(site: site, linker: linker, document: document).html() }
        if document.kind == .pseudocode { context["pseudocodeIO"] = pseudocodeHTML(card: card) }
        if document.runsTableOrdinal == nil, !document.runs.isEmpty { context["runsTable"] = RunsView.html(document) }

        let (outgoing, incoming) = relations(linker: linker)
        context["outgoing"] = outgoing
        context["incoming"] = incoming
        context["hasRelations"] = document.kind != nil || !outgoing.isEmpty || !incoming.isEmpty
        if document.kind != nil, let graph = LineageView.neighbourhood(of: index, site: site, linker: linker) {
            context["graph"] = graph
        }

        let code = document.codeReferences.map { reference -> [String: Any] in
            var item: [String: Any] = ["text": reference.text, "key": reference.key, "href": false]
            if let href = linker.repositoryURL(forReference: reference.text) { item["href"] = href }
            return item
        }
        context["code"] = code
        context["hasCode"] = !code.isEmpty
        if let change = project.lastChanges[index] {
            context["lastChange"] = ["commit": change.commit, "date": change.date, "subject": change.subject]
        }
        if let verified = document.verified { context["verified"] = String(verified.prefix(12)) }
        if let source = linker.repositoryURL(document.path) {
            context["sourceHref"] = source
            context["editHref"] = source.replacingOccurrences(of: "/blob/", with: "/edit/")
        }
        return context
    }

    package func banner(state: HealthState) -> [String: Any]? {
        let findings = site.project.documentFindings[index]
        guard state != .fresh || !findings.isEmpty else { return nil }
        let heading: String
        switch state {
        case .fresh: heading = "Warnings"
        case .stale: heading = "Stale: what this page describes changed after it was last verified"
        case .broken: heading = "Broken: a reference on this page no longer resolves"
        case .drift: heading = "Drift: this page contradicts the files it describes"
        case .unknown: heading = "Unknown: there is no history to tell whether this page is current"
        }
        return [
            "state": state.rawValue,
            "heading": heading,
            "findings": findings.map { finding -> [String: Any] in
                ["severity": finding.severity.rawValue, "message": HTML.message(finding.message),
                 "where": "\(finding.location.path):\(finding.location.line)"]
            },
        ]
    }

    package func relations(linker: PageLinker) -> ([[String: Any]], [[String: Any]]) {
        let index = site.project.index
        func item(_ target: Int, field: String?) -> [String: Any] {
            let doc = index.documents[target]
            var entry: [String: Any] = [
                "href": linker.url(document: target, anchor: field.flatMap { key in doc.schemaFields.first { $0.key == key }?.anchor }),
                "title": doc.title, "kind": doc.kind?.rawValue ?? "page", "kindLabel": doc.kind?.displayName ?? "Page",
            ]
            entry["field"] = field ?? false  // set even when absent, so it is not looked up outside the item
            return entry
        }
        var outgoing: [(String, [[String: Any]])] = []
        for relation in index.outgoing[self.index] {
            let label = Relation.outgoingLabel(key: relation.key, fromKind: document.kind, toKind: index.documents[relation.to].kind)
            if let i = outgoing.firstIndex(where: { $0.0 == label }) {
                outgoing[i].1.append(item(relation.to, field: relation.field))
            } else {
                outgoing.append((label, [item(relation.to, field: relation.field)]))
            }
        }
        var incoming: [String: [[String: Any]]] = [:]
        var seen = Set<Int>()
        for relation in index.backlinks[self.index] where seen.insert(relation.from).inserted {
            let label = Relation.incomingLabel(fromKind: index.documents[relation.from].kind)
            incoming[label, default: []].append(item(relation.from, field: relation.field))
        }
        let incomingGroups = incoming.keys.sorted().map { ["label": $0, "items": incoming[$0]!] as [String: Any] }
        return (outgoing.map { ["label": $0.0, "items": $0.1] }, incomingGroups)
    }

    package func pseudocodeHTML(card: FactsCard) -> String? {
        var out = ""
        for key in ["inputs", "outputs"] {
            guard let values = document[key]?.stringList, !values.isEmpty else { continue }
            out += "<h3>\(key.capitalized)</h3><ul class=\"io-list\">"
            for value in values { out += "<li>" + card.referenceHTML(value) + " <code class=\"muted\">\(HTML.escape(value))</code></li>" }
            out += "</ul>\n"
        }
        if let steps = document["steps"]?.list, !steps.isEmpty {
            out += "<h3>Steps</h3><ol class=\"steps\">"
            for step in steps { out += "<li>" + card.structuredHTML(step) + "</li>" }
            out += "</ol>\n"
        }
        if let components = document["components"]?.list, !components.isEmpty {
            out += "<h3>Components</h3><div class=\"table-wrap\"><table><thead><tr><th>Component</th><th>Does</th><th>Implemented in</th></tr></thead><tbody>"
            for component in components {
                let implements = component["implements"]?.stringList?.map(card.pathHTML).joined(separator: ", ") ?? ""
                out += "<tr><td>\(HTML.escape(component["name"]?.scalarText ?? ""))</td><td>\(HTML.escape(component["does"]?.scalarText ?? ""))</td><td>\(implements)</td></tr>"
            }
            out += "</tbody></table></div>\n"
        }
        return out.isEmpty ? nil : out
    }
}
