@testable import DossierChecks
@testable import DossierCore
@testable import DossierModel
import DossierTestSupport
import Foundation
import Testing

/// The Repository page's map of the project (issue 13 item 6).
@Suite struct RepositoryMapTests {
    private static func map(_ root: String) throws -> RepositoryMap {
        try ProjectLoader.load(root: root).repository
    }

    private static func entry(_ map: RepositoryMap, _ path: String) -> RepositoryMap.Entry? {
        map.entries.first { $0.path == path }
    }

    @Test func ignoredHiddenAndLinkedEntriesAreLeftOut() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        let outside = try GitFixture.plainFolder()
        defer { try? FileManager.default.removeItem(atPath: outside) }
        repo.write(".gitignore", "secret/\n*.log\n")
        repo.write("README.md", "# Project\n\nA project.\n")
        repo.write("src/model.py", "\"\"\"Trains the model.\"\"\"\n")
        repo.write("secret/keys.txt", "k\n")
        repo.write("run.log", "log\n")
        repo.write(".env", "TOKEN=1\n")
        repo.write("untracked.py", "x = 1\n")
        FileManager.default.createFile(atPath: outside + "/passwd", contents: Data("root\n".utf8))
        try FileManager.default.createSymbolicLink(atPath: repo.root + "/escape", withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(
            atPath: repo.root + "/inner.py", withDestinationPath: repo.root + "/src/model.py")
        repo.commit("init", day: 0)
        let map = try Self.map(repo.root)
        let paths = map.entries.map(\.path)
        #expect(paths == ["README.md", "src", "src/model.py", "untracked.py"])
        #expect(Self.entry(map, "src/model.py")?.explanation == "Trains the model.")
        #expect(Self.entry(map, "src/model.py")?.source == .docstring)
    }

    @Test func explanationsFollowTheirOrderOfPrecedence() throws {
        let project = try TemporaryProject([
            "dossier.yml": "structure:\n  depth: 2\n  src: Told by dossier.yml.\n  src/a.py: Also told.\n",
            "src/README.md": "# Src\n\nTold by the README.\n",
            "src/a.py": "\"\"\"Told by the docstring.\"\"\"\n",
            "src/b.py": "#!/usr/bin/env python\n# comment\n\"\"\"Docstring of b.\n\nMore.\n\"\"\"\n",
            "lib/README.md": "<!-- badge -->\n# Lib\n\nHelpers for\nthe models.\n\nSecond paragraph.\n",
            "nb/explore.ipynb":
                ###"{"cells": [{"cell_type": "code", "source": ["# not a heading"]}, {"cell_type": "markdown", "source": ["Intro\n", "## Exploring the data\n"]}]}"###,
            "data/t.csv": "a,b,c\n1,2,3\n4,5,6\n",
            "deep/one/two/three.py": "x = 1\n",
        ])
        defer { project.remove() }
        let map = try Self.map(project.path)
        #expect(Self.entry(map, "src")?.explanation == "Told by dossier.yml.")
        #expect(Self.entry(map, "src/a.py")?.explanation == "Also told.")
        #expect(Self.entry(map, "src/b.py")?.explanation == "Docstring of b.")
        #expect(Self.entry(map, "lib")?.explanation == "Helpers for the models.")
        #expect(Self.entry(map, "lib")?.source == .readme)
        #expect(Self.entry(map, "nb/explore.ipynb")?.explanation == "Exploring the data")
        #expect(Self.entry(map, "data/t.csv")?.explanation == "2 rows × 3 columns")
        // depth 2: deep/one is shown, what it holds is counted, not listed.
        #expect(Self.entry(map, "deep/one")?.hiddenBelow == 2)
        #expect(Self.entry(map, "deep/one/two") == nil)
    }

