import MLCore

// ai.onnx.ml SVMClassifier and SVMRegressor with onnxruntime's semantics (svmclassifier.cc,
// svmregressor.cc, svmclassifier.h's batched_kernel_dot, ml_common.h): kernels in float32,
// the one-vs-one decision sums in double, Platt probabilities and their pairwise coupling
// in float32, labels by votes.

/// The kernel of an SVM op and its parameters (`kernel_params` = [gamma, coef0, degree]).
struct _SVMKernelFunction: Sendable {
    enum Kind: String, Sendable { case linear = "LINEAR", poly = "POLY", rbf = "RBF", sigmoid = "SIGMOID" }
    let kind: Kind
    let gamma: Float
    let coef0: Float
    let degree: Float

    init(_ node: _ONNXNodeInfo) throws {
        kind = Kind(rawValue: try node.choice("kernel_type", default: "LINEAR", ["LINEAR", "POLY", "RBF", "SIGMOID"])) ?? .linear
        let p = try node.floats("kernel_params") ?? []
        guard p.isEmpty || p.count >= 3 else {
            throw _ONNXError("'kernel_params' has \(p.count) values; it holds gamma, coef0 and degree")
        }
        gamma = p.first ?? 0
        coef0 = p.count >= 3 ? p[1] : 0
        degree = p.count >= 3 ? p[2] : 0
    }

    init(linear: ()) {
        kind = .linear
        gamma = 0
        coef0 = 0
        degree = 0
    }

    /// `out[r·m + v] = K(x_r, b_v) (+ c for LINEAR)` for `n` rows of `f` features against the
    /// `m` rows of `b`: RBF as `exp(−γ·Σ(x−b)²)`, the others from the dot product (fused
    /// multiply-adds in feature order) as `γ·dot + coef0`, then squared, cubed or raised to
    /// `degree` (POLY) or `tanh` (SIGMOID); LINEAR adds `c` (the linear mode's `rho[0]`).
    func evaluate(
        _ x: UnsafeBufferPointer<Float>, rows n: Int, features f: Int, _ b: UnsafeBufferPointer<Float>, count m: Int,
        plus c: Float, into out: UnsafeMutablePointer<Float>
    ) {
        if kind == .rbf {
            for r in 0..<n {
                for v in 0..<m {
                    var sum: Float = 0
                    for j in 0..<f {
                        let d = x[r * f + j] - b[v * f + j]
                        sum += d * d
                    }
                    out[r * m + v] = _Math.exp(-gamma * sum)
                }
            }
            return
        }
        _onnxLinearScores(x, rows: n, features: f, b, classes: m, [], into: out, stride: m)
        let count = n * m
        switch kind {
        case .linear:
            if c != 0 { for i in 0..<count { out[i] += c } }
        case .poly:
            for i in 0..<count {
                let base = gamma * out[i] + coef0
                switch degree {
                case 2: out[i] = base * base
                case 3: out[i] = base * base * base
                default: out[i] = _Math.pow(base, degree)
                }
            }
        case .sigmoid:
            for i in 0..<count { out[i] = _Math.tanh(gamma * out[i] + coef0) }
        case .rbf: break
        }
    }
}

/// onnxruntime's float32 Platt and coupling helpers (ml_common.h).
enum _SVMProbability {
    /// `1 − logistic(score·A + B)`.
    @inline(__always)
    static func sigmoid(_ score: Float, _ a: Float, _ b: Float) -> Float {
        1 - _MLMath.logistic(score * a + b)
    }

    /// Pairwise coupling (Wu, Lin and Weng's second method) of the `k × k` pairwise
    /// probabilities `r` into `p` (k values), in float, at most 100 iterations.
    static func coupled(_ k: Int, _ r: UnsafePointer<Float>, into p: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
        let q = scratch
        let qp = scratch + k * k
        for i in 0..<(k * k) { q[i] = 0 }
        let eps = 0.005 / Float(k)
        for i in 0..<k {
            p[i] = 1 / Float(k)
            for j in 0..<i {
                q[i * k + i] += r[j * k + i] * r[j * k + i]
                q[i * k + j] = q[j * k + i]
            }
            for j in (i + 1)..<k {
                q[i * k + i] += r[j * k + i] * r[j * k + i]
                q[i * k + j] = -r[j * k + i] * r[i * k + j]
            }
        }
        for _ in 0..<100 {
            var pqp: Float = 0
            for i in 0..<k {
                qp[i] = 0
                for j in 0..<k { qp[i] += q[i * k + j] * p[j] }
                pqp += p[i] * qp[i]
            }
            var maxError: Float = 0
            for i in 0..<k { maxError = max(maxError, abs(qp[i] - pqp)) }
            if maxError < eps { break }
            for i in 0..<k {
                let diff = (-qp[i] + pqp) / q[i * k + i]
                p[i] += diff
                pqp = (pqp + diff * (diff * q[i * k + i] + 2 * qp[i])) / (1 + diff) / (1 + diff)
                for j in 0..<k {
                    qp[j] = (qp[j] + diff * q[i * k + j]) / (1 + diff)
                    p[j] /= (1 + diff)
                }
            }
        }
    }
}

