@testable import DossierCore
@testable import DossierModel
import Testing

@Suite struct DocumentLoaderTests {
    func load(_ text: String, path: String = "docs/doc.md") -> (Document?, [Finding]) {
        DocumentLoader.load(path: path, text: text)
    }

    @Test func plainPageHasNoKind() {
        let (document, findings) = load("# Guide\n\nText.")
        #expect(document?.kind == nil)
        #expect(document?.title == "Guide")
        #expect(document?.id == "doc")
        #expect(findings.isEmpty)
    }

    @Test func idDefaultsToFileNameAndTitleToH1ThenID() {
        #expect(load("text", path: "docs/Data Sources.md").0?.id == "data-sources")
        #expect(load("text", path: "README.md").0?.id == "readme")
        #expect(load("---\nid: x.y_z-1\n---\ntext").0?.title == "x.y_z-1")
    }

    @Test func invalidIDIsAnErrorAndFallsBackSafely() {
        let (document, findings) = load("---\nid: ../../etc/x\n---\n")
        #expect(document?.id == "doc")
        #expect(findings.rules() == ["document.invalid-id"])
        #expect(findings.first?.location.line == 2)
    }

    @Test func unknownKeyWarnsWithClosestKey() {
        let (_, findings) = load("---\nkind: labeling\nshemas: [a]\n---\n")
        #expect(findings.count == 1)
        #expect(findings[0].severity == .warning)
        #expect(findings[0].rule == "front-matter.unknown-key")
        #expect(findings[0].message.contains("did you mean `schemas`?"))
        #expect(findings[0].location.line == 3)
    }

    @Test func wrongTypeIsAnErrorNamingKeyTypeAndLine() {
        let (_, findings) = load("---\nkind: labeling\nclasses: 3\n---\n")
        #expect(findings.rules() == ["front-matter.type"])
        #expect(findings[0].message.contains("`classes` must be a list"))
        #expect(findings[0].message.contains("an integer"))
        #expect(findings[0].location.line == 3)
    }

    @Test func unknownKindSuggestsClosest() {
        let (_, findings) = load("---\nkind: experimnt\n---\n")
        #expect(findings.rules() == ["front-matter.kind"])
        #expect(findings[0].message.contains("did you mean `experiment`?"))
    }

    @Test func frontMatterThatIsNotAMappingIsAnError() {
        let (document, findings) = load("---\n- a\n- b\n---\n# T\n")
        #expect(document?.title == "T")
        #expect(findings.rules() == ["front-matter.not-mapping"])
    }

    /// Every kind's typed keys: a valid document of each kind loads without findings.
    @Test(arguments: [
        "kind: data-source\nlocation: s3://b/x\nformat: csv\nrefresh: daily\nlicense: CC0-1.0\ncollection: {method: survey, timeframe: 2020}\npii: false\nsample: data/x.csv\nschemas: [s]\ntask_categories: [tabular-classification]\nsize_categories: [n<1K]",
        "kind: schema\nsource: data-source:src\nsample: data/x.csv\nprimary_key: [id]",
        "kind: labeling\nschemas: s\ntarget: s.label\nclasses: [a, b]\nmethod: weak-supervision\nannotators: 3\nannotations_per_item: 2\nagreement: {metric: kappa, value: 0.8, n_items: 100}\nguidelines: g.md\nconfig: ls.xml",
        "kind: experiment\nsources: [src]\nschemas: [s]\nlabeling: l\nenvironment: e\npseudocode: p\nmetric: {name: f1, goal: maximize}\nruns:\n  - {name: a, model: lr, params: {C: 1}, metrics: {f1: 0.5}}\nselected: a\nparams_file: params.yaml\nmetrics_file: metrics.json\nmlflow: mlruns",
        "kind: environment\npython: '3.11'\npackages: {numpy: 1.26.4}\nrequirements: requirements.txt\nseeds: {global: 42}\nhardware: 1 GPU\nos: linux\ncontainer: img:1",
        "kind: pseudocode\ninputs: [s.a]\noutputs: [s.b]\nimplements: [src/x.py#f]\nsteps: [clean, train]\ncomponents:\n  - {name: c, does: d, implements: src/x.py}",
        "kind: model\nexperiments: [x]\nselected: a\nenvironment: e\npseudocode: p\nsources: [src]\nintended_use: triage\nlimitations: small data\ndeployment: batch\nlanguage: [en]\nlicense: mit\nlibrary_name: sklearn\npipeline_tag: tabular-classification\ndatasets: [org/data]\nmetrics: [f1]\nbase_model: org/base\nmodel-index: []",
    ])
    func everyKindsKeysAreKnown(_ frontMatter: String) {
        let (document, findings) = load(
            "---\n\(frontMatter)\nowner: team\nstatus: active\ntags: [x]\ncode: [src/x.py]\nrelated: [y]\n---\n# T\n\n| key | type |\n|---|---|\n| a | int |\n"
        )
        #expect(document?.kind != nil)
        #expect(findings.isEmpty, "\(findings.map(\.formatted))")
    }

