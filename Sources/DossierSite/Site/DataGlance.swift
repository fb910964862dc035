import DossierChecks
import DossierCore
import DossierModel

/// Which generated data section a document's page shows: a schema's sample profile, or a
/// labeling document's class balance, read from the profile of its `target` schema's sample.
package struct DataGlance {
    package let site: SiteContext

    package func html(for index: Int) -> String? {
        let own = ownHTML(for: index)
        let linked = linkedHTML(for: index)
        if own == nil && linked == nil { return nil }
        return (own ?? "") + (linked ?? "")
    }

    /// The data files the document references besides its own sample, each folded.
    private func linkedHTML(for index: Int) -> String? {
        let project = site.project
        let own = profile(index)?.path
        var seen = Set<String>()
        var out = ""
        for reference in project.documents[index].codeReferences {
            let path = String(reference.text.split(separator: "#", maxSplits: 1).first ?? "")
            guard path != own, seen.insert(path).inserted, let sample = project.dataFiles[path] else { continue }
            out +=
                "<details class=\"data-file\"><summary><code>\(HTML.escape(path))</code> · "
                + "\(HTML.escape(RepositoryMap.shape(sample)))</summary>\n"
                + DataProfileView.html(sample) + "</details>\n"
        }
        guard !out.isEmpty else { return nil }
        return "<h2>Data files at a glance</h2>\n" + out
    }

    private func ownHTML(for index: Int) -> String? {
        let project = site.project
        let document = project.documents[index]
        switch document.kind {
        case .schema:
            guard let sample = profile(index) else { return nil }
            return "<h2>Data at a glance</h2>\n" + DataProfileView.html(sample)
        case .labeling:
            guard let target = project.index.outgoing[index].first(where: { $0.key == "target" }),
                let field = target.field, let sample = profile(target.to)
            else { return nil }
            let name = project.documents[target.to].schemaFields.first { $0.key == field }?.name ?? field
            guard let column = sample.column(named: name) ?? sample.column(named: field) else { return nil }
            return "<h2>Class balance</h2>\n" + DataProfileView.classBalanceHTML(column, samplePath: sample.path)
        default:
            return nil
        }
    }

    private func profile(_ index: Int) -> SampleProfile? {
        let samples = site.project.samples
        return index < samples.count ? samples[index] : nil
    }
}
