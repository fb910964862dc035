@testable import DossierMarkdown
import DossierTestSupport
import Testing

@Suite struct SyntaxHighlighterTests {
    // MARK: - Python

    @Test func pythonKeywordsStringsNumbersAndComments() {
        let html = SyntaxHighlighter.highlight(#"x = "a" if y else 1.5  # note & <more>"#, language: "python")
        #expect(
            html
                == #"x = <span class="tok-str">&quot;a&quot;</span> <span class="tok-kw">if</span> y <span class="tok-kw">else</span> <span class="tok-num">1.5</span>  <span class="tok-com"># note &amp; &lt;more&gt;</span>"#
        )
    }

    @Test func pythonDecoratorsAndDefinitionNames() {
        let code = """
            @app.route("/x")
            class Run(Base):
                def score(self, k=10) -> None:
                    return len(k)
            """
        let expected = """
            <span class="tok-dec">@app.route</span>(<span class="tok-str">&quot;/x&quot;</span>)
            <span class="tok-kw">class</span> <span class="tok-fn">Run</span>(Base):
                <span class="tok-kw">def</span> <span class="tok-fn">score</span>(self, k=<span class="tok-num">10</span>) -&gt; <span class="tok-lit">None</span>:
                    <span class="tok-kw">return</span> <span class="tok-builtin">len</span>(k)
            """
        #expect(SyntaxHighlighter.highlight(code, language: "python") == expected)
    }

    @Test func pythonStringPrefixesAndNumberForms() {
        let code = #"f"{lr!r}" + rb'\d' + B"x" + 0x1F + 1e-3 + .5 + 1_000j"#
        let expected =
            #"<span class="tok-str">f&quot;{lr!r}&quot;</span> + <span class="tok-str">rb&#39;\d&#39;</span> + <span class="tok-str">B&quot;x&quot;</span> + <span class="tok-num">0x1F</span> + <span class="tok-num">1e-3</span> + <span class="tok-num">.5</span> + <span class="tok-num">1_000j</span>"#
        #expect(SyntaxHighlighter.highlight(code, language: "py") == expected)
    }