/// SVMClassifier. Two modes, as onnxruntime:
/// - **SVC** (`vectors_per_class` given): kernels against the support vectors, then for every
///   class pair `i < j` the decision `Σ coef·K + rho` (in double) votes for `i` when positive,
///   else `j`; the label is the class with most votes (first on ties). Scores: with
///   `prob_a`/`prob_b`, Platt probabilities per pair coupled into K class probabilities;
///   otherwise the K(K−1)/2 decisions, or for two classes `[−d, d]` (NONE) / `[1 − d, d]`.
/// - **linear** (no support vectors): `X·Wᵀ + rho[0]` per class; the label is the best score
///   (two classes: onnxruntime's sign rules).
/// Then `post_transform` over the scores.
struct _SVMClassifierKernel: _ONNXKernel {
    let kernel: _SVMKernelFunction
    let labels: _ClassLabels
    let transform: _PostTransform
    let classCount: Int
    let featureCount: Int
    /// SVC mode: support vectors per class and where each class's run starts.
    let vectorsPerClass: [Int]
    let vectorStart: [Int]
    let vectorCount: Int
    let supportVectors: [Float]
    let coefficients: [Float]
    let rho: [Float]
    let probA: [Float]
    let probB: [Float]
    let weightsArePositive: Bool

    var isSVC: Bool { vectorCount > 0 }
    var hasProbabilities: Bool { !probA.isEmpty }
    var pairCount: Int { classCount * (classCount - 1) / 2 }

    /// Score columns per row.
    var outputWidth: Int {
        guard isSVC, !hasProbabilities else { return classCount }
        return classCount > 2 ? pairCount : 2
    }

    var classLabels: _ClassLabels? { labels }

