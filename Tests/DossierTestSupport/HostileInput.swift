/// Inputs an attacker can commit, shared by the unit tests and the hostile-project tests.
package enum HostileInput {
    /// A YAML alias bomb whose aliases hide behind a quote: `it 'x` opens no quoted scalar (the
    /// quote is inside a plain scalar), but text scanners took it for one and skipped the line's
    /// `*a0` aliases. Ten levels of ten aliases expand to 10^10 values.
    package static let quoteHiddenYAMLBomb: String = {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...10 {
            yaml +=
                "a\(level): &a\(level) [it 'x, " + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ",")
                + "]\n"
        }
        return yaml
    }()

    /// The same bomb as the value of one key, for files whose top level is read as a mapping.
    package static func quoteHiddenYAMLBomb(under key: String) -> String {
        "\(key):\n" + quoteHiddenYAMLBomb.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
    }

    /// How deep the nesting tests go.
    package static let depth = 100_000

    /// One Markdown body per construct, each nested `depth` levels deep.
    package static let deepMarkdown: [(name: String, markdown: String)] = {
        let n = depth
        return [
            ("block-quotes", String(repeating: ">", count: n) + " deep\n"),
            ("bullet-lists", String(repeating: "- ", count: n) + "deep\n"),
            ("ordered-lists", String(repeating: "1. ", count: n) + "deep\n"),
            ("quoted-lists", String(repeating: "> - ", count: n / 2) + "deep\n"),
            ("emphasis", String(repeating: "*", count: n) + "deep" + String(repeating: "*", count: n) + "\n"),
            ("strong", String(repeating: "**", count: n) + "deep" + String(repeating: "**", count: n) + "\n"),
            ("underscores", String(repeating: "_", count: n) + "deep" + String(repeating: "_", count: n) + "\n"),
            (
                "strikethrough",
                String(repeating: "~~a ", count: n) + "deep" + String(repeating: " b~~", count: n) + "\n"
            ),
            ("links", String(repeating: "[", count: n) + "deep" + String(repeating: "](x.md)", count: n) + "\n"),
            ("images", String(repeating: "![", count: n) + "deep" + String(repeating: "](x.png)", count: n) + "\n"),
            ("brackets", String(repeating: "[", count: n) + "deep" + String(repeating: "]", count: n) + "\n"),
            (
                "emphasis-in-links",
                String(repeating: "[*", count: n) + "deep" + String(repeating: "*](x.md)", count: n) + "\n"
            ),
            ("html", String(repeating: "<div>", count: n) + "deep\n"),
        ]
    }()

    /// Emphasis mixed with links in one paragraph, about 1 MB: quadratic in Debian's cmark-gfm.
    package static let delimiterPathology = String(repeating: "word *em* [link](x.md) ", count: 45_000) + "\n"
    /// `![[]()` repeated, about 600 KB: it did not finish in 30 s with Debian's cmark-gfm.
    package static let bracketPathology = String(repeating: "![[]()", count: 100_000) + "\n"
    /// `<http://a` repeated, about 270 KB: the autolink extension took minutes on it.
    package static let autolinkPathology = String(repeating: "<http://a", count: 30_000) + "\n"
}
