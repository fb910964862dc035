// Drives DossierCore's concurrency code under Thread Sanitizer: compiled together with
// Sources/DossierCore/Support/Parallel.swift by scripts/tsan-check.sh (a whole-package TSan build
// takes many minutes on two cores; this takes seconds and covers the code that shares memory).
final class Box: Sendable {
    let value: Int
    init(_ value: Int) { self.value = value }
}

for round in 0..<20 {
    let input = Array(0..<(1_000 + round * 97))
    let doubled = input.parallelMap { $0 * 2 }
    precondition(doubled == input.map { $0 * 2 }, "parallelMap lost its order")
    let boxes = input.parallelMap { Box($0) }
    precondition(boxes.map(\.value) == input, "parallelMap lost a value")
    let nested = Array(0..<8).parallelMap { outer in Array(0..<64).parallelMap { outer * 64 + $0 } }
    precondition(nested.flatMap { $0 } == Array(0..<512), "nested parallelMap lost its order")
}
print("parallelMap: no race under Thread Sanitizer")