    @Test func coverageCountsReferencedCodeNotebookAndDataFiles() throws {
        let project = try TemporaryProject([
            "docs/s.md": "---\nkind: schema\nid: s\nsample: data/t.csv\ncode: [src/a.py, notebooks]\n---\n# S\n",
            "data/t.csv": "a\n1\n",
            "data/u.csv": "a\n1\n",
            "src/a.py": "x = 1\n",
            "src/b.py": "y = 1\n",
            "notebooks/n.ipynb": "{\"cells\": []}",
            "notes.txt": "not counted\n",
        ])
        defer { project.remove() }
        let map = try Self.map(project.path)
        #expect(map.countedFiles == 5)
        #expect(map.coveredFiles == 3)  // t.csv, a.py, and n.ipynb through its folder
        #expect(map.coverageText == "3 of 5 code, notebook and data files (60%)")
        #expect(Self.entry(map, "src/a.py")?.referencedBy == [0])
        #expect(Self.entry(map, "src")?.referencedBy == [0])
        // u.csv is explained by its shape, though nothing references it.
        #expect(Self.entry(map, "data/u.csv")?.explanation == "1 row × 1 column")
        #expect(map.undocumented.map(\.path) == ["notes.txt", "src/b.py"])
    }

    /// A folder referenced (or explained in `structure:`) covers everything inside it, however deep.
    @Test func aFolderCoversWhatItHoldsAtEveryDepth() throws {
        let project = try TemporaryProject([
            "dossier.yml": "structure:\n  depth: 5\n  notes: Working notes\n",
            "docs/s.md": "---\nkind: pseudocode\nid: s\ncode: [src]\n---\n# S\n",
            "src/pkg/deep/a.py": "x = 1\n",
            "notes/2026/11/plan.txt": "plan\n",
            "other/b.py": "y = 1\n",
        ])
        defer { project.remove() }
        let map = try Self.map(project.path)
        #expect(map.countedFiles == 2)
        #expect(map.coveredFiles == 1)
        #expect(Self.entry(map, "src/pkg/deep/a.py")?.coveredAround == true)
        #expect(Self.entry(map, "notes/2026/11/plan.txt")?.coveredAround == true)
        #expect(Self.entry(map, "other/b.py")?.coveredAround == false)
        #expect(map.undocumented.map(\.path).contains("other/b.py"))
    }

    @Test func fileExtensionsAreNSStringsWithoutBridging() {
        let names = [
            "a.py", "A.PY", "archive.tar.gz", "name.", "noext", ".hidden", ".config.yml", "ünï.CSV", "a..b", "x.Ipynb",
        ]
        for name in names {
            #expect(RepositoryMap.fileExtension(of: name) == (name as NSString).pathExtension.lowercased(), "\(name)")
        }
    }

    @Test func anInvalidNotebookOrBinaryFileHasNoExplanationAndNoCrash() throws {
        let project = try TemporaryProject([
            "broken.ipynb": "{not json",
            "weird.py": "\"\"\"never closed\n",
        ])
        defer { project.remove() }
        try project.write("blob.csv", bytes: [0, 1, 2, 255])
        let map = try Self.map(project.path)
        #expect(map.entries.map(\.path) == ["blob.csv", "broken.ipynb", "weird.py"])
        #expect(map.entries.allSatisfy { $0.explanation == nil })
    }
}

extension RepositoryMapTests {
    @Test func aSiteDossierWroteIsNotListed() throws {
        let project = try TemporaryProject([
            "a.py": "x = 1\n", "old-site/.nojekyll": "", "old-site/dossier/x.html": "<p>",
        ])
        defer { project.remove() }
        #expect(try Self.map(project.path).entries.map(\.path) == ["a.py"])
    }
}

extension RepositoryMapTests {
    @Test func onlySoManyDataFilesAreOpenedToExplainThem() throws {
        var files: [String: String] = [:]
        for index in 0..<(RepositoryMap.maximumFilesOpened + 5) {
            files[String(format: "d/%04d.csv", index)] = "a\n1\n"
        }
        let project = try TemporaryProject(files)
        defer { project.remove() }
        let map = try Self.map(project.path)
        #expect(map.entries.filter { $0.source == .shape }.count == RepositoryMap.maximumFilesOpened)
        #expect(map.entries.count == RepositoryMap.maximumFilesOpened + 6)
    }
}
