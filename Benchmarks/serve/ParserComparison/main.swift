// Request-body parsing: MLServeHTTP's hand-written parser vs Foundation's JSONDecoder on the
// W2 bodies (50 features, ~5 % null; single rows and 1,000-row batches).
//
// Build and run (from the package root; the parser file has no dependencies):
//   swiftc -O Sources/MLServeHTTP/_ScoreRequestParser.swift Benchmarks/serve/ParserComparison/main.swift \
//       -o /tmp/parser-comparison && /tmp/parser-comparison BODIES_SINGLE.txt BODIES_BATCH.txt
// (the bodies are shared/bench's data/full/w2_bodies_single.txt and w2_bodies_batch1000.txt).

import Foundation

struct SingleBody: Decodable {
    var features: [Float?]
    var id: String?
}

struct BatchBody: Decodable {
    var rows: [[Float?]]
}

func lines(_ path: String) -> [[UInt8]] {
    guard let data = FileManager.default.contents(atPath: path) else { fatalError("cannot read \(path)") }
    return data.split(separator: UInt8(ascii: "\n")).filter { !$0.isEmpty }.map { Array($0) }
}

func measure(_ label: String, iterations: Int, rowsPerCall: Int, _ body: () -> Int) {
    var sink = 0
    for _ in 0..<max(1, iterations / 10) { sink &+= body() }  // warm-up
    let start = ContinuousClock.now
    for _ in 0..<iterations { sink &+= body() }
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let perCall = seconds / Double(iterations) * 1e6
    print(String(format: "%-34@ %9.2f µs/call  %12.0f rows/s  (checksum %d)", label, perCall,
                 Double(iterations * rowsPerCall) / seconds, sink))
}

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    print("usage: parser-comparison BODIES_SINGLE.txt BODIES_BATCH.txt")
    exit(2)
}
let singles = lines(arguments[1])
let batches = lines(arguments[2])
let decoder = JSONDecoder()
var k = 0

measure("single: hand-written parser", iterations: 200_000, rowsPerCall: 1) {
    k = (k + 1) % singles.count
    let parsed = try? singles[k].withUnsafeBytes { try _ScoreRequestParser.parseSingle($0, expectedFeatures: 50) }
    return parsed?.features.count ?? -1
}
measure("single: JSONDecoder", iterations: 50_000, rowsPerCall: 1) {
    k = (k + 1) % singles.count
    let parsed = try? decoder.decode(SingleBody.self, from: Data(singles[k]))
    return parsed?.features.count ?? -1
}
measure("batch 1000: hand-written parser", iterations: 300, rowsPerCall: 1000) {
    k = (k + 1) % batches.count
    let parsed = try? batches[k].withUnsafeBytes {
        try _ScoreRequestParser.parseBatch($0, expectedFeatures: 50, maxRows: 1000)
    }
    return parsed?.rowCount ?? -1
}
measure("batch 1000: JSONDecoder", iterations: 60, rowsPerCall: 1000) {
    k = (k + 1) % batches.count
    let parsed = try? decoder.decode(BatchBody.self, from: Data(batches[k]))
    return parsed?.rows.count ?? -1
}
