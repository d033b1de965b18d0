import FoundationEssentials
import MLCore
import MLModels
import MLTesting
import Testing

/// Seeded mutations of every model file (truncations, byte flips, changed numbers and
/// indices, deleted keys and lines). Each mutant must either load and then score without
/// trapping, or throw ``ModelLoadingError`` — never crash, hang or throw anything else.
@Suite struct MutationTests {
    struct Case: ModelFileCase {
        let modelPath: String
        let mutations: Int
    }

    static let cases: [Case] = {
        var cases = ModelFixture.all.map { Case(modelPath: $0.modelPath, mutations: 500) }
        for name in ExtraParityTests.cases {
            cases.append(Case(modelPath: ExtraParityTests.modelPath(name), mutations: 200))
        }
        return cases
    }()

    static var totalMutations: Int { cases.reduce(0) { $0 + $1.mutations } }

    @Test func atLeastTenThousandMutations() {
        #expect(Self.totalMutations >= 10_000)
    }

    @Test(arguments: cases)
    func mutantsLoadOrThrowTypedErrors(_ testCase: Case) throws {
        let path = testCase.modelPath
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let isText = original.first != UInt8(ascii: "{") || path.hasSuffix(".json") || path.hasSuffix(".txt")
        let isUBJ = path.hasSuffix(".ubj")
        var rng = SplitMix64(seed: UInt64(truncatingIfNeeded: path.utf8.reduce(5381) { ($0 &* 33) &+ Int($1) }))
        let (loaded, refused) = Self.tryMutants(
            of: original, count: testCase.mutations, text: isText && !isUBJ, using: &rng, label: "\(testCase)"
        ) { mutant in
            try Self.exercise(try TreeEnsembleModel(bytes: mutant))
        }
        #expect(loaded + refused == testCase.mutations)
        print("mutations \(testCase): \(loaded) loaded and scored, \(refused) refused with ModelLoadingError")
    }

    /// Converted (native JSON) versions of the fixtures: the tree models and two ONNX graphs.
    static let nativeCases: [Case] = {
        var cases = ModelFixture.all.map { Case(modelPath: $0.modelPath, mutations: 150) }
        for name in ["lgbm_linear", "lgbm_rf", "lgbm_zero_missing", "xgb_categorical", "xgb_dart", "xgb_parallel"] {
            cases.append(Case(modelPath: ExtraParityTests.modelPath(name), mutations: 60))
        }
        for name in ["onnx_logreg_binary", "onnx_mlp_classifier"] {
            cases.append(Case(modelPath: ONNXFixture(name: name).modelPath, mutations: 60))
        }
        return cases
    }()

    @Test func atLeastOneThousandNativeMutations() {
        #expect(Self.nativeCases.reduce(0) { $0 + $1.mutations } >= 1_000)
    }

    /// Mutants of the native JSON of each case: they load (and score) or throw ``ModelLoadingError``.
    @Test(arguments: nativeCases)
    func nativeMutantsLoadOrThrowTypedErrors(_ testCase: Case) throws {
        let path = testCase.modelPath
        let original = try ModelConverter.convert(contentsOf: path).json
        var rng = SplitMix64(seed: UInt64(truncatingIfNeeded: path.utf8.reduce(7919) { ($0 &* 31) &+ Int($1) }))
        let (loaded, refused) = Self.tryMutants(
            of: original, count: testCase.mutations, text: true, using: &rng, label: "\(testCase) (native)"
        ) { mutant in
            let model = try ModelLoader.load(bytes: mutant)
            if let trees = model as? TreeEnsembleModel {
                try Self.exercise(trees)
            } else {
                try Self.exerciseValues(model)
            }
        }
        #expect(loaded + refused == testCase.mutations)
        print("native mutations \(testCase): \(loaded) loaded and scored, \(refused) refused with ModelLoadingError")
    }

    /// Mutants of quantized native files (tree bin edges, INT8 QDQ graph) load or throw typed errors.
    @Test func quantizedMutantsLoadOrThrowTypedErrors() throws {
        let trees = ModelFixture.all[0]
        let mlp = ONNXFixture(name: "onnx_mlp_classifier")
        let files = [
            try ModelQuantizer.quantizeTrees(
                contentsOf: trees.modelPath, data: try FixtureCSV(path: trees.folder + "/X.csv").floatMatrix()).json,
            try ModelQuantizer.quantizeWeights(
                contentsOf: mlp.modelPath, data: try FixtureCSV(path: mlp.folder + "/X.csv").floatMatrix(), toleranceAbs: 1,
                decisionFlipsAllowed: 400).json,
        ]
        var rng = SplitMix64(seed: 0x51A7_E5)
        var refused = 0
        for (k, original) in files.enumerated() {
            refused += Self.tryMutants(
                of: original, count: k == 0 ? 200 : 100, text: true, using: &rng, label: "quantized mutant"
            ) { mutant in
                try Self.exerciseValues(try ModelLoader.load(bytes: mutant))
            }.refused
        }
        #expect(refused > 0)
    }

    /// Hands `count` mutants of `original` (drawn from `rng`) to `loadAndScore` and counts those it
    /// loaded and scored and those it refused with ``ModelLoadingError``; any other error is an issue.
    static func tryMutants(
        of original: [UInt8], count: Int, text: Bool, using rng: inout SplitMix64, label: String,
        _ loadAndScore: ([UInt8]) throws -> Void
    ) -> (loaded: Int, refused: Int) {
        var loaded = 0
        var refused = 0
        for _ in 0..<count {
            let mutant = mutate(original, text: text, using: &rng)
            do {
                try loadAndScore(mutant)
                loaded += 1
            } catch is ModelLoadingError {
                refused += 1
            } catch {
                Issue.record("\(label): unexpected error type \(type(of: error)): \(error)")
            }
        }
        return (loaded, refused)
    }

