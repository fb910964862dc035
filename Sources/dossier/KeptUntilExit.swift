/// What a command keeps until the process exits instead of freeing it: freeing a whole loaded
/// project (every document, finding and relation) on the way out cost 3% of a `check`, and about
/// 85 ms of the main thread after a 10,000-document build had printed its findings (`perf`); the
/// operating system takes the memory back at once.
enum KeptUntilExit {
    // Touched only by the main thread, after the command's work is done.
    nonisolated(unsafe) private static var values: [Any] = []

    static func keep(_ value: Any) { values.append(value) }
}
