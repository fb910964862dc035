@testable import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// `#symbol` references go stale only when the symbol's own text changes (SPEC 1.6).
@Suite struct SymbolStalenessTests {
    // MARK: Python

    private static let pythonV1 = """
        import numpy as np

        LEARNING_RATE = 0.1


        def train(x):
            \"\"\"Fit the model.\"\"\"
            return np.mean(x) * LEARNING_RATE


        def evaluate(x):
            return 0
        """

    private func pythonProject() throws -> GitFixture {
        let repo = try GitFixture()
        repo.write("docs/page.md", "# Model\n")
        repo.write("models/train.py", Self.pythonV1)
        repo.write("models/other.py", "def helper():\n    return 1\n")
        repo.commit("Initial", day: 0)
        return repo
    }

    @Test func pythonFunctionChangedIsStale() throws {
        let repo = try pythonProject()
        defer { repo.remove() }
        repo.write("models/train.py", Self.pythonV1.replacingOccurrences(of: "np.mean(x)", with: "np.median(x)"))
        let change = repo.commit("Use the median", day: 6)
        let report = repo.check(["models/train.py#train"])
        #expect(report.state == .stale)
        let finding = try #require(report.findings.first)
        #expect(finding.rule == "staleness.stale")
        #expect(finding.message.contains("1 commit changed models/train.py#train"))
        #expect(finding.message.contains("latest: \(change.prefix(7)) \"Use the median\" (2026-01-07)"))
    }

    @Test func pythonOtherLinesOfTheSameFileChangedIsFresh() throws {
        let repo = try pythonProject()
        defer { repo.remove() }
        repo.write(
            "models/train.py",
            Self.pythonV1.replacingOccurrences(of: "return 0", with: "return 1") + "\n\ndef extra():\n    pass\n")
        repo.commit("Change evaluate", day: 2)
        #expect(repo.check(["models/train.py#train"]).state == .fresh)
        #expect(repo.check(["models/train.py#LEARNING_RATE"]).state == .fresh)
        #expect(repo.check(["models/train.py#evaluate"]).state == .stale)
        #expect(repo.check(["models/train.py"]).state == .stale)
        // Trailing whitespace is not a change either.
        repo.write(
            "models/train.py", Self.pythonV1.replacingOccurrences(of: "LEARNING_RATE\n", with: "LEARNING_RATE   \n"))
        repo.commit("Whitespace", day: 3)
        #expect(repo.check(["models/train.py#train"]).state == .fresh)
    }

    @Test func pythonFunctionMovedWithinTheFileIsFresh() throws {
        let repo = try pythonProject()
        defer { repo.remove() }
        let moved = """
            import numpy as np

            LEARNING_RATE = 0.1


            def evaluate(x):
                return 0


            def train(x):
                \"\"\"Fit the model.\"\"\"
                return np.mean(x) * LEARNING_RATE
            """
        repo.write("models/train.py", moved)
        repo.commit("Reorder", day: 4)
        #expect(repo.check(["models/train.py#train"]).state == .fresh)
        #expect(repo.check(["models/train.py#evaluate"]).state == .fresh)

        // Indented into a block: compared dedented, it is the same text.
        let indented = moved.replacingOccurrences(
            of: "def train(x):\n    \"\"\"Fit the model.\"\"\"\n    return np.mean(x) * LEARNING_RATE",
            with:
                "if np:\n    def train(x):\n        \"\"\"Fit the model.\"\"\"\n        return np.mean(x) * LEARNING_RATE"
        )
        #expect(indented != moved)
        repo.write("models/train.py", indented)
        repo.commit("Indent", day: 5)
        #expect(repo.check(["models/train.py#train"]).state == .fresh)
    }

