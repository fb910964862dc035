// Drives DossierMarkdown's CMarkParser on several threads at once under Thread Sanitizer: compiled
// by scripts/tsan-check.sh with CMarkParser.swift, the files it uses and Parallel.swift, against
// Debian's cmark-gfm (a system library, so Thread Sanitizer sees the Swift side: the one-time
// extension set-up and the finish lock; the trees compared with serial parses show the C side).
// Texts with and without `~` (the one lock), with and without autolink (crowded bare URLs), parsed
// into copies and read in place (`analysisReporting`, what `check` uses).
let crowded = String(repeating: "<http://a", count: 2_500) + "\n"
let documents = (0..<96).map { i -> String in
    switch i % 4 {
    case 0: return "# T\(i)\n\n~~strike \(i)~~ *em*~ and _x_~~y~~ www.example.org/\(i)\n"
    case 1: return "# T\(i)\n\nwww.example.org/\(i), mail a\(i)@example.org, *w*: _w_ http://x.org\n"
    case 2: return "| a | b |\n|---|---|\n| w:\(i) | **bold**w |\n\n- [x] http://w.org/\(i)\n"
    default: return "words w: \(i) www.example.org\n\n" + (i % 8 == 3 ? crowded : "~tilde~ w:\n")
    }
}
let serial = documents.map { CMarkParser.parseReporting($0).root }
for round in 0..<8 {
    let parallel = documents.parallelMap { CMarkParser.parseReporting($0).root }
    precondition(parallel == serial, "parallel parses differ from serial ones in round \(round)")
}
// `check`'s reader of the C tree (no copy) on several threads at once.
let serialAnalyses = documents.map { "\(String(describing: CMarkParser.analysisReporting($0, lineOffset: 0)))" }
for round in 0..<4 {
    let parallel = documents.parallelMap { "\(String(describing: CMarkParser.analysisReporting($0, lineOffset: 0)))" }
    precondition(parallel == serialAnalyses, "parallel tree analyses differ from serial ones in round \(round)")
}
print("CMarkParser: no race under Thread Sanitizer, parallel trees equal serial ones")
