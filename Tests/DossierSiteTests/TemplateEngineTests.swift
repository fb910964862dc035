import DossierCore
import DossierTestSupport
import Foundation
import Mustache
import Testing

@testable import DossierSite

/// The compiled renderer gives swift-mustache's bytes beyond the spec — on templates built at
/// random from awkward pieces (line endings, Unicode, delimiters, partials), on the value kinds
/// views use — and leaves swift-mustache's extensions to swift-mustache.
@Suite struct TemplateEngineTests {
    struct View: TemplateObject {
        var fields: [String: TemplateValue]
        func value(named name: String) -> TemplateValue? { fields[name] }
    }

    static let data = View(fields: [
        "a": .string("A<&\"'>é"),
        "empty": .string(""),
        "zero": .int(0),
        "n": .int(-42),
        "t": .bool(true),
        "f": .bool(false),
        "b": .object(View(fields: ["c": .string("C"), "a": .string(""), "f": .bool(true)])),
        "list": .list([
            View(fields: ["a": .int(1)]), View(fields: ["c": .string("c2")]), View(fields: ["a": .string("x\r\n")]),
        ]),
        "none": .list([View]()),
        "words": .strings(["w1", "<w2>", ""]),
        "nowords": .strings([]),
    ])

    /// Renders `template` (and `partials`) both ways; nil when swift-mustache does not parse it.
    static func both(_ template: String, partials: [String: String] = [:]) throws -> (String?, String?)? {
        let texts = partials.merging(["test": template]) { _, new in new }
        var templates: [String: MustacheTemplate] = [:]
        for (name, text) in texts {
            guard let parsed = try? MustacheTemplate(string: DossierHTMLContentType.prefixed(text)) else { return nil }
            templates[name] = parsed
        }
        let library = MustacheLibrary(templates: templates)
        let compiled = CompiledTemplates(texts: texts)
        return (compiled.render("test", view: data), library.render(data, withTemplate: "test"))
    }

    static let pieces = [
        "{{a}}", "{{{a}}}", "{{& a }}", "{{#list}}", "{{/list}}", "{{^none}}", "{{/none}}", "{{#b}}", "{{/b}}",
        "{{.}}", "{{b.c}}", "{{.a}}", "{{>p}}", "{{! c }}", "{{!\n}}", "{{=<% %>=}}", "<%a%>", "<%={{ }}=%>",
        "{{#words}}", "{{/words}}", "{{#empty}}[{{.}}]{{/empty}}", "{{#zero}}z{{.}}{{/zero}}", "{{^f}}nf{{/f}}",
        "{{#t}}", "{{/t}}", "{{n}}", "{{t}}", "{{missing}}", " ", "  ", "\t", "\n", "\r\n", "\r", "x", "é",
        "e\u{301}", "\u{301}", "<&\">", "{", "}", "👩‍💻", "\u{2028}", "\u{85}",
    ]

    static let partial = "  {{a}}\n{{#list}}-{{a}}\n{{/list}}\r\n\t{{{a}}}|"

    @Test func randomTemplatesRenderAsSwiftMustache() throws {
        var generator = SeededGenerator(seed: 15)
        var compared = 0
        for _ in 0..<5000 {
            let count = Int.random(in: 1...14, using: &generator)
            let template = (0..<count).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
            guard let (ours, theirs) = try Self.both(template, partials: ["p": Self.partial]) else { continue }
            guard let ours else { continue }
            compared += 1
            #expect(ours == theirs, "\(template.debugDescription)")
        }
        #expect(compared > 1000)
    }

    @Test func indentedPartialsRenderAsSwiftMustache() throws {
        let partials = ["p": Self.partial, "q": "{{#list}}\n  {{>p}}\n{{/list}}\n{{a}}\n", "r": "x\n{{>r}}"]
        for template in [
            "  {{>p}}\n", "\t{{>q}}\r\n", "a\n  {{>q}}\n b", " {{>p}} \n", "{{#b}}\n  {{>q}}\n{{/b}}\n",
            "  {{>missing}}\n", "{{#f}}{{>r}}{{/f}}", "\u{2028}  {{>p}}\n",
        ] {
            let (ours, theirs) = try #require(try Self.both(template, partials: partials))
            #expect(ours == theirs, "\(template.debugDescription)")
            #expect(ours != nil)
        }
    }

    /// A partial that includes itself for ever would overflow swift-mustache's stack; here it
    /// stops at a fixed depth (a hostile override cannot crash the build).
    @Test func aPartialIncludingItselfStops() throws {
        let compiled = CompiledTemplates(texts: ["test": "{{>test}}x"])
        let output = try #require(compiled.render("test", view: Self.data))
        #expect(output == String(repeating: "x", count: TemplateRenderer.maximumDepth + 1))
    }

