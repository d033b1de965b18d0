import MLCore
import MLModels
import MLTesting
import Testing

/// The README's first snippet, run on a golden case so it stays true.
@Suite struct ReadmeSnippetTests {
    @Test func firstSnippetScoresLikeXGBoost() throws {
        let fixtures = FixtureLocator(testFile: #filePath)
        let modelPath = fixtures.path("models/xgb_binary_logistic/model.json")
        let inputPath = fixtures.path("models/xgb_binary_logistic/X.csv")

        // --- as in README.md ---
        let model = try ModelLoader.load(contentsOf: modelPath)
        let features = try CSVReader(numericType: .float).read(contentsOf: inputPath).matrix(Float.self)
        let probabilities = try model.predict(features)
        let a = try Matrix<Double>([[4, 1], [1, 3]])
        let x = try a.solve(Matrix([[1], [2]]))
        // --- end ---

        let expected = try CSVReader().read(contentsOf: fixtures.path("models/xgb_binary_logistic/expected.csv"))
        let prob = try #require(expected["prob"]?.doubleValues)
        #expect(probabilities.rows == prob.count && probabilities.columns == 1)
        expectClose(probabilities.column(0), prob, .absolute(1e-5))
        expectClose(x.elements, [1.0 / 11.0, 7.0 / 11.0], .absolute(1e-15))
    }
}
