import MLCore
import MLModels
import MLTesting
import Testing

/// Every model fixture (made by XGBoost 3.2.0 / LightGBM 4.7.0) through the library:
/// transformed outputs and raw margins against `expected.csv`, within meta.json's tolerances.
@Suite struct FixtureParityTests {
    @Test(arguments: ModelFixture.all)
    func matchesExpected(_ fixture: ModelFixture) throws {
        let model = try ModelLoader.load(contentsOf: fixture.modelPath)
        let x = try FixtureCSV(path: fixture.folder + "/X.csv")
        let expected = try FixtureCSV(path: fixture.folder + "/expected.csv")
        let features = try x.floatMatrix()
        #expect(model.schema.featureCount == features.columns)
        let values = try model.predict(features)
        let margins = try model.predict(features, options: .init(output: .rawMargin))
        var checked = 0
        for (j, name) in expected.header.enumerated() {
            let column = expected.rows.map { $0[j] }
            let tolerance = try fixture.tolerance(for: name)
            let actual: [Double]
            switch name {
            case "prob", "value": actual = values.column(0)
            case "margin": actual = margins.column(0)
            default:
                if name.hasPrefix("margin"), let k = Int(name.dropFirst(6)) {
                    actual = margins.column(k)
                } else if name.hasPrefix("p"), let k = Int(name.dropFirst(1)) {
                    actual = values.column(k)
                } else {
                    Issue.record("unknown column \(name) in \(fixture)")
                    continue
                }
            }
            expectClose(actual, column, .absolute(tolerance), "\(fixture.name) column \(name)")
            let maxDiff = zip(actual, column).map { abs($0 - $1) }.max() ?? 0
            print("parity \(fixture.name) \(name): max |Δ| = \(maxDiff) (tolerance \(tolerance))")
            checked += 1
        }
        #expect(checked == expected.header.count)
    }
}
