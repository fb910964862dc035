import Mustache

/// A page whose template needs only the path back to the site root (`notfound.mustache`).
package struct RootView: MustacheParent, Sendable {
    package var root: String

    package func child(named name: String) -> Any? {
        name == "root" ? root : nil
    }
}
