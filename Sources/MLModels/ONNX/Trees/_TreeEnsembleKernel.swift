/// TreeEnsembleClassifier (outputs: label `[N]`, scores `[N, max(K, 2)]`) and
/// TreeEnsembleRegressor (output: `[N, targets]`), for float, double, int64 and int32 inputs
/// of shape `[N, C]` or `[C]`.
struct _TreeEnsembleKernel: _ONNXKernel {
    let ensemble: _ONNXTreeEnsemble
    /// The flat-engine form for float inputs of a known width (set after the load-time probe).
    let forest: _ONNXEnsembleForest?

    init(_ node: _ONNXNodeInfo, classifier: Bool) throws {
        ensemble = try _ONNXTreeEnsemble(node, classifier: classifier)
        forest = nil
    }

    private init(ensemble: _ONNXTreeEnsemble, forest: _ONNXEnsembleForest?) {
        self.ensemble = ensemble
        self.forest = forest
    }

    /// This kernel with the flat engine prepared for inputs of `featureCount` columns
    /// (itself when the conversion is not exact).
    func preparingForest(featureCount: Int) -> _TreeEnsembleKernel {
        _TreeEnsembleKernel(ensemble: ensemble, forest: _ONNXEnsembleForest.make(ensemble, featureCount: featureCount))
    }

    var usesForest: Bool { forest != nil }

    var classLabels: _ClassLabels? { ensemble.labels }

    var treeStatistics: _ONNXTreeStatistics? {
        _ONNXTreeStatistics(
            treeCount: ensemble.treeCount, nodeCount: ensemble.nodeCount, leafCount: ensemble.leafCount,
            maxDepth: ensemble.maxDepth, flatEnsembles: usesForest ? 1 : 0)
    }

    /// The flat engine for a float or integer `[N, F]` input (itself when not exact).
    func specialized(forInput input: _ONNXTensor) -> (any _ONNXKernel)? {
        guard input.rank == 2, input.type == .float || input.type.isInteger else { return nil }
        return preparingForest(featureCount: input.shape[1])
    }

    /// The direct path when this flat-engine ensemble reads the graph's float input and writes
    /// its score output (and the label output, if any: a classifier's first output).
    func directScorer(_ step: _ONNXStep, featureCount: Int, labelSlot: Int?, scoreSlot: Int, width: Int) -> _ONNXDirectTreeScorer? {
        guard forest?.featureCount == featureCount, ensemble.outputWidth == width else { return nil }
        let scoreIndex = ensemble.isClassifier ? 1 : 0
        guard step.outputs.count > scoreIndex, step.outputs[scoreIndex] == scoreSlot else { return nil }
        if let labelSlot, !(ensemble.isClassifier && step.outputs.first == labelSlot) { return nil }
        return _ONNXDirectTreeScorer(self, featureCount: featureCount)
    }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let x = try context.required(step, 0)
        try x.require(.arithmetic)
        let (n, c) = try _onnxRowsAndFeatures(x)
        let e = ensemble
        guard e.maxFeature < c else {
            throw _ONNXError("a node reads feature \(e.maxFeature) but the input has \(c) columns")
        }
        let width = e.outputWidth
        var scores = context.takeOutput(step, e.isClassifier ? 1 : 0)
        var labels = e.isClassifier ? context.takeOutput(step, 0) : _ONNXTensor()
        try scores.reset(.float, shape: _ONNXShape(n, width))
        if let l = e.labels { try labels.reset(l.type, shape: _ONNXShape(n)) }
        let g = e.targetCount
        let threads = context.threads
        try withUnsafeTemporaryAllocation(of: Int.self, capacity: Swift.max(n, 1)) { labelIndex in
        try withUnsafeTemporaryAllocation(of: Double.self, capacity: Swift.max(g, 1)) { dScores in
            try withUnsafeTemporaryAllocation(of: Float.self, capacity: Swift.max(g, 1)) { fScores in
                try withUnsafeTemporaryAllocation(of: Bool.self, capacity: Swift.max(g, 1)) { hasBuffer in
                    guard let ds = dScores.baseAddress, let fs = fScores.baseAddress, let has = hasBuffer.baseAddress else { return }
                    try scores.f32.withUnsafeMutableBufferPointer { outBuffer in
                        guard let out = outBuffer.baseAddress else { return }
                        /// Finalizes row `r` from its class sums: scores, and the label for classifiers.
                        @inline(__always)
                        func finish<T: _TreeScalar>(_ r: Int, _ sums: UnsafeMutablePointer<T>) {
                            if e.isClassifier {
                                labelIndex[r] = e.finalizeClassifier(sums, has, out + r * width)
                            } else {
                                e.finalizeRegressor(sums, has, out + r * width)
                            }
                        }
                        if x.type == .double {
                            x.f64.withUnsafeBufferPointer { xb in
                                guard let xp = xb.baseAddress else { return }
                                for r in 0..<n {
                                    e.aggregate(xp + r * c, ds, has)
                                    finish(r, ds)
                                }
                            }
                            return
                        }
                        try _onnxWithFloatRows(x) { xb in
                            guard let xp = xb.baseAddress else { return }
                            if let forest, forest.featureCount == c {
                                // Flat engine: raw float32 sums per class, then onnxruntime's finalizers.
                                let fg = forest.groups
                                var sums = [Double](repeating: 0, count: n == 1 ? 0 : n * fg)
                                if n == 1 {
                                    forest.sums(xp, rows: 1, into: ds, threads: 1)
                                } else {
                                    sums.withUnsafeMutableBufferPointer { sb in
                                        if let sp = sb.baseAddress { forest.sums(xp, rows: n, into: sp, threads: threads) }
                                    }
                                }
                                for r in 0..<n {
                                    for k in 0..<g {
                                        fs[k] = 0
                                        has[k] = forest.alwaysScored[k]
                                    }
                                    for j in 0..<fg {
                                        fs[forest.groupClass[j]] = Float(n == 1 ? ds[j] : sums[r * fg + j])
                                    }
                                    finish(r, fs)
                                }
                                return
                            }
                            for r in 0..<n {
                                e.aggregate(xp + r * c, fs, has)
                                finish(r, fs)
                            }
                        }
                    }
                }
            }
        }
        if let l = e.labels { _onnxWriteLabels(l, labelIndex, n, into: &labels) }
        }
        if e.isClassifier {
            context.setOutput(step, 0, labels)
            context.setOutput(step, 1, scores)
        } else {
            context.setOutput(step, 0, scores)
        }
    }
}
