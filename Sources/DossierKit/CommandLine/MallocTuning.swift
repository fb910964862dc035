import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A setting of glibc's `malloc` that lowers a build's peak memory (issue 15) at no measured cost
/// in CPU time.
///
/// - The mmap threshold: a block above it is mapped on its own and unmapped when freed. glibc
///   raises the threshold to the size of each such block freed, so after the first large array
///   dies every later one (postings, bundles, document lists) stays in the heap for good. A fixed
///   threshold keeps returning them.
/// - The top pad: how much more than it needs a heap takes when it grows, and keeps when it
///   shrinks. At glibc's default (128 KiB) each thread's arena grew by an `mprotect` at a time
///   (14,000 in a cold build at 10,000 documents) and gave memory back only to fault it in again:
///   16 MiB takes the build's page faults from about 70,000 to 50,000–54,000 (`perf stat`), for
///   a peak of 184–192 MB instead of 173–179 (arenas keep what they freed). 64 MiB cut a few
///   thousand faults more but peaked at up to 204 MB, past a fifth of Hugo's peak on the same
///   corpus (about 970 MB), which is issue 15's memory target. A larger trim threshold or mmap
///   threshold beside it made no further difference.
/// - Arenas are left at glibc's default (up to eight per core). Capped at one per core, the render's
///   worker thread was handed the main thread's arena (glibc gives a thread past the cap an arena
///   for good) and the two rendering threads took turns on its lock: a cold build at 10,000
///   documents spent 0.7 s of system time in futex calls on it (`perf record`, 1,345 samples at
///   2 kHz in `__lll_lock_wait_private`/`__lll_lock_wake_private`), with a peak no lower.
public enum MallocTuning {
    /// A setting and its value.
    struct Setting: Equatable {
        /// The `mallopt` parameter (`M_MMAP_THRESHOLD` in <malloc.h>).
        var parameter: Int32
        var value: Int
    }

    static let mmapThreshold: Int32 = -3
    /// glibc's own starting threshold, kept fixed.
    static let mmapThresholdBytes = 128 * 1024
    /// `M_TOP_PAD` in <malloc.h>.
    static let topPad: Int32 = -2
    static let topPadBytes = 16 * 1024 * 1024

    /// A fixed mmap threshold and a larger top pad, each unless the user set it in the environment
    /// (the user's choice stands, and glibc has already read it). No arena cap: see the type's summary.
    static func settings(environment: [String: String]) -> [Setting] {
        let tunables = environment["GLIBC_TUNABLES"] ?? ""
        var settings: [Setting] = []
        if environment["MALLOC_MMAP_THRESHOLD_"] == nil, !tunables.contains("glibc.malloc.mmap_threshold") {
            settings.append(Setting(parameter: mmapThreshold, value: mmapThresholdBytes))
        }
        if environment["MALLOC_TOP_PAD_"] == nil, !tunables.contains("glibc.malloc.top_pad") {
            settings.append(Setting(parameter: topPad, value: topPadBytes))
        }
        return settings
    }

    /// Applies the settings; call first thing, before other threads allocate. Returns those glibc
    /// took (none when not glibc).
    @discardableResult
    public static func apply(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> [(parameter: Int32, value: Int)] {
        let wanted = settings(environment: environment)
        #if canImport(Glibc)
            // `mallopt` is declared in <malloc.h>, which the Glibc module does not export: look it up.
            guard !wanted.isEmpty, let process = dlopen(nil, RTLD_NOW) else { return [] }
            defer { dlclose(process) }
            guard let symbol = dlsym(process, "mallopt") else { return [] }
            typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
            let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
            return wanted.filter { mallopt($0.parameter, Int32(clamping: $0.value)) == 1 }
                .map { (parameter: $0.parameter, value: $0.value) }
        #else
            return []
        #endif
    }
}