    @Test func referencesKeepKeyTargetAndLine() throws {
        let (document, _) = load(
            "---\nkind: experiment\nschemas: [schema:a, b]\nenvironment: env\n---\nSee [[c]] and [d](../d.md#part).\n")
        let references = try #require(document?.references)
        #expect(references.map(\.key) == ["schemas", "schemas", "environment", "body", "body"])
        #expect(references.map(\.target) == ["a", "b", "env", "c", "d.md"])
        #expect(references[0].kindHint == .schema)
        #expect(references[3].location.line == 6)
        #expect(references[4].anchor == "part")
    }

    @Test func bodyLinksToRepositoryFilesAreCodeReferences() throws {
        let (document, findings) = load("[f](../models/train.py#fit) [g](../../outside.py)", path: "docs/a.md")
        #expect(document?.codeReferences.map(\.text) == ["models/train.py#fit"])
        #expect(findings.rules() == ["code.outside-project"])
    }

    /// The link paths take byte-level fast paths (no `%`: no decoding; ASCII: byte searches);
    /// percent-encoded, queried and non-ASCII links still resolve as before.
    @Test func bodyLinkPathsDecodeQueriesAndNonASCII() throws {
        let (document, _) = load(
            "[a](My%20Notes.md?x=1#Top) [b](./caf%C3%A9.py?raw) [c](dé/f.py#L1) [d](../x/%zz.py) [e](q?.md)",
            path: "docs/sub/a.md")
        let references = try #require(document?.references)
        #expect(references.map(\.target) == ["docs/sub/My Notes.md"])
        #expect(references.map(\.anchor) == ["Top"])
        #expect(
            document?.codeReferences.map(\.text) == [
                "docs/sub/café.py", "docs/sub/dé/f.py#L1", "docs/x/%zz.py", "docs/sub/q",
            ])
    }

    @Test func kindPrefixSplitsAsTheCharacterSearch() {
        func old(_ text: String) -> (DocumentKind?, String) {
            if let colon = text.firstIndex(of: ":"), let kind = DocumentKind(rawValue: String(text[..<colon])) {
                return (kind, String(text[text.index(after: colon)...]))
            }
            return (nil, text)
        }
        let texts = [
            "", ":", "schema:a", "schema:", "schema::a", "model:x.y", "nokind:a", "a", "schema:\u{301}a",
            "schema\u{301}:a", "data-source:é", "schéma:a", "schema :a", "experiment:run:1",
        ]
        for text in texts {
            let new = DocumentKind.splitPrefix(text)
            #expect(new.kind == old(text).0 && new.id == old(text).1, "\(text.debugDescription)")
        }
    }

    @Test func defaultIDOfASCIINamesMatchesTheCharacterWalk() {
        func old(_ path: String) -> String {
            var name = (path.split(separator: "/").last.map(String.init) ?? path)
            if name.lowercased().hasSuffix(".md") { name = String(name.dropLast(3)) }
            if Notebook.isNotebook(name) { name = String(name.dropLast(6)) }
            var id = ""
            for char in name.lowercased() {
                if char.isASCII, char.isLetter || char.isNumber || char == "-" || char == "_" || char == "." {
                    id.append(char)
                } else if !id.hasSuffix("-") {
                    id.append("-")
                }
            }
            while id.hasPrefix(".") || id.hasPrefix("-") { id.removeFirst() }
            return id.isEmpty ? "page" : id
        }
        var every = ""
        for value in UInt8(1)..<0x80 { every.append(Character(Unicode.Scalar(value))) }
        let paths = [
            every + ".md", "docs/Data Sources.md", "a/B_c-D.E.MD", "..x.md", "-.-a.md", "!!!.md", ".md", "", "/",
            "x\r\ny.md", "a--b  c.md", "n.ipynb", "N.IPYNB.md", "docs/é b.md", "docs/a\u{301}b.md", "日本.md", "---.md",
        ]
        for path in paths {
            #expect(DocumentLoader.defaultID(for: path) == old(path), "\(path.debugDescription)")
        }
    }

    @Test func knownKeysAreTheKindsTable() {
        for kind in DocumentKind.allCases {
            var expected: [String: FrontMatterKeyType] = [:]
            for key in FrontMatterKeys.common { expected[key.name] = key.type }
            var seen = Set<String>()
            for key in FrontMatterKeys.specific(to: kind) where seen.insert(key.name).inserted {
                expected[key.name] = key.type
            }
            #expect(FrontMatterKeys.known(for: kind) == expected, "\(kind)")
        }
    }

    @Test func experimentRunsFromFrontMatterAndTable() throws {
        let fm = load(
            "---\nkind: experiment\nmetric: {name: f1, goal: minimize}\nruns:\n  - name: a\n    model: lr\n    params: {opt: {lr: 0.1}}\n    metrics: {f1: 0.5}\nselected: a\n---\n"
        ).0
        #expect(fm?.runs.first?.params.first?.key == "opt.lr")
        #expect(fm?.runs.first?.metric("f1") == 0.5)
        #expect(fm?.selectionMetric == SelectionMetric(name: "f1", maximize: false))
        #expect(fm?.selected == "a")

        let table = load(
            "---\nkind: experiment\nmetric: {name: f1, goal: maximize}\n---\n| Run | Model | depth | f1 |\n|---|---|---|---|\n| a | rf | 3 | 0.7 |\n| b | gbm | 5 | 0.8 |\n"
        ).0
        #expect(table?.runs.map(\.name) == ["a", "b"])
        #expect(table?.runs[1].params.map(\.key) == ["depth"])
        #expect(table?.runs[1].metric("f1") == 0.8)
        #expect(table?.runsTableOrdinal == 0)
        #expect(table?.runs[0].location.line == 7)
    }

    @Test func binaryAndNonUTF8AreFindings() {
        let (binary, binaryFindings) = DocumentLoader.load(path: "b.md", bytes: [0x23, 0x00, 0x01])
        #expect(binary == nil)
        #expect(binaryFindings.rules() == ["document.binary"])
        let (latin1, latinFindings) = DocumentLoader.load(path: "l.md", bytes: Array("ok\ncaf".utf8) + [0xE9, 0x0A])
        #expect(latin1 == nil)
        #expect(latinFindings.rules() == ["document.encoding"])
        #expect(latinFindings.first?.location.line == 2)
        #expect(latinFindings.first?.location.column == 4)
    }

    @Test func emptyFileIsAPlainPage() {
        let (document, findings) = DocumentLoader.load(path: "empty.md", bytes: [])
        #expect(document?.title == "empty")
        #expect(findings.isEmpty)
    }
}
