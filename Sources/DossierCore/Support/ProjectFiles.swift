import Foundation

/// The one door to a project's files: every read of a file the project holds (documents, samples,
/// requirements, params, metrics, MLflow stores, label configs, theme overrides, referenced images)
/// and every write into the project (`verify`, `new`, `init`) goes through it.
///
/// Projects come from anyone who can open a pull request, so a path is resolved one component at
/// a time: `..` may not climb above the root, and a symbolic link at any component is followed
/// only when its target lies inside the project. A refusal is a `DriftFileProblem` whose reason
/// names why, ready to become a finding. Writes never follow a link, are atomic (a temporary file
/// in the same folder, then `rename`), and creating a file never replaces one.
///
/// The static functions are the plain POSIX layer underneath, for absolute paths Dossier itself
/// owns (the output folder, the theme folder, the served site): several times faster than
/// `Data(contentsOf:)` and `Data.write(to:)` on Linux, which matters at ten thousand pages.
package struct ProjectFiles: Sendable {
    /// Files read whole (lock files, params, configs) stay below this; larger is not a config.
    package static let maximumBytes = 32 * 1024 * 1024

    package let root: URL
    /// The root with every link resolved: what a resolved path must lie under.
    package let resolvedRootPath: String

    /// Folders this instance has seen to be real (see `locate`).
    private let knownFolders = KnownFolders()

    package init(projectRoot: URL) {
        root = projectRoot.standardizedFileURL
        resolvedRootPath = Self.realPath(root.path) ?? root.resolvingSymlinksInPath().path
    }

    // MARK: Paths

    /// `relative` joined onto the folder of `base` (both project-relative), or nil when the result
    /// would leave the project.
    package static func join(directoryOf base: String, _ relative: String) -> String? {
        relative.hasPrefix("/") ? nil : ProjectPath.resolve(relative, relativeTo: ProjectPath.directory(of: base))
    }

    /// `relative` with `.` and `..` removed, or nil when it is absolute or climbs out of the project.
    package static func normalize(_ relative: String) -> String? {
        relative.hasPrefix("/") ? nil : ProjectPath.resolve(relative)
    }

    /// The project-relative form of an absolute path under the root, or nil outside it.
    package func relativePath(ofAbsolute path: String) -> String? {
        let clean = URL(fileURLWithPath: path).standardizedFileURL.path
        for base in [root.path, resolvedRootPath] {
            if clean == base { return "" }
            if clean.hasPrefix(base + "/") { return String(clean.dropFirst(base.count + 1)) }
        }
        return nil
    }

    /// The absolute path, with every link resolved, of an existing project file or folder.
    ///
    /// Throws when the path is absolute or climbs above the root, when a component is missing
    /// (`isMissing`), or when a symbolic link at any component leads outside the project or nowhere.
    package func locate(_ relative: String) throws(DriftFileProblem) -> String {
        guard let clean = Self.normalize(relative) else {
            throw DriftFileProblem(path: relative, reason: "the path leads outside the project")
        }
        var current = resolvedRootPath
        let components = ProjectPath.components(clean)
        for (index, component) in components.enumerated() {
            // The part walked so far, for messages only: built when one is written.
            var walked: String { components[...index].joined(separator: "/") }
            let candidate = current + "/" + component
            // A folder on the way that an earlier walk found real needs no second look: the
            // thousands of documents in a few folders each walked them again.
            if index < components.count - 1, knownFolders.contains(candidate) {
                current = candidate
                continue
            }
            var info = stat()
            guard lstat(candidate, &info) == 0 else {
                throw DriftFileProblem(path: clean, reason: "it does not exist", isMissing: true)
            }
            if info.st_mode & S_IFMT == S_IFLNK {
                guard let target = Self.realPath(candidate) else {
                    throw DriftFileProblem(path: clean, reason: "\(walked) is a symbolic link that leads nowhere")
                }
                guard isInside(target) else {
                    throw DriftFileProblem(
                        path: clean,
                        reason: walked == clean
                            ? "it is a symbolic link that leads outside the project"
                            : "\(walked) is a symbolic link that leads outside the project")
                }
                current = target
            } else {
                if info.st_mode & S_IFMT == S_IFDIR { knownFolders.insert(candidate) }
                current = candidate
            }
        }
        return current
    }

    /// The file URL for a project-relative path, refusing paths and links that lead outside.
    package func url(for relative: String) throws(DriftFileProblem) -> URL {
        URL(fileURLWithPath: try locate(relative))
    }

    /// True when `absolute` (already resolved) is the root or lies under it.
    package func isInside(_ absolute: String) -> Bool {
        absolute == resolvedRootPath || absolute.hasPrefix(resolvedRootPath + "/")
    }

    package func exists(_ relative: String) -> Bool {
        (try? locate(relative)) != nil
    }

    package func isDirectory(_ relative: String) -> Bool {
        guard let path = try? locate(relative) else { return false }
        return Self.isDirectory(path)
    }

    // MARK: Reads

    /// Names in a project folder, sorted so every run sees the same order.
    package func contents(ofDirectory relative: String) throws(DriftFileProblem) -> [String] {
        let path = try locate(relative)
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        } catch {
            throw DriftFileProblem(path: relative, reason: "the folder cannot be listed")
        }
    }

    /// The size in bytes of a project file (links inside the project followed).
    package func size(_ relative: String) throws(DriftFileProblem) -> Int {
        let path = try locate(relative)
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw DriftFileProblem(path: relative, reason: "it cannot be opened (\(String(cString: strerror(errno))))")
        }
        return Int(info.st_size)
    }

    /// The bytes of a regular project file of at most `limit` bytes.
    ///
    /// A folder, a device or a pipe is refused (a pipe would block the build for ever), and so is
    /// a file over the limit, whose real size the reason states.
    package func bytes(_ relative: String, limit: Int = maximumBytes) throws(DriftFileProblem) -> [UInt8] {
        let path = try locate(relative)
        let clean = Self.normalize(relative) ?? relative
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else {
            throw DriftFileProblem(path: clean, reason: "it cannot be opened (\(String(cString: strerror(errno))))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw DriftFileProblem(path: clean, reason: "it cannot be opened (\(String(cString: strerror(errno))))")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw DriftFileProblem(path: clean, reason: "it is a folder, not a file")
        default: throw DriftFileProblem(path: clean, reason: "it is not a regular file (a device, pipe or socket)")
        }
        let size = Int(info.st_size)
        guard size <= limit else {
            throw DriftFileProblem(
                path: clean,
                reason: "it is too large (\(Self.describeSize(size)); at most "
                    + "\(Self.describeSize(limit)) are read)")
        }
        return try Self.readAll(fd, size: size, limit: limit, path: clean)
    }

    /// What `boundedBytes` found: the file's bytes, or its size when that is over the limit.
    package enum BoundedRead: Equatable, Sendable {
        case bytes([UInt8])
        case tooLarge(size: Int)
    }

    /// `size` and then `bytes` in one walk of the path: a file over `limit` gives its size (as
    /// `size` would, whatever kind of file it is) and is not read; any other file is read as
    /// `bytes` reads it, with the same refusals. Loading thousands of documents walks each path
    /// once instead of twice.
    package func boundedBytes(_ relative: String, limit: Int) throws(DriftFileProblem) -> BoundedRead {
        // A file in a folder an earlier walk found real, and that is no link itself (`O_NOFOLLOW`
        // fails on one), is opened without a look at each part of its path first: the loader
        // reads thousands of documents from a few folders. Anything else takes `locate`.
        if let clean = Self.normalize(relative), let slash = clean.utf8.lastIndex(of: UInt8(ascii: "/")),
            knownFolders.contains(resolvedRootPath + "/" + clean[..<slash])
        {
            let fd = open(resolvedRootPath + "/" + clean, O_RDONLY | O_NOFOLLOW | O_NONBLOCK)
            if fd >= 0 { return try Self.boundedRead(fd, limit: limit, path: clean) }
        }
        let path = try locate(relative)
        let clean = Self.normalize(relative) ?? relative
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else {
            let openError = errno
            var info = stat()
            guard stat(path, &info) == 0 else {
                throw DriftFileProblem(
                    path: relative, reason: "it cannot be opened (\(String(cString: strerror(errno))))")
            }
            if Int(info.st_size) > limit { return .tooLarge(size: Int(info.st_size)) }
            throw DriftFileProblem(path: clean, reason: "it cannot be opened (\(String(cString: strerror(openError))))")
        }
        return try Self.boundedRead(fd, limit: limit, path: clean)
    }

    /// The bytes of the file open as `fd` (closed here) unless more than `limit`; `path` for messages.
    private static func boundedRead(_ fd: Int32, limit: Int, path: String) throws(DriftFileProblem) -> BoundedRead {
        let clean = path
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw DriftFileProblem(path: clean, reason: "it cannot be opened (\(String(cString: strerror(errno))))")
        }
        let size = Int(info.st_size)
        if size > limit { return .tooLarge(size: size) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw DriftFileProblem(path: clean, reason: "it is a folder, not a file")
        default: throw DriftFileProblem(path: clean, reason: "it is not a regular file (a device, pipe or socket)")
        }
        return .bytes(try readAll(fd, size: size, limit: limit, path: clean))
    }

    /// The UTF-8 text of a project file (a leading byte-order mark removed).
    package func text(_ relative: String) throws(DriftFileProblem) -> String {
        let data = try bytes(relative)
        return try Self.decode(Data(data), path: Self.normalize(relative) ?? relative)
    }

    private static func readAll(_ fd: Int32, size: Int, limit: Int, path: String) throws(DriftFileProblem) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: max(size, 0))
        var filled = 0
        while filled < bytes.count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if n < 0 {
                throw DriftFileProblem(path: path, reason: "reading failed (\(String(cString: strerror(errno))))")
            }
            if n == 0 { break }
            filled += n
        }
        if filled < bytes.count { bytes.removeLast(bytes.count - filled) }
        return bytes
    }

    /// A byte count as people read it: "812 bytes", "4.2 KB", "50.0 MB".
    package static func describeSize(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) bytes" }
        if bytes < 1024 * 1024 { return String(format: "%.1f KB", Double(bytes) / 1024) }
        if bytes < 1024 * 1024 * 1024 { return String(format: "%.1f MB", Double(bytes) / 1_048_576) }
        return String(format: "%.1f GB", Double(bytes) / 1_073_741_824)
    }

    /// UTF-8 text of raw bytes, or a problem naming the line where the bytes stop making sense.
    package static func decode(_ data: Data, path: String) throws(DriftFileProblem) -> String {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let nul = bytes.firstIndex(of: 0) {
            throw DriftFileProblem(
                path: path, line: line(ofOffset: nul, in: bytes), reason: "it is a binary file, not text")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            // Find the first bad byte so the line number is useful.
            var offset = 0
            var iterator = bytes.makeIterator()
            var decoder = UTF8()
            loop: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar): offset += UTF8.width(scalar)
                case .emptyInput, .error: break loop
                }
            }
            throw DriftFileProblem(
                path: path, line: line(ofOffset: offset, in: bytes), reason: "it is not valid UTF-8 text")
        }
        return text
    }

    private static func line(ofOffset offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes[..<min(offset, bytes.count)].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    // MARK: Writes

    /// Why a write into the project was refused or failed: the path, what failed, what to do.
    package struct WriteFailure: Error, CustomStringConvertible {
        package var description: String
    }

    /// Replaces an existing regular project file with `text`, atomically: the new bytes go to a
    /// temporary file in the same folder, which is then renamed over the old one, so a full disk
    /// or a kill leaves the old file whole. A symbolic link is never written through.
    package func replace(_ relative: String, with text: String) throws(WriteFailure) {
        let (folder, name) = try writableFolder(for: relative, create: false)
        let target = folder + "/" + name
        var info = stat()
        guard lstat(target, &info) == 0 else {
            throw WriteFailure(description: "\(relative): the file does not exist")
        }
        guard info.st_mode & S_IFMT != S_IFLNK else {
            throw WriteFailure(
                description: "\(relative) is a symbolic link; Dossier does not write through links "
                    + "(edit the file it points to instead)")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw WriteFailure(description: "\(relative) is not a regular file; nothing was written")
        }
        let temporary = try writeTemporary(text, in: folder, for: relative, mode: info.st_mode & 0o7777)
        guard rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteFailure(description: "cannot replace \(relative): \(reason); the file was left as it was")
        }
    }

    /// Creates a new project file holding `text`, making its folders inside the project first.
    /// Never replaces a file or a link: an existing name (even a dangling link) is refused.
    package func create(_ relative: String, with text: String) throws(WriteFailure) {
        let (folder, name) = try writableFolder(for: relative, create: true)
        let temporary = try writeTemporary(text, in: folder, for: relative, mode: 0o644)
        // link(2) fails with EEXIST when the name exists, whatever it is: the atomic "create only".
        guard link(temporary, folder + "/" + name) == 0 else {
            let code = errno
            unlink(temporary)
            if code == EEXIST {
                throw WriteFailure(description: "\(relative) exists; Dossier does not overwrite it")
            }
            throw WriteFailure(
                description: "cannot create \(relative): \(String(cString: strerror(code))) "
                    + "(check that the folder is writable)")
        }
        unlink(temporary)
    }

    /// The resolved folder a file is written into, and the file's name. With `create`, missing
    /// folders are made one at a time, each checked to be inside the project.
    private func writableFolder(for relative: String, create: Bool) throws(WriteFailure) -> (String, String) {
        guard let clean = Self.normalize(relative), !clean.isEmpty else {
            throw WriteFailure(description: "\(relative) is outside the project at \(root.path); nothing was written")
        }
        let parts = clean.split(separator: "/").map(String.init)
        var current = resolvedRootPath
        var walked = ""
        for part in parts.dropLast() {
            walked = walked.isEmpty ? part : walked + "/" + part
            let candidate = current + "/" + part
            var info = stat()
            if lstat(candidate, &info) != 0 {
                guard create else { throw WriteFailure(description: "\(walked): the folder does not exist") }
                guard mkdir(candidate, 0o755) == 0 || errno == EEXIST else {
                    let reason = String(cString: strerror(errno))
                    let parent = ProjectPath.directory(of: walked)
                    throw WriteFailure(
                        description: "cannot create the folder \(walked): \(reason) (check that "
                            + "\(parent.isEmpty ? "the project folder" : parent) is writable)")
                }
                guard lstat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                    throw WriteFailure(description: "\(walked) changed while Dossier was writing; nothing was written")
                }
                current = candidate
                continue
            }
            if info.st_mode & S_IFMT == S_IFLNK {
                guard let target = Self.realPath(candidate), isInside(target) else {
                    throw WriteFailure(
                        description: "\(walked) is a symbolic link that leads outside the project "
                            + "or nowhere; Dossier does not write through it")
                }
                current = target
            } else {
                current = candidate
            }
            guard Self.isDirectory(current) else {
                throw WriteFailure(
                    description: "\(walked) is not a folder; nothing was written (move it away, "
                        + "or choose another project folder)")
            }
        }
        return (current, parts.last!)
    }

    private func writeTemporary(
        _ text: String, in folder: String, for relative: String,
        mode: mode_t
    ) throws(WriteFailure) -> String {
        let name = ProjectPath.resolve(relative).map { String($0.split(separator: "/").last ?? "") } ?? "file"
        var attempt = 0
        while true {
            let temporary = folder + "/.\(name).dossier-\(getpid())-\(attempt).tmp"
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode)
            if fd < 0 {
                if errno == EEXIST, attempt < 100 { attempt += 1; continue }
                throw WriteFailure(
                    description: "cannot write \(relative): \(String(cString: strerror(errno))) "
                        + "(check that its folder is writable)")
            }
            var text = text
            let failure: String? = text.withUTF8 { buffer in
                var written = 0
                while written < buffer.count {
                    let n = Foundation.write(fd, buffer.baseAddress! + written, buffer.count - written)
                    if n <= 0 { return String(cString: strerror(errno)) }
                    written += n
                }
                return fsync(fd) == 0 ? nil : String(cString: strerror(errno))
            }
            close(fd)
            if let failure {
                unlink(temporary)
                throw WriteFailure(description: "cannot write \(relative): \(failure); the file was left as it was")
            }
            return temporary
        }
    }

    // MARK: Plain POSIX layer (absolute paths Dossier owns)

    /// `realpath(3)`: the path with every link resolved, nil when it does not exist.
    package static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    package struct Failure: Error, CustomStringConvertible {
        package init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }

        package var path: String
        package var reason: String
        package var description: String { "\(path): \(reason)" }
    }

    /// Exactly `count` bytes at `offset` of the open file `fd` (`pread`: several threads may read
    /// one descriptor at once), not zero-filled first; nil when the file ends before or reading fails.
    package static func readExactly(_ fd: Int32, count: Int, at offset: Int) -> [UInt8]? {
        guard count >= 0, offset >= 0 else { return nil }
        var complete = true
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var filled = 0
            while filled < count {
                let got = pread(fd, buffer.baseAddress! + filled, count - filled, off_t(offset + filled))
                if got < 0, errno == EINTR { continue }
                guard got > 0 else { break }
                filled += got
            }
            complete = filled == count
            initialized = filled
        }
        return complete ? bytes : nil
    }

    /// Writes all of `buffer` at `offset` of the open file `fd` (`pwrite`: several threads may
    /// write one descriptor at once, each to its own range); false when writing fails.
    package static func writeExactly(_ fd: Int32, _ buffer: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        var done = 0
        while done < buffer.count {
            let put = pwrite(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if put < 0, errno == EINTR { continue }
            guard put > 0 else { return false }
            done += put
        }
        return true
    }

    package static func readBytes(_ path: String, limit: Int = Int.max) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        let size = fstat(fd, &info) == 0 ? Int(info.st_size) : 0
        if size > limit {
            // Return one byte past the limit so callers can tell "too large" without reading it all.
            return [UInt8](repeating: 0x20, count: limit + 1)
        }
        var bytes = [UInt8](repeating: 0, count: max(size, 0))
        var filled = 0
        while filled < bytes.count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if n <= 0 { break }
            filled += n
        }
        if filled < bytes.count { bytes.removeLast(bytes.count - filled) }
        return bytes
    }

    package static func readText(_ path: String) -> String? {
        guard let bytes = try? readBytes(path) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    package static func write(_ text: String, to path: String) throws {
        var text = text
        try text.withUTF8 { try write(bytes: UnsafeRawBufferPointer($0), to: path) }
    }

    package static func write(bytes: UnsafeRawBufferPointer, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let n = Foundation.write(fd, bytes.baseAddress! + written, bytes.count - written)
            if n <= 0 { throw Failure(path: path, reason: String(cString: strerror(errno))) }
            written += n
        }
    }

    /// Writes `bytes` at `path` through a temporary file in the same folder that is then renamed
    /// over it, so a reader sees the old file or the new one, never part of one. For the build
    /// cache, where a failed write only costs the next build: false (and nothing left behind)
    /// when it fails.
    @discardableResult
    package static func replaceWhole(_ path: String, with bytes: UnsafeRawBufferPointer) -> Bool {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temporary = folder + "/." + name + ".\(getpid()).tmp"
        do {
            try write(bytes: bytes, to: temporary)
        } catch {
            unlink(temporary)
            return false
        }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }

    /// `replaceWhole` for a file written in parts, so that it is never held whole in memory:
    /// `body` is given a function that appends bytes to the file (false once a write failed).
    @discardableResult
    package static func replaceWhole(
        _ path: String, writingWith body: (_ append: (UnsafeRawBufferPointer) -> Bool) -> Void
    ) -> Bool {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temporary = folder + "/." + name + ".\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return false }
        var failed = false
        body { bytes in
            var written = 0
            while !failed, written < bytes.count {
                let n = Foundation.write(fd, bytes.baseAddress! + written, bytes.count - written)
                if n <= 0 { failed = true }
                written += max(n, 0)
            }
            return !failed
        }
        guard close(fd) == 0, !failed, rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }

    /// `replaceWhole` for a file written in parts at offsets of the writer's choosing (a head that
    /// digests what follows it, written last): `body` is given a function that writes bytes at an
    /// offset (false once a write failed), and returns whether the file is whole.
    @discardableResult
    package static func replaceWhole(
        _ path: String, writingAt body: (_ write: (UnsafeRawBufferPointer, _ offset: Int) -> Bool) -> Bool
    ) -> Bool {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temporary = folder + "/." + name + ".\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return false }
        var failed = false
        let whole = body { bytes, offset in
            if !failed, !writeExactly(fd, bytes, at: offset) { failed = true }
            return !failed
        }
        guard close(fd) == 0, whole, !failed, rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }

    /// `replaceWhole` with the UTF-8 of `text`.
    @discardableResult
    package static func replaceWhole(_ path: String, with text: String) -> Bool {
        var text = text
        return text.withUTF8 { replaceWhole(path, with: UnsafeRawBufferPointer($0)) }
    }

    /// `mkdir -p`, failing with the path and the system's reason (never Foundation's error dump).
    package static func makeDirectories(_ path: String) throws {
        if isDirectory(path) { return }
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !parent.isEmpty, parent != path { try makeDirectories(parent) }
        guard mkdir(path, 0o755) == 0 || (errno == EEXIST && isDirectory(path)) else {
            throw Failure(path: path, reason: "cannot create the folder (\(String(cString: strerror(errno))))")
        }
    }

    /// The names in a folder, sorted, and separately those that are not UTF-8 (shown with U+FFFD
    /// in place of the bad bytes): Foundation drops or mangles such names silently.
    package static func listNames(_ path: String) -> (names: [String], undecodable: [String])? {
        listEntries(path).map { listed in (listed.entries.map(\.name), listed.undecodable) }
    }

    /// `listNames` with each name's file type as the folder itself records it (`DT_DIR`, `DT_REG`,
    /// `DT_LNK`… — a link's own type, never its target's), or `DT_UNKNOWN` where the file system
    /// does not say: walking a tree then needs no `lstat` per entry.
    package static func listEntries(_ path: String) -> (entries: [(name: String, type: UInt8)], undecodable: [String])?
    {
        guard let listing = FolderListing(path) else { return nil }
        var entries: [(name: String, type: UInt8)] = []
        var undecodable: [String] = []
        for entry in listing.entries {
            if let name = listing.name(entry) {
                entries.append((name, entry.type))
            } else {
                undecodable.append(listing.repairedName(entry))
            }
        }
        entries.sort { $0.name < $1.name }
        return (entries, undecodable.sorted())
    }

    /// True when the file at `path` is a regular file, not a symbolic link, that holds exactly
    /// `bytes` (sizes are compared before reading).
    ///
    /// One `open` that refuses a link (`O_NOFOLLOW`) and will not wait on a pipe (`O_NONBLOCK`),
    /// then `fstat` on what was opened: a build over an old site compares every page with it, and an
    /// `lstat` and a `stat` before the `open` walked each page's path three times (20,000 calls
    /// a build at 10,000 pages). The file is compared in chunks read into one buffer, not read
    /// whole into a new array.
    package static func hasContents(_ path: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) == bytes.count else {
            return false
        }
        guard let expected = bytes.baseAddress, !bytes.isEmpty else { return true }
        let chunk = min(bytes.count, compareChunkBytes)
        return withUnsafeTemporaryAllocation(byteCount: chunk, alignment: 16) { buffer -> Bool in
            var compared = 0
            while compared < bytes.count {
                let got = read(fd, buffer.baseAddress!, min(chunk, bytes.count - compared))
                if got < 0, errno == EINTR { continue }
                // The file shrank under us, or reading failed: not the same bytes.
                guard got > 0 else { return false }
                // memcmp, not `elementsEqual`: a warm rebuild compares every page with the old site's.
                guard memcmp(buffer.baseAddress!, expected + compared, got) == 0 else { return false }
                compared += got
            }
            return true
        }
    }

    /// How much of a file `hasContents` reads at a time: a page (25 KB) in one read.
    private static let compareChunkBytes = 64 * 1024

    /// Removes a folder and everything in it with plain unlink/rmdir calls (faster than
    /// FileManager's removeItem on Linux). Does not follow symbolic links.
    package static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            unlink(path)
            return
        }
        removeContents(Array(path.utf8CString))
        rmdir(path)
    }

    /// Removes everything in the folder at the NUL-terminated `path`. `readdir`'s entry types
    /// say which entries are folders, so a file costs one `unlink` and no `lstat` (retiring a site
    /// of 10,000 pages made as many `lstat` calls); names are kept as bytes, so one that is not
    /// UTF-8 is removed too. A stack, not recursion: a folder nested thousands deep (up to the
    /// path length limit) must not overflow a worker thread's stack.
    private static func removeContents(_ path: [CChar]) {
        // Each folder is emptied of files, then visited again to remove it once its folders are gone.
        var pending: [(path: [CChar], emptied: Bool)] = [(path, false)]
        while let (folder, emptied) = pending.popLast() {
            if emptied {
                if folder != path { rmdir(folder) }
                continue
            }
            pending.append((folder, true))
            guard let dir = opendir(folder) else { continue }
            while let entry = readdir(dir) {
                let name: [CChar] = DirectoryEntry.name(of: entry).map { CChar(bitPattern: $0) }
                if name == [0x2E] || name == [0x2E, 0x2E] { continue }
                let child = folder.dropLast() + [0x2F] + name + [0]
                var isFolder = entry.pointee.d_type == UInt8(DT_DIR)
                if entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                    var info = stat()
                    isFolder = lstat(child, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
                }
                if isFolder { pending.append((child, false)) } else { unlink(child) }
            }
            closedir(dir)
        }
    }

    package static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    package static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }
}
