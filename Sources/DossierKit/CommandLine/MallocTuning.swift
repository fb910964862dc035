import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Two settings of glibc's `malloc` that lower a build's peak memory (issue 15) at no measured cost
/// in CPU time; together about 7% at 10,000 documents.
///
/// - Arenas: by default glibc makes one for each thread that allocates, up to eight per core, and
///   memory freed into one arena serves only the threads that use it, so a build whose phases
///   (loading, the search index, the pages) run on different worker threads holds each arena's
///   high-water mark at once. One arena per core keeps what one phase frees for the next.
/// - The mmap threshold: a block above it is mapped on its own and unmapped when freed. glibc
///   raises the threshold to the size of each such block freed, so after the first large array
///   dies every later one (postings, bundles, document lists) stays in the heap for good. A fixed
///   threshold keeps returning them.
public enum MallocTuning {
    /// A setting and its value.
    struct Setting: Equatable {
        /// The `mallopt` parameter (`M_ARENA_MAX`, `M_MMAP_THRESHOLD` in <malloc.h>).
        var parameter: Int32
        var value: Int
    }

    static let arenaMax: Int32 = -8
    static let mmapThreshold: Int32 = -3
    /// glibc's own starting threshold, kept fixed.
    static let mmapThresholdBytes = 128 * 1024

    /// One arena per core (at least two) and a fixed mmap threshold; a setting whose environment
    /// variable is set is left out (the user's choice stands, and glibc has already read it).
    static func settings(environment: [String: String], cores: Int) -> [Setting] {
        var settings: [Setting] = []
        if environment["MALLOC_ARENA_MAX"] == nil {
            settings.append(Setting(parameter: arenaMax, value: max(2, cores)))
        }
        if environment["MALLOC_MMAP_THRESHOLD_"] == nil {
            settings.append(Setting(parameter: mmapThreshold, value: mmapThresholdBytes))
        }
        return settings
    }

    /// Applies the settings; call first thing, before other threads allocate. Returns those glibc
    /// took (none when not glibc).
    @discardableResult
    public static func apply(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        cores: Int = ProcessInfo.processInfo.activeProcessorCount
    ) -> [(parameter: Int32, value: Int)] {
        let wanted = settings(environment: environment, cores: cores)
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
