@testable import DossierKit
import Testing

/// The command line limits glibc to one malloc arena per core (issue 15), unless the user chose.
@Suite struct MallocArenasTests {
    @Test func oneArenaPerCoreAndAtLeastTwo() {
        #expect(MallocArenas.limit(environment: [:], cores: 2) == 2)
        #expect(MallocArenas.limit(environment: [:], cores: 1) == 2)
        #expect(MallocArenas.limit(environment: ["PATH": "/bin"], cores: 16) == 16)
    }

    @Test func theUsersSettingStands() {
        #expect(MallocArenas.limit(environment: ["MALLOC_ARENA_MAX": "8"], cores: 2) == nil)
        #expect(MallocArenas.apply(environment: ["MALLOC_ARENA_MAX": "8"], cores: 2) == nil)
    }

    #if canImport(Glibc)
        @Test func glibcTakesTheLimit() {
            // More than the default (eight per core), so this test process loses nothing by it.
            #expect(MallocArenas.apply(environment: [:], cores: 1024) == 1024)
        }
    #endif
}
