import DossierCore

/// A project's repository map (`RepositoryMap`), either given or being made on a thread of its own.
///
/// The map walks the whole project (at 10,000 documents, ~120 ms of one core) and only three
/// site-wide pages show it, so a build makes it beside the search index and the pages instead of
/// on the main thread while the other core idles; `value` waits for it.
package final class RepositoryMapSource: Sendable {
    private let ready: RepositoryMap?
    private let making: BackgroundResult<RepositoryMap>?

    /// A map already made.
    package init(_ map: RepositoryMap) {
        ready = map
        making = nil
    }

    /// Starts making the map at once, on a thread of its own.
    package init(making make: @escaping @Sendable () -> RepositoryMap) {
        ready = nil
        making = BackgroundResult(make)
    }

    /// The map, once made.
    package var value: RepositoryMap {
        ready ?? making?.value ?? RepositoryMap()
    }
}