    init(_ node: _ONNXNodeInfo) throws {
        labels = try _ClassLabels(node, integers: "classlabels_ints")
        classCount = labels.count
        guard classCount >= 2, classCount < 65536 else {
            throw _ONNXError("\(classCount) class labels; 2 to 65535 are supported", unsupported: classCount < 2)
        }
        transform = try _PostTransform(node)
        let perClass = try node.ints("vectors_per_class") ?? []
        supportVectors = try node.floats("support_vectors") ?? []
        coefficients = try node.floats("coefficients") ?? []
        rho = try node.floats("rho") ?? []
        probA = try node.floats("prob_a") ?? []
        probB = try node.floats("prob_b") ?? []
        guard !coefficients.isEmpty else { throw _ONNXError("attribute 'coefficients' is required") }
        guard probA.count == probB.count else {
            throw _ONNXError("'prob_a' has \(probA.count) values and 'prob_b' \(probB.count); they must match")
        }
        var starts: [Int] = []
        var total = 0
        for v in perClass {
            guard v >= 0, v <= Int64(supportVectors.count) else {
                throw _ONNXError("'vectors_per_class' holds \(v), outside 0...\(supportVectors.count)")
            }
            starts.append(total)
            total += Int(v)
        }
        vectorsPerClass = perClass.map { Int($0) }
        vectorStart = starts
        vectorCount = total
        let pairs = classCount * (classCount - 1) / 2
        if total > 0 {
            kernel = try _SVMKernelFunction(node)
            guard perClass.count == classCount else {
                throw _ONNXError("'vectors_per_class' has \(perClass.count) entries for \(classCount) classes")
            }
            guard supportVectors.count % total == 0, supportVectors.count > 0 else {
                throw _ONNXError("\(supportVectors.count) support-vector values do not split into \(total) vectors")
            }
            featureCount = supportVectors.count / total
            guard coefficients.count >= (classCount - 1) * total else {
                throw _ONNXError("'coefficients' has \(coefficients.count) values, \((classCount - 1) * total) are needed")
            }
            guard rho.count >= pairs else { throw _ONNXError("'rho' has \(rho.count) values, \(pairs) are needed") }
            guard probA.isEmpty || probA.count >= pairs else {
                throw _ONNXError("'prob_a' has \(probA.count) values, \(pairs) are needed")
            }
            if probA.isEmpty && classCount == 2 && transform == .probit {
                // onnxruntime writes one probit and leaves the second column unset.
                throw _ONNXError("PROBIT on a two-class SVC without probabilities is not supported", unsupported: true)
            }
        } else {
            kernel = _SVMKernelFunction(linear: ())
            guard coefficients.count % classCount == 0 else {
                throw _ONNXError("\(coefficients.count) coefficients do not split into \(classCount) classes")
            }
            featureCount = coefficients.count / classCount
            guard !rho.isEmpty else { throw _ONNXError("attribute 'rho' is required") }
        }
        weightsArePositive = coefficients.allSatisfy { $0 >= 0 }
    }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let x = try context.required(step, 0)
        try x.require(.arithmetic)
        let (n, f) = try _onnxRowsAndFeatures(x)
        guard f == featureCount else { throw _ONNXError("input has \(f) features, the model expects \(featureCount)") }
        var labelsOut = context.takeOutput(step, 0)
        var scores = context.takeOutput(step, 1)
        let width = outputWidth
        try labelsOut.reset(labels.type, shape: _ONNXShape(n))
        try scores.reset(.float, shape: _ONNXShape(n, width))
        let k = classCount
        let v = vectorCount
        // Scratch: kernels (n·V) or linear scores (n·K), votes, pair decisions, coupling.
        let kernelValues = isSVC ? n * v : n * k
        let scratchCount = kernelValues + k + pairCount + 2 * k * k + k
        try _onnxWithFloatElements(x) { xp in
            try withUnsafeTemporaryAllocation(of: Float.self, capacity: max(scratchCount, 1)) { scratch in
                try withUnsafeTemporaryAllocation(of: Int.self, capacity: max(n, 1) + k) { ints in
                    guard let base = scratch.baseAddress, let best = ints.baseAddress else {
                        throw _ONNXError("no scratch memory")
                    }
                    let votes = best + n
                    scores.f32.withUnsafeMutableBufferPointer { out in
                        guard let o = out.baseAddress else { return }
                        if isSVC {
                            supportVectors.withUnsafeBufferPointer { sv in
                                kernel.evaluate(xp, rows: n, features: f, sv, count: v, plus: 0, into: base)
                            }
                            let decisions = base + kernelValues
                            let pairwise = decisions + pairCount
                            let coupling = pairwise + k * k
                            for r in 0..<n {
                                scoreSVC(base + r * v, decisions: decisions, votes: votes)
                                var b = 0
                                for c in 1..<k where votes[c] > votes[b] { b = c }
                                best[r] = b
                                writeSVCScores(decisions, pairwise: pairwise, coupling: coupling, into: o + r * width)
                            }
                        } else {
                            coefficients.withUnsafeBufferPointer { w in
                                kernel.evaluate(xp, rows: n, features: f, w, count: k, plus: rho[0], into: o)
                            }
                            for r in 0..<n {
                                let row = o + r * width
                                var b = 0
                                for c in 1..<k where row[c] > row[b] { b = c }
                                best[r] = linearLabel(maxClass: b, maxWeight: row[b])
                                _MLMath.apply(transform, row, width, batched: true)
                            }
                        }
                    }
                    _onnxWriteLabels(labels, UnsafeMutableBufferPointer(start: best, count: n), n, into: &labelsOut)
                }
            }
        }
        context.setOutput(step, 0, labelsOut)
        context.setOutput(step, 1, scores)
    }

    /// The pair decisions of one row from its kernel values `kv`, and the votes they cast.
    @inline(__always)
    private func scoreSVC(_ kv: UnsafeMutablePointer<Float>, decisions: UnsafeMutablePointer<Float>, votes: UnsafeMutablePointer<Int>) {
        let k = classCount
        let v = vectorCount
        for c in 0..<k { votes[c] = 0 }
        var index = 0
        for i in 0..<(k - 1) {
            for j in (i + 1)..<k {
                var sum: Double = 0
                let rowJ = v * (j - 1)
                for m in 0..<vectorsPerClass[i] {
                    let s = vectorStart[i] + m
                    sum += Double(coefficients[rowJ + s] * kv[s])
                }
                let rowI = v * i
                for m in 0..<vectorsPerClass[j] {
                    let s = vectorStart[j] + m
                    sum += Double(coefficients[rowI + s] * kv[s])
                }
                sum += Double(rho[index])
                decisions[index] = Float(sum)
                votes[sum > 0 ? i : j] += 1
                index += 1
            }
        }
    }

    /// The score columns of one SVC row from its pair decisions.
    @inline(__always)
    private func writeSVCScores(
        _ decisions: UnsafeMutablePointer<Float>, pairwise: UnsafeMutablePointer<Float>, coupling: UnsafeMutablePointer<Float>,
        into row: UnsafeMutablePointer<Float>
    ) {
        let k = classCount
        if hasProbabilities {
            for i in 0..<(k * k) { pairwise[i] = 0 }
            var index = 0
            for i in 0..<(k - 1) {
                for j in (i + 1)..<k {
                    let p = min(max(_SVMProbability.sigmoid(decisions[index], probA[index], probB[index]), 1.0e-7), 1 - 1.0e-7)
                    pairwise[i * k + j] = p
                    pairwise[j * k + i] = 1 - p
                    index += 1
                }
            }
            _SVMProbability.coupled(k, pairwise, into: row, scratch: coupling)
            _MLMath.apply(transform, row, k, batched: true)
        } else if k == 2 {
            let d = decisions[0]
            if transform == .none {
                row[0] = -d
                row[1] = d
            } else {
                row[0] = 1 - d
                row[1] = d
            }
        } else {
            for i in 0..<pairCount { row[i] = decisions[i] }
            _MLMath.apply(transform, row, pairCount, batched: true)
        }
    }

    /// The label index of a linear-mode row (onnxruntime's `ChooseClass` for two classes).
    @inline(__always)
    private func linearLabel(maxClass: Int, maxWeight: Float) -> Int {
        guard classCount == 2 else { return maxClass }
        if weightsArePositive && maxWeight >= 0.5 { return 1 }
        if maxWeight > 0 && !weightsArePositive { return 1 }
        return maxClass
    }
}

