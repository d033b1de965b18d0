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
}
