import MLTesting
import Testing

/// Examples/ScoreModel runs end to end, on its inline model and on a fixture model file.
@Suite struct ScoreModelExampleTests {
    @Test func scoresTheInlineModel() throws {
        let r = try BuiltCommand("ScoreModel").run([])
        #expect(r.status == 0, "\(r.stderr)")
        for line in ["binary:logistic: 2 features", "output: [\"prob\"]", "row 0: prediction", "row 2: prediction",
                     "single row:", "2 threads identical: true"] {
            #expect(r.stdout.contains(line), "missing '\(line)' in:\n\(r.stdout)")
        }
        // Deterministic: the same output every run.
        #expect(try BuiltCommand("ScoreModel").run([]).stdout == r.stdout)
    }

    @Test func scoresAModelFile() throws {
        let model = FixtureLocator().path("models/xgb_binary_logistic/model.json")
        let r = try BuiltCommand("ScoreModel").run([model])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("2 threads identical: true"), "\(r.stdout)")
    }
}
