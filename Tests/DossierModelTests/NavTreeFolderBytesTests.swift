@testable import DossierModel
import Testing

/// The tree's folder steps by bytes (`NavTree.startsWithFolders`, `NavTree.below`) must give what
/// the steps by characters gave, for every folder, ASCII or not.
@Suite struct NavTreeFolderBytesTests {
    static let folders = [
        "", "docs", "docs/a", "docs/ab", "docsx/a", "docs//a", "x", "/", "/a", "a/", "docs/é", "docs/e\u{301}",
        "e\u{301}/x", "é/x", "a\r\nb/c", "a/\u{301}b", "docs\u{301}/a", "ab", "a/b/c",
    ]

    @Test func startsWithFoldersAsComponentsWould() {
        for folder in Self.folders {
            for shared in Self.folders where !shared.hasPrefix("/") && !shared.hasSuffix("/") && !shared.contains("//")
            {
                let parts = folder.split(separator: "/")
                let sharedParts = shared.split(separator: "/")
                let reference = Array(zip(sharedParts, parts).prefix { $0 == $1 }.map(\.0)) == sharedParts
                // A byte match implies the components match; no match falls back to comparing them.
                if NavTree.startsWithFolders(folder, shared) { #expect(reference, "\(folder) under \(shared)") }
            }
        }
    }

    @Test func belowDropsAsCharactersWould() {
        for folder in Self.folders {
            for count in 0...6 {
                var reference = String(folder.dropFirst(count))
                if reference.hasPrefix("/") { reference.removeFirst() }
                let made = NavTree.below(count, folder)
                #expect(Array(made.utf8) == Array(reference.utf8), "\(folder) dropping \(count)")
            }
        }
    }
}
