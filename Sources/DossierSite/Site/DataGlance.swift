import DossierChecks
import DossierCore
import DossierModel

/// Which generated data section a document's page shows: a schema's sample profile, or a
/// labeling document's class balance, read from the profile of its `target` schema's sample.
package struct DataGlance {
    package let site: SiteContext

    package func html(for index: Int) -> String? {
        // Both parts are written into one buffer, made a String once: a schema page's profile is
        // several kilobytes, and joining Strings copied it twice more.
        let out = MarkupBuffer(capacity: 256)
        writeOwn(index, into: out)
        writeLinked(index, into: out)
        return out.count == 0 ? nil : out.string
    }

    /// The data files the document references besides its own sample, each folded.
    private func writeLinked(_ index: Int, into out: MarkupBuffer) {
        let project = site.project
        let own = profile(index)?.path
        var seen = Set<String>()
        var first = true
        for reference in project.documents[index].codeReferences {
            let path = String(reference.text.split(separator: "#", maxSplits: 1).first ?? "")
            guard path != own, seen.insert(path).inserted, let sample = project.dataFiles[path] else { continue }
            if first { out.put("<h2>Data files at a glance</h2>\n") }
            first = false
            out.reserve(DataProfileView.capacity(for: sample))
            out.put("<details class=\"data-file\"><summary><code>")
            out.put(escaping: path)
            out.put("</code> · ")
            out.put(escaping: RepositoryMap.shape(sample))
            out.put("</summary>\n")
            DataProfileView.write(sample, into: out)
            out.put("</details>\n")
        }
    }

    private func writeOwn(_ index: Int, into out: MarkupBuffer) {
        let project = site.project
        switch project.documents[index].kind {
        case .schema:
            guard let sample = profile(index) else { return }
            out.reserve(DataProfileView.capacity(for: sample))
            out.put("<h2>Data at a glance</h2>\n")
            DataProfileView.write(sample, into: out)
        case .labeling:
            guard let target = project.index.outgoing[index].first(where: { $0.key == "target" }),
                let field = target.field, let sample = profile(target.to)
            else { return }
            let name = project.documents[target.to].schemaFields.first { $0.key == field }?.name ?? field
            guard let column = sample.column(named: name) ?? sample.column(named: field) else { return }
            out.put("<h2>Class balance</h2>\n")
            out.put(string: DataProfileView.classBalanceHTML(column, samplePath: sample.path))
        default:
            return
        }
    }

    private func profile(_ index: Int) -> SampleProfile? {
        let samples = site.project.samples
        return index < samples.count ? samples[index] : nil
    }
}
