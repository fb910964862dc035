import DossierChecks
import DossierCore
import DossierModel

/// Which generated data section a document's page shows: a schema's sample profile, or a
/// labeling document's class balance, read from the profile of its `target` schema's sample.
package struct DataGlance {
    package let site: SiteContext

    package func html(for index: Int) -> String? {
        let project = site.project
        let document = project.documents[index]
        switch document.kind {
        case .schema:
            guard let sample = profile(index) else { return nil }
            return "<h2>Data at a glance</h2>\n" + DataProfileView.html(sample)
        case .labeling:
            guard let target = project.index.outgoing[index].first(where: { $0.key == "target" }),
                  let field = target.field, let sample = profile(target.to) else { return nil }
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
