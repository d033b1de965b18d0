import MLCore
import MLModels
import MLTesting
import Testing

/// Results do not depend on the thread count, the block layout or the single-row path.
@Suite struct DeterminismTests {
    /// 2,000+ rows (several 256-row blocks, a ragged last block) from a fixture's X.csv.
    static func rows(_ fixture: ModelFixture) throws -> Matrix<Float> {
        let x = try FixtureCSV(path: fixture.folder + "/X.csv").floatMatrix()
        var elements: [Float] = []
        for copy in 0..<6 {
            // Perturb copies slightly so rows differ; keep NaNs.
            elements += x.elements.map { $0.isNaN ? $0 : $0 + Float(copy) * 0.03125 }
        }
        return try Matrix(rows: x.rows * 6, columns: x.columns, elements: elements)
    }

    @Test(arguments: ModelFixture.all)
    func threadCountsAreBitIdentical(_ fixture: ModelFixture) throws {
        let model = try TreeEnsembleModel(contentsOf: fixture.modelPath)
        let x = try Self.rows(fixture)
        for output in [PredictionOutput.value, .rawMargin, .leafIndex] {
            let one = try model.predict(x, options: .init(output: output, threads: 1))
            for threads in [2, 4, 7] {
                let many = try model.predict(x, options: .init(output: output, threads: threads))
                #expect(one.elements.map(\.bitPattern) == many.elements.map(\.bitPattern), "\(fixture) \(output) \(threads) threads")
            }
        }
    }

    @Test(arguments: ModelFixture.all)
    func singleRowScorerMatchesBatch(_ fixture: ModelFixture) throws {
        let model = try TreeEnsembleModel(contentsOf: fixture.modelPath)
        let x = try FixtureCSV(path: fixture.folder + "/X.csv").floatMatrix()
        for output in [PredictionOutput.value, .rawMargin, .leafIndex] {
            let options = PredictionOptions(output: output)
            let batch = try model.predict(x, options: options)
            let scorer = try model.makeSingleRowScorer(options: options)
            var single: [Double] = []
            for r in 0..<x.rows { single += try scorer.predict(Array(x.row(r))) }
            #expect(single.map(\.bitPattern) == batch.elements.map(\.bitPattern), "\(fixture) \(output)")
        }
    }

    @Test func concurrentTasksShareOneModel() async throws {
        let fixture = ModelFixture.all[0]
        let model = try TreeEnsembleModel(contentsOf: fixture.modelPath)
        let x = try FixtureCSV(path: fixture.folder + "/X.csv").floatMatrix()
        let reference = try model.predict(x)
        let scorer = try model.makeSingleRowScorer(options: .default)
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var ok = try model.predict(x) == reference
                    for r in 0..<x.rows where try scorer.predict(Array(x.row(r)))[0] != reference[r, 0] { ok = false }
                    return ok
                }
            }
            for try await ok in group { #expect(ok) }
        }
    }
}