    /// swift-mustache's section rules for each kind of value: an empty string and 0 are truthy
    /// (the section renders with them as context), false and an empty list are not, nil is
    /// looked up further out and false stops the lookup.
    @Test func valueKindsInSections() throws {
        let cases: [(String, String)] = [
            ("{{#empty}}[{{.}}]{{/empty}}", "[]"),
            ("{{#zero}}[{{.}}]{{/zero}}", "[0]"),
            ("{{^zero}}no{{/zero}}", ""),
            ("{{#f}}x{{/f}}{{^f}}y{{/f}}", "y"),
            ("{{#none}}x{{/none}}{{^none}}y{{/none}}", "y"),
            ("{{#b}}{{a}}|{{f}}|{{n}}{{/b}}", "|true|-42"),
            ("{{#list}}{{c}},{{/list}}", ",c2,,"),
            ("{{#words}}<{{.}}>{{/words}}", "<w1><&lt;w2&gt;><>"),
            ("{{b}}", MustacheEscaping.escape(String(describing: Self.data.fields["b"]!.mustacheValue))),
        ]
        for (template, expected) in cases {
            let (ours, theirs) = try #require(try Self.both(template))
            #expect(ours == expected, "\(template)")
            #expect(theirs == expected, "\(template)")
        }
    }

    @Test func escapingIntoTheBufferEscapesEverySpecialByte() {
        let texts = LayoutShellTests.awkward + ["a" + String(repeating: "<&>", count: 100) + "é", "<<", "x>"]
        for text in texts + ["\"\u{301} onfocus=alert(1) x=\"\u{301}", "<\u{338}b>", "'\u{20DD}"] {
            var out = "prefix"
            MustacheEscaping.append(text, to: &out)
            #expect(Array(out.utf8) == Array(("prefix" + HTML.escape(text)).utf8))
            #expect(!out.utf8.contains { $0 == 0x22 || $0 == 0x27 || $0 == 0x3C || $0 == 0x3E }, "\(text)")
        }
    }

    /// Pages longer than `TemplateOutput`'s byte buffer, and pieces longer than it copies: the
    /// pieces still come out in order, escaped as swift-mustache escapes them.
    @Test func longPagesAndLongPiecesRenderAsSwiftMustache() throws {
        let long = String(repeating: "abc", count: 700)
        let items = (0..<2_000).map { index in
            View(fields: [
                "x": .string(index % 7 == 0 ? "é\(index)" : "x<\(index)>&'\""),
                "y": .string(index % 500 == 0 ? long + "<" : "y"),
            ])
        }
        let view = View(fields: ["items": .list(items), "long": .string(long), "quoted": .string(long + "\"")])
        let template = "{{long}}{{#items}}<li>{{x}}|{{{x}}}|{{y}}</li>\n{{/items}}{{{quoted}}}{{quoted}}“end”"
        let compiled = CompiledTemplates(texts: ["test": template])
        let library = MustacheLibrary(templates: [
            "test": try MustacheTemplate(string: DossierHTMLContentType.prefixed(template))
        ])
        let ours = try #require(compiled.render("test", view: view))
        #expect(ours.utf8.count > 4 * TemplateOutput.bufferCapacity)
        #expect(Array(ours.utf8) == Array((library.render(view, withTemplate: "test") ?? "").utf8))
    }

    /// Transforms, inheritance, pragmas and dynamic partials are swift-mustache's: such a
    /// template, and one that includes it, render through it.
    @Test func extensionsAreLeftToSwiftMustache() throws {
        for template in [
            "{{uppercased(a)}}", "{{#reversed(words)}}{{.}}{{/reversed(words)}}", "{{<p}}{{$x}}y{{/x}}{{/p}}",
            "{{$x}}d{{/x}}", "{{%CONTENT_TYPE:TEXT}}{{a}}", "{{>*a}}", "{{b._guts}}",
        ] {
            let compiled = CompiledTemplates(texts: ["test": template, "p": "{{$x}}{{/x}}", "outer": "<{{>test}}>"])
            #expect(!compiled.isCompiled("test"), "\(template)")
            #expect(!compiled.isCompiled("outer"), "\(template)")
        }
    }

    @Test func aThemeRendersALeftOutTemplateThroughSwiftMustache() throws {
        let project = try TemporaryProject([
            "overrides/templates/notfound.mustache": "<h1>{{uppercased(root)}}</h1>{{! kept }}{{{root}}}"
        ])
        defer { project.remove() }
        let theme = try Theme.load(folder: nil, projectRoot: project.url)
        #expect(!theme.compiled.isCompiled("notfound"))
        #expect(theme.compiled.isCompiled("document"))
        let view = RootView(root: "../a&b/")
        #expect(theme.renderTemplate("notfound", view: view) == "<h1>../A&amp;B/</h1>../a&b/")
    }
}
