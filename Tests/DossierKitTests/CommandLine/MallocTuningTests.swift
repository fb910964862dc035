@testable import DossierKit
import Testing

/// The command line sets one malloc arena per core and a fixed mmap threshold (issue 15), each
/// unless the user set it.
@Suite struct MallocTuningTests {
    typealias Setting = MallocTuning.Setting

    @Test func oneArenaPerCoreAndAtLeastTwoAndAFixedThreshold() {
        let threshold = Setting(parameter: MallocTuning.mmapThreshold, value: 128 * 1024)
        #expect(
            MallocTuning.settings(environment: [:], cores: 2) == [
                Setting(parameter: MallocTuning.arenaMax, value: 2), threshold,
            ])
        #expect(MallocTuning.settings(environment: [:], cores: 1).first?.value == 2)
        #expect(MallocTuning.settings(environment: ["PATH": "/bin"], cores: 16).first?.value == 16)
    }

    @Test func theUsersSettingsStand() {
        #expect(
            MallocTuning.settings(environment: ["MALLOC_ARENA_MAX": "8"], cores: 2).map(\.parameter) == [
                MallocTuning.mmapThreshold
            ])
        #expect(
            MallocTuning.settings(environment: ["MALLOC_MMAP_THRESHOLD_": "65536"], cores: 2).map(\.parameter) == [
                MallocTuning.arenaMax
            ])
        #expect(
            MallocTuning.apply(environment: ["MALLOC_ARENA_MAX": "8", "MALLOC_MMAP_THRESHOLD_": "1"], cores: 2)
                .isEmpty)
    }

    #if canImport(Glibc)
        @Test func glibcTakesTheSettings() {
            // More arenas than the default (eight per core) and the default threshold, so this
            // test process loses nothing by them.
            let taken = MallocTuning.apply(environment: [:], cores: 1024)
            #expect(taken.map(\.parameter) == [MallocTuning.arenaMax, MallocTuning.mmapThreshold])
        }
    #endif
}