/// SVMRegressor: `Σ_v coef_v·K(x, sv_v) + rho[0]` (SVR), or `x·w + rho[0]` without support
/// vectors; `one_class` maps the value to +1 / −1 by its sign. Output `[N, 1]` float.
struct _SVMRegressorKernel: _ONNXKernel {
    let kernel: _SVMKernelFunction
    let vectorCount: Int
    let featureCount: Int
    let supportVectors: [Float]
    let coefficients: [Float]
    let rho: Float
    let oneClass: Bool

    init(_ node: _ONNXNodeInfo) throws {
        let n = try node.int("n_supports", default: 0)
        supportVectors = try node.floats("support_vectors") ?? []
        coefficients = try node.floats("coefficients") ?? []
        guard !coefficients.isEmpty else { throw _ONNXError("attribute 'coefficients' is required") }
        guard let r = try node.floats("rho"), let first = r.first else { throw _ONNXError("attribute 'rho' is required") }
        rho = first
        oneClass = try node.int("one_class", default: 0) != 0
        guard n >= 0, n <= Int64(supportVectors.count) else {
            throw _ONNXError("'n_supports' is \(n), outside 0...\(supportVectors.count)")
        }
        vectorCount = Int(n)
        if vectorCount > 0 {
            kernel = try _SVMKernelFunction(node)
            guard supportVectors.count % vectorCount == 0 else {
                throw _ONNXError("\(supportVectors.count) support-vector values do not split into \(vectorCount) vectors")
            }
            featureCount = supportVectors.count / vectorCount
            guard coefficients.count >= vectorCount else {
                throw _ONNXError("'coefficients' has \(coefficients.count) values for \(vectorCount) support vectors")
            }
        } else {
            kernel = _SVMKernelFunction(linear: ())
            featureCount = coefficients.count
        }
    }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let x = try context.required(step, 0)
        try x.require(.arithmetic)
        let (n, f) = try _onnxRowsAndFeatures(x)
        guard f == featureCount else { throw _ONNXError("input has \(f) features, the model expects \(featureCount)") }
        var out = context.takeOutput(step, 0)
        try out.reset(.float, shape: _ONNXShape(n, 1))
        let v = vectorCount
        try _onnxWithFloatElements(x) { xp in
            try withUnsafeTemporaryAllocation(of: Float.self, capacity: max(n * v, 1)) { scratch in
                guard let kv = scratch.baseAddress else { throw _ONNXError("no scratch memory") }
                out.f32.withUnsafeMutableBufferPointer { o in
                    guard let y = o.baseAddress else { return }
                    if v > 0 {
                        supportVectors.withUnsafeBufferPointer { sv in
                            kernel.evaluate(xp, rows: n, features: f, sv, count: v, plus: 0, into: kv)
                        }
                        coefficients.withUnsafeBufferPointer { c in
                            for r in 0..<n {
                                var acc: Float = 0
                                for s in 0..<v { acc = _onnxFusedMultiplyAdd(kv[r * v + s], c[s], acc) }
                                y[r] = acc + rho
                            }
                        }
                    } else {
                        coefficients.withUnsafeBufferPointer { w in
                            kernel.evaluate(xp, rows: n, features: f, w, count: 1, plus: rho, into: y)
                        }
                    }
                    if oneClass {
                        for r in 0..<n { y[r] = y[r] > 0 ? 1 : -1 }
                    }
                }
            }
        }
        context.setOutput(step, 0, out)
    }
}
