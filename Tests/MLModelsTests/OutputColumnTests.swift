import MLModels
import MLTesting
import Testing

/// The column names `mlctl predict` writes (from `outputColumnNames`) are the fixtures'
/// `expected.csv` columns: values without `--raw`, margins with it.
@Suite struct OutputColumnTests {
    @Test(arguments: ModelFixture.all)
    func columnsMatchTheFixtures(_ fixture: ModelFixture) throws {
        let model = try ModelLoader.load(contentsOf: fixture.modelPath)
        let header = try FixtureCSV(path: fixture.folder + "/expected.csv").header
        let values = try model.outputColumnNames()
        let margins = model.hasLinkFunction ? try model.outputColumnNames(for: .init(output: .rawMargin)) : []
        #expect(Set(values + margins) == Set(header), "\(fixture): \(values) + \(margins) vs \(header)")
        if !model.hasLinkFunction {
            #expect(throws: ScoringError.self) { try model.outputColumnNames(for: .init(output: .rawMargin)) }
        }
        #expect(try model.outputColumnNames(for: .init(output: .leafIndex)).count == model.modelDescription.treeCount)
    }
}