    @Test func pythonFunctionMovedToAnotherFileIsFresh() throws {
        let repo = try pythonProject()
        defer { repo.remove() }
        let baseline = try #require(repo.history().head?.hash)
        // Move `train` into other.py; the page's reference is updated to the new path.
        let without = Self.pythonV1.replacingOccurrences(
            of: "def train(x):\n    \"\"\"Fit the model.\"\"\"\n    return np.mean(x) * LEARNING_RATE\n", with: "")
        repo.write("models/train.py", without)
        repo.write(
            "models/other.py",
            "def helper():\n    return 1\n\n\ndef train(x):\n    \"\"\"Fit the model.\"\"\"\n    return np.mean(x) * LEARNING_RATE\n"
        )
        repo.write("docs/page.md", "# Model\nSee models/other.py#train.\n")
        repo.commit("Move train to other.py", day: 3)

        let moved = repo.check(["models/other.py#train"], verified: baseline)
        #expect(moved.state == .fresh)
        #expect(moved.findings.isEmpty)

        // Moved and changed: stale.
        repo.write(
            "models/other.py",
            "def helper():\n    return 1\n\n\ndef train(x):\n    \"\"\"Fit the model.\"\"\"\n    return np.max(x)\n")
        repo.commit("Change moved train", day: 8)
        let changed = repo.check(["models/other.py#train"], verified: baseline)
        #expect(changed.state == .stale)
        let finding = try #require(changed.findings.first)
        #expect(finding.message.contains("1 commit changed models/other.py#train"))
        #expect(finding.message.contains("\"Change moved train\" (2026-01-09)"))
    }

