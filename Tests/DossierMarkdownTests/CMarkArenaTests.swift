import DossierCore
@testable import DossierMarkdown
import Foundation
import Testing

/// `CMarkArena`, the per-thread bump allocator `check`'s cmark-gfm parses use: it must behave
/// like `calloc`/`realloc` for cmark-gfm (zeroed memory, contents kept when growing), hand out
/// one parse at a time per thread, and give the same analyses as the system allocator did.
@Suite struct CMarkArenaTests {
    @Test func callocZeroesReusedMemoryAndReallocKeepsContents() throws {
        let arena = try #require(CMarkArena.acquire())
        let first = try #require(arena.allocate(count: 10, size: 100))
        memset(first, 0xFF, 1_000)
        arena.reset()
        let again = try #require(CMarkArena.acquire())
        #expect(again === arena)
        // The same memory again, zeroed as calloc gives it.
        let reused = try #require(again.allocate(count: 1_000, size: 1))
        #expect(UnsafeRawBufferPointer(start: reused, count: 1_000).allSatisfy { $0 == 0 })
        #expect(Int(bitPattern: reused) % 16 == 0)
        // Grown in place (the last allocation), then moved (another one came after it), then
        // beyond a block and beyond the size that gets a block of its own: contents stay.
        memset(reused, 0xAB, 1_000)
        let grown = try #require(again.reallocate(reused, to: 2_000))
        #expect(grown == reused)
        _ = again.allocate(count: 1, size: 24)
        let moved = try #require(again.reallocate(grown, to: 3_000))
        #expect(moved != grown)
        #expect(UnsafeRawBufferPointer(start: moved, count: 1_000).allSatisfy { $0 == 0xAB })
        let large = try #require(again.reallocate(moved, to: CMarkArena.blockSize + 1))
        #expect(UnsafeRawBufferPointer(start: large, count: 1_000).allSatisfy { $0 == 0xAB })
        var pointers: [UnsafeMutableRawPointer] = []
        for index in 0..<(3 * CMarkArena.blockSize / 1_000) {
            let pointer = try #require(again.allocate(count: 1, size: 1_000))
            memset(pointer, Int32(index % 256), 1_000)
            pointers.append(pointer)
        }
        for (index, pointer) in pointers.enumerated() {
            #expect(UnsafeRawBufferPointer(start: pointer, count: 1_000).allSatisfy { Int($0) == index % 256 })
        }
        // Sizes that overflow fail as calloc fails, without crashing.
        #expect(again.allocate(count: Int.max / 2, size: 4) == nil)
        #expect(again.reallocate(moved, to: Int.max) == nil)
        again.reset()
    }

    /// One parse at a time per thread: a second acquire while one is held says no (that parse
    /// then uses the system allocator), and another thread gets an arena of its own.
    @Test func aThreadHoldsOneParseAtATime() throws {
        let arena = try #require(CMarkArena.acquire())
        #expect(CMarkArena.acquire() == nil)
        // A parse while the arena is held runs with the system allocator, and still reads the tree.
        let read = CMarkParser.analysisReporting("# Held\n\n[[x]]\n", lineOffset: 0)
        #expect(read?.analysis.headings.map(\.text) == ["Held"])
        // A thread of its own (`DispatchQueue.sync` would run the block on this one).
        let box = IdentifierBox()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            let held = CMarkArena.acquire()
            box.identifier = held.map { ObjectIdentifier($0) }
            held?.reset()
            done.signal()
        }
        thread.start()
        done.wait()
        #expect(box.identifier != nil)
        #expect(box.identifier != ObjectIdentifier(arena))
        arena.reset()
        #expect(CMarkArena.acquire() === arena)
        arena.reset()
    }

    /// Trees larger than a block, with buffers larger than a block of their own (a long code
    /// block, a long paragraph, a wide table), read alike in parallel and in sequence, and alike
    /// the copied tree's analysis (made with the system allocator).
    @Test func largeTreesReadAlikeInParallel() {
        let code = "```\n" + String(repeating: "let x = 1 // [[not a link]]\n", count: 20_000) + "```\n"
        // Below the input guard's bracket budget, which would leave the body to the copy.
        let paragraph = String(repeating: "word *em* `c` ", count: 8_000) + "[[link]]\n"
        let table =
            "| a | b |\n|---|---|\n"
            + String(repeating: "| [[t]] | x: y " + String(repeating: "padding ", count: 12) + "|\n", count: 500)
        let headings = (0..<3_000).map { "## Heading \($0) [[h\($0)]]\n\nText ~~s~~.\n" }.joined()
        let documents = [code, paragraph, table, headings, code + paragraph + table + headings]
        // Read from the C tree (in the arena), not left to the copy.
        #expect(documents.allSatisfy { CMarkParser.analysisReporting($0, lineOffset: 1) != nil })
        let expected = documents.map { markdown -> String in
            let (root, notes) = MathSpans.parseReporting(markdown)
            return "\(MarkdownAnalysis(root, lineOffset: 1, keepingText: false)) \(notes)"
        }
        for _ in 0..<2 {
            let read = documents.parallelMap { markdown -> String in
                let (analysis, notes) = MathSpans.analysisReporting(markdown, lineOffset: 1)
                return "\(analysis) \(notes)"
            }
            #expect(read == expected)
        }
    }
}

/// What the other thread acquired, read after it signalled.
private final class IdentifierBox: @unchecked Sendable {
    var identifier: ObjectIdentifier?
}
