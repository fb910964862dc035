@testable import DossierKit
import Testing

/// The command line sets one malloc arena per core, a fixed mmap threshold and a 16 MiB top pad
/// (issue 15), each unless the user set it.
@Suite struct MallocTuningTests {
    typealias Setting = MallocTuning.Setting

    @Test func oneArenaPerCoreAndAtLeastTwoAFixedThresholdAndATopPad() {
        let threshold = Setting(parameter: MallocTuning.mmapThreshold, value: 128 * 1024)
        let pad = Setting(parameter: MallocTuning.topPad, value: 16 << 20)
        #expect(
            MallocTuning.settings(environment: [:], cores: 2) == [
                Setting(parameter: MallocTuning.arenaMax, value: 2), threshold, pad,
            ])
        #expect(MallocTuning.settings(environment: [:], cores: 1).first?.value == 2)
        #expect(MallocTuning.settings(environment: ["PATH": "/bin"], cores: 16).first?.value == 16)
    }

    @Test func theUsersSettingsStand() {
        #expect(
            MallocTuning.settings(environment: ["MALLOC_ARENA_MAX": "8"], cores: 2).map(\.parameter) == [
                MallocTuning.mmapThreshold, MallocTuning.topPad,
            ])
        #expect(
            MallocTuning.settings(environment: ["MALLOC_MMAP_THRESHOLD_": "65536"], cores: 2).map(\.parameter) == [
                MallocTuning.arenaMax, MallocTuning.topPad,
            ])
        for pad in [["MALLOC_TOP_PAD_": "0"], ["GLIBC_TUNABLES": "glibc.malloc.top_pad=0"]] {
            #expect(
                MallocTuning.settings(environment: pad, cores: 2).map(\.parameter) == [
                    MallocTuning.arenaMax, MallocTuning.mmapThreshold,
                ])
        }
        #expect(
            MallocTuning.apply(
                environment: ["MALLOC_ARENA_MAX": "8", "MALLOC_MMAP_THRESHOLD_": "1", "MALLOC_TOP_PAD_": "0"], cores: 2
            ).isEmpty)
    }

    #if canImport(Glibc)
        @Test func glibcTakesTheSettings() {
            // More arenas than the default (eight per core) and the default threshold, so this
            // test process loses nothing by them.
            let taken = MallocTuning.apply(environment: [:], cores: 1024)
            #expect(
                taken.map(\.parameter) == [MallocTuning.arenaMax, MallocTuning.mmapThreshold, MallocTuning.topPad])
        }
    #endif
}