    @Test func pythonTripleQuotedStringIsReopenedOnEachLine() {
        let code = "s = '''one\n\ntwo''' # done"
        let expected = #"""
            s = <span class="tok-str">&#39;&#39;&#39;one</span>

            <span class="tok-str">two&#39;&#39;&#39;</span> <span class="tok-com"># done</span>
            """#
        #expect(SyntaxHighlighter.highlight(code, language: "python") == expected)
    }

    @Test func pythonUnterminatedStringsStopAtLineOrEnd() {
        #expect(
            SyntaxHighlighter.highlight("x = \"open\ny = 2", language: "python")
                == "x = <span class=\"tok-str\">&quot;open</span>\ny = <span class=\"tok-num\">2</span>")
        #expect(
            SyntaxHighlighter.highlight("\"\"\"doc\nmore", language: "python")
                == "<span class=\"tok-str\">&quot;&quot;&quot;doc</span>\n<span class=\"tok-str\">more</span>")
        #expect(SyntaxHighlighter.highlight("'a\\", language: "python") == "<span class=\"tok-str\">&#39;a\\</span>")
    }

    @Test func pythonSoftKeywordsAndAttributes() {
        let code = """
            match = re.match(p, s)
            match command:
                case [a, b]:
                    x.print(a @ b)
            """
        let expected = """
            match = re.match(p, s)
            <span class="tok-kw">match</span> command:
                <span class="tok-kw">case</span> [a, b]:
                    x.print(a @ b)
            """
        #expect(SyntaxHighlighter.highlight(code, language: "python") == expected)
    }

    // MARK: - YAML

    @Test func yamlKeysScalarsAndComments() {
        let code = """
            ---
            # front matter
            kind: model
            id: "ticket-model"
            'quoted key': plain text # trailing
            version: 3.10
            count: -42
            ratio: 1.5e-3
            enabled: true
            missing: ~
            url: http://example.com/a#b
            ...
            """
        let expected = """
            <span class="tok-kw">---</span>
            <span class="tok-com"># front matter</span>
            <span class="tok-key">kind</span>: model
            <span class="tok-key">id</span>: <span class="tok-str">&quot;ticket-model&quot;</span>
            <span class="tok-key">&#39;quoted key&#39;</span>: plain text <span class="tok-com"># trailing</span>
            <span class="tok-key">version</span>: <span class="tok-num">3.10</span>
            <span class="tok-key">count</span>: <span class="tok-num">-42</span>
            <span class="tok-key">ratio</span>: <span class="tok-num">1.5e-3</span>
            <span class="tok-key">enabled</span>: <span class="tok-lit">true</span>
            <span class="tok-key">missing</span>: <span class="tok-lit">~</span>
            <span class="tok-key">url</span>: http://example.com/a#b
            <span class="tok-kw">...</span>
            """
        #expect(SyntaxHighlighter.highlight(code, language: "yaml") == expected)
    }

    @Test func yamlListsAnchorsAliasesAndTags() {
        let code = """
            defaults: &defaults
              adapter: postgres
            dev:
              <<: *defaults
              tag: !!str 123
            steps:
              - load
              - - nested
                - 2024-01-01
              - name: train
            """
        let expected = """
            <span class="tok-key">defaults</span>: <span class="tok-var">&amp;defaults</span>
              <span class="tok-key">adapter</span>: postgres
            <span class="tok-key">dev</span>:
              <span class="tok-key">&lt;&lt;</span>: <span class="tok-var">*defaults</span>
              <span class="tok-key">tag</span>: <span class="tok-dec">!!str</span> <span class="tok-num">123</span>
            <span class="tok-key">steps</span>:
              <span class="tok-op">-</span> load
              <span class="tok-op">-</span> <span class="tok-op">-</span> nested
                <span class="tok-op">-</span> 2024-01-01
              <span class="tok-op">-</span> <span class="tok-key">name</span>: train
            """
        #expect(SyntaxHighlighter.highlight(code, language: "yml") == expected)
    }

    @Test func yamlFlowCollectionsAndBlockScalars() {
        let code = """
            tags: [nlp, "text", 12, {a: 1, b: null}]
            run: |
              python train.py # not a comment

            after: 1
            """
        let expected = """
            <span class="tok-key">tags</span>: [nlp, <span class="tok-str">&quot;text&quot;</span>, <span class="tok-num">12</span>, {<span class="tok-key">a</span>: <span class="tok-num">1</span>, <span class="tok-key">b</span>: <span class="tok-lit">null</span>}]
            <span class="tok-key">run</span>: <span class="tok-op">|</span>
              <span class="tok-str">python train.py # not a comment</span>

            <span class="tok-key">after</span>: <span class="tok-num">1</span>
            """
        #expect(SyntaxHighlighter.highlight(code, language: "yaml") == expected)
    }

    @Test func yamlUnterminatedQuoteRunsToEndWithoutBreakingSpans() {
        #expect(
            SyntaxHighlighter.highlight("a: \"open\nb: 1", language: "yaml")
                == "<span class=\"tok-key\">a</span>: <span class=\"tok-str\">&quot;open</span>\n<span class=\"tok-str\">b: 1</span>"
        )
    }

    // MARK: - JSON

    @Test func jsonKeysValuesNumbersAndLiterals() {
        let code = """
            {
              "name": "bert",
              "layers": [12, -3.5e+2, 0],
              "ok": true, "none": null,
              "nested" : {"a<b": "x\\"y"}
            }
            """
        let expected = """
            {
              <span class="tok-key">&quot;name&quot;</span>: <span class="tok-str">&quot;bert&quot;</span>,
              <span class="tok-key">&quot;layers&quot;</span>: [<span class="tok-num">12</span>, <span class="tok-num">-3.5e+2</span>, <span class="tok-num">0</span>],
              <span class="tok-key">&quot;ok&quot;</span>: <span class="tok-lit">true</span>, <span class="tok-key">&quot;none&quot;</span>: <span class="tok-lit">null</span>,
              <span class="tok-key">&quot;nested&quot;</span> : {<span class="tok-key">&quot;a&lt;b&quot;</span>: <span class="tok-str">&quot;x\\&quot;y&quot;</span>}
            }
            """
        #expect(SyntaxHighlighter.highlight(code, language: "json") == expected)
    }

    @Test func jsoncCommentsAndUnterminatedString() {
        let code = "// c\n{\"a\": /* b */ \"open\n}"
        let expected =
            #"<span class="tok-com">// c</span>"# + "\n"
            + #"{<span class="tok-key">&quot;a&quot;</span>: <span class="tok-com">/* b */</span> <span class="tok-str">&quot;open</span>"#
            + "\n}"
        #expect(SyntaxHighlighter.highlight(code, language: "jsonc") == expected)
    }

    // MARK: - SQL

    @Test func sqlCaseInsensitiveKeywordsStringsAndComments() {
        let code = """
            -- top
            SELECT t.id, COUNT(*) AS n, 'it''s' as s
            from tickets t /* block
            comment */ WHERE t.score > 0.5 AND t.date IS NOT NULL;
            """
        let expected = """
            <span class="tok-com">-- top</span>
            <span class="tok-kw">SELECT</span> t.id, <span class="tok-builtin">COUNT</span>(*) <span class="tok-kw">AS</span> n, <span class="tok-str">&#39;it&#39;&#39;s&#39;</span> <span class="tok-kw">as</span> s
            <span class="tok-kw">from</span> tickets t <span class="tok-com">/* block</span>
            <span class="tok-com">comment */</span> <span class="tok-kw">WHERE</span> t.score &gt; <span class="tok-num">0.5</span> <span class="tok-kw">AND</span> t.date <span class="tok-kw">IS</span> <span class="tok-kw">NOT</span> <span class="tok-lit">NULL</span>;
            """
        #expect(SyntaxHighlighter.highlight(code, language: "sql") == expected)
    }

    @Test func sqlParametersQuotedNamesAndDollarQuoting() {
        let code =
            #"CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$; select "from", E'a\'b' where x = $1 and y = :name"#
        let expected =
            #"<span class="tok-kw">CREATE</span> <span class="tok-kw">FUNCTION</span> <span class="tok-fn">f</span>() <span class="tok-kw">RETURNS</span> <span class="tok-builtin">int</span> <span class="tok-kw">AS</span> <span class="tok-str">$$ SELECT 1 $$</span>; <span class="tok-kw">select</span> &quot;from&quot;, <span class="tok-str">E&#39;a\&#39;b&#39;</span> <span class="tok-kw">where</span> x = <span class="tok-var">$1</span> <span class="tok-kw">and</span> y = <span class="tok-var">:name</span>"#
        #expect(SyntaxHighlighter.highlight(code, language: "postgresql") == expected)
    }

    @Test func sqlUnterminatedStringAndComment() {
        #expect(
            SyntaxHighlighter.highlight("select 'open\nfrom", language: "sqlite")
                == "<span class=\"tok-kw\">select</span> <span class=\"tok-str\">&#39;open</span>\n<span class=\"tok-str\">from</span>"
        )
        #expect(SyntaxHighlighter.highlight("/* open", language: "mysql") == "<span class=\"tok-com\">/* open</span>")
    }

    // MARK: - Shell

    @Test func shellCommentsOnlyAtWordStart() {
        let code = #"echo a#b ${#x} $# # real"#
        let expected =
            #"<span class="tok-builtin">echo</span> a#b <span class="tok-var">${#x}</span> <span class="tok-var">$#</span> <span class="tok-com"># real</span>"#
        #expect(SyntaxHighlighter.highlight(code, language: "bash") == expected)
    }

    @Test func shellStringsVariablesAndKeywords() {
        let code = """
            export DIR="${HOME}/data"
            for f in *.csv; do
              wc -l "$f" 'no $x' 2>&1
            done
            if [ -z "$X" ]; then echo if; fi
            """
        let expected = """
            <span class="tok-builtin">export</span> <span class="tok-var">DIR</span>=<span class="tok-str">&quot;</span><span class="tok-var">${HOME}</span><span class="tok-str">/data&quot;</span>
            <span class="tok-kw">for</span> f <span class="tok-kw">in</span> *.csv; <span class="tok-kw">do</span>
              <span class="tok-builtin">wc</span> -l <span class="tok-str">&quot;</span><span class="tok-var">$f</span><span class="tok-str">&quot;</span> <span class="tok-str">&#39;no $x&#39;</span> <span class="tok-num">2</span>&gt;&amp;<span class="tok-num">1</span>
            <span class="tok-kw">done</span>
            <span class="tok-kw">if</span> [ -z <span class="tok-str">&quot;</span><span class="tok-var">$X</span><span class="tok-str">&quot;</span> ]; <span class="tok-kw">then</span> <span class="tok-builtin">echo</span> if; <span class="tok-kw">fi</span>
            """
        #expect(SyntaxHighlighter.highlight(code, language: "sh") == expected)
    }

    @Test func shellFunctionsAssignmentsAndHeredocs() {
        let code = """
            function deploy {
              LR=0.1 python train.py
            }
            build() { make; }
            cat <<'EOF'
            lr: $LR
            EOF
            """
        let expected = """
            <span class="tok-kw">function</span> <span class="tok-fn">deploy</span> {
              <span class="tok-var">LR</span>=0.1 <span class="tok-builtin">python</span> train.py
            }
            <span class="tok-fn">build</span>() { <span class="tok-builtin">make</span>; }
            <span class="tok-builtin">cat</span> &lt;&lt;&#39;EOF&#39;
            <span class="tok-str">lr: $LR</span>
            EOF
            """
        #expect(SyntaxHighlighter.highlight(code, language: "zsh") == expected)
    }

    @Test func shellUnterminatedStrings() {
        #expect(
            SyntaxHighlighter.highlight("echo \"open $x\nls", language: "shell")
                == "<span class=\"tok-builtin\">echo</span> <span class=\"tok-str\">&quot;open </span><span class=\"tok-var\">$x</span>\n<span class=\"tok-str\">ls</span>"
        )
        #expect(
            SyntaxHighlighter.highlight("echo 'open", language: "shell")
                == "<span class=\"tok-builtin\">echo</span> <span class=\"tok-str\">&#39;open</span>")
    }

    @Test func consoleHighlightsOnlyPromptedCommands() {
        let code = "$ pip install torch \\\n    --no-deps\nCollecting torch # output\n$ echo \"$HOME\"\n/root\n"
        let expected =
            #"<span class="tok-op">$</span> <span class="tok-builtin">pip</span> install torch \"# + "\n"
            + "    --no-deps\nCollecting torch # output\n"
            + #"<span class="tok-op">$</span> <span class="tok-builtin">echo</span> <span class="tok-str">&quot;</span><span class="tok-var">$HOME</span><span class="tok-str">&quot;</span>"#
            + "\n"
            + "/root\n"
        #expect(SyntaxHighlighter.highlight(code, language: "console") == expected)
        #expect(SyntaxHighlighter.highlight(code, language: "shell-session") == expected)
    }

    // MARK: - Aliases and unknown languages

    @Test(arguments: [
        ("python", "python"), ("py", "python"), ("python3", "python"), ("Python", "python"),
        ("yaml", "yaml"), ("yml", "yaml"),
        ("json", "json"), ("jsonc", "json"),
        ("sql", "sql"), ("postgresql", "sql"), ("sqlite", "sql"), ("mysql", "sql"),
        ("shell", "shell"), ("sh", "shell"), ("bash", "shell"), ("zsh", "shell"),
        ("console", "shell"), ("shell-session", "shell"), (" BASH ", "shell"),
        ("pseudocode", "pseudocode"),
    ])
    func aliasesNormalize(name: String, language: String) {
        #expect(SyntaxHighlighter.normalizedLanguage(name) == language)
    }

    @Test(arguments: ["", "rust", "text", "plaintext", "python2.7", "c++"])
    func unknownLanguagesHaveNoTokenizer(name: String) {
        #expect(SyntaxHighlighter.normalizedLanguage(name) == nil)
    }

    @Test func aliasesHighlightLikeTheirLanguage() {
        let code = "if x: return 'y'"
        #expect(
            SyntaxHighlighter.highlight(code, language: "py") == SyntaxHighlighter.highlight(code, language: "python"))
        #expect(
            SyntaxHighlighter.highlight("a: 1", language: "yml")
                == SyntaxHighlighter.highlight("a: 1", language: "yaml"))
    }

    @Test func unknownLanguageIsEscapedOnly() {
        let code = #"fn main() { if a < b && c > "d" { 'e' } }"#
        #expect(
            SyntaxHighlighter.highlight(code, language: "rust")
                == "fn main() { if a &lt; b &amp;&amp; c &gt; &quot;d&quot; { &#39;e&#39; } }")
        #expect(SyntaxHighlighter.highlight("", language: "rust") == "")
    }

    @Test(arguments: ["python", "yaml", "json", "sql", "shell", "console", "pseudocode", "text"])
    func everyLanguageEscapesMarkup(language: String) {
        let code = "<script>alert(\"x\" & 'y')</script>"
        let html = SyntaxHighlighter.highlight(code, language: language)
        #expect(!html.contains("<script"))
        #expect(!html.contains("</script"))
        #expect(plainText(of: html) == code)
    }

    // MARK: - Pseudocode

    @Test func pseudocodeLinesHighlightKeywordsCommentsAndOperators() {
        let code = """
            PROCEDURE Train(tickets, k)
              for each ticket in tickets do   // loop
                x ← Embed(ticket.text) ▷ vector
                y <- 0.5 * x2 + 3
                label := "spam's" -- comment
                If user's score > 10 Then return x # done
              end for

            """
        let lines = SyntaxHighlighter.pseudocodeLines(code)
        #expect(
            lines == [
                #"<span class="tok-kw">PROCEDURE</span> <span class="tok-fn">Train</span>(tickets, k)"#,
                #"  <span class="tok-kw">for</span> <span class="tok-kw">each</span> ticket <span class="tok-kw">in</span> tickets <span class="tok-kw">do</span>   <span class="tok-com">// loop</span>"#,
                #"    x <span class="tok-op">←</span> Embed(ticket.text) <span class="tok-com">▷ vector</span>"#,
                #"    y <span class="tok-op">&lt;-</span> <span class="tok-num">0.5</span> * x2 + <span class="tok-num">3</span>"#,
                #"    label <span class="tok-op">:=</span> <span class="tok-str">&quot;spam&#39;s&quot;</span> <span class="tok-com">-- comment</span>"#,
                #"    <span class="tok-kw">If</span> user&#39;s score &gt; <span class="tok-num">10</span> <span class="tok-kw">Then</span> <span class="tok-kw">return</span> x <span class="tok-com"># done</span>"#,
                #"  <span class="tok-kw">end</span> <span class="tok-kw">for</span>"#,
            ])
    }

    @Test func pseudocodeKeywordsAreWholeWords() {
        #expect(
            SyntaxHighlighter.pseudocodeLines("format toString endless for_each all")
                == [#"format toString endless for_each <span class="tok-kw">all</span>"#])
    }

    @Test func pseudocodeLineCount() {
        #expect(SyntaxHighlighter.pseudocodeLines("").isEmpty)
        #expect(SyntaxHighlighter.pseudocodeLines("a").count == 1)
        #expect(SyntaxHighlighter.pseudocodeLines("a\n").count == 1)
        #expect(SyntaxHighlighter.pseudocodeLines("a\r\nb\r\n") == ["a", "b"])
        #expect(SyntaxHighlighter.pseudocodeLines("a\n\nb").count == 3)
        #expect(SyntaxHighlighter.pseudocodeLines("\n") == [""])
    }

    @Test func pseudocodeUnterminatedQuoteStaysPlain() {
        #expect(
            SyntaxHighlighter.pseudocodeLines("say \"hi\nreturn 1")
                == [#"say &quot;hi"#, #"<span class="tok-kw">return</span> <span class="tok-num">1</span>"#])
    }

    // MARK: - Robustness

    @Test(arguments: ["python", "yaml", "json", "sql", "shell", "console", "pseudocode"])
    func emptyAndDegenerateInputs(language: String) {
        #expect(SyntaxHighlighter.highlight("", language: language) == "")
        for code in [
            "\"", "'", "\\", "$", "${", "$'", "<<", "<<EOF", "/*", "--", "#", "@", "&", "*", "!", "|", ">-",
            "'''", "\"\"\"", "$$", "$tag$", "E'", "\u{FFFD}", "\u{FFFD}\"\u{FFFD}", "\r\n", "\0", "0x", "1e", "- ",
            "? :",
        ] {
            let html = SyntaxHighlighter.highlight(code, language: language)
            #expect(isWellFormed(html), "\(language): \(code)")
            #expect(plainText(of: html) == code, "\(language): \(code)")
        }
    }

    @Test(arguments: ["python", "yaml", "json", "sql", "shell", "console", "pseudocode"])
    func randomInputsRoundTripAndNestCorrectly(language: String) {
        var generator = SeededGenerator(seed: 0xD055_1E12)
        let alphabet = Array("\"'`$#{}[](),:;&|<>-=*!@%\\/ \t\n\rabcEfinorxy019._é←▷\u{FFFD}")
        for _ in 0..<300 {
            let length = Int(generator.next() % 60)
            let code = String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            let html = SyntaxHighlighter.highlight(code, language: language)
            #expect(isWellFormed(html), "\(language): \(code.debugDescription)")
            #expect(plainText(of: html) == code, "\(language): \(code.debugDescription)")
            #expect(SyntaxHighlighter.highlight(code, language: language) == html)
        }
    }

    /// About 1 MB of inputs that would make a backtracking or rescanning tokenizer quadratic.
    @Test(arguments: ["python", "yaml", "json", "sql", "shell", "console", "pseudocode"])
    func megabyteInputsFinish(language: String) {
        let patterns = [
            "\"'x", "'''", "$${", "<<EOF\n", "[{: ", "a: b: ", "${(", "\"$(", "/*", "--", "x = 1 # c\n",
            "\u{FFFD}←", String(repeating: "a", count: 80) + "$", " \\", "\"\"\"",
        ]
        let code = patterns.map { String(repeating: $0, count: 70_000 / $0.utf8.count) }.joined()
        let html = SyntaxHighlighter.highlight(code, language: language)
        #expect(html.utf8.count >= code.utf8.count)
    }

    @Test func pseudocodeLinesOfALargeInput() {
        let lines = SyntaxHighlighter.pseudocodeLines(String(repeating: "for x ← \"a\n", count: 20_000))
        #expect(lines.count == 20_000)
        #expect(lines[0] == #"<span class="tok-kw">for</span> x <span class="tok-op">←</span> &quot;a"#)
    }

    @Test func spansNeverCrossLineBreaks() {
        let samples = [
            ("python", "x = \"\"\"a\nb\nc\"\"\""),
            ("sql", "/* a\nb */ select $$\n$$"),
            ("yaml", "a: |\n  b\n  c\nd: \"e\nf\""),
            ("shell", "cat <<EOF\na\nb\nEOF\necho 'x\ny'"),
            ("json", "/* a\nb */"),
        ]
        for (language, code) in samples {
            let html = SyntaxHighlighter.highlight(code, language: language)
            #expect(isWellFormed(html), "\(language)")
            #expect(
                html.split(separator: "\n", omittingEmptySubsequences: false).count
                    == code.split(separator: "\n", omittingEmptySubsequences: false).count)
        }
    }
}

// MARK: - Helpers

private let entities: [(String, UInt8)] = [
    ("&amp;", UInt8(ascii: "&")), ("&lt;", UInt8(ascii: "<")), ("&gt;", UInt8(ascii: ">")),
    ("&quot;", UInt8(ascii: "\"")), ("&#39;", UInt8(ascii: "'")),
]

/// The text a browser would show: spans removed and entities decoded.
private func plainText(of html: String) -> String {
    let bytes = Array(html.utf8)
    var text: [UInt8] = []
    var index = 0
    while index < bytes.count {
        if bytes[index] == UInt8(ascii: "<"), let close = bytes[index...].firstIndex(of: UInt8(ascii: ">")) {
            index = close + 1
        } else if bytes[index] == UInt8(ascii: "&"),
            let (entity, byte) = entities.first(where: { bytes[index...].starts(with: $0.0.utf8) })
        {
            text.append(byte)
            index += entity.utf8.count
        } else {
            text.append(bytes[index])
            index += 1
        }
    }
    return String(decoding: text, as: UTF8.self)
}

/// Spans open and close in pairs without nesting or crossing a line, and no markup character is raw.
private func isWellFormed(_ html: String) -> Bool {
    let bytes = Array(html.utf8)
    let open = Array("<span class=\"tok-".utf8)
    let close = Array("</span>".utf8)
    var isOpen = false
    var index = 0
    while index < bytes.count {
        let rest = bytes[index...]
        if rest.starts(with: open) {
            guard !isOpen, let end = rest.firstIndex(of: UInt8(ascii: ">")) else { return false }
            index = end + 1
            isOpen = true
        } else if rest.starts(with: close) {
            guard isOpen else { return false }
            index += close.count
            isOpen = false
        } else if bytes[index] == UInt8(ascii: "&") {
            guard let (entity, _) = entities.first(where: { rest.starts(with: $0.0.utf8) }) else { return false }
            index += entity.utf8.count
        } else if "<>\"'".utf8.contains(bytes[index]) || bytes[index] == UInt8(ascii: "\n") && isOpen {
            return false
        } else {
            index += 1
        }
    }
    return !isOpen
}
