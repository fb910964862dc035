import DossierCore
import Foundation

/// The request line and `Host` header of an HTTP/1.x request, which is all a static-file server needs.
package struct HTTPRequest: Equatable, Sendable {
    package var method: String
    /// The target as sent, query included (`/docs/a.html?x=1`).
    package var target: String
    /// The `Host` header's value as sent; nil when there was none.
    package var host: String? = nil

    /// Why a request cannot be answered as asked; each case is one status code.
    package enum Problem: Error, Equatable {
        case badRequest
        case headerTooLarge
    }

    /// The most bytes of request line and headers read before answering 431.
    package static let maxHeadBytes = 16 * 1024

    /// Parses the head of a request (everything up to the blank line).
    package static func parse(_ head: [UInt8]) throws(Problem) -> HTTPRequest {
        guard head.count <= maxHeadBytes else { throw .headerTooLarge }
        let lineEnd =
            head.firstIndex(of: UInt8(ascii: "\r")) ?? head.firstIndex(of: UInt8(ascii: "\n")) ?? head.endIndex
        guard let line = String(validating: head[..<lineEnd], as: UTF8.self) else { throw .badRequest }
        let parts = line.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1."), !parts[0].isEmpty, !parts[1].isEmpty else {
            throw .badRequest
        }
        return HTTPRequest(method: String(parts[0]), target: String(parts[1]), host: try host(in: head[lineEnd...]))
    }

    /// The one `Host` header among the header lines; two of them are a bad request (RFC 9112 3.2).
    private static func host(in headers: ArraySlice<UInt8>) throws(Problem) -> String? {
        var found: String?
        for line in headers.split(whereSeparator: { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }) {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")),
                let name = String(validating: line[..<colon], as: UTF8.self),
                name.lowercased() == "host"
            else { continue }
            guard found == nil, let value = String(validating: line[(colon + 1)...], as: UTF8.self) else {
                throw .badRequest
            }
            found = value.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
        }
        return found
    }

    /// The names a browser on this machine uses for a server on 127.0.0.1.
    package static let loopbackHosts = ["localhost", "127.0.0.1", "[::1]"]

    /// Whether `Host` names this machine and `port`: `localhost`, `127.0.0.1` or `[::1]` with the
    /// port (without it only for port 80, where browsers leave it out). Anything else is refused,
    /// so that a page whose own name was made to resolve to 127.0.0.1 (DNS rebinding) cannot read
    /// the site: its requests carry its own name.
    package func isAddressedToLoopback(port: Int) -> Bool {
        guard let host = host?.lowercased() else { return false }
        return Self.loopbackHosts.contains { host == "\($0):\(port)" || (port == 80 && host == $0) }
    }

    /// For a server listening beyond loopback (`serve --host 0.0.0.0` in a container): whether
    /// `Host` names the server by address (an IPv4 literal) or as `localhost`, on any port (a
    /// container's port is often published under another). A DNS name is still refused: DNS
    /// rebinding needs one, while an address cannot be made to point elsewhere.
    package var isAddressedByAddress: Bool {
        guard var host = host?.lowercased() else { return false }
        if host.hasPrefix("[") {
            guard let end = host.firstIndex(of: "]") else { return false }
            return host[...end] == "[::1]"
        }
        if let colon = host.lastIndex(of: ":") {
            guard host[host.index(after: colon)...].allSatisfy(\.isASCII), Int(host[host.index(after: colon)...]) != nil
            else { return false }
            host = String(host[..<colon])
        }
        if host == "localhost" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { part in
                !part.isEmpty && part.count <= 3 && part.allSatisfy { $0.isASCII && $0.isNumber } && Int(part)! <= 255
            }
    }

    /// The target's path as folder names, percent-decoded; nil for a target that is not an origin
    /// path (`*`, `http://…`), that does not decode, or that tries to leave the site (`..`, `%2e%2e`,
    /// a backslash or NUL). Empty and `.` segments are dropped, so `//etc/passwd` stays in the site.
    package var pathSegments: [String]? {
        var path = Substring(target)
        if let end = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<end] }
        guard path.first == "/" else { return nil }
        var segments: [String] = []
        for raw in path.split(separator: "/", omittingEmptySubsequences: true) {
            guard let segment = Self.percentDecoded(raw) else { return nil }
            if segment == "." { continue }
            if segment == ".." || segment.contains("/") || segment.contains("\\") || segment.contains("\0") {
                return nil
            }
            segments.append(segment)
        }
        return segments
    }

    /// Whether the target names a folder (`/`, `/docs/`).
    package var endsWithSlash: Bool {
        var path = Substring(target)
        if let end = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<end] }
        return path.hasSuffix("/")
    }

    /// `%XX` escapes decoded as UTF-8; nil for a malformed escape or invalid UTF-8.
    package static func percentDecoded(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// A complete response, serialized with `Connection: close`.
package struct HTTPResponse: Sendable {
    package var status: Int
    package var headers: [(String, String)] = []
    package var body: [UInt8] = []

    package static let reasons: [Int: String] = [
        200: "OK", 301: "Moved Permanently", 400: "Bad Request", 404: "Not Found",
        405: "Method Not Allowed", 408: "Request Timeout", 421: "Misdirected Request",
        431: "Request Header Fields Too Large", 500: "Internal Server Error", 503: "Service Unavailable",
    ]

    package static func text(_ status: Int, _ text: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array(text.utf8))
    }

    /// Status line, headers and (unless `head`) the body. Content-Length is always the body's.
    package func serialized(head: Bool = false) -> [UInt8] {
        var text = "HTTP/1.1 \(status) \(Self.reasons[status] ?? "Status")\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        text += "Content-Length: \(body.count)\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n"
        return Array(text.utf8) + (head ? [] : body)
    }

    /// The Content-Type for a file served from the site, by extension.
    package static func contentType(forPath path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        let ext = name.contains(".") ? String(name.split(separator: ".").last ?? "").lowercased() : ""
        switch ext {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "xml": return "application/xml"
        case "txt", "md": return "text/plain; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "ico": return "image/x-icon"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        case "pdf": return "application/pdf"
        default: return "application/octet-stream"
        }
    }
}
