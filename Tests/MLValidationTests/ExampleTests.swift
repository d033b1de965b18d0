import MLTesting
import Foundation
import Testing

/// Examples/CalibrateAndGate runs end to end and tells its story.
@Suite struct ExampleTests {
    @Test func calibrateAndGateRuns() throws {
        let example = try #require(BuiltProducts.path("CalibrateAndGate"), "built by `swift test`")
        let r = try runProcess(example, [])
        #expect(r.status == 0, "\(r.stderr)")
        for line in [
            "scored 6000 calibration rows and 3000 held-out rows", "raw scores: macro_f1", "calibrated: macro_f1",
            "calibration gate: accepted", "gate passed", "thresholds decide", "example: Groceries, needs review",
            "ready to release",
        ] {
            #expect(r.stdout.contains(line), "missing '\(line)' in:\n\(r.stdout)")
        }
        // Seeded: the same output every run.
        #expect(try runProcess(example, []).stdout == r.stdout)
    }

    /// Examples/QuantResearch: features → CPCV with label-interval purge → path Sharpe distributions → PBO →
    /// PSR/DSR gate, deterministic.
    @Test func quantResearchRuns() throws {
        let example = try #require(BuiltProducts.path("QuantResearch"), "built by `swift test`")
        let r = try runProcess(example, [])
        #expect(r.status == 0, "\(r.stderr)")
        for line in [
            "1199 samples, features technical-v1", "CPCV: 28 splits, 7 paths", "roc_10: path Sharpe", "macd_hist: path Sharpe",
            "probability of backtest overfitting:", "over 70 CSCV splits", "best: ", "release blocked:", "dsr ",
        ] {
            #expect(r.stdout.contains(line), "missing '\(line)' in:\n\(r.stdout)")
        }
        #expect(try runProcess(example, []).stdout == r.stdout)
    }
}
