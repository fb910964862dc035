import CCmarkGFM
import Foundation

/// A bump allocator that cmark-gfm uses for every parse (`CMarkParser.analysisReporting` for
/// `check`, `parseReporting` for the trees a build copies out), one per thread: a parse
/// allocates a quarter of a million small blocks per thousand documents (nodes, strings, buffers)
/// and frees them one by one, which was a tenth of `dossier check`'s instructions in glibc's
/// malloc. Here an allocation is a pointer bump, a free does nothing, and the whole tree goes at
/// once when the walk over it (or its copy) is done (`reset`).
///
/// cmark-gfm's `cmark_mem` callbacks take no context, so they find the arena through a
/// thread-specific slot: a parse, its walk and its reset run on one thread without a suspension
/// point, and a thread holds at most one parse in the arena (`acquire` says no to a second, which
/// then uses the system allocator as before). cmark-gfm frees memory only through the allocator
/// it was made with (the node's or the parser's), so nothing from the arena reaches `free`.
final class CMarkArena {
    /// Bytes of one block; the first block stays between parses, larger ones come and go.
    static let blockSize = 256 << 10
    /// Requests above this get a block of their own, so a large buffer wastes no block space.
    static let largeRequest = 32 << 10
    /// Before every allocation: its size, for `realloc`. Sixteen bytes keep the alignment
    /// `malloc` gives.
    private static let header = 16

    /// The first block, kept between parses.
    private let base: UnsafeMutableRawPointer
    private var block: UnsafeMutableRawPointer
    private var capacity: Int
    private var used = 0
    /// Where the last allocation starts (its header), for growing it in place.
    private var last: UnsafeMutableRawPointer?
    /// Blocks added during this parse, freed by `reset`.
    private var extra: [UnsafeMutableRawPointer] = []
    private var inUse = false

    private init?() {
        guard let base = malloc(Self.blockSize) else { return nil }
        self.base = base
        block = base
        capacity = Self.blockSize
    }

    deinit {
        for pointer in extra { free(pointer) }
        free(base)
    }

    /// The allocator to give `cmark_parser_new_with_mem`, which keeps the pointer (so it is made
    /// once and never freed): valid only between `acquire` and `reset` on the thread that acquired.
    nonisolated(unsafe) static let allocator: UnsafeMutablePointer<cmark_mem> = {
        let pointer = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        pointer.initialize(
            to: cmark_mem(
                calloc: { count, size in CMarkArena.withCurrent { $0.allocate(count: count, size: size) } },
                realloc: { pointer, size in CMarkArena.withCurrent { $0.reallocate(pointer, to: size) } },
                free: { _ in }))
        return pointer
    }()

    /// The calling thread's arena, ready for one parse; nil when that thread already holds a parse
    /// in it (or no memory is left), and the caller then parses with the system allocator.
    static func acquire() -> CMarkArena? {
        let arena: CMarkArena
        if let kept = current {
            arena = kept
        } else {
            guard let made = CMarkArena() else { return nil }
            pthread_setspecific(key, Unmanaged.passRetained(made).toOpaque())
            arena = made
        }
        guard !arena.inUse else { return nil }
        arena.inUse = true
        return arena
    }

    /// Frees everything the parse allocated; no pointer into it may be used afterwards.
    func reset() {
        for pointer in extra { free(pointer) }
        extra.removeAll(keepingCapacity: true)
        block = base
        capacity = Self.blockSize
        used = 0
        last = nil
        inUse = false
    }

    /// One slot per thread; its destructor releases the thread's arena when the thread ends.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let made = pthread_key_create(&key) { pointer in
            guard let pointer else { return }
            Unmanaged<CMarkArena>.fromOpaque(pointer).release()
        }
        precondition(made == 0, "pthread_key_create failed")
        return key
    }()

    /// `body` on the thread's arena without retaining it (the thread's slot holds it): a retain
    /// and release per allocation cost as much as the allocation.
    private static func withCurrent(
        _ body: (CMarkArena) -> UnsafeMutableRawPointer?
    ) -> UnsafeMutableRawPointer? {
        guard let pointer = pthread_getspecific(key) else { return nil }
        return Unmanaged<CMarkArena>.fromOpaque(pointer)._withUnsafeGuaranteedRef(body)
    }

    private static var current: CMarkArena? {
        guard let pointer = pthread_getspecific(key) else { return nil }
        return Unmanaged<CMarkArena>.fromOpaque(pointer).takeUnretainedValue()
    }

    /// Zeroed memory for `count` items of `size` bytes, as `calloc` gives; nil when the size
    /// overflows or no memory is left (cmark-gfm then stops, as it does when `calloc` fails).
    func allocate(count: Int, size: Int) -> UnsafeMutableRawPointer? {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
        guard !overflow, let pointer = allocate(bytes) else { return nil }
        memset(pointer, 0, bytes)
        return pointer
    }

    /// `realloc`: grows the last allocation in place when its block has room, else copies.
    func reallocate(_ pointer: UnsafeMutableRawPointer?, to size: Int) -> UnsafeMutableRawPointer? {
        guard let pointer else { return allocate(size) }
        guard size >= 0, size <= Int.max / 2 else { return nil }
        let start = pointer - Self.header
        let old = start.load(as: Int.self)
        let end = block.distance(to: start) + Self.rounded(size)
        if start == last, end <= capacity {
            used = end
            start.storeBytes(of: size, as: Int.self)
            return pointer
        }
        guard let moved = allocate(size) else { return nil }
        memcpy(moved, pointer, min(old, size))
        return moved
    }

    private static func rounded(_ size: Int) -> Int {
        (size + header + 15) & ~15
    }

    private func allocate(_ size: Int) -> UnsafeMutableRawPointer? {
        guard size >= 0, size <= Int.max / 2 else { return nil }
        let total = Self.rounded(size)
        if total > capacity - used {
            if total > Self.largeRequest {
                // A block of its own; the current block keeps its room for small requests.
                guard let own = malloc(total) else { return nil }
                extra.append(own)
                own.storeBytes(of: size, as: Int.self)
                return own + Self.header
            }
            guard let next = malloc(Self.blockSize) else { return nil }
            extra.append(next)
            block = next
            capacity = Self.blockSize
            used = 0
        }
        let start = block + used
        used += total
        last = start
        start.storeBytes(of: size, as: Int.self)
        return start + Self.header
    }
}
