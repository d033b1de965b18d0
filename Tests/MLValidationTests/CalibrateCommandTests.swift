import Foundation
import MLCalibration
import MLValidation
import MLTesting
import Testing

/// `mlctl calibrate fit|apply|verify` on the calibration fixtures (made by scikit-learn) and
/// their exit codes.
@Suite struct CalibrateCommandTests {
    /// The fixture's train/test files rewritten as the CLI's inputs.
    struct Prepared {
        let dir = ScratchDirectory()
        let expected: NumericColumns

        init(_ name: String) throws {
            let train = try NumericColumns(path: fixtures.path("calibration/\(name)/train.csv"))
            let test = try NumericColumns(path: fixtures.path("calibration/\(name)/test.csv"))
            expected = try NumericColumns(path: fixtures.path("calibration/\(name)/expected.csv"))
            dir.write("s.csv", csv("score", try train.column("score").map(\.description)))
            dir.write("y.csv", csv("y", try train.column("y").map { Int($0) }))
            dir.write("t.csv", csv("score", try test.column("score").map(\.description)))
            dir.write("ty.csv", csv("y", try test.column("y").map { Int($0) }))
        }
    }

    @Test(arguments: ["calib_overconfident", "calib_tied_scores"])
    func fitAndApplyMatchScikitLearn(_ name: String) throws {
        let mlctl = try BuiltCommand("mlctl")
        let p = try Prepared(name)
        for (method, tolerance) in [("isotonic", 1e-9), ("sigmoid", 1e-6)] {
            let cal = p.dir.file("\(method).json")
            let fit = try mlctl.run([
                "calibrate", "fit", "--method", method, "--scores", p.dir.file("s.csv"), "--labels", p.dir.file("y.csv"),
                "--output", cal, "--allow-small-sample",
            ])
            #expect(fit.status == 0, "\(fit.stderr)")
            let out = p.dir.file("\(method).csv")
            let apply = try mlctl.run(["calibrate", "apply", "--calibrator", cal, "--scores", p.dir.file("t.csv"), "--output", out])
            #expect(apply.status == 0, "\(apply.stderr)")
            let got = try NumericColumns(path: out)
            #expect(got.header == ["score", "calibrated"])
            let want = try p.expected.column(method)
            let calibrated = try got.column("calibrated")
            #expect(calibrated.count == want.count)
            let diff = zip(calibrated, want).map { abs($0 - $1) }.max() ?? .infinity
            #expect(diff <= tolerance, "\(name)/\(method): max diff \(diff)")
            #expect(try got.column("score") == p.expected.column("score"))
            // Verified on held-out data: these calibrators improve the over-confident scores.
            let verify = try mlctl.run([
                "calibrate", "verify", "--calibrator", cal, "--scores", p.dir.file("t.csv"), "--labels", p.dir.file("ty.csv"), "--json",
            ])
            let report = try jsonObject(parsing: verify.stdout)
            #expect((report["integrity"] as? [String: Any])?["passed"] as? Bool == true)
            #expect(report["kind"] as? String == method)
            #expect(report["content_hash"] as? String != nil)
            #expect(verify.status == ((report["passed"] as? Bool) == true ? 0 : 1))
        }
    }

