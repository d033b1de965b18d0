import FoundationEssentials
import FuzzSupport
import MLCore
import MLFeatures

// MLFeatures' outside inputs: the input is a data-check tests file (YAML), a NUL byte, then a
// CSV. The CSV goes through OHLCV validation, technical-v1 (batch and streaming), named
// indicator columns, the entity aggregations (columns e, t, v when present) and the tests file.
// Only typed errors may come out; nothing the bytes declare may allocate or loop beyond them.
runFuzzer { input in
    let parts = input.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
    let yaml = String(decoding: parts[0], as: UTF8.self)
    guard parts.count > 1, let table = try? CSVReader(maximumThreads: 1).read(bytes: Array(parts[1])) else { return }
    if let bars = try? OHLCVBars(table: table) {
        _ = OHLCVValidator().validate(bars)
        let frame = FeatureSet.technicalV1.compute(bars, threads: 1)
        var stream = FeatureSet.technicalV1.makeStream()
        for i in 0..<Swift.min(bars.count, 64) {
            _ = stream.update(
                OHLCVBar(open: bars.open[i], high: bars.high[i], low: bars.low[i], close: bars.close[i], volume: bars.volume[i]))
        }
        _ = try? frame.table()
        if let columns = try? IndicatorColumn.list("sma_3,bb_lower_4_1.5,stoch_slowd_3_2_2,adx_3,mfi_3,cci_3,obv") {
            _ = try? IndicatorColumn.table(columns, from: table)
        }
    }
    if let entities = table["e"], let timeColumn = table["t"], let values = table["v"]?.doubleValues,
        let times = try? EventTime.nanoseconds(from: timeColumn, name: "t"),
        let windows = try? ["1h", "2s"].map(AggregationWindow.init(parsing:)),
        let aggregation = try? EntityAggregation(windows: windows, aggregates: [.count, .mean, .std, .max, .distinct, .ratio], recency: true)
    {
        _ = try? aggregation.compute(entities: entities, times: times, values: values, categories: entities)
    }
    if let suite = try? DataCheckSuite(yaml: yaml) {
        _ = try? suite.run(on: table, clock: .fixed(Date(timeIntervalSince1970: 1_709_856_000)))
    }
}
