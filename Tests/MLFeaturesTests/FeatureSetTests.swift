import Foundation
import MLCore
import MLFeatures
import MLTesting
import Testing

/// `technical-v1` against an independent Python computation (TA-Lib for the indicators, NumPy
/// two-pass window statistics for the rest: `scripts/make-technical-v1-fixture.py`), streaming ≡
/// batch, checkpoints, and the definition and input hashes.
@Suite struct FeatureSetTests {
    static let cases = ["daily_400", "flat_600"]

    func bars(_ name: String) throws -> (OHLCVBars, Table) {
        let table = try CSVReader().read(contentsOf: fixtures.path("features/technical_v1/\(name)/ohlcv.csv"))
        return (try OHLCVBars(table: table), table)
    }

    @Test(arguments: cases)
    func matchesThePythonReference(_ name: String) throws {
        let (bars, _) = try bars(name)
        let frame = FeatureSet.technicalV1.compute(bars)
        let expected = try NumericCSV(path: fixtures.path("features/technical_v1/\(name)/expected.csv"))
        #expect(expected.header == ["timestamp"] + FeatureSet.technicalV1.names)
        for feature in FeatureSet.technicalV1.features {
            let actual = try frame.column(named: feature.name)
            let reference = try expected.column(feature.name)
            #expect(actual.count == reference.count)
            for (i, (a, e)) in zip(actual, reference).enumerated() {
                if i < feature.lookback {
                    #expect(a.isNaN && e.isNaN, "\(name) \(feature.name)[\(i)] in the lookback: \(a), \(e)")
                    continue
                }
                // 1e-9 relative; 1e-9 absolute below 1 (bb_pct and bb_width near flat stretches
                // inherit TA-Lib's band rounding, ~1e-12 of the price).
                #expect(
                    (a - e).magnitude <= 1e-9 * max(1, e.magnitude), "\(name) \(feature.name)[\(i)]: \(a) vs \(e)")
            }
        }
    }

    @Test(arguments: cases)
    func identicalAtEveryThreadCount(_ name: String) throws {
        let (bars, _) = try bars(name)
        let one = FeatureSet.technicalV1.compute(bars, threads: 1)
        for threads in [2, 3, 8] {
            let many = FeatureSet.technicalV1.compute(bars, threads: threads)
            #expect(many.inputHash == one.inputHash)
            expectBitIdentical(many.columns.flatMap { $0 }, one.columns.flatMap { $0 }, "\(name) at \(threads) threads")
        }
    }

    @Test func flatStretchesGiveExactZeros() throws {
        let (bars, _) = try bars("flat_600")
        let frame = FeatureSet.technicalV1.compute(bars)
        // volume constant on rows 100..179, close constant on rows 300..379 (0-based).
        let volumeZ = try frame.column(named: "volume_z_20")
        #expect(volumeZ[130...179].allSatisfy { $0 == 0 })
        let volatility = try frame.column(named: "volatility_20")
        #expect(volatility[321...379].allSatisfy { $0 == 0 })
        let bandPosition = try frame.column(named: "bb_pct")
        #expect(bandPosition[320...379].allSatisfy { $0 == 0.5 })
    }

    @Test(arguments: cases)
    func streamingEqualsBatchBitForBit(_ name: String) throws {
        let (bars, _) = try bars(name)
        let frame = FeatureSet.technicalV1.compute(bars)
        var stream = FeatureSet.technicalV1.makeStream()
        var streamed: [Double] = []
        var row: [Double] = []
        for i in 0..<bars.count {
            if i == 250 {  // checkpoint through JSON mid-series
                let data = try JSONEncoder().encode(stream)
                stream = try FeatureStream.restore(data, for: .technicalV1)
            }
            let bar = OHLCVBar(
                open: bars.open[i], high: bars.high[i], low: bars.low[i], close: bars.close[i], volume: bars.volume[i])
            stream.update(bar, into: &row)
            streamed += row
        }
        expectBitIdentical(streamed, (0..<frame.rowCount).flatMap { frame.row($0) }, "\(name) stream vs batch")
    }

    /// Missing values (NaN) in any series propagate the same way in both forms.
    @Test func streamingEqualsBatchWithMissingValues() throws {
        let (clean, _) = try bars("daily_400")
        func holes(_ series: [Double], _ rows: [Int]) -> [Double] {
            var series = series
            for row in rows { series[row] = .nan }
            return series
        }
        let bars = try OHLCVBars(
            open: clean.open, high: holes(clean.high, [30, 31, 250]), low: holes(clean.low, [120]),
            close: holes(clean.close, [60, 300]), volume: holes(clean.volume, [10, 200]))
        let frame = FeatureSet.technicalV1.compute(bars, threads: 1)
        var stream = FeatureSet.technicalV1.makeStream()
        var streamed: [Double] = []
        for i in 0..<bars.count {
            streamed += stream.update(
                OHLCVBar(open: bars.open[i], high: bars.high[i], low: bars.low[i], close: bars.close[i], volume: bars.volume[i]))
        }
        expectBitIdentical(streamed, (0..<frame.rowCount).flatMap { frame.row($0) }, "stream vs batch with NaN")
        #expect(try frame.column(named: "stoch_k")[399].isNaN)  // running sums keep a NaN, as TA-Lib's
        #expect(try !frame.column(named: "volume_z_20")[100].isNaN)  // recomputed once the NaN left the window
        #expect(try frame.column(named: "obv")[399].isNaN)  // OBV keeps a NaN volume forever, as TA-Lib
    }

    @Test func aCheckpointOfAnotherDefinitionIsRefused() throws {
        let stream = FeatureSet.technicalV1.makeStream()
        var json = try #require(String(data: try JSONEncoder().encode(stream), encoding: .utf8))
        json = json.replacingOccurrences(of: FeatureSet.technicalV1.definitionHash.hex, with: String(repeating: "ab", count: 32))
        #expect {
            _ = try FeatureStream.restore(Data(json.utf8), for: .technicalV1)
        } throws: { ($0 as? FeatureError)?.code == .invalidInput && ($0 as? FeatureError)?.argument == "checkpoint" }
        // A tampered ring index is a decoding error, not a trap.
        let good = try #require(String(data: try JSONEncoder().encode(stream), encoding: .utf8))
        let tampered = good.replacingOccurrences(of: "\"next\":0", with: "\"next\":9999")
        #expect(tampered != good)
        #expect(throws: DecodingError.self) { _ = try FeatureStream.restore(Data(tampered.utf8), for: .technicalV1) }
    }

    @Test func definitionIsPinned() throws {
        let set = try FeatureSet.named("technical-v1")
        #expect(set.features.count == 29)
        #expect(Set(set.names).count == 29)
        #expect(set.version == "1.0.0")
        #expect(set.lookback == 199)
        // Changing any name, formula or lookback must change this hash and the version.
        #expect(set.definitionHash.hex == "6a46682a21ab917d3634140cb09391e6c9ecffac8113da8aef6a200c78f9b323")
        #expect { _ = try FeatureSet.named("technical-v9") } throws: { ($0 as? FeatureError)?.code == .unknownIndicator }
    }

    @Test func inputHashIgnoresFormattingButNotValues() throws {
        let integers = try CSVReader().read(string: "timestamp,open,high,low,close,volume\n1704067200,1,2,0.5,1.5,100\n")
        let iso = try CSVReader().read(
            string: "timestamp,open,high,low,close,volume\n2024-01-01T00:00:00Z,1.0,2.00,0.5,1.5,100.0\n")
        let changed = try CSVReader().read(string: "timestamp,open,high,low,close,volume\n1704067200,1,2,0.5,1.5,101\n")
        let a = try OHLCVBars(table: integers).contentHash
        #expect(a == (try OHLCVBars(table: iso).contentHash))
        #expect(a != (try OHLCVBars(table: changed).contentHash))
        let frame = FeatureSet.technicalV1.compute(try OHLCVBars(table: integers))
        #expect(frame.inputHash == a)
        #expect(frame.definitionHash == FeatureSet.technicalV1.definitionHash)
    }

    @Test func timestampsReadAsEpochSeconds() throws {
        let table = try CSVReader().read(
            string: """
                timestamp,open,high,low,close,volume
                2024-02-29,1,1,1,1,1
                2024-02-29T12:30:15.5+02:00,1,1,1,1,1
                1709208000,1,1,1,1,1
                2024-13-01,1,1,1,1,1
                2023-02-29T00:00:00Z,1,1,1,1,1
                ,1,1,1,1,1

                """)
        let bars = try OHLCVBars(table: table)
        #expect(bars.seconds(at: 0) == 1_709_164_800)
        #expect(bars.seconds(at: 1) == 1_709_164_800 + 37_815.5)  // 12:30:15.5 at +02:00 is 10:30:15.5Z
        #expect(bars.seconds(at: 2) == 1_709_208_000)
        #expect(bars.seconds(at: 3) == nil)  // month 13
        #expect(bars.seconds(at: 4) == nil)  // not a leap year
        #expect(bars.seconds(at: 5) == nil)
    }
}
