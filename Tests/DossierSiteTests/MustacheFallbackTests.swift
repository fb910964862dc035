import DossierCore
import DossierTestSupport
import Foundation
import Testing

@testable import DossierSite

/// A theme's templates are parsed once: by the compiler, and by swift-mustache only those the
/// compiler leaves out, or all of them when a caller first asks for swift-mustache's library.
@Suite struct MustacheFallbackTests {
    @Test func defaultThemeRendersWithoutParsingThroughMustache() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let theme = try Theme.load(folder: nil, projectRoot: project.url)
        #expect(theme.fallback.parseCount == 0)
        for view in LayoutShellTests.views() {
            _ = theme.render("notfound", view: NotFoundProbe(), layout: view)
            _ = theme.renderContent("<p>x</p>", layout: view)
        }
        #expect(theme.fallback.parseCount == 0)
        // The comparison tests still get swift-mustache's library, parsed on demand, once.
        #expect(theme.library.render(["title": "X"], withTemplate: "notfound") != nil)
        _ = theme.library
        #expect(theme.fallback.parseCount == Theme.requiredTemplates.count)
    }

    @Test func templatesTheCompilerLeavesOutAreParsedAtLoad() throws {
        let project = try TemporaryProject([
            "overrides/templates/notfound.mustache": "<p>{{uppercased(title)}}</p>"
        ])
        defer { project.remove() }
        let theme = try Theme.load(folder: nil, projectRoot: project.url)
        #expect(!theme.compiled.isCompiled("notfound"))
        #expect(theme.fallback.parseCount == 1)
        let page = theme.renderTemplate("notfound", view: NotFoundProbe())
        #expect(page == "<p>GONE &amp; LOST</p>")
    }

    @Test func aTemplateThatDoesNotParseIsStillAnError() throws {
        let project = try TemporaryProject(["overrides/templates/notfound.mustache": "<p>{{#open}}</p>"])
        defer { project.remove() }
        #expect(throws: ProjectError.self) { try Theme.load(folder: nil, projectRoot: project.url) }
    }

    @Test func compiledLayoutMatchesMustache() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let theme = try Theme.load(folder: nil, projectRoot: project.url)
        #expect(theme.compiled.isCompiled("layout"), "\(theme.compiled.leftOut)")
        for view in LayoutShellTests.views() {
            let compiled = theme.compiled.render("layout", view: view)
            let reference = theme.library.render(view, withTemplate: "layout")
            #expect(compiled == reference, "\(view.pageTitle.debugDescription)")
        }
    }

    struct NotFoundProbe: TemplateObject {
        func value(named name: String) -> TemplateValue? {
            name == "title" ? .string("gone & lost") : nil
        }
    }
}
