import Foundation
import MLCore
import MLFeatures
import MLTesting
import Testing

/// `mlctl features indicators|compute|validate` as scripts run them: columns, JSON keys, exit codes.
@Suite struct FeaturesCommandLineTests {
    func run(_ arguments: [String]) throws -> CommandResult { try BuiltCommand("mlctl").run(arguments) }

    func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("features-\(getpid())-\(name)").path
    }

    @Test func indicatorsWritesTimestampThenTheNamedColumns() throws {
        let folder = fixtures.path("indicators/ind_daily_400")
        let out = temporary("ind.csv")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try run([
            "features", "indicators", "--input", folder + "/ohlcv.csv", "--output", out,
            "--columns", "sma_20,macd_signal_12_26_9,bb_lower_20_2,stoch_slowd_5_3_3,obv",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let got = try NumericCSV(path: out)
        let expected = try NumericCSV(path: folder + "/expected.csv")
        #expect(got.header == ["timestamp", "sma_20", "macd_signal_12_26_9", "bb_lower_20_2", "stoch_slowd_5_3_3", "obv"])
        #expect(try got.column("timestamp") == (try expected.column("timestamp")))
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.split(separator: "\n")[1].hasPrefix("1577836800,,,,,"))  // integers stay integers; warm-up empty
        for name in got.header.dropFirst() {
            let a = try got.column(name), e = try expected.column(name)
            #expect(zip(a, e).allSatisfy { ($0.isNaN && $1.isNaN) || ($0 - $1).magnitude <= 1e-9 * $1.magnitude + 1e-12 }, "\(name)")
        }
    }

    @Test func unknownNamesAndBadParametersExitTwo() throws {
        let input = fixtures.path("indicators/ind_daily_400/ohlcv.csv")
        for columns in ["sma_20,foo_3", "bb_upper_20_x", "rsi_1", "sma_20,sma_20"] {
            let result = try run(["features", "indicators", "--input", input, "--output", temporary("bad.csv"), "--columns", columns])
            #expect(result.status == 2, "\(columns)")
            #expect(result.stderr.hasPrefix("error:"), "\(columns): \(result.stderr)")
        }
        let missing = try run(["features", "indicators", "--input", temporary("absent.csv"), "--output", temporary("x.csv"), "--columns", "sma_5"])
        #expect(missing.status == 2)
    }

    @Test func computeReportsTheHashes() throws {
        let out = temporary("features.csv")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let input = fixtures.path("features/technical_v1/daily_400/ohlcv.csv")
        let result = try run(["features", "compute", "--set", "technical-v1", "--input", input, "--output", out, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["set"] as? String == "technical-v1")
        #expect(json["version"] as? String == "1.0.0")
        #expect(json["definition_sha256"] as? String == FeatureSet.technicalV1.definitionHash.hex)
        let bars = try OHLCVBars(contentsOfCSV: input)
        #expect(json["input_sha256"] as? String == bars.contentHash.hex)
        #expect(json["rows"] as? Int == 400)
        #expect((json["features"] as? [String])?.count == 29)
        #expect(try NumericCSV(path: out).header == ["timestamp"] + FeatureSet.technicalV1.names)
        let unknown = try run(["features", "compute", "--set", "technical-v0", "--input", input, "--output", out])
        #expect(unknown.status == 2)
    }

    @Test func validateModesAndExitCodes() throws {
        let input = temporary("bars.csv")
        let clean = temporary("clean.csv")
        defer { for path in [input, clean] { try? FileManager.default.removeItem(atPath: path) } }
        try """
            timestamp,open,high,low,close,volume
            1,10,11,9,10.5,100
            2,10.5,11,10,10.8,0
            2,10.8,11,10.5,10.9,120
            3,10.9,10,10.5,10.7,130
            4,10.7,11,10.5,10.6,140

            """.write(toFile: input, atomically: true, encoding: .utf8)
        let report = try run(["features", "validate", "--input", input, "--json"])
        #expect(report.status == 0, "\(report.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        #expect(json["passed"] as? Bool == false)
        let findings = try #require(json["findings"] as? [[String: Any]])
        let byKind = Dictionary(uniqueKeysWithValues: findings.map { ($0["kind"] as? String ?? "", $0["rows"] as? [Int] ?? []) })
        #expect(byKind == ["non_positive_volume": [2], "non_increasing_timestamp": [3], "inconsistent_ohlc": [4]])
        let failed = try run(["features", "validate", "--input", input, "--mode", "fail"])
        #expect(failed.status == 1)
        let dropped = try run(["features", "validate", "--input", input, "--mode", "drop", "--output", clean])
        #expect(dropped.status == 0, "\(dropped.stderr)")
        #expect(try NumericCSV(path: clean).column("timestamp") == [1, 4])
        let usage = try run(["features", "validate", "--input", input, "--mode", "drop"])
        #expect(usage.status == 2)
    }
}

/// Examples are run by tests: the QuantFeatures story.
@Suite struct QuantFeaturesExampleTests {
    @Test func storyRuns() throws {
        let result = try BuiltCommand("QuantFeatures").run([])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("finding missing_value: rows 101"))
        #expect(result.stdout.contains("finding inconsistent_ohlc: rows 202"))
        #expect(result.stdout.contains("finding non_increasing_timestamp: rows 304"))
        #expect(result.stdout.contains("kept 518 of 521 bars"))
        #expect(result.stdout.contains("technical-v1 1.0.0: 29 features × 518 bars"))
        #expect(result.stdout.contains("definition sha256 \(FeatureSet.technicalV1.definitionHash.hex)"))
        #expect(result.stdout.contains("equal the training features bit for bit: true"))
    }
}
