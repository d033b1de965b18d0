import MLCore
import MLModels
import MLTesting
import Testing

/// The extra cases of `Tests/Fixtures/models-extra` (dart, parallel trees, categorical,
/// objectives, LightGBM rf / linear / zero-as-missing / wide bitsets), made by XGBoost 3.2.0
/// and LightGBM 4.7.0: every column must match within 1e-9.
@Suite struct ExtraParityTests {
    /// More objectives (same generator, xgboost 3.2.0 / lightgbm 4.7.0); not mutated.
    static let objectiveCases = [
        "lgbm_gamma", "lgbm_huber", "lgbm_l1", "lgbm_multiclass_wide", "lgbm_quantile", "lgbm_tweedie",
        "lgbm_xentlambda", "xgb_gamma", "xgb_hinge", "xgb_pseudohuber", "xgb_quantile", "xgb_sqlog", "xgb_tweedie",
    ]

    static let allCases = cases + objectiveCases

    static let cases: [String] = {
        let versions = ["xgb17", "xgb21"].flatMap { v in
            ["dart", "logistic", "logistic_ubj", "logitraw", "poisson", "regression", "softprob"].map { "\(v)_\($0)" }
        }
        return [
            "lgbm_cat_wide", "lgbm_linear", "lgbm_ova", "lgbm_poisson", "lgbm_rf", "lgbm_sigmoid2", "lgbm_sqrt",
            "lgbm_xentropy", "lgbm_zero_missing", "xgb_absoluteerror", "xgb_categorical", "xgb_dart", "xgb_logitraw",
            "xgb_parallel", "xgb_poisson", "xgb_reglogistic", "xgb_softmax", "xgb_ubj_multi",
        ] + versions
    }()

    /// The model file of case `name`.
    static func modelPath(_ name: String) -> String {
        let folder = FixtureLocator(testFile: #filePath).path("models-extra/" + name)
        if name.hasPrefix("lgbm") { return folder + "/model.txt" }
        return folder + (name.hasSuffix("ubj_multi") || name.hasSuffix("_ubj") ? "/model.ubj" : "/model.json")
    }

    @Test(arguments: allCases)
    func matchesReference(_ name: String) throws {
        let folder = FixtureLocator(testFile: #filePath).path("models-extra/" + name)
        let model = try TreeEnsembleModel(contentsOf: Self.modelPath(name))
        let x = try FixtureCSV(path: folder + "/X.csv").floatMatrix()
        let expected = try FixtureCSV(path: folder + "/expected.csv")
        let values = try model.predict(x)
        let margins = try model.predict(x, options: .init(output: .rawMargin))
        let averaged = model.modelDescription.details["average_output"] == "true"
        for (j, column) in expected.header.enumerated() {
            let want = expected.rows.map { $0[j] }
            var got: [Double]
            if column == "value" {
                got = values.column(0)
            } else if column.hasPrefix("p"), let k = Int(column.dropFirst()) {
                got = values.column(k)
            } else if column.hasPrefix("margin") {
                got = margins.column(Int(column.dropFirst(6)) ?? 0)
            } else if column.hasPrefix("raw_sum") {
                got = margins.column(Int(column.dropFirst(7)) ?? 0)
                if averaged { got = got.map { $0 * Double(model.iterationCount) } }
            } else {
                Issue.record("unknown column \(column)")
                continue
            }
            expectClose(got, want, .absolute(1e-9), "\(name) column \(column)")
        }
    }
}
