@testable import DossierCore
import Testing

/// `unsafe_html: true`: raw HTML goes through an allow-list, as GitHub does for READMEs.
@Suite struct HTMLSanitizerTests {
    /// Classic XSS vectors; none may leave a script, handler or script URL behind.
    static let vectors = [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//x.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<img src=x oNeRrOr = \"alert(1)\">",
        "<img/src=x/onerror=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<body onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"jav&#97;script:alert(1)\">x</a>",
        "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
        "<a href=\"&#106&#97&#118&#97&#115&#99&#114&#105&#112&#116&#58alert(1)\">x</a>",
        "<a href=\"java\tscript:alert(1)\">x</a>",
        "<a href=\"java&Tab;script:alert(1)\">x</a>",
        "<a href=\"java\nscript:alert(1)\">x</a>",
        "<a href=\" \u{1}javascript:alert(1)\">x</a>",
        "<a href=\"javascript&colon;alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
        "<a href=javascript:alert(1)>x</a>",
        "<a href='javascript:alert(1)'>x</a>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<form action=\"javascript:alert(1)\"><button>x</button></form>",
        "<input autofocus onfocus=alert(1)>",
        "<base href=\"javascript:alert(1)//\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<link rel=stylesheet href=\"javascript:alert(1)\">",
        "<style>@import 'javascript:alert(1)';</style>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<p title=\"x\" onmouseover=\"alert(1)\">x</p>",
        "<a href=\"x\" \"onclick=alert(1)>x</a>",
        "<img src=`x` onerror=alert(1)>",
        "<!--><img src=x onerror=alert(1)>-->",
        "<img src=x onerror=alert(1)//",
        "<scr<script>ipt>alert(1)</script>",
    ]

    @Test(arguments: vectors) func noVectorSurvives(_ vector: String) {
        let out = HTMLSanitizer.sanitize(vector).lowercased()
        #expect(!out.contains("<script"), "\(out)")
        #expect(
            !out.contains("<svg") && !out.contains("<iframe") && !out.contains("<object") && !out.contains("<embed"))
        #expect(!out.contains("<form") && !out.contains("<base") && !out.contains("<meta") && !out.contains("<style"))
        #expect(!out.contains("<input") && !out.contains("<link") && !out.contains("<body") && !out.contains("<math"))
        #expect(!out.contains("style="), "\(out)")
        // No tag with an attribute named on… (an unterminated `<img …` is escaped text).
        #expect(out.range(of: #"<[a-z][^>]*\son[a-z]+\s*="#, options: .regularExpression) == nil, "\(out)")
        #expect(!out.contains("javascript:") && !out.contains("vbscript:") && !out.contains("data:"), "\(out)")
        #expect(!out.contains("&#"), "\(out)")
    }

    @Test func allowedMarkupIsKeptAndRewritten() {
        #expect(
            HTMLSanitizer.sanitize("<details open><summary>More</summary>\n<p align=center>x</p></details>")
                == "<details open=\"\"><summary>More</summary>\n<p align=\"center\">x</p></details>")
        #expect(
            HTMLSanitizer.sanitize("<a href='https://example.org/?a=1&amp;b=2' title=T>x</a>")
                == "<a href=\"https://example.org/?a=1&amp;b=2\" title=\"T\">x</a>")
        #expect(
            HTMLSanitizer.sanitize("<img src=\"images/my chart.png\" alt=\"A &lt;chart&gt;\" width=200 />")
                == "<img src=\"images/my chart.png\" alt=\"A &lt;chart&gt;\" width=\"200\">")
        #expect(
            HTMLSanitizer.sanitize("<a href=\"mailto:a@example.org\">m</a><a href=\"#top\">t</a>")
                == "<a href=\"mailto:a@example.org\">m</a><a href=\"#top\">t</a>")
        #expect(HTMLSanitizer.sanitize("1 < 2 > 0 &amp; <br>") == "1 &lt; 2 &gt; 0 &amp; <br>")
    }

    @Test func scriptContentIsDroppedWithTheTag() {
        #expect(HTMLSanitizer.sanitize("a<script>document.write('<b>x</b>')</script >b<style>p{}</style>c") == "abc")
    }
}
