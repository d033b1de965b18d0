import FoundationEssentials
import MLCore
import MLModels
import MLTesting
@testable import MLTraining
import Testing

/// One case of `Fixtures/training/logreg/cases.json`: scikit-learn 1.9's optimum (refined to
/// ~1e-12) for a data file and settings.
struct LogisticRegressionCase: Decodable, CustomTestStringConvertible {
    let name: String
    let data: String
    let standardize: Bool
    let C: Double
    let penalty: String
    let class_weight_resolved: [Double]
    let coef: [[Double]]
    let intercept: [Double]
    let scaler_mean: [Double]?
    let scaler_scale: [Double]?
    let proba_first_10: [[Double]]
    let objective_value: Double
    var testDescription: String { name }

    static func all() throws -> [LogisticRegressionCase] {
        struct File: Decodable { let cases: [LogisticRegressionCase] }
        let path = FixtureLocator(testFile: #filePath).path("training/logreg/cases.json")
        return try JSONDecoder().decode(File.self, from: Data(try _FileSystem.readBytes(atPath: path, maximumSize: 1 << 20))).cases
    }
}

@Suite("Logistic regression")
struct LogisticRegressionTests {
    static let cases = (try? LogisticRegressionCase.all()) ?? []

    @Test("the fixture has its six cases")
    func fixtureLoads() {
        #expect(Self.cases.count == 6)
    }