    @Test func smallSampleIsotonicIsRefusedWithExitTwo() throws {
        let p = try Prepared("calib_overconfident")
        let r = try BuiltCommand("mlctl").run([
            "calibrate", "fit", "--method", "isotonic", "--scores", p.dir.file("s.csv"), "--labels", p.dir.file("y.csv"),
            "--output", p.dir.file("c.json"),
        ])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("error: ") && r.stderr.contains("--allow-small-sample") && r.stderr.contains("1000"))
        #expect(!FileManager.default.fileExists(atPath: p.dir.file("c.json")))
        // Sigmoid has no such minimum.
        let s = try BuiltCommand("mlctl").run([
            "calibrate", "fit", "--method", "sigmoid", "--scores", p.dir.file("s.csv"), "--labels", p.dir.file("y.csv"),
            "--output", p.dir.file("c.json"), "--json",
        ])
        #expect(s.status == 0)
        let summary = try jsonObject(parsing: s.stdout)
        #expect(summary["kind"] as? String == "sigmoid" && summary["rows"] as? Int == 800)
        #expect((summary["content_hash"] as? String)?.count == 64 && summary["output"] as? String == p.dir.file("c.json"))
    }

    @Test func verifyExitCodes() throws {
        let mlctl = try BuiltCommand("mlctl")
        let p = try Prepared("calib_overconfident")
        let cal = p.dir.file("iso.json")
        _ = try mlctl.run([
            "calibrate", "fit", "--method", "isotonic", "--scores", p.dir.file("s.csv"), "--labels", p.dir.file("y.csv"),
            "--output", cal, "--allow-small-sample",
        ])
        #expect(try mlctl.run(["calibrate", "verify", "--calibrator", cal]).status == 0)

        // Tampered knots: the content hash no longer matches -> 1.
        let text = p.dir.read("iso.json")
        let tampered = p.dir.write("tampered.json", text.replacing("\"increasing\" : true", with: "\"increasing\" : false"))
        #expect(text != p.dir.read("tampered.json"))
        let t = try mlctl.run(["calibrate", "verify", "--calibrator", tampered, "--json"])
        #expect(t.status == 1)
        let tj = try jsonObject(parsing: t.stdout)
        #expect(tj["passed"] as? Bool == false)
        #expect(((tj["integrity"] as? [String: Any])?["message"] as? String)?.contains("hash") == true)
        // Applying a tampered calibrator is refused too.
        #expect(try mlctl.run(["calibrate", "apply", "--calibrator", tampered, "--scores", p.dir.file("t.csv"), "--output", p.dir.file("o.csv")]).status == 2)

        // Missing, empty, not JSON, JSON but not a calibrator -> 2.
        #expect(try mlctl.run(["calibrate", "verify", "--calibrator", p.dir.file("none.json")]).status == 2)
        #expect(try mlctl.run(["calibrate", "verify", "--calibrator", p.dir.write("empty.json", "")]).status == 2)
        #expect(try mlctl.run(["calibrate", "verify", "--calibrator", p.dir.write("text.json", "hello")]).status == 2)
        let other = try mlctl.run(["calibrate", "verify", "--calibrator", p.dir.write("other.json", #"{"kind": "isotonic"}"#)])
        #expect(other.status == 2 && other.stderr.contains("thresholds_x"))

        // A calibrator that makes held-out calibration worse fails the gate -> 1: fitted on
        // flipped labels it maps high scores to low probabilities.
        let flipped = try NumericColumns(path: p.dir.file("y.csv")).column("y").map { 1 - Int($0) }
        p.dir.write("flipped.csv", csv("y", flipped))
        _ = try mlctl.run([
            "calibrate", "fit", "--method", "isotonic", "--scores", p.dir.file("s.csv"), "--labels", p.dir.file("flipped.csv"),
            "--output", p.dir.file("bad.json"), "--allow-small-sample",
        ])
        let g = try mlctl.run([
            "calibrate", "verify", "--calibrator", p.dir.file("bad.json"), "--scores", p.dir.file("t.csv"), "--labels", p.dir.file("ty.csv"),
        ])
        #expect(g.status == 1)
        #expect(g.stdout.contains("REFUSED") && g.stdout.contains("ECE fails"))
        // --scores without --labels is a usage error.
        #expect(try mlctl.run(["calibrate", "verify", "--calibrator", cal, "--scores", p.dir.file("t.csv")]).status == 2)
    }

    @Test func perClassCalibrationOfClassProbabilities() throws {
        let mlctl = try BuiltCommand("mlctl")
        let dir = ScratchDirectory()
        let labels = fixtures.path("metrics/metrics_multiclass/y_true.csv")
        let scores = fixtures.path("metrics/metrics_multiclass/y_score.csv")
        for method in ["isotonic", "sigmoid", "temperature"] {
            let cal = dir.file("\(method).json")
            let fit = try mlctl.run([
                "calibrate", "fit", "--method", method, "--per-class", "--scores", scores, "--labels", labels, "--output", cal,
                "--allow-small-sample",
            ])
            #expect(fit.status == 0, "\(method): \(fit.stderr)")
            let out = dir.file("\(method).csv")
            #expect(try mlctl.run(["calibrate", "apply", "--calibrator", cal, "--scores", scores, "--output", out]).status == 0)
            let got = try NumericColumns(path: out)
            #expect(got.header == ["p0", "p1", "p2"])
            for i in 0..<got.columns[0].count {
                let sum = got.columns[0][i] + got.columns[1][i] + got.columns[2][i]
                #expect(abs(sum - 1) < 1e-9)
            }
            // The calibrated file evaluates like any probabilities file.
            #expect(try mlctl.run(["evaluate", "--labels", labels, "--scores", out, "--json"]).status == 0)
            // A binary calibrator does not fit class probabilities, and vice versa.
            #expect(try mlctl.run(["calibrate", "apply", "--calibrator", cal, "--scores", fixtures.path("metrics/metrics_binary_basic/y_score.csv"), "--output", out]).status == 2)
        }
        let stored = try CalibratorFile.read(contentsOf: dir.file("isotonic.json"))
        #expect(stored.kind == "per-class" && stored.classCount == 3)
        // Temperature scaling of binary scores is refused.
        let t = try mlctl.run([
            "calibrate", "fit", "--method", "temperature", "--scores", fixtures.path("metrics/metrics_binary_basic/y_score.csv"),
            "--labels", fixtures.path("metrics/metrics_binary_basic/y_true.csv"), "--output", dir.file("t.json"),
        ])
        #expect(t.status == 2 && t.stderr.contains("temperature"))
    }

    @Test func storedCalibratorRoundTrips() throws {
        let calibrator = try IsotonicCalibration(allowSmallSample: true).fit(scores: [0.1, 0.4, 0.35, 0.8], labels: [0, 0, 1, 1])
        let dir = ScratchDirectory()
        try CalibratorFile.write(.binary(.isotonic(calibrator)), to: dir.file("c.json"))
        let back = try CalibratorFile.read(contentsOf: dir.file("c.json"))
        #expect(back == .binary(.isotonic(calibrator)))
        #expect(back.contentHash == calibrator.contentHash)
        let (names, values) = try CalibratorFile.apply(back, to: .binary([0.1, 0.8]))
        #expect(names == ["score", "calibrated"])
        #expect(values.elements == [0.1, calibrator.calibrated(0.1), 0.8, calibrator.calibrated(0.8)])
    }
}

/// A plain numeric CSV read without MLCore (the tests' independent reader).
struct NumericColumns {
    let header: [String]
    let columns: [[Double]]

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        guard !lines.isEmpty else { throw CocoaError(.fileReadCorruptFile) }
        header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var columns = [[Double]](repeating: [], count: header.count)
        for line in lines {
            for (c, field) in line.split(separator: ",", omittingEmptySubsequences: false).enumerated() where c < columns.count {
                columns[c].append(Double(field) ?? .nan)
            }
        }
        self.columns = columns
    }

    func column(_ name: String) throws -> [Double] {
        guard let i = header.firstIndex(of: name) else { throw CocoaError(.fileReadCorruptFile) }
        return columns[i]
    }
}
