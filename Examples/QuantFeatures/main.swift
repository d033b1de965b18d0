// QuantFeatures — the daily feature job of a trading model, as a script.
//
// Story: a desk trains on 29 technical features of daily bars and serves the same features
// live. The job checks the bars before using them, computes `technical-v1` (TA-Lib's
// indicators, bit-identical every time), records which definition and which input produced
// them, and then shows the live path: a streaming state, checkpointed overnight, that gives
// exactly the training values for each new bar.
//
// Run: swift run QuantFeatures        (everything happens in a fresh temporary directory)

import Foundation
import MLCore
import MLFeatures

// MARK: - Cell 1: a working directory of our own

let workDirectory = FileManager.default.temporaryDirectory
    .appendingPathComponent("quant-features-\(ProcessInfo.processInfo.processIdentifier)")
try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
func file(_ name: String) -> String { workDirectory.appendingPathComponent(name).path }
print("working in \(workDirectory.path)")

// MARK: - Cell 2: two years of daily bars from the vendor (seeded, so every run prints the same)
//
// A geometric random walk; then three vendor glitches of the kind real feeds have: a missing
// close, a bar whose low is above its open, and a day repeated with the same timestamp.

var random = SeededRandom(seed: 2024)
var rows: [String] = ["timestamp,open,high,low,close,volume"]
var close = 100.0
for day in 0..<520 {
    let open = close * (1 + random.nextNormal(mean: 0, standardDeviation: 0.004))
    close = open * exp(random.nextNormal(mean: 0.0003, standardDeviation: 0.015))
    let high = max(open, close) * (1 + abs(random.nextNormal(mean: 0, standardDeviation: 0.006)))
    let low = min(open, close) * (1 - abs(random.nextNormal(mean: 0, standardDeviation: 0.006)))
    let volume = 50_000 + random.nextInt(in: 0..<40_000)
    let time = 1_640_995_200 + 86_400 * day
    rows.append("\(time),\(open),\(high),\(low),\(close),\(volume)")
}
rows[101] = rows[101].split(separator: ",").enumerated().map { $0.offset == 4 ? "" : String($0.element) }
    .joined(separator: ",")                                       // data row 101: close missing
var fields = rows[202].split(separator: ",").map(String.init)    // data row 202: low above open
fields[3] = String((Double(fields[1]) ?? 0) + 1)
rows[202] = fields.joined(separator: ",")
rows.insert(rows[303], at: 304)                                   // data row 304 repeats 303
try (rows.joined(separator: "\n") + "\n").write(toFile: file("bars.csv"), atomically: true, encoding: .utf8)

// MARK: - Cell 3: validate before computing anything
//
// Every finding names its rows (1-based data rows, as a spreadsheet shows them). Drop mode
// removes them; `mlctl features validate --mode fail` would stop a CI job instead.

let input = try CSVReader().read(contentsOf: file("bars.csv"))
let outcome = try OHLCVValidator().run(try OHLCVBars(table: input), table: input, mode: .drop)
for finding in outcome.report.findings {
    print("finding \(finding.kind.rawValue): rows \(finding.rowNumbers.map(String.init).joined(separator: ","))")
}
guard let cleanTable = outcome.cleaned else { fatalError("drop mode returns the kept rows") }
print("kept \(cleanTable.rowCount) of \(input.rowCount) bars")

// MARK: - Cell 4: the training features, with their provenance

let bars = try OHLCVBars(table: cleanTable)
let set = FeatureSet.technicalV1
let frame = set.compute(bars)
try CSVWriter().write(try frame.table(), to: file("features.csv"))
print("\(set.name) \(set.version): \(frame.names.count) features × \(frame.rowCount) bars")
print("definition sha256 \(frame.definitionHash.hex)")
print("input sha256 \(frame.inputHash.hex)")
let last = frame.rowCount - 1
for name in ["nma_20", "rsi_14", "macd_hist", "volatility_20"] {
    print("  \(name) on the last bar: \(try frame.column(named: name)[last])")
}

// MARK: - Cell 5: the live path — a stream checkpointed overnight gives the training values
//
// Serving keeps one `FeatureStream` per symbol. It is `Codable`: save it at the close, restore
// it in the morning (a checkpoint of another definition is refused), feed the new bar.

var stream = set.makeStream()
var live: [Double] = []
for i in 0..<bars.count {
    if i == bars.count - 20 {                                      // the overnight checkpoint
        let saved = try JSONEncoder().encode(stream)
        stream = try FeatureStream.restore(saved, for: set)
    }
    live = stream.update(
        OHLCVBar(open: bars.open[i], high: bars.high[i], low: bars.low[i], close: bars.close[i], volume: bars.volume[i]))
}
let batchLast = frame.row(last)
let identical = zip(live, batchLast).allSatisfy { $0.bitPattern == $1.bitPattern }
print("live features of the last bar equal the training features bit for bit: \(identical)")

try? FileManager.default.removeItem(at: workDirectory)
