import Foundation

// Thread Sanitizer driver for the parallel stamp walk (`TreeWalk`) and `BackgroundTask` /
// `BackgroundResult`: a tree of folders walked on every core many times must give the serial
// walk's digest and records; background results must be the values computed.
let root = NSTemporaryDirectory() + "dossier-tsan-walk-\(getpid())"
let manager = FileManager.default
for i in 0..<60 {
    let folder = root + "/f\(i % 7)/g\(i % 5)/h\(i)"
    try! manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for j in 0..<5 { try! Data("\(i) \(j)".utf8).write(to: URL(fileURLWithPath: folder + "/x\(j).txt")) }
}
defer { try? manager.removeItem(atPath: root) }
var serial = FileStamps()
serial.add(tree: root, recording: true)
for round in 0..<40 {
    var parallel = FileStamps()
    parallel.add(tree: root, recording: true, parallel: true)
    guard parallel.hex == serial.hex, parallel.records == serial.records else {
        print("TreeWalk: round \(round) differs from the serial walk")
        exit(1)
    }
}
print("TreeWalk: no race under Thread Sanitizer, parallel walks equal the serial one")

final class Box: @unchecked Sendable { var value = 0 }
for round in 0..<200 {
    let box = Box()
    let task = BackgroundTask { box.value = round }
    let result = BackgroundResult { round * 2 }
    task.wait()
    guard box.value == round, result.value == round * 2 else {
        print("BackgroundTask: round \(round) lost a value")
        exit(1)
    }
}
print("BackgroundTask, BackgroundResult: no race under Thread Sanitizer")
