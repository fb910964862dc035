import DossierChecks
import DossierCore
import DossierModel

/// The "ready for production?" checklist of a model (`Readiness`, computed by the checks): each
/// item linked to the documents behind it, each failing item saying what is missing.
package struct ReadinessView {
    package let site: SiteContext
    package let linker: PageLinker

    /// The checklist with a heading (`h2` on the model page, `h3` per model on the home page).
    package func html(_ readiness: Readiness, headingLevel: Int = 2, titled: Bool = false) -> String {
        let project = site.project
        let model = project.documents[readiness.model]
        let tag = "h\(headingLevel)"
        var heading = "Ready for production?"
        if titled {
            let href = HTML.escape(linker.url(document: readiness.model))
            heading = "<a href=\"\(href)\">\(HTML.escape(model.title))</a>"
        }
        var out =
            "<\(tag)>\(heading) <span class=\"badge readiness-\(readiness.isReady ? "ready" : "not-ready")\">"
            + "\(readiness.passedCount) of \(readiness.items.count)</span></\(tag)>\n<ul class=\"checklist\">\n"
        for item in readiness.items {
            let mark =
                item.passed
                ? "<span class=\"check pass\" aria-label=\"done\">✓</span>"
                : "<span class=\"check fail\" aria-label=\"missing\">✗</span>"
            let links =
                item.documents.map { index in
                    let href = HTML.escape(linker.url(document: index))
                    return "<a href=\"\(href)\">\(HTML.escape(project.documents[index].title))</a>"
                }
                + item.paths.map { path in
                    let code = "<code>\(HTML.escape(path))</code>"
                    return linker.repositoryURL(path).map { "<a href=\"\(HTML.escape($0))\">\(code)</a>" } ?? code
                }
            out +=
                "<li class=\"\(item.passed ? "pass" : "fail")\" id=\"ready-\(item.id)\">\(mark) <strong>"
                + "\(HTML.escape(item.label))</strong>"
            if item.passed {
                out += links.isEmpty ? " — \(HTML.escape(item.detail))" : " — " + links.joined(separator: ", ")
            } else {
                out += " — <span class=\"missing\">\(HTML.escape(item.detail))</span>"
                if !links.isEmpty { out += " (" + links.joined(separator: ", ") + ")" }
            }
            out += "</li>\n"
        }
        return out + "</ul>\n"
    }
}