    /// Scores a few probe rows through the batch and single-row paths.
    static func exerciseValues(_ model: any PredictiveModel) throws {
        let f = model.schema.featureCount
        guard f <= 4096 else { return }
        let pool: [Float] = [.nan, 0, -1, 0.5, 3, 1e30, -.infinity, 7]
        let values = (0..<(3 * f)).map { pool[$0 % pool.count] }
        let x = try Matrix<Float>(rows: 3, columns: f, elements: values)
        let batch = try model.predict(x)
        let single = try model.makeSingleRowScorer(options: .default).predict(Array(values[0..<f]))
        #expect(batch.columns == single.count)
    }

    /// Scores probe rows (NaN, ±∞, ±0, tiny, huge, negative and fractional codes) every way.
    static func exercise(_ model: TreeEnsembleModel) throws {
        let f = model.schema.featureCount
        guard f <= 4096 else { return }
        let pool: [Float] = [.nan, 0, -0.0, 1, -1, 0.5, 3, 40, 1e-36, -1e30, 1e30, .infinity, -.infinity, 2.5, 100, -0.5, 7]
        var values: [Float] = []
        for r in 0..<9 { for j in 0..<f { values.append(pool[(r * 7 + j * 3) % pool.count]) } }
        let x = try Matrix<Float>(rows: 9, columns: f, elements: values)
        for output in [PredictionOutput.value, .rawMargin, .leafIndex] {
            let options = PredictionOptions(output: output)
            let batch = try model.predict(x, options: options)
            let scorer = try model.makeSingleRowScorer(options: options)
            let single = try scorer.predict(Array(values[0..<f]))
            #expect(batch.columns == single.count)
        }
    }

    static func mutate(_ bytes: [UInt8], text: Bool, using rng: inout SplitMix64) -> [UInt8] {
        var b = bytes
        guard !b.isEmpty else { return b }
        let kind = Int.random(in: 0..<(text ? 6 : 4), using: &rng)
        switch kind {
        case 0:  // truncation
            b.removeLast(Int.random(in: 1...b.count, using: &rng))
        case 1:  // a few random byte flips
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let i = Int.random(in: 0..<b.count, using: &rng)
                b[i] ^= UInt8.random(in: 1...255, using: &rng)
            }
        case 2:  // one byte set to a structural or extreme value
            let i = Int.random(in: 0..<b.count, using: &rng)
            let specials: [UInt8] = [0x00, 0xFF, 0x7F, 0x80, UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "L"),
                                     UInt8(ascii: "-"), UInt8(ascii: "9"), UInt8(ascii: "\n"), UInt8(ascii: "=")]
            b[i] = specials.randomElement(using: &rng) ?? 0
        case 3:  // duplicate or drop a chunk
            let i = Int.random(in: 0..<b.count, using: &rng)
            let n = min(Int.random(in: 1...64, using: &rng), b.count - i)
            if Bool.random(using: &rng) { b.insert(contentsOf: b[i..<(i + n)], at: i) } else { b.removeSubrange(i..<(i + n)) }
        case 4:  // change a number (values, indices, counts)
            let digits = b.indices.filter { b[$0] >= 0x30 && b[$0] <= 0x39 && ($0 == 0 || !(b[$0 - 1] >= 0x30 && b[$0 - 1] <= 0x39)) }
            guard let start = digits.randomElement(using: &rng) else { break }
            var end = start
            while end < b.count, (b[end] >= 0x30 && b[end] <= 0x39) || b[end] == UInt8(ascii: ".") { end += 1 }
            let replacements = ["-1", "0", "1", "2", "7", "255", "99999999999", "2147483648", "-2147483649", "1e308",
                                "-0", "nan", "inf", "3.4e39", "65535", "16777216", "\(Int.random(in: 0...300, using: &rng))"]
            let s = replacements.randomElement(using: &rng) ?? "0"
            b.replaceSubrange(start..<end, with: Array(s.utf8))
        default:  // delete a key (JSON) or a line (LightGBM text)
            if b.first == UInt8(ascii: "{") {
                let keys = b.indices.filter { i in
                    b[i] == UInt8(ascii: "\"") && i + 1 < b.count && b[i + 1] >= UInt8(ascii: "a") && b[i + 1] <= UInt8(ascii: "z")
                        && i > 0 && (b[i - 1] == UInt8(ascii: "{") || b[i - 1] == UInt8(ascii: ","))
                }
                guard let start = keys.randomElement(using: &rng) else { break }
                var end = start + 1
                var depth = 0
                while end < b.count {
                    let c = b[end]
                    if c == UInt8(ascii: "[") || c == UInt8(ascii: "{") { depth += 1 }
                    if c == UInt8(ascii: "]") || c == UInt8(ascii: "}") {
                        if depth == 0 { break }
                        depth -= 1
                    }
                    if c == UInt8(ascii: ",") && depth == 0 {
                        end += 1
                        break
                    }
                    end += 1
                }
                b.removeSubrange(start..<end)
            } else {
                let lines = b.indices.filter { $0 == 0 || b[$0 - 1] == UInt8(ascii: "\n") }
                guard let start = lines.randomElement(using: &rng) else { break }
                var end = start
                while end < b.count, b[end] != UInt8(ascii: "\n") { end += 1 }
                b.removeSubrange(start..<min(end + 1, b.count))
            }
        }
        return b
    }
}
