import DossierCore
import Foundation

/// Sample profiles kept between `dossier serve` rebuilds: a schema's `sample:` or a linked data
/// file is read and profiled again only when its `lstat` stamp (device, inode, size,
/// modification and change times: `DocumentLoadMemo.Stamp`) differs from the one it had when it
/// was profiled. The stamp is taken before the file is read, so an edit racing the read only
/// costs one more read. A file that is not a regular file (a link, a folder) and a file that
/// cannot be profiled are never kept: they are read every time, as in a full build.
///
/// The key holds everything else the profile depends on: the file's absolute path, the name it
/// is reported as, its format and the reader's limits.
package final class SampleProfileMemo: @unchecked Sendable {
    package struct Key: Hashable, Sendable {
        package var file: String
        package var path: String
        package var format: SampleFormat
        /// `SampleReader`'s limits, in declaration order.
        package var limits: [Int]
    }

    private struct Entry {
        var stamp: DocumentLoadMemo.Stamp
        /// Nil until a profile seeded from a saved file (`stored`) is first looked up.
        var profile: SampleProfile?
        var stored: StoredProfile?
        /// `SampleProfileMemo.digest(of: profile)`, once `profile` is known: the saved file's for a
        /// profile read back from it (its bytes were checked against it), made when one is stored.
        var digest: String?
    }

    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]
    private var used: Set<Key> = []
    /// Profiles reused and files read since the last `prune()` (for tests and timings).
    package private(set) var hits = 0
    package private(set) var misses = 0

    package init() {}

    /// The kept profile for `key` when the file still has `stamp`. A profile seeded from a saved
    /// file is read and decoded here, on the caller's thread (the checks', in parallel) and
    /// outside the lock; one that does not read back whole is a miss, and is forgotten.
    package func lookup(_ key: Key, stamp: DocumentLoadMemo.Stamp) -> SampleProfile? {
        let found: Entry? = lock.withLock {
            used.insert(key)
            guard let entry = entries[key], entry.stamp == stamp else {
                misses += 1
                return nil
            }
            if entry.profile != nil { hits += 1 }
            return entry
        }
        guard let found else { return nil }
        if let profile = found.profile { return profile }
        let profile = found.stored?.read()
        lock.withLock {
            // The key hashed once (two paths and the limits), not three times.
            let index = entries.index(forKey: key)
            let unchanged =
                index.map { entries.values[$0].stamp == stamp && entries.values[$0].profile == nil } ?? false
            guard let profile else {
                misses += 1
                if unchanged, let index { entries.remove(at: index) }
                return
            }
            hits += 1
            if unchanged, let index {
                entries.values[index] = Entry(stamp: stamp, profile: profile, digest: found.stored?.digest)
            }
        }
        return profile
    }

    package func store(_ key: Key, stamp: DocumentLoadMemo.Stamp, profile: SampleProfile) {
        // Digested here, on the caller's thread (the checks', in parallel), beside the reading.
        let digest = Self.digest(of: profile)
        lock.withLock {
            used.insert(key)
            entries[key] = Entry(stamp: stamp, profile: profile, digest: digest)
        }
    }

    /// Remembers a profile saved by an earlier build (`load(path:identity:)`) without counting it
    /// as asked for: only what this build looks up is saved again.
    package func seed(_ key: Key, stamp: DocumentLoadMemo.Stamp, profile: SampleProfile) {
        let digest = Self.digest(of: profile)
        lock.withLock {
            entries[key] = Entry(stamp: stamp, profile: profile, digest: digest)
            seeded += 1
        }
    }

    /// `seed` with a profile still in the saved file, read and decoded when first looked up.
    func seed(_ key: Key, stamp: DocumentLoadMemo.Stamp, stored: StoredProfile) {
        lock.withLock {
            entries[key] = Entry(stamp: stamp, stored: stored)
            seeded += 1
        }
    }

    /// The profiles asked for or stored since the last prune, each with its digest
    /// (`ProfileDigests`): the site's cache key takes them as they are, not digesting 1,816
    /// profiles again on every build (122 M instructions of a build after one edit at 10,000
    /// documents, callgrind). A saved profile not decoded is left out (no one holds it).
    package func digests() -> ProfileDigests {
        var known: [String: (profile: SampleProfile, digest: String)] = [:]
        lock.withLock {
            for (key, entry) in entries where used.contains(key) {
                guard let profile = entry.profile, let digest = entry.digest else { continue }
                known[key.path] = (profile, digest)
            }
        }
        return ProfileDigests(known: known)
    }

    private var seeded = 0
    /// How many profiles the memo was seeded with (for tests).
    package var seededCount: Int { lock.withLock { seeded } }

    /// Whether the profiles asked for since the memo was seeded differ from those it was seeded
    /// with: a file was profiled (again), or fewer were asked for. Otherwise a saved memo is as
    /// it would be written again.
    package var changedSinceSeeded: Bool {
        lock.withLock { misses > 0 || used.count != seeded }
    }

    /// The profiles asked for or stored since the last prune, sorted by file then name. A saved
    /// profile asked for but never decoded (its file's stamp had changed and it could not be
    /// profiled again) is decoded now, and left out if it does not read back whole.
    package func usedEntries() -> [(key: Key, stamp: DocumentLoadMemo.Stamp, profile: SampleProfile)] {
        var kept: [(key: Key, stamp: DocumentLoadMemo.Stamp, profile: SampleProfile)] = []
        var undecoded: [(key: Key, stamp: DocumentLoadMemo.Stamp, stored: StoredProfile)] = []
        lock.withLock {
            for (key, entry) in entries where used.contains(key) {
                if let profile = entry.profile {
                    kept.append((key, entry.stamp, profile))
                } else if let stored = entry.stored {
                    undecoded.append((key, entry.stamp, stored))
                }
            }
        }
        for entry in undecoded {
            if let profile = entry.stored.read() { kept.append((entry.key, entry.stamp, profile)) }
        }
        kept.sort { a, b in a.key.file != b.key.file ? a.key.file < b.key.file : a.key.path < b.key.path }
        return kept
    }

    /// Forgets the profiles no build asked for since the last prune (a sample no longer
    /// referenced), so the memo stays the size of one project, and resets the counters.
    package func prune() {
        lock.withLock {
            entries = entries.filter { used.contains($0.key) }
            used = []
            hits = 0
            misses = 0
        }
    }
}
