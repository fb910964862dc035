@testable import DossierChecks
@testable import DossierKit
import DossierTestSupport
import Foundation
import Testing

/// `unsafe_html: true` with classic XSS payloads: the built page keeps the allowed markup and
/// no script, handler or script URL.
@Suite struct HostileHTMLTests {
    static let payloads = """
        <img src=x onerror=alert(1)>

        <details open ontoggle=alert(2)><summary>s</summary></details>

        <a href="jav&#97;script:alert(3)">entity</a> <a href="&#x6A;avascript:alert(4)">hex</a>
        <a href="java&#x09;script:alert(5)">tab</a> <a href="data:text/html,<script>alert(6)</script>">data</a>

        <svg><script>alert(7)</script></svg>

        <iframe src="javascript:alert(8)"></iframe>

        <base href="javascript:alert(9)//">

        <meta http-equiv="refresh" content="0;url=javascript:alert(10)">

        <form action="javascript:alert(11)"><input type=submit onfocus=alert(12) autofocus></form>

        <p style="background:url(javascript:alert(13))" onmouseover="alert(14)">kept text</p>

        Inline <b onclick="alert(15)">bold</b> and <span title="ok">span</span>.

        """

    @Test func payloadsLeaveNoScriptOnThePage() throws {
        let project = try TemporaryProject([
            "README.md": "# Home\n",
            "docs/xss.md": "# XSS\n\n" + Self.payloads,
            "dossier.yml": "unsafe_html: true\n",
        ])
        defer { project.remove() }
        _ = try Dossier.build(path: project.path)
        let page = try #require(project.read("site/docs/xss.html"))
        let start = try #require(page.range(of: "<h1"))
        let body = String(page[start.lowerBound...]).lowercased()
        for needle in [
            "onerror", "ontoggle", "onclick", "onfocus", "onmouseover", "javascript:", "data:text",
            "<iframe", "<svg", "<base", "<meta http-equiv", "<form", "<input type=submit", "style=\"background",
        ] {
            #expect(!body.contains(needle), "\(needle)")
        }
        #expect(body.contains("<details open=\"\"><summary>s</summary></details>"))
        #expect(body.contains("<p>kept text</p>"))
        #expect(body.contains("<b>bold</b>") && body.contains("<span title=\"ok\">span</span>"))
        #expect(body.contains("<a>entity</a>") && body.contains("<a>hex</a>") && body.contains("<a>tab</a>"))
    }
}
