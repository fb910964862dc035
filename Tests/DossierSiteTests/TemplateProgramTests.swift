import Testing

@testable import DossierSite

/// The flat layout of compiled templates (`TemplateProgram`): a partial may name a template laid
/// out after the one including it, a section's body ends where its closing tag was, and texts
/// and indentations come back byte for byte.
@Suite struct TemplateProgramTests {
    typealias View = TemplateEngineTests.View

    static let view = View(fields: [
        "t": .bool(true),
        "list": .list([View(fields: ["x": .string("1")]), View(fields: ["x": .string("2")])]),
        "name": .string("é<>"),
    ])

    @Test func partialsResolveWhicheverOrderTheTemplatesAreLaidOutIn() throws {
        let compiled = CompiledTemplates(texts: [
            "a": "[{{>z}}]", "m": "<{{>a}}>", "z": "z{{name}}", "b": "{{>missing}}|",
        ])
        #expect(compiled.render("a", view: Self.view) == "[zé&lt;&gt;]")
        #expect(compiled.render("m", view: Self.view) == "<[zé&lt;&gt;]>")
        #expect(compiled.render("b", view: Self.view) == "|")
    }

    @Test func sectionBodiesEndAtTheirClosingTags() throws {
        let compiled = CompiledTemplates(texts: [
            "s": "{{#list}}({{x}}{{#t}}!{{/t}}{{^t}}?{{/t}}){{/list}}-{{#t}}{{#list}}{{x}}{{/list}}{{/t}}.{{{name}}}"
        ])
        #expect(compiled.render("s", view: Self.view) == "(1!)(2!)-12.é<>")
    }

    @Test func indentedPartialsKeepTheirIndentationBytes() throws {
        let compiled = CompiledTemplates(texts: ["outer": "a\n \t{{>inner}}\nb", "inner": "x\ny\n"])
        #expect(compiled.render("outer", view: Self.view) == "a\n \tx\n \ty\nb")
        let (ours, theirs) = try #require(
            try TemplateEngineTests.both("a\n \t{{>inner}}\nb", partials: ["inner": "x\r\né\n"]))
        #expect(ours != nil && ours == theirs)
    }
}
