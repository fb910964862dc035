import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// "Building… 3 s" on standard error while a build runs past a second, rewritten in place each
/// second and erased when the build ends or anything else is printed. Only when standard error is
/// a terminal: logs and CI output never see it.
enum ProgressLine {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var timer: DispatchSourceTimer?
    nonisolated(unsafe) private static var shown = false

    /// Starts the line for `activity` ("Building"); nothing appears before a second has passed.
    static func start(_ activity: String) {
        guard isatty(STDERR_FILENO) == 1, ProcessInfo.processInfo.environment["TERM"] != "dumb" else { return }
        let started = DispatchTime.now()
        let source = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        source.schedule(deadline: .now() + 1, repeating: 1)
        source.setEventHandler {
            let seconds = (DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1_000_000_000
            lock.withLock {
                guard timer != nil else { return }
                let line = "\r\u{1B}[K\(Output.paint("dossier:", "2")) \(activity)… \(seconds) s"
                FileHandle.standardError.write(Data(line.utf8))
                shown = true
            }
        }
        lock.withLock { timer = source }
        source.resume()
    }

    /// Stops the line and erases it, so what follows starts at the beginning of a clean line.
    static func clear() {
        lock.withLock {
            timer?.cancel()
            timer = nil
            if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            shown = false
        }
    }
}
