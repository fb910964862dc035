import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `FileStamps.add(treeInParallel:)`: the stamps of a whole tree, with its folders listed and
/// their entries `lstat`ed on every core, one level of folders at a time, then digested in the
/// serial walk's order, so the digest is the one `add(tree:)` gives for the same tree (a test
/// compares them). The output folder of a 10,000-page site is ~10,600 entries: stamping it
/// serially was ~21 ms of the main thread at the end of every cached build, and again at the
/// start of the next one.
extension FileStamps {
    /// One listed entry: its name, whether it was there when stamped, whether it is a folder, its stamp.
    fileprivate struct Entry: Sendable {
        var name: [UInt8]
        var found: Bool
        var isFolder: Bool
        var device: UInt64
        var fields: Fields
    }

    /// One folder's entries in byte order of their names; `listable` false when it could not be
    /// opened or listed, or was not the folder its parent's listing stamped.
    fileprivate struct Listing: Sendable {
        var listable: Bool
        var entries: [Entry] = []
    }

    /// A folder to list: its absolute path, the folder its parent's listing stamped (device and
    /// inode), and where its listing goes.
    fileprivate struct Folder: Sendable {
        var path: [UInt8]
        var device: UInt64
        var inode: UInt64
        var slot: Int
        var isRoot: Bool
    }

    /// Adds every entry under the folder `absolute`, as `add(tree:)` does without recording or
    /// skipping, listing its folders in parallel.
    package mutating func add(treeInParallel absolute: String) {
        addWalked(marker: absolute)
        var info = stat()
        guard lstat(absolute, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            addWalked(marker: "not a folder")
            return
        }
        // Listings by slot; a folder's entries name the slots of its subfolders (`children`).
        var listings: [Listing] = []
        var children: [[Int]] = []
        let root = Folder(
            path: Array(absolute.utf8), device: UInt64(info.st_dev), inode: UInt64(info.st_ino), slot: 0, isRoot: true)
        var level = [root]
        listings.append(Listing(listable: false))
        children.append([])
        var depth = 0
        var total = 0
        while !level.isEmpty {
            let listed = level.parallelMap { Self.list($0) }
            var next: [Folder] = []
            for (folder, listing) in zip(level, listed) {
                listings[folder.slot] = listing
                total += listing.entries.count
                if total > limit {
                    markIncomplete()
                    return
                }
                for entry in listing.entries where entry.found && entry.isFolder {
                    // As the serial walk does on entering a folder this deep.
                    guard depth + 1 < Self.maximumDepth else {
                        markIncomplete()
                        return
                    }
                    let slot = listings.count
                    listings.append(Listing(listable: false))
                    children.append([])
                    children[folder.slot].append(slot)
                    next.append(
                        Folder(
                            path: folder.path + [0x2F] + entry.name, device: entry.device, inode: entry.fields.1,
                            slot: slot,
                            isRoot: false))
                }
            }
            level = next
            depth += 1
        }
        count(total)
        // The serial walk's order: each folder's entries by name, a subfolder's entries between
        // "folder" and "end of folder". An explicit stack, not recursion.
        var stack: [(slot: Int, entry: Int, child: Int)] = [(0, 0, 0)]
        if !listings[0].listable { addWalked(marker: "unlistable") }
        while !stack.isEmpty {
            let top = stack.count - 1
            let (slot, index, child) = stack[top]
            let listing = listings[slot]
            guard listing.listable, index < listing.entries.count else {
                stack.removeLast()
                if !stack.isEmpty { addWalked(marker: "end of folder") }
                continue
            }
            stack[top].entry += 1
            let entry = listing.entries[index]
            addWalked(name: entry.name)
            guard entry.found else {
                addWalked(marker: "vanished")
                continue
            }
            if entry.isFolder {
                addWalked(marker: "folder")
                let childSlot = children[slot][child]
                stack[top].child += 1
                if !listings[childSlot].listable {
                    addWalked(marker: "unlistable")
                    addWalked(marker: "end of folder")
                } else {
                    stack.append((childSlot, 0, 0))
                }
            } else {
                record(entry.fields)
            }
        }
    }

    /// Lists `folder`, stamping each entry relative to it (`fstatat`).
    fileprivate static func list(_ folder: Folder) -> Listing {
        // A subfolder is opened without following a link, and must be the folder its parent's
        // listing stamped (a folder swapped for a link or another folder since is not listed).
        let flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC | (folder.isRoot ? 0 : O_NOFOLLOW)
        let fd = withCPath(folder.path) { open($0, flags) }
        guard fd >= 0 else { return Listing(listable: false) }
        var opened = stat()
        guard fstat(fd, &opened) == 0, UInt64(opened.st_ino) == folder.inode, UInt64(opened.st_dev) == folder.device,
            let dir = fdopendir(fd)
        else {
            close(fd)
            return Listing(listable: false)
        }
        defer { closedir(dir) }
        var names: [[UInt8]] = []
        while let entry = readdir(dir) {
            let name: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            names.append(name)
        }
        names.sort { $0.lexicographicallyPrecedes($1) }
        let folderFD = dirfd(dir)
        var listing = Listing(listable: true)
        listing.entries.reserveCapacity(names.count)
        for name in names {
            var info = stat()
            let found = withCPath(name) { fstatat(folderFD, $0, &info, AT_SYMLINK_NOFOLLOW) } == 0
            listing.entries.append(
                Entry(
                    name: name, found: found, isFolder: found && info.st_mode & S_IFMT == S_IFDIR,
                    device: found ? UInt64(info.st_dev) : 0, fields: found ? fields(info) : (0, 0, 0, 0, 0)))
        }
        return listing
    }
}
