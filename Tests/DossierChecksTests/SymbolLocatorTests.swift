@testable import DossierChecks
import Testing

@Suite struct SymbolLocatorTests {
    private func lines(_ symbol: String, _ source: String, _ language: SourceLanguage) -> ClosedRange<Int>? {
        SymbolLocator.definition(of: symbol, in: source, language: language).map { $0.startLine...$0.endLine }
    }

    // MARK: Python

    static let python = """
        import os

        THRESHOLD = 0.5
        FEATURES: list[str] = [
            "bill_length",
            "flipper_length",
        ]
        doc = \"\"\"
        def not_a_function():
            pass
        \"\"\"

        @register
        @cache(
            size=3,
        )
        def train(data,
                  labels):
            \"\"\"Train it.

        def also_not_a_function(): ...
            \"\"\"
            x = "def fake(): {"
            # a comment at a lower indent
            return x


        class Model(Base):
            depth: int = 3

            def __init__(self):
                self.depth = 4

            @property
            def fit(self):
                return 1
            # trailing comment

        async def serve():
            await run()

        if TYPE_CHECKING:
            def guarded():
                pass
        type Alias = dict[str, int]
        last = lambda: (
            1)
        """

    @Test func pythonFunctionWithDecoratorsAndDocstring() throws {
        #expect(lines("train", Self.python, .python) == 13...25)
        let text = try #require(SymbolLocator.definition(of: "train", in: Self.python, language: .python)).text
        #expect(text.hasPrefix("@register\n@cache("))
        #expect(text.hasSuffix("    return x"))
    }

    @Test func pythonAssignments() {
        #expect(lines("THRESHOLD", Self.python, .python) == 3...3)
        #expect(lines("FEATURES", Self.python, .python) == 4...7)
        #expect(lines("doc", Self.python, .python) == 8...11)
        #expect(lines("Alias", Self.python, .python) == 45...45)
        #expect(lines("last", Self.python, .python) == 46...47)
    }

    @Test func pythonClassesAndMembers() {
        #expect(lines("Model", Self.python, .python) == 28...36)
        #expect(lines("Model.fit", Self.python, .python) == 34...36)
        #expect(lines("Model.__init__", Self.python, .python) == 31...32)
        #expect(lines("Model.depth", Self.python, .python) == 29...29)
        #expect(lines("serve", Self.python, .python) == 39...40)
        #expect(lines("guarded", Self.python, .python) == 43...44)
    }

    @Test func pythonNamesInStringsOrNestedScopesAreNotDefinitions() {
        #expect(lines("not_a_function", Self.python, .python) == nil)
        #expect(lines("also_not_a_function", Self.python, .python) == nil)
        #expect(lines("fake", Self.python, .python) == nil)
        #expect(lines("fit", Self.python, .python) == nil)  // only as Model.fit
        #expect(lines("x", Self.python, .python) == nil)  // a local
        #expect(lines("Model.missing", Self.python, .python) == nil)
        #expect(lines("os", Self.python, .python) == nil)
    }

    @Test func pythonWithCRLFAndTabs() {
        let source = "def a():\r\n\treturn 1\r\n\r\ndef b():\r\n\treturn 2\r\n"
        #expect(lines("a", source, .python) == 1...2)
        #expect(lines("b", source, .python) == 4...5)
    }

    // MARK: Swift

    static let swift = #"""
        import Foundation

        /// Docs are not part of the definition.
        @MainActor
        public final class Trainer {
            let name = "a { brace"
            var depth: Int {
                get { 3 }
            }

            init(name: String) {
                self.name = name
            }

            @discardableResult
            public func fit(_ x: [Int]) -> Int {
                let s = "\(x.map { "}" + String($0) })"
                /* } nested /* } */ */
                return s.count
            }

