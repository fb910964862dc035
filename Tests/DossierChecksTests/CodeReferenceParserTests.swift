@testable import DossierChecks
@testable import DossierCore
@testable import DossierModel
import Testing

private extension Result where Success == CodeReference, Failure == Finding {
    var reference: CodeReference? { try? get() }
    var finding: Finding? {
        if case let .failure(finding) = self { finding } else { nil }
    }
}

@Suite struct CodeReferenceParserTests {
    let here = SourceLocation(path: "docs/model.md", line: 7, column: 3)

    private func parse(_ text: String, base: String = "") -> Result<CodeReference, Finding>? {
        CodeReferenceParser.parse(text, at: here, relativeTo: base)
    }

    @Test func plainPathsAreNormalized() {
        #expect(
            parse("models/train.py")?.reference
                == CodeReference(path: "models/train.py", anchor: .whole, location: here))
        #expect(parse("./models/train.py")?.reference?.path == "models/train.py")
        #expect(parse("models/./x/../train.py")?.reference?.path == "models/train.py")
        #expect(parse("models//train.py")?.reference?.path == "models/train.py")
        #expect(parse("  models/train.py ")?.reference?.path == "models/train.py")
        #expect(parse("data/my%20file.csv")?.reference?.path == "data/my file.csv")
        #expect(parse("data/ünïcode file.csv")?.reference?.path == "data/ünïcode file.csv")
        #expect(parse("models\\train.py")?.reference?.path == "models/train.py")
    }

    @Test func lineAnchors() {
        #expect(parse("a.py#L10")?.reference?.anchor == .lines(10, 10))
        #expect(parse("a.py#L10-L20")?.reference?.anchor == .lines(10, 20))
        #expect(parse("a.py#L10-20")?.reference?.anchor == .lines(10, 20))
        #expect(parse("a.py#L10C4-L12C8")?.reference?.anchor == .lines(10, 12))
        // Start after end parses; the staleness check reports it as a broken line range.
        #expect(parse("a.py#L20-L10")?.reference?.anchor == .lines(20, 10))
        #expect(parse("a.py#")?.reference?.anchor == .whole)
        #expect(parse("a.py#L10-L20")?.reference?.text == "a.py#L10-L20")
    }

    @Test func symbolAnchors() {
        #expect(parse("a.py#train")?.reference?.anchor == .symbol("train"))
        #expect(parse("a.py#Model.fit")?.reference?.anchor == .symbol("Model.fit"))
        #expect(parse("src/lib.rs#Model::fit")?.reference?.anchor == .symbol("Model::fit"))
        #expect(parse("a.py#_private")?.reference?.anchor == .symbol("_private"))
        #expect(parse("a.py#Lambda")?.reference?.anchor == .symbol("Lambda"))
    }

    @Test func badAnchorsAreFindings() {
        for text in ["a.py#L0", "a.py#foo bar", "a.py#Model.", "a.py#1abc", "a.py#L5-x"] {
            let finding = parse(text)?.finding
            #expect(finding?.rule == "code.invalid-anchor", "\(text)")
            #expect(finding?.severity == .error)
            #expect(finding?.location == here)
        }
    }

    @Test func pathsLeavingTheProjectAreErrors() {
        for text in ["../x.py", "/etc/passwd", "~/x.py", "docs/../../x.py", "./../x", "C:/x.py", "C:\\x.py"] {
            let finding = parse(text)?.finding
            #expect(finding?.rule == "code.outside-project", "\(text)")
            #expect(finding?.severity == .error)
            #expect(finding?.state == .broken)
            #expect(finding?.location == here)
        }
    }

    @Test func urlsAndAnchorsAreNotCodeReferences() {
        for text in [
            "https://example.com/x.py", "http://x", "mailto:a@b.c", "ftp://x/y", "s3://bucket/key",
            "//cdn.example/x.js", "#section", "", "   ",
        ] {
            #expect(parse(text) == nil, "\(text)")
        }
    }

    @Test func relativeToTheDocumentsFolder() {
        #expect(parse("../src/train.py", base: "docs")?.reference?.path == "src/train.py")
        #expect(parse("figures/a.png", base: "docs/guide")?.reference?.path == "docs/guide/figures/a.png")
        #expect(parse("../../x.py", base: "docs")?.finding?.rule == "code.outside-project")
    }

    @Test func theProjectFolderItselfIsNotAFile() {
        #expect(parse("./")?.finding?.rule == "code.invalid-reference")
        #expect(parse("docs/..")?.finding?.rule == "code.invalid-reference")
    }

    /// `normalize` as it was before its ASCII fast path (Character split of base and path).
    static func normalizeByCharacters(_ path: String, base: String) -> String? {
        var parts: [Substring] = []
        for component in base.split(separator: "/", omittingEmptySubsequences: true) where component != "." {
            if component == ".." {
                if parts.popLast() == nil { return nil }
            } else {
                parts.append(component)
            }
        }
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..": if parts.popLast() == nil { return nil }
            default: parts.append(component)
            }
        }
        return parts.joined(separator: "/")
    }

    @Test func normalizeMatchesCharacterSplit() {
        let paths = [
            "", ".", "..", "/", "/x", "/x/..", "a/b", "./a", "../a", "a/../..", "a/./b/../c", "a//b/", "...", "x\r\n/y",
            "é/../b", "a/\u{301}b", "/\u{301}x", "日本/../x", "src/m.py",
            // Already normal, or nearly: the fast path returns the path itself only for the former.
            "a", "a/b/c.py", ".a", "a./b", "a/.b", "..a/b", "a/..b", "a/b/", "a//", "a/...", "a/.", "a/..", "./",
        ]
        let bases = ["", ".", "..", "docs", "docs/../..", "/docs", "/x/../..", "a//b/./c", "é", "docs/\u{301}"]
        for path in paths {
            for base in bases {
                #expect(
                    CodeReferenceParser.normalize(path, base: base) == Self.normalizeByCharacters(path, base: base),
                    "\(path.debugDescription) in \(base.debugDescription)")
            }
        }
    }

    /// The one-pass scan of ASCII text finds the same `#`, `?`, `%` and `\\` as the searches it replaced.
    @Test func fragmentsQueriesAndEscapesOfASCIIPaths() {
        #expect(
            parse("src/a.py?raw=1#L3")?.reference
                == CodeReference(path: "src/a.py", anchor: .lines(3, 3), location: here))
        #expect(parse("src/a%20b.py#L2")?.reference?.path == "src/a b.py")
        #expect(parse("src/a.py?x=%20b")?.reference?.path == "src/a.py")
        #expect(
            parse("src\\a.py#fit")?.reference == CodeReference(path: "src/a.py", anchor: .symbol("fit"), location: here)
        )
        #expect(parse("src/a.py?x\\y")?.reference?.path == "src/a.py")
        #expect(parse("src/a.py#fit?x")?.finding?.rule == "code.invalid-anchor")
        #expect(parse("src/a.py#L1#L2")?.finding?.rule == "code.invalid-anchor")
        #expect(parse("src/a.py#")?.reference?.anchor == .whole)
        #expect(parse("src/a.py?")?.reference == CodeReference(path: "src/a.py", anchor: .whole, location: here))
        #expect(parse("nb/Train.IPYNB#cell-3")?.reference?.anchor == .symbol("cell-3"))
        #expect(parse("nb/train.ipynb#my cell")?.finding?.rule == "code.invalid-anchor")
        #expect(parse("?x")?.finding?.rule == "code.invalid-reference")
        #expect(parse("c:x.py")?.finding?.rule == "code.outside-project")
        #expect(parse("cx:y.py") == nil)  // a URL scheme
    }

    @Test func fragmentsAndQueriesOfNonASCIIPaths() {
        #expect(parse("src/é.py#L2")?.reference?.path == "src/é.py")
        #expect(parse("src/a.py?raw=1#L3")?.reference?.path == "src/a.py")
        #expect(parse("src/a\u{301}.py#fit")?.reference?.path == "src/a\u{301}.py")
    }
}