    @Test func pythonFunctionDeletedIsBroken() throws {
        let repo = try pythonProject()
        defer { repo.remove() }
        repo.write("models/train.py", "LEARNING_RATE = 0.1\n")
        repo.commit("Remove train", day: 1)
        let report = repo.check(["models/train.py#train"])
        #expect(report.state == .broken)
        let finding = try #require(report.findings.first)
        #expect(finding.rule == "code.missing-symbol")
        #expect(finding.severity == .error)
        #expect(finding.location == SourceLocation(path: "docs/page.md", line: 2))
        #expect(
            finding.message == "code reference `models/train.py#train`: `train` is not defined in `models/train.py`")
    }

    @Test func uncommittedSymbolEditIsStale() throws {
        let repo = try pythonProject()
        defer { repo.remove() }
        repo.write("models/train.py", Self.pythonV1.replacingOccurrences(of: "return 0", with: "return 2"))
        #expect(repo.check(["models/train.py#train"]).state == .fresh)
        let report = repo.check(["models/train.py#evaluate"])
        #expect(report.state == .stale)
        #expect(
            report.findings.first?.message.hasPrefix(
                "stale: uncommitted changes to models/train.py#evaluate since this page was last updated") == true)
    }

    @Test func commitsThatDoNotTouchTheSymbolAreNotCounted() throws {
        let repo = try pythonProject()
        defer { repo.remove() }
        var text = Self.pythonV1
        text = text.replacingOccurrences(of: "np.mean(x)", with: "np.median(x)")
        repo.write("models/train.py", text)
        repo.commit("Symbol change 1", day: 1)
        text = text.replacingOccurrences(of: "return 0", with: "return 5")
        repo.write("models/train.py", text)
        repo.commit("Other function", day: 2)
        text = text.replacingOccurrences(of: "np.median(x)", with: "np.max(x)")
        repo.write("models/train.py", text)
        repo.commit("Symbol change 2", day: 3)
        text = text.replacingOccurrences(of: "import numpy", with: "import  numpy")
        repo.write("models/train.py", text)
        repo.commit("Import tweak", day: 9)
        let finding = try #require(repo.check(["models/train.py#train"]).findings.first)
        #expect(finding.message.contains("2 commits changed models/train.py#train"))
        #expect(finding.message.contains("\"Symbol change 2\" (2026-01-04); behind HEAD for 8 days"))
    }

    @Test func symbolOfARenamedFileIsComparedUnderItsOldName() throws {
        let repo = try pythonProject()
        defer { repo.remove() }
        let baseline = try #require(repo.history().head?.hash)
        repo.git("mv", "models/train.py", "models/fit.py")
        repo.commit("Rename", day: 1)
        #expect(repo.check(["models/fit.py#train"], verified: baseline).state == .fresh)
        repo.write("models/fit.py", Self.pythonV1.replacingOccurrences(of: "np.mean", with: "np.nanmean"))
        repo.commit("Change after rename", day: 2)
        #expect(repo.check(["models/fit.py#train"], verified: baseline).state == .stale)
    }

    // MARK: Go

    private static let goV1 = """
        package model

        import "strings"

        type Forest struct {
        \tTrees int
        }

        // Fit trains the forest.
        func (f *Forest) Fit(rows []string) int {
        \treturn len(strings.Join(rows, "}"))
        }

        func Evaluate() int {
        \treturn 0
        }
        """

    private func goProject() throws -> GitFixture {
        let repo = try GitFixture()
        repo.write("docs/page.md", "# Model\n")
        repo.write("model/forest.go", Self.goV1)
        repo.write("model/util.go", "package model\n\nfunc helper() {}\n")
        repo.commit("Initial", day: 0)
        return repo
    }

    @Test func goMethodChangedIsStale() throws {
        let repo = try goProject()
        defer { repo.remove() }
        repo.write("model/forest.go", Self.goV1.replacingOccurrences(of: "\"}\"", with: "\",\""))
        repo.commit("Join with commas", day: 5)
        let report = repo.check(["model/forest.go#Forest.Fit"])
        #expect(report.state == .stale)
        #expect(report.findings.first?.message.contains("1 commit changed model/forest.go#Forest.Fit") == true)
    }

    @Test func goOtherLinesChangedIsFresh() throws {
        let repo = try goProject()
        defer { repo.remove() }
        repo.write("model/forest.go", Self.goV1.replacingOccurrences(of: "return 0", with: "return 1"))
        repo.commit("Change Evaluate", day: 5)
        #expect(repo.check(["model/forest.go#Forest.Fit"]).state == .fresh)
        #expect(repo.check(["model/forest.go#Forest"]).state == .fresh)
        #expect(repo.check(["model/forest.go#Evaluate"]).state == .stale)
    }

    @Test func goMethodMovedWithinTheFileIsFresh() throws {
        let repo = try goProject()
        defer { repo.remove() }
        let reordered = """
            package model

            import "strings"

            func Evaluate() int {
            \treturn 0
            }

            // Fit trains the forest.
            func (f *Forest) Fit(rows []string) int {
            \treturn len(strings.Join(rows, "}"))
            }

            type Forest struct {
            \tTrees int
            }
            """
        repo.write("model/forest.go", reordered)
        repo.commit("Reorder", day: 2)
        #expect(repo.check(["model/forest.go#Forest.Fit"]).state == .fresh)
        #expect(repo.check(["model/forest.go#Evaluate"]).state == .fresh)
    }

    @Test func goMethodMovedToAnotherFileIsFresh() throws {
        let repo = try goProject()
        defer { repo.remove() }
        let baseline = try #require(repo.history().head?.hash)
        let method = "func (f *Forest) Fit(rows []string) int {\n\treturn len(strings.Join(rows, \"}\"))\n}\n"
        repo.write(
            "model/forest.go", Self.goV1.replacingOccurrences(of: "// Fit trains the forest.\n" + method, with: ""))
        repo.write("model/fit.go", "package model\n\nimport \"strings\"\n\n" + method)
        repo.commit("Move Fit to fit.go", day: 3)
        #expect(repo.check(["model/fit.go#Forest.Fit"], verified: baseline).state == .fresh)
        #expect(repo.check(["model/forest.go#Forest.Fit"], verified: baseline).state == .broken)
    }

    @Test func goFunctionDeletedIsBroken() throws {
        let repo = try goProject()
        defer { repo.remove() }
        repo.write("model/forest.go", "package model\n")
        repo.commit("Remove everything", day: 1)
        let report = repo.check(["model/forest.go#Evaluate", "model/forest.go#Forest.Fit"])
        #expect(report.state == .broken)
        #expect(report.findings.map(\.rule) == ["code.missing-symbol", "code.missing-symbol"])
    }
}
