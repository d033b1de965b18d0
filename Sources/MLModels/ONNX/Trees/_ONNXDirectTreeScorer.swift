/// The single-row path of an ONNX graph that is exactly one tree ensemble on the flat engine
/// (what onnxmltools writes for XGBoost and LightGBM models): the row goes straight to the
/// engine's one-row traversal and the ensemble's own finalizer — no tensors, no graph run, no
/// heap allocation — so an export scores a row as fast as its source model, with the values
/// the graph run gives (the same engine sums and the same finalizer).
///
/// Everything a call needs is resolved once here, so a call retains nothing and reads no
/// array metadata; the scratch lives on the stack.
final class _ONNXDirectTreeScorer: Sendable {
    private let forest: _Forest
    private let ensemble: _ONNXTreeEnsemble
    private let treeCount: Int
    /// Classes (or regression targets) of the ensemble.
    private let classCount: Int
    /// Engine output groups (≤ `classCount`).
    private let groupCount: Int
    /// Values of the node's score output per row.
    private let scoreWidth: Int
    /// Per class: starts with a score (``_ONNXEnsembleForest/alwaysScored``).
    private let alwaysScored: [Bool]
    /// The class of each engine group.
    private let groupClass: [Int]
    let featureCount: Int
    /// For two classes fed by one engine group: that group's class (the common binary export).
    private let singleGroupClass: Int?
    private let hasFirst: Bool
    private let hasSecond: Bool

    /// Scratch per call, a fixed stack block of 8-byte words. Its layout, in bytes: group sums
    /// (`Double` × groups) from 0, class scores (`Float` × classes) from ``floatsOffset``,
    /// finalized scores (`Float` × score width) from ``finalOffset``, flags (`Bool` × classes)
    /// from ``hasOffset``. Ensembles whose layout does not fit are not taken on this path.
    private static let scratchWords = 64
    private let floatsOffset: Int
    private let finalOffset: Int
    private let hasOffset: Int

    /// The direct path for `kernel` on inputs of `featureCount` columns, or `nil` when the kernel
    /// has no flat forest of that width or its scratch would not fit the fixed stack block.
    init?(_ kernel: _TreeEnsembleKernel, featureCount: Int) {
        guard let prepared = kernel.forest, prepared.featureCount == featureCount else { return nil }
        let e = kernel.ensemble
        let g = e.targetCount
        let fg = prepared.groups
        let width = e.outputWidth
        guard g >= 1, fg >= 1, fg <= g, width >= 1, prepared.alwaysScored.count == g,
            prepared.groupClass.allSatisfy({ $0 >= 0 && $0 < g }),
            g <= Self.scratchWords * 8, width <= Self.scratchWords * 8
        else { return nil }
        floatsOffset = 8 * fg
        finalOffset = floatsOffset + 4 * g
        hasOffset = finalOffset + 4 * width
        guard hasOffset + g <= 8 * Self.scratchWords else { return nil }
        forest = prepared.forest
        ensemble = e
        treeCount = prepared.forest.trees.count
        classCount = g
        groupCount = fg
        scoreWidth = width
        alwaysScored = prepared.alwaysScored
        groupClass = prepared.groupClass
        self.featureCount = featureCount
        let pair = g == 2 && fg == 1
        singleGroupClass = pair ? prepared.groupClass.first : nil
        hasFirst = pair && prepared.alwaysScored[0]
        hasSecond = pair && prepared.alwaysScored[1]
    }

    /// Scores the row at `x` (`featureCount` floats, NaN = missing) and writes the model's
    /// values to `out`: P(class 1) alone when `binary`, else the first `width` scores.
    func score(_ x: UnsafePointer<Float>, binary: Bool, width: Int, into out: UnsafeMutablePointer<Double>) {
        let (g, fg) = (classCount, groupCount)
        withUnsafeTemporaryAllocation(of: Double.self, capacity: Self.scratchWords) { scratch in
            guard let sums = scratch.baseAddress else { return }
            let raw = UnsafeMutableRawPointer(sums)
            let floats = (raw + floatsOffset).bindMemory(to: Float.self, capacity: g)
            let final = (raw + finalOffset).bindMemory(to: Float.self, capacity: scoreWidth)
            let has = (raw + hasOffset).bindMemory(to: Bool.self, capacity: g)
            forest.scoreOne(x, sums, trees: 0..<treeCount, iterations: 1, output: .rawMargin)
            if let single = singleGroupClass {
                // One engine group into one of two classes (binary XGBoost/LightGBM exports).
                floats[0] = 0
                floats[1] = 0
                has[0] = hasFirst
                has[1] = hasSecond
                floats[single] = Float(sums[0])
            } else {
                alwaysScored.withUnsafeBufferPointer { always in
                    for k in 0..<g {
                        floats[k] = 0
                        has[k] = always[k]
                    }
                }
                groupClass.withUnsafeBufferPointer { classes in
                    for j in 0..<fg { floats[classes[j]] = Float(sums[j]) }
                }
            }
            if ensemble.isClassifier {
                _ = ensemble.finalizeClassifier(floats, has, final, secondOnly: binary)
            } else {
                ensemble.finalizeRegressor(floats, has, final)
            }
            if binary {
                out[0] = Double(final[1])
            } else {
                for k in 0..<Swift.min(width, scoreWidth) { out[k] = Double(final[k]) }
            }
        }
    }
}
