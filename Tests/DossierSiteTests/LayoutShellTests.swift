import DossierCore
import DossierTestSupport
import Foundation
import Mustache
import Testing

@testable import DossierSite

/// The layout filled in by copying (`LayoutShell`) and the byte-level escaping
/// (`MustacheEscaping`) give exactly what swift-mustache gives with Dossier's escaping
/// (`DossierHTMLContentType`), for the default layout and for layouts a user might write,
/// including ones the shell must refuse.
@Suite struct LayoutShellTests {
    static let awkward = [
        "plain", "", "a & b", "<script>alert('x')</script>", "\"quoted\"", "tab\tand\nnewline",
        "café & crème", "é<", "<é", "&\u{301}", "<\u{0308}b", "\u{0600}<", "emoji 👩‍💻 & more", "'",
        "\u{F8F0}mK0&\u{F8F1}", "&amp; already", "\r\n<", "x\u{200D}<",
    ]

    @Test func escapingMatchesSwiftMustache() throws {
        let template = try MustacheTemplate(string: DossierHTMLContentType.prefixed("{{value}}"))
        for text in Self.awkward + ["a" + String(repeating: "<&>", count: 100) + "é"] {
            #expect(MustacheEscaping.escape(text) == template.render(["value": text]), "\(text.debugDescription)")
        }
    }

    static func views() -> [LayoutView] {
        var views: [LayoutView] = []
        for (i, title) in awkward.enumerated() {
            var view = LayoutView(
                root: i % 2 == 0 ? "" : "../", pageTitle: title, siteTitle: "Site <&>", pageType: "document",
                navigation: i % 3 == 0 ? "" : "<section>nav \(title)</section>",
                healthProblems: i % 4 == 0 ? nil : i,
                description: i % 2 == 0 ? nil : "about " + title,
                canonical: i % 3 == 1 ? "https://example.org/a?b=1&c=\(i)" : nil,
                repoURL: i % 5 == 0 ? nil : "https://example.org/r")
            view.content = "<p>body \(i)</p>\n" + title
            views.append(view)
        }
        return views
    }

    static let layouts = [
        // Values used twice, escaped and not, in sections and inverted sections.
        "<t>{{pageTitle}}|{{{pageTitle}}}</t>{{#description}}<d>{{.}}|{{description}}</d>{{/description}}"
            + "{{^canonical}}none{{/canonical}}{{#canonical}}{{{canonical}}}{{/canonical}}{{{navigation}}}"
            + "{{root}}{{siteTitle}}{{#healthProblems}}{{.}}{{/healthProblems}}{{{content}}}{{content}}",
        // A transform: the shell cannot copy the value, so Mustache renders the page.
        "{{uppercased(pageTitle)}} {{{content}}} {{{navigation}}}",
        "{{reversed(pageTitle)}} {{{content}}}",
        // No escaping at all.
        "{{% CONTENT_TYPE: TEXT}}\n{{pageTitle}} {{content}} {{navigation}}",
        // Standalone lines around sections.
        "<a>\n{{#description}}\n{{description}}\n{{/description}}\n{{{content}}}\n</a>\n",
        // A value inside a comment or not used at all.
        "{{! {{pageTitle}} }}static only",
    ]

    @Test func defaultLayoutFillsInExactlyAsMustache() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let theme = try Theme.load(folder: nil, projectRoot: project.url)
        var filled = 0
        for view in Self.views() {
            let expected = theme.library.render(view, withTemplate: "layout")
            let shell = theme.shell.render(view)
            if shell != nil { filled += 1 }
            #expect((shell ?? expected) == expected, "\(view.pageTitle.debugDescription)")
        }
        // The default layout is split: most pages are filled in without Mustache.
        #expect(filled > Self.views().count / 2)
    }

    @Test func userLayoutsRenderExactlyAsMustache() throws {
        for layout in Self.layouts {
            let library = MustacheLibrary(templates: [
                "layout": try MustacheTemplate(string: DossierHTMLContentType.prefixed(layout))
            ])
            let shell = LayoutShell(library: library)
            for view in Self.views() {
                let expected = library.render(view, withTemplate: "layout")
                #expect((shell.render(view) ?? expected) == expected, "\(layout) \(view.pageTitle.debugDescription)")
            }
        }
    }

    @Test func layoutsThatTransformAValueAreNotSplit() throws {
        let library = MustacheLibrary(templates: [
            "layout": try MustacheTemplate(
                string: DossierHTMLContentType.prefixed("{{uppercased(pageTitle)}} {{{content}}}"))
        ])
        var view = LayoutView(root: "", pageTitle: "t", siteTitle: "s", pageType: "p", navigation: "n")
        view.content = "c"
        #expect(LayoutShell(library: library).render(view) == nil)
    }
}
