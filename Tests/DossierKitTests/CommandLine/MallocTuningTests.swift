@testable import DossierKit
import Testing

/// The command line sets a fixed mmap threshold and a large top pad (issue 15) unless the user set
/// them, and leaves glibc's arenas uncapped: capped at one per core, the render's worker shared the
/// main thread's arena and the two waited on its lock.
@Suite struct MallocTuningTests {
    typealias Setting = MallocTuning.Setting

    /// `M_ARENA_MAX` in <malloc.h>.
    static let arenaMax: Int32 = -8

    static let threshold = Setting(parameter: MallocTuning.mmapThreshold, value: 128 * 1024)
    static let pad = Setting(parameter: MallocTuning.topPad, value: 16 * 1024 * 1024)

    @Test func aFixedThresholdALargeTopPadAndNoArenaCap() {
        #expect(MallocTuning.settings(environment: [:]) == [Self.threshold, Self.pad])
        #expect(MallocTuning.settings(environment: ["PATH": "/bin"]) == [Self.threshold, Self.pad])
        #expect(!MallocTuning.settings(environment: [:]).contains { $0.parameter == Self.arenaMax })
    }

    @Test func theUsersSettingsStand() {
        #expect(MallocTuning.settings(environment: ["MALLOC_MMAP_THRESHOLD_": "65536"]) == [Self.pad])
        #expect(MallocTuning.settings(environment: ["MALLOC_TOP_PAD_": "0"]) == [Self.threshold])
        #expect(
            MallocTuning.settings(environment: [
                "GLIBC_TUNABLES": "glibc.malloc.top_pad=0:glibc.malloc.mmap_threshold=1"
            ])
            .isEmpty)
        #expect(MallocTuning.apply(environment: ["MALLOC_MMAP_THRESHOLD_": "1", "MALLOC_TOP_PAD_": "1"]).isEmpty)
    }

    #if canImport(Glibc)
        @Test func glibcTakesTheSettings() {
            // The default threshold, so this test process loses nothing by it (the pad costs it
            // address space only).
            let taken = MallocTuning.apply(environment: [:])
            #expect(taken.map(\.parameter) == [MallocTuning.mmapThreshold, MallocTuning.topPad])
        }
    #endif
}
