import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `readdir` gives, read where it lies.
///
/// A record is only as long as its name (`d_reclen`), not the 256 bytes `d_name` is declared
/// with: `withUnsafeBytes(of: entry.pointee.d_name)` copied the whole field, reading past a short
/// record, and a build crashed (SIGSEGV) when such a record ended the last mapped page.
package enum DirectoryEntry {
    /// The name of `entry` (without its NUL), pointing into the entry: valid until the next
    /// `readdir` or `closedir` of its folder.
    package static func name(of entry: UnsafeMutablePointer<dirent>) -> UnsafeRawBufferPointer {
        let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        let start = UnsafeRawPointer(entry) + offset
        // Never past the record: its length counts the name and its NUL.
        let room = max(0, Int(entry.pointee.d_reclen) - offset)
        let length = strnlen(start.assumingMemoryBound(to: CChar.self), room)
        return UnsafeRawBufferPointer(start: start, count: length)
    }

    /// The name of `entry` as a `String` (invalid UTF-8 repaired).
    package static func string(of entry: UnsafeMutablePointer<dirent>) -> String {
        String(decoding: name(of: entry), as: UTF8.self)
    }
}