            class func make() -> Trainer { Trainer(name: "x") }
        }

        extension Trainer {
            func evaluate() -> Double {
                let raw = #"a "quoted" } brace"#
                return Double(raw.count)
            }
        }

        enum Kind: String {
            case linear, forest
            case boosted(depth: Int)
        }

        let defaultDepth =
            4
        typealias Score = Double
        struct Point { var x: Int; var y: Int }
        protocol Model {
            func predict(_ x: Int) -> Int
            var name: String { get }
        }
        """#

    @Test func swiftTypesAndMembers() {
        #expect(lines("Trainer", Self.swift, .swift) == 4...23)
        #expect(lines("Trainer.fit", Self.swift, .swift) == 15...20)
        #expect(lines("Trainer.name", Self.swift, .swift) == 6...6)
        #expect(lines("Trainer.depth", Self.swift, .swift) == 7...9)
        #expect(lines("Trainer.init", Self.swift, .swift) == 11...13)
        #expect(lines("Trainer.make", Self.swift, .swift) == 22...22)
        #expect(lines("Trainer.evaluate", Self.swift, .swift) == 26...29)
        #expect(lines("Kind", Self.swift, .swift) == 32...35)
        #expect(lines("Kind.forest", Self.swift, .swift) == 33...33)
        #expect(lines("Kind.boosted", Self.swift, .swift) == 34...34)
        #expect(lines("defaultDepth", Self.swift, .swift) == 37...38)
        #expect(lines("Score", Self.swift, .swift) == 39...39)
        #expect(lines("Point", Self.swift, .swift) == 40...40)
        #expect(lines("Model.predict", Self.swift, .swift) == 42...42)
        #expect(lines("Model.name", Self.swift, .swift) == 43...43)
        #expect(lines("Trainer.missing", Self.swift, .swift) == nil)
        #expect(lines("fit", Self.swift, .swift) == nil)
    }

    // MARK: JavaScript and TypeScript

    static let javaScript = #"""
        const re = /[}{]+/g;
        export default function train(data) {
          const t = `${data.map(d => `{${d}}`)} }`;
          return t.replace(/\}/g, "{");
        }

        export class Model extends Base {
          static defaults = { depth: 3 };
          #secret = 1;

          constructor(depth) {
            super();
            this.depth = depth;
          }

          async fit(x) {
            return x; // }
          }

          get size() { return 1 }
        }

        export const score = (a, b) =>
          a + b;

        let counter = 0
        function* ids() { yield 1 }
        """#

    @Test func javaScriptDefinitions() {
        #expect(lines("re", Self.javaScript, .javaScript) == 1...1)
        #expect(lines("train", Self.javaScript, .javaScript) == 2...5)
        #expect(lines("Model", Self.javaScript, .javaScript) == 7...21)
        #expect(lines("Model.defaults", Self.javaScript, .javaScript) == 8...8)
        #expect(lines("Model.constructor", Self.javaScript, .javaScript) == 11...14)
        #expect(lines("Model.fit", Self.javaScript, .javaScript) == 16...18)
        #expect(lines("Model.size", Self.javaScript, .javaScript) == 20...20)
        #expect(lines("score", Self.javaScript, .javaScript) == 23...24)
        #expect(lines("counter", Self.javaScript, .javaScript) == 26...26)
        #expect(lines("ids", Self.javaScript, .javaScript) == 27...27)
        #expect(lines("data", Self.javaScript, .javaScript) == nil)
    }

    static let typeScript = """
        export interface Run {
          name: string;
          metrics: { [k: string]: number };
        }

        export type Goal =
          | "maximize"
          | "minimize";

        export enum Level { Nominal = 1, Ordinal }

        @Component({ selector: "x" })
        export class Chart {
          @Input() width: number = 3;
          render(): void {}
        }

        declare function plot(x: number): void;
        """

    @Test func typeScriptDefinitions() {
        #expect(lines("Run", Self.typeScript, .typeScript) == 1...4)
        #expect(lines("Run.metrics", Self.typeScript, .typeScript) == 3...3)
        #expect(lines("Goal", Self.typeScript, .typeScript) == 6...8)
        #expect(lines("Level", Self.typeScript, .typeScript) == 10...10)
        #expect(lines("Level.Ordinal", Self.typeScript, .typeScript) == 10...10)
        #expect(lines("Chart", Self.typeScript, .typeScript) == 12...16)
        #expect(lines("Chart.width", Self.typeScript, .typeScript) == 14...14)
        #expect(lines("Chart.render", Self.typeScript, .typeScript) == 15...15)
        #expect(lines("plot", Self.typeScript, .typeScript) == 18...18)
    }

    // MARK: Go

    static let go = """
        package model

        const (
        \tDepth = 3
        \tRate  = 0.1
        )

        var pattern = `raw { string`

        type Forest struct {
        \tTrees []Tree `json:"trees"`
        \tName  string
        }

        // Fit trains the forest.
        func (f *Forest) Fit(x [][]float64) error {
        \ts := "}"
        \tr := '}'
        \t_ = r
        \treturn fit(s)
        }

        func Train(data []Row) (*Forest, error) {
        \treturn &Forest{Name: "}"}, nil
        }

        type Score float64
        type Scorer interface {
        \tScore(x []float64) float64
        }
        """

    @Test func goDefinitions() {
        #expect(lines("Depth", Self.go, .go) == 4...4)
        #expect(lines("Rate", Self.go, .go) == 5...5)
        #expect(lines("pattern", Self.go, .go) == 8...8)
        #expect(lines("Forest", Self.go, .go) == 10...13)
        #expect(lines("Forest.Name", Self.go, .go) == 12...12)
        #expect(lines("Forest.Fit", Self.go, .go) == 16...21)
        #expect(lines("Train", Self.go, .go) == 23...25)
        #expect(lines("Score", Self.go, .go) == 27...27)
        #expect(lines("Scorer.Score", Self.go, .go) == 29...29)
        #expect(lines("Fit", Self.go, .go) == nil)
        #expect(lines("Forest.Predict", Self.go, .go) == nil)
    }

    // MARK: Rust

    static let rust = ##"""
        use std::fmt;

        /// A forest.
        #[derive(Debug, Clone)]
        pub struct Forest<'a> {
            pub name: &'a str,
            depth: usize,
        }

        impl<'a> Forest<'a> {
            pub(crate) fn fit(&mut self, x: &[f64]) -> usize {
                let brace = '}';
                let raw = r#"a "} brace"#;
                let b = b'{';
                x.len() + brace.len_utf8() + raw.len() + b as usize
            }

            const MAX: usize = 10;
        }

        impl<'a> fmt::Display for Forest<'a> {
            fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "{}", self.name)
            }
        }

        pub enum Level {
            Nominal,
            Ordinal(u8),
            Ratio { scale: f64 },
        }

        pub trait Model {
            fn predict(&self, x: f64) -> f64;
        }

        pub const DEPTH: usize = 3;
        static mut COUNTER: u32 = 0;
        pub type Score = f64;
        pub struct Unit;

        macro_rules! square {
            ($x:expr) => { $x * $x };
        }

        pub async unsafe fn risky() {}
        """##

    @Test func rustDefinitions() {
        #expect(lines("Forest", Self.rust, .rust) == 4...8)
        #expect(lines("Forest.name", Self.rust, .rust) == 6...6)
        #expect(lines("Forest::fit", Self.rust, .rust) == 11...16)
        #expect(lines("Forest.fit", Self.rust, .rust) == 11...16)
        #expect(lines("Forest.MAX", Self.rust, .rust) == 18...18)
        #expect(lines("Forest.fmt", Self.rust, .rust) == 22...24)
        #expect(lines("Level", Self.rust, .rust) == 27...31)
        #expect(lines("Level.Ordinal", Self.rust, .rust) == 29...29)
        #expect(lines("Level.Ratio", Self.rust, .rust) == 30...30)
        #expect(lines("Model.predict", Self.rust, .rust) == 34...34)
        #expect(lines("DEPTH", Self.rust, .rust) == 37...37)
        #expect(lines("COUNTER", Self.rust, .rust) == 38...38)
        #expect(lines("Score", Self.rust, .rust) == 39...39)
        #expect(lines("Unit", Self.rust, .rust) == 40...40)
        #expect(lines("square", Self.rust, .rust) == 42...44)
        #expect(lines("risky", Self.rust, .rust) == 46...46)
        #expect(lines("fit", Self.rust, .rust) == nil)
    }

    // MARK: Choosing the language

    @Test func languageByExtension() {
        #expect(SourceLanguage(path: "a/b.py") == .python)
        #expect(SourceLanguage(path: "a/b.pyi") == .python)
        #expect(SourceLanguage(path: "Sources/X.swift") == .swift)
        #expect(SourceLanguage(path: "web/app.mjs") == .javaScript)
        #expect(SourceLanguage(path: "web/App.tsx") == .typeScript)
        #expect(SourceLanguage(path: "cmd/main.go") == .go)
        #expect(SourceLanguage(path: "src/lib.rs") == .rust)
        #expect(SourceLanguage(path: "query.sql") == nil)
        #expect(SourceLanguage(path: "Makefile") == nil)
        #expect(SourceLanguage(path: "a.py/README") == nil)
        #expect(SymbolLocator.definition(of: "f", in: "def f():\n  pass\n", path: "x.py")?.startLine == 1)
        #expect(SymbolLocator.definition(of: "f", in: "def f():\n  pass\n", path: "x.txt") == nil)
    }

    /// Random soup of the characters the scanners care about: no crash, no hang, sane lines.
    @Test func randomSourcesDoNotCrash() {
        let pieces = [
            "def ", "class ", "fn ", "func ", "struct ", "impl ", "type ", "const ", "let ", "var ", "pub ", "export ",
            "case ", "extension ", "async ", "@", "#", "#[", "(", ")", "[", "]", "{", "}", "<", ">", "\"", "'", "`",
            "\"\"\"", "'''", "/*", "*/", "//", "/", "\\", "\n", "\n    ", "\t", ":", ";", ",", ".", "=", "=>", "->",
            "r#\"", "\"#", "${", "\\(", "a", "b", "A", "x1", "_", "ü", "0", "12",
        ]
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: seed >> 33)
        }
        for round in 0..<400 {
            var source = ""
            for _ in 0..<(next() % 80) { source += pieces[next() % pieces.count] }
            let language = SourceLanguage.allCases[round % SourceLanguage.allCases.count]
            let lineCount = source.split(separator: "\n", omittingEmptySubsequences: false).count
            for symbol in ["a", "A.b", "x1", "b.a.A"] {
                if let found = SymbolLocator.definition(of: symbol, in: source, language: language) {
                    #expect(
                        found.startLine >= 1 && found.startLine <= found.endLine && found.endLine <= lineCount,
                        "\(language) \(source.debugDescription)")
                }
            }
        }
    }

    @Test func emptyAndBrokenSourcesDoNotCrash() {
        for language in SourceLanguage.allCases {
            #expect(lines("x", "", language) == nil)
            _ = lines("x", "x = {{{ ((( \"unterminated\n'''\n/* open", language)
            _ = lines("a.b", "}}} ))) ]]] fn class def struct", language)
        }
    }
}
