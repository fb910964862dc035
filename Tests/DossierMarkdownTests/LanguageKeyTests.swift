@testable import DossierMarkdown
import Testing

/// `SyntaxHighlighter.languageKey` returns the usual name as it is, without the Character-level
/// trim: every other name must still come out as the trim and lowercasing made it.
@Suite struct LanguageKeyTests {
    private static func reference(_ name: String) -> String {
        String(name.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()).lowercased()
    }

    @Test func matchesTheTrimAndLowercasingForEveryKindOfName() {
        let names = [
            "", "python", "py3", "shell-session", "c++", "objective-c", "PY", "Python", " yaml", "json ",
            "\tsql\n", "\u{0B}sh\u{0C}", "\r\nbash", "\u{85}py", "py\u{A0}", "\u{2003}yml\u{3000}", "Ünïcode",
            "ΣQL", "python\u{301}", " ", "\u{1F600}", "a b", "MiXeD-Case_1",
        ]
        for name in names {
            #expect(SyntaxHighlighter.languageKey(name) == Self.reference(name), "\(name.debugDescription)")
        }
    }

    @Test func aliasesStillResolveFromUntrimmedOrUppercaseNames() {
        #expect(SyntaxHighlighter.normalizedLanguage(" PY3 ") == "python")
        #expect(SyntaxHighlighter.normalizedLanguage("\u{A0}Shell-Session") == "shell")
        #expect(SyntaxHighlighter.normalizedLanguage("yml") == "yaml")
        #expect(SyntaxHighlighter.normalizedLanguage("rust") == nil)
    }
}