    @Test("coefficients, intercepts, objective and probabilities equal scikit-learn's", arguments: cases)
    func matchesScikitLearn(_ c: LogisticRegressionCase) throws {
        let path = FixtureLocator(testFile: #filePath).path("training/logreg/" + c.data)
        let table = try TrainingTable(contentsOf: path, label: "label")
        var p = LogisticRegressionParameters()
        p.multiclass = c.coef.count > 1
        p.standardize = c.standardize
        if c.penalty == "l1" {
            p.l2 = 0
            p.l1 = 1 / c.C
        } else {
            p.l2 = 1 / c.C
        }
        p.classWeights = c.class_weight_resolved
        p.tolerance = 1e-12
        let model = try LogisticRegressionTrainer.train(x: table.x, y: table.y, parameters: p, featureNames: table.features)
        #expect(model.converged)
        // The CSV values are read as float32 (sklearn fit float64): agreement to ~1e-6 relative.
        let f = table.features.count
        for (r, row) in c.coef.enumerated() {
            for j in 0..<f {
                let got = model.coefficients[r * f + j]
                #expect(abs(got - row[j]) <= 2e-5 * Swift.max(1, abs(row[j])), "coef[\(r)][\(j)] \(got) vs \(row[j])")
            }
            #expect(abs(model.intercepts[r] - c.intercept[r]) <= 2e-5 * Swift.max(1, abs(c.intercept[r])), "intercept[\(r)]")
        }
        if c.penalty == "l1" {
            // Exact zeros where scikit-learn has them.
            for j in 0..<f where c.coef[0][j] == 0 { #expect(model.coefficients[j] == 0, "coef[\(j)] should be exactly 0") }
        }
        if let mean = c.scaler_mean, let scale = c.scaler_scale {
            for j in 0..<f {
                #expect(abs(model.means[j] - mean[j]) <= 1e-6 * Swift.max(1, abs(mean[j])))
                #expect(abs(model.scales[j] - scale[j]) <= 1e-6 * scale[j])
            }
        }
        #expect(abs(model.objectiveValue - c.objective_value) <= 1e-5 * c.objective_value, "objective \(model.objectiveValue)")
        let first = try Matrix(rows: 10, columns: f, elements: Array(table.x.elements.prefix(10 * f)))
        let proba = model.predict(first)
        for i in 0..<10 {
            if c.coef.count == 1 {
                #expect(abs(proba[i] - c.proba_first_10[i][1]) <= 1e-5)
            } else {
                for k in 0..<c.coef.count { #expect(abs(proba[i * c.coef.count + k] - c.proba_first_10[i][k]) <= 1e-5) }
            }
        }
    }

    @Test("a hand-checked case: two symmetric points give the closed-form optimum")
    func handChecked() throws {
        // x = ±1, y = (1, 0), no standardization, λ₂ = 1. By symmetry b = 0 and the optimum
        // satisfies 2·σ(−w) = w (each point contributes −(1 − σ(w))·1 to the gradient).
        let x = try Matrix<Float>(rows: 2, columns: 1, elements: [1, -1])
        var p = LogisticRegressionParameters()
        p.standardize = false
        p.tolerance = 1e-14
        let model = try LogisticRegressionTrainer.train(x: x, y: [1, 0], parameters: p)
        let w = model.coefficients[0]
        #expect(abs(w - 2 / (1 + _Math.exp(w))) < 1e-12)
        #expect(abs(w - 0.6748316143423994) < 1e-9)  // root of w = 2σ(−w) (SciPy brentq)
        #expect(abs(model.intercepts[0]) < 1e-12)
    }

    @Test("Newton and L-BFGS reach the same optimum; any thread count gives identical bits")
    func solversAgreeAndThreadsDoNotMatter() throws {
        let (x0, y) = try syntheticBinary(rows: 5_000, seed: 5, missing: 0)
        let x = x0
        var p = LogisticRegressionParameters()
        p.tolerance = 1e-10
        p.solver = .newton
        let newton = try LogisticRegressionTrainer.train(x: x, y: y, parameters: p)
        p.solver = .lbfgs
        p.maxIterations = 2000
        let lbfgs = try LogisticRegressionTrainer.train(x: x, y: y, parameters: p)
        print("LBFGS", lbfgs.iterations, lbfgs.converged, "NEWTON", newton.iterations, newton.converged)
        #expect(newton.converged && lbfgs.converged)
        for j in 0..<newton.coefficients.count { #expect(abs(newton.coefficients[j] - lbfgs.coefficients[j]) < 1e-6) }
        p.solver = .newton
        p.threads = 2
        let two = try LogisticRegressionTrainer.train(x: x, y: y, parameters: p)
        #expect(two == newton)
        p.solver = .lbfgs
        let twoL = try LogisticRegressionTrainer.train(x: x, y: y, parameters: p)
        #expect(twoL == lbfgs)
    }

    @Test("the ONNX export scores like the model, and loads as a native file")
    func onnxExport() throws {
        let path = FixtureLocator(testFile: #filePath).path("training/logreg/multiclass.csv")
        let table = try TrainingTable(contentsOf: path, label: "label")
        var p = LogisticRegressionParameters()
        p.multiclass = true
        let model = try LogisticRegressionTrainer.train(x: table.x, y: table.y, parameters: p, featureNames: table.features)
        let onnx = try ModelLoader.load(bytes: try model.onnx())
        #expect(onnx.outputKind == .multiclassProbabilities(classCount: 3))
        let scored = try onnx.predict(table.x)
        let expected = model.predict(table.x)
        for i in 0..<table.x.rows * 3 { #expect(abs(scored.elements[i] - expected[i]) < 1e-5) }

        let binary = try TrainingTable(contentsOf: FixtureLocator(testFile: #filePath).path("training/logreg/binary.csv"), label: "label")
        let b = try LogisticRegressionTrainer.train(x: binary.x, y: binary.y, parameters: LogisticRegressionParameters(), featureNames: binary.features)
        let loaded = try ModelLoader.load(bytes: try ModelConverter.convert(bytes: try b.onnx()).json)
        #expect(loaded.outputKind == .binaryProbability)
        let s = try loaded.predict(binary.x)
        let e = b.predict(binary.x)
        for i in 0..<binary.x.rows { #expect(abs(s.elements[i] - e[i]) < 1e-5) }
    }

    @Test("bad inputs are typed errors naming the key or the column")
    func badInputs() throws {
        let x = try Matrix<Float>(rows: 3, columns: 2, elements: [1, 2, .nan, 4, 5, 6])
        #expect(throws: TrainingError.self) { try LogisticRegressionTrainer.train(x: x, y: [0, 1, 0], parameters: .init(), featureNames: ["a", "b"]) }
        do {
            _ = try LogisticRegressionTrainer.train(x: x, y: [0, 1, 0], parameters: .init(), featureNames: ["a", "b"])
        } catch let e as TrainingError {
            #expect(e.field == "a")
        }
        let ok = try Matrix<Float>(rows: 3, columns: 1, elements: [1, 2, 3])
        var p = LogisticRegressionParameters()
        p.l1 = 1
        p.multiclass = true
        #expect(throws: TrainingError.self) { try LogisticRegressionTrainer.train(x: ok, y: [0, 1, 2], parameters: p) }
        #expect(throws: TrainingError.self) { try LogisticRegressionTrainer.train(x: ok, y: [1, 1, 1], parameters: .init()) }
        p = LogisticRegressionParameters()
        p.l2 = -1
        #expect(throws: TrainingError.self) { try LogisticRegressionTrainer.train(x: ok, y: [0, 1, 0], parameters: p) }
    }

    @Test("beyond 262,144 rows Newton's Hessian is subsampled; the optimum is still L-BFGS's, at any thread count")
    func subsampledHessian() throws {
        var random = SeededRandom(seed: 21)
        let rows = 270_000, f = 3
        var x = [Float](repeating: 0, count: rows * f)
        var y = [Double](repeating: 0, count: rows)
        for r in 0..<rows {
            var z = -0.3
            for j in 0..<f {
                let v = random.nextNormal()
                x[r * f + j] = Float(v)
                z += Double(j + 1) * 0.4 * v
            }
            y[r] = random.nextDouble() < 1 / (1 + _Math.exp(-z)) ? 1 : 0
        }
        let m = try Matrix(rows: rows, columns: f, elements: x)
        let objective = _LogisticObjective(
            x: m, labels: y.map { Int32($0) }, weights: [], parameterRows: 1, mean: [0, 0, 0], scale: [1, 1, 1], l2: 1, threads: 1)
        #expect(objective.hessianStride == 2)
        #expect(objective.hessianScale > 1.9 && objective.hessianScale < 2.1)
        var p = LogisticRegressionParameters()
        p.tolerance = 1e-10
        p.solver = .newton
        let newton = try LogisticRegressionTrainer.train(x: m, y: y, parameters: p)
        p.solver = .lbfgs
        p.maxIterations = 1000
        let lbfgs = try LogisticRegressionTrainer.train(x: m, y: y, parameters: p)
        #expect(newton.converged && lbfgs.converged)
        for j in 0..<f { #expect(abs(newton.coefficients[j] - lbfgs.coefficients[j]) < 1e-6) }
        #expect(abs(newton.intercepts[0] - lbfgs.intercepts[0]) < 1e-6)
        p.solver = .newton
        p.threads = 2
        #expect(try LogisticRegressionTrainer.train(x: m, y: y, parameters: p) == newton)
    }
}
