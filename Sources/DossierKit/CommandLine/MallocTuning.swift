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

    /// A fixed mmap threshold, unless its environment variable is set (the user's choice stands,
    /// and glibc has already read it). No arena cap: see the type's summary.
    static func settings(environment: [String: String]) -> [Setting] {
        environment["MALLOC_MMAP_THRESHOLD_"] == nil
            ? [Setting(parameter: mmapThreshold, value: mmapThresholdBytes)] : []
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
