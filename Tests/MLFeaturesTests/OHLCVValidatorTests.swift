import Foundation
import MLCore
import MLFeatures
import Testing

/// Each OHLCV rule on a hand-made series: the kind, the 1-based rows, and the three modes.
@Suite struct OHLCVValidatorTests {
    /// 12 clean daily bars, then the edits a test makes.
    func table(_ edit: (inout [[String]]) -> Void = { _ in }) throws -> Table {
        var rows: [[String]] = (0..<12).map { i in
            let close = ((100 + 2 * sin(Double(i))) * 100).rounded() / 100  // returns spread over ±4%
            return ["\(1_700_000_000 + 86_400 * i)", "\(close - 0.5)", "\(close + 1)", "\(close - 1)", "\(close)", "\(1000 + i)"]
        }
        edit(&rows)
        let text = "timestamp,open,high,low,close,volume\n" + rows.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
        return try CSVReader().read(string: text)
    }

    func findings(_ edit: (inout [[String]]) -> Void) throws -> [OHLCVFinding.Kind: [Int]] {
        let report = OHLCVValidator().validate(try OHLCVBars(table: try table(edit)))
        return Dictionary(uniqueKeysWithValues: report.findings.map { ($0.kind, $0.rowNumbers) })
    }

    @Test func cleanBarsPass() throws {
        let report = OHLCVValidator().validate(try OHLCVBars(table: try table()))
        #expect(report.passed)
        #expect(report.rowCount == 12)
    }

    @Test func eachRuleNamesItsRows() throws {
        #expect(try findings { $0[3][4] = "" } == [.missingValue: [4]])
        #expect(try findings { $0[5][0] = "not a time" } == [.missingValue: [6]])
        #expect(try findings { $0[2][3] = "-1"; $0[7][1] = "0"; $0[7][3] = "0" } == [.nonPositivePrice: [3, 8]])
        // high below close; low above open
        #expect(try findings { $0[1][2] = "99" } == [.inconsistentOHLC: [2]])
        #expect(try findings { $0[9][3] = "105" } == [.inconsistentOHLC: [10]])
        #expect(try findings { $0[4][5] = "0"; $0[6][5] = "-3" } == [.nonPositiveVolume: [5, 7]])
        // a duplicate and a step back in time
        #expect(try findings { $0[4][0] = $0[3][0]; $0[8][0] = "1700000000" } == [.nonIncreasingTimestamp: [5, 9]])
        // one bad close: its own return and the next are outliers
        let outliers = try findings {
            $0[6] = ["1700518400", "100", "1000", "99", "1000", "1006"]
        }
        #expect(outliers == [.returnOutlier: [7, 8]])
    }

    @Test func modes() throws {
        let input = try table { $0[2][5] = "0"; $0[5][3] = "200" }
        let bars = try OHLCVBars(table: input)
        let validator = OHLCVValidator()
        let report = try validator.run(bars, table: input, mode: .report)
        #expect(report.cleaned == nil && !report.failed)
        #expect(report.report.flaggedRowNumbers == [3, 6])
        let dropped = try validator.run(bars, table: input, mode: .drop)
        #expect(dropped.cleaned?.rowCount == 10)
        #expect(dropped.cleaned?["volume"] == .int([1000, 1001, 1003, 1004, 1006, 1007, 1008, 1009, 1010, 1011]))
        #expect(try validator.run(bars, table: input, mode: .fail).failed)
        #expect(try !validator.run(try OHLCVBars(table: try table()), table: try table(), mode: .fail).failed)
    }

    @Test func badLimitsAndShapesThrow() throws {
        #expect(throws: FeatureError.self) { _ = try OHLCVValidator(outlierLimit: 0) }
        #expect(throws: FeatureError.self) { _ = try OHLCVValidator(outlierLimit: .nan) }
        #expect {
            _ = try OHLCVBars(open: [1], high: [1, 2], low: [1], close: [1], volume: [1])
        } throws: { ($0 as? FeatureError)?.argument == "high" }
        let noVolume = try CSVReader().read(string: "timestamp,open,high,low,close\n1,1,1,1,1\n")
        #expect { _ = try OHLCVBars(table: noVolume) } throws: { ($0 as? FeatureError)?.argument == "volume" }
    }
}
