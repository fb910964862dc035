import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every POSIX socket call of the dev server: a listener on 127.0.0.1, and reads and writes on
/// accepted connections that wait with `poll` until a deadline, never longer: a client that sends
/// or reads slowly cannot hold a connection's thread past it.
package enum LoopbackSocket {
    /// Whether `host` is an address of this machine only (127.0.0.0/8), so nothing else can connect.
    package static func isLoopback(_ host: String) -> Bool {
        var address = in_addr()
        guard inet_pton(AF_INET, host, &address) == 1 else { return false }
        return UInt32(bigEndian: address.s_addr) >> 24 == 127
    }

    /// A socket bound to `host` (an IPv4 address; 127.0.0.1 unless `serve --host` says otherwise)
    /// and listening; port 0 picks a free port.
    package static func listening(port: Int, host: String = "127.0.0.1") throws -> (fd: Int32, port: Int) {
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else {
            throw DevServer.Failure(description: "cannot open a socket: \(String(cString: strerror(errno)))")
        }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        #if canImport(Darwin)
            address.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
        #endif
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            close(fd)
            throw DevServer.Failure(description: "--host \(host) is not an IPv4 address such as 127.0.0.1 or 0.0.0.0")
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, SOMAXCONN) == 0 else {
            let code = errno
            close(fd)
            switch code {
            case EADDRINUSE:
                throw DevServer.Failure(
                    description: "port \(port) on \(host) is already in use; choose another with --port")
            case EACCES:
                throw DevServer.Failure(
                    description: "not allowed to listen on port \(port); choose one above 1023 with --port")
            default:
                throw DevServer.Failure(
                    description: "cannot listen on \(host):\(port): \(String(cString: strerror(code)))")
            }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// The next connection, or nil when none arrived within the wait (so the caller can check
    /// whether to stop: closing a socket does not wake a blocked `accept` on Linux).
    package static func accept(_ fd: Int32, waitingMilliseconds: Int32) -> Int32? {
        var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&ready, 1, waitingMilliseconds) > 0 else { return nil }
        #if canImport(Glibc)
            let client = Glibc.accept(fd, nil, nil)
        #else
            let client = Darwin.accept(fd, nil, nil)
        #endif
        guard client >= 0 else { return nil }
        #if canImport(Darwin)
            var yes: Int32 = 1
            setsockopt(client, SOL_SOCKET, SO_NOSIGPIPE, &yes, socklen_t(MemoryLayout<Int32>.size))
        #endif
        return client
    }

    /// What reading a request head came to.
    package enum HeadRead: Equatable {
        /// The request line and headers, up to the blank line.
        case complete([UInt8])
        /// More than `HTTPRequest.maxHeadBytes` without a blank line.
        case tooLarge
        /// The deadline passed before the blank line came.
        case timedOut
        /// The client closed the connection (or it failed) before the blank line.
        case closed
    }

    /// Reads the request head; the whole head must arrive before `deadline`, however the client
    /// spaces its bytes (one deadline, not one per read, so a byte every few seconds cannot keep
    /// a connection open for ever).
    package static func readHead(_ fd: Int32, deadline: Date) -> HeadRead {
        var head: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while head.count <= HTTPRequest.maxHeadBytes {
            guard wait(fd, for: Int16(POLLIN), until: deadline) else { return .timedOut }
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if n < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { continue }
            if n <= 0 { return .closed }
            let searchFrom = max(0, head.count - 3)
            head += buffer[0..<n]
            if let found = endOfHead(in: head, from: searchFrom) { return .complete(Array(head[..<found])) }
        }
        return .tooLarge
    }

    /// Sends all of `bytes` unless the client stops reading until `deadline` or goes away.
    package static func write(_ fd: Int32, _ bytes: [UInt8], deadline: Date) {
        #if canImport(Glibc)
            let flags = Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT)
        #else
            let flags = Int32(MSG_DONTWAIT)
        #endif
        var sent = 0
        bytes.withUnsafeBytes { raw in
            while sent < raw.count {
                guard wait(fd, for: Int16(POLLOUT), until: deadline) else { return }
                let n = send(fd, raw.baseAddress! + sent, raw.count - sent, flags)
                if n < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { continue }
                if n <= 0 { return }
                sent += n
            }
        }
    }

    /// Waits until `fd` is ready for `events` (or has failed, which the next call reports);
    /// false when `deadline` passed first.
    private static func wait(_ fd: Int32, for events: Int16, until deadline: Date) -> Bool {
        while true {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return false }
            var ready = pollfd(fd: fd, events: events, revents: 0)
            let result = poll(&ready, 1, Int32(min(left * 1000, 60_000).rounded(.up)))
            if result > 0 { return true }
            if result < 0, errno != EINTR { return true }
        }
    }

    package static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Where the blank line (`\r\n\r\n`) that ends a request head starts.
    private static func endOfHead(in bytes: [UInt8], from start: Int) -> Int? {
        var i = start
        while i + 3 < bytes.count {
            if bytes[i] == 13, bytes[i + 1] == 10, bytes[i + 2] == 13, bytes[i + 3] == 10 { return i }
            i += 1
        }
        return nil
    }
}
