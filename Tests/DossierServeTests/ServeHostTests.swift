@testable import DossierServe
import DossierTestSupport
import Foundation
import Testing

/// `serve --host`: loopback by default; another address is allowed, answered by address only.
@Suite struct ServeHostTests {
    @Test func loopbackIsTheWhole127Block() {
        #expect(DevServer.isLoopback("127.0.0.1"))
        #expect(DevServer.isLoopback("127.3.2.1"))
        #expect(!DevServer.isLoopback("0.0.0.0"))
        #expect(!DevServer.isLoopback("192.168.1.5"))
        #expect(!DevServer.isLoopback("localhost"))
    }

    /// Beyond loopback a request must name the server by address (or as localhost), on any port;
    /// a DNS name, which DNS rebinding needs, is still refused.
    @Test func beyondLoopbackRequestsNameTheServerByAddress() {
        func request(_ host: String?) -> HTTPRequest { HTTPRequest(method: "GET", target: "/", host: host) }
        #expect(request("10.1.2.3:8000").isAddressedByAddress)
        #expect(request("10.1.2.3").isAddressedByAddress)
        #expect(request("localhost:9000").isAddressedByAddress)
        #expect(request("[::1]:8000").isAddressedByAddress)
        #expect(!request("rebind.example:8000").isAddressedByAddress)
        #expect(!request("1.2.3.4.5:80").isAddressedByAddress)
        #expect(!request("999.1.1.1:80").isAddressedByAddress)
        #expect(!request("10.1.2.3:x").isAddressedByAddress)
        #expect(!request(nil).isAddressedByAddress)
    }

    @Test func aHostThatIsNotAnAddressIsRefused() throws {
        let project = try TemporaryProject(["README.md": "# Home\n"])
        defer { project.remove() }
        let server = try DevServer(projectPath: project.path, port: 0, host: "example.org")
        #expect(throws: DevServer.Failure.self) { try server.start(watching: false) }
        server.stop()
    }
}
