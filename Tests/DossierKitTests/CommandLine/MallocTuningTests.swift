@testable import DossierKit
import Testing

/// The command line sets a fixed mmap threshold (issue 15) unless the user set one, and leaves
/// glibc's arenas uncapped: capped at one per core, the render's worker shared the main thread's
/// arena and the two waited on its lock.
@Suite struct MallocTuningTests {
    typealias Setting = MallocTuning.Setting

    /// `M_ARENA_MAX` in <malloc.h>.
    static let arenaMax: Int32 = -8

    @Test func aFixedThresholdAndNoArenaCap() {
        let threshold = Setting(parameter: MallocTuning.mmapThreshold, value: 128 * 1024)
        #expect(MallocTuning.settings(environment: [:]) == [threshold])
        #expect(MallocTuning.settings(environment: ["PATH": "/bin"]) == [threshold])
        #expect(!MallocTuning.settings(environment: [:]).contains { $0.parameter == Self.arenaMax })
    }

    @Test func theUsersSettingsStand() {
        #expect(MallocTuning.settings(environment: ["MALLOC_MMAP_THRESHOLD_": "65536"]).isEmpty)
        #expect(MallocTuning.apply(environment: ["MALLOC_MMAP_THRESHOLD_": "1"]).isEmpty)
    }

    #if canImport(Glibc)
        @Test func glibcTakesTheSettings() {
            // The default threshold, so this test process loses nothing by it.
            let taken = MallocTuning.apply(environment: [:])
            #expect(taken.map(\.parameter) == [MallocTuning.mmapThreshold])
        }
    #endif
}
