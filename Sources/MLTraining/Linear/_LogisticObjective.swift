import Dispatch
import MLCore

/// The smooth part of the logistic-regression objective and its derivatives, evaluated in
/// fixed chunks of rows so results are bit-identical at any thread count: each chunk's partial
/// sums are kept apart and added in chunk order.
///
/// Parameters `θ` are `rows × (F + 1)` in the standardized space (each row: F coefficients,
/// then the intercept). The data stays as the caller's `Float` matrix; standardization is
/// folded into effective raw weights `β/s` and intercept `b − Σ m·β/s`, and the gradient is
/// mapped back (`(Σ r·x − m·Σ r) / s`), so no standardized copy is made.
struct _LogisticObjective: @unchecked Sendable {
    let x: Matrix<Float>
    /// Class index per row.
    let labels: [Int32]
    /// Weight per row (class weights), or empty for all 1.
    let weights: [Double]
    /// Parameter rows: 1 (binary) or K.
    let parameterRows: Int
    let mean: [Double]
    let scale: [Double]
    let l2: Double
    let threads: Int
    let chunkRows: Int
    let chunkCount: Int

    var featureCount: Int { x.columns }
    var width: Int { x.columns + 1 }
    var parameterCount: Int { parameterRows * width }

    init(x: Matrix<Float>, labels: [Int32], weights: [Double], parameterRows: Int, mean: [Double], scale: [Double], l2: Double, threads: Int) {
        self.x = x
        self.labels = labels
        self.weights = weights
        self.parameterRows = parameterRows
        self.mean = mean
        self.scale = scale
        self.l2 = l2
        self.threads = Swift.max(1, threads)
        // At most 64 chunks (partials stay small for wide data), at least 4096 rows each.
        chunkRows = Swift.max(4096, (x.rows + 63) / 64)
        chunkCount = Swift.max(1, (x.rows + chunkRows - 1) / chunkRows)
    }

    /// What a pass computes.
    enum Want { case value, gradient, hessian }

    struct Result {
        var value: Double
        /// `parameterCount` values (empty for `.value`).
        var gradient: [Double]
        /// `parameterCount²`, row-major (empty unless asked).
        var hessian: [Double]
    }

    /// Effective weights on the raw features: `rows × width`, the last of each row the intercept.
    func rawParameters(_ theta: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: parameterCount)
        let f = featureCount
        for r in 0..<parameterRows {
            var c = theta[r * width + f]
            for j in 0..<f {
                let w = theta[r * width + j] / scale[j]
                out[r * width + j] = w
                c -= mean[j] * w
            }
            out[r * width + f] = c
        }
        return out
    }

    func evaluate(_ theta: [Double], _ want: Want) -> Result {
        let raw = rawParameters(theta)
        let gWidth = want == .value ? 0 : parameterCount
        let hWidth = want == .hessian ? parameterCount * parameterCount : 0
        var losses = [Double](repeating: 0, count: chunkCount)
        var grads = [Double](repeating: 0, count: chunkCount * gWidth)
        var hessians = [Double](repeating: 0, count: chunkCount * hWidth)
        losses.withUnsafeMutableBufferPointer { lp in
            grads.withUnsafeMutableBufferPointer { gp in
                hessians.withUnsafeMutableBufferPointer { hp in
                    // An empty array's base address may be non-nil: pass nil for what is not computed.
                    let shared = _ObjectiveBuffers(
                        loss: lp.baseAddress, grad: gWidth > 0 ? gp.baseAddress : nil, hess: hWidth > 0 ? hp.baseAddress : nil)
                    let work: @Sendable (Int) -> Void = { worker in
                        var chunk = worker
                        while chunk < chunkCount {
                            let lo = chunk * chunkRows, hi = Swift.min(x.rows, lo + chunkRows)
                            let g = shared.grad.map { $0 + chunk * gWidth }
                            let h = shared.hess.map { $0 + chunk * hWidth }
                            let loss = parameterRows == 1
                                ? binaryChunk(lo, hi, raw, g, h, theta)
                                : multinomialChunk(lo, hi, raw, g, h)
                            shared.loss?[chunk] = loss
                            chunk += threads
                        }
                    }
                    if threads == 1 || chunkCount == 1 {
                        work(0)
                    } else {
                        DispatchQueue.concurrentPerform(iterations: Swift.min(threads, chunkCount)) { work($0) }
                    }
                }
            }
        }
        // Sums in chunk order; then the raw-space gradient to the standardized space and the penalty.
        var value = 0.0
        for l in losses { value += l }
        var penalty = 0.0
        for r in 0..<parameterRows {
            for j in 0..<featureCount { penalty += theta[r * width + j] * theta[r * width + j] }
        }
        value += 0.5 * l2 * penalty
        var gradient: [Double] = []
        if gWidth > 0 {
            var sum = [Double](repeating: 0, count: gWidth)
            for c in 0..<chunkCount {
                for k in 0..<gWidth { sum[k] += grads[c * gWidth + k] }
            }
            gradient = sum
            let f = featureCount
            for r in 0..<parameterRows {
                let rs = sum[r * width + f]
                for j in 0..<f {
                    gradient[r * width + j] = (sum[r * width + j] - mean[j] * rs) / scale[j] + l2 * theta[r * width + j]
                }
            }
        }
        var hessian: [Double] = []
        if hWidth > 0 {
            hessian = [Double](repeating: 0, count: hWidth)
            for c in 0..<chunkCount {
                for k in 0..<hWidth { hessian[k] += hessians[c * hWidth + k] }
            }
            // Only the lower triangle was accumulated (column ≤ row); mirror it, add λ₂ (not to
            // the intercepts).
            let n = parameterCount
            for i in 0..<n {
                for j in 0..<i { hessian[j * n + i] = hessian[i * n + j] }
            }
            for r in 0..<parameterRows {
                for j in 0..<featureCount { hessian[(r * width + j) * n + r * width + j] += l2 }
            }
        }
        return Result(value: value, gradient: gradient, hessian: hessian)
    }

    /// Binary rows `lo..<hi`: returns the weighted log-loss; adds `Σ r·x` and `Σ r` to `g`
    /// (raw space) and the standardized `Σ h·z·zᵀ` (lower triangle) to `h`.
    private func binaryChunk(
        _ lo: Int, _ hi: Int, _ raw: [Double], _ g: UnsafeMutablePointer<Double>?, _ hOut: UnsafeMutablePointer<Double>?, _ theta: [Double]
    ) -> Double {
        let f = featureCount
        let w = width
        let block = 256
        var loss = 0.0
        // Scratch for the Hessian: a block of standardized rows scaled by √h (plus the 1 column).
        var d = [Double](repeating: 0, count: hOut == nil ? 0 : block * w)
        let inverseScale = scale.map { 1 / $0 }
        x.withUnsafeBufferPointer { xs in
            raw.withUnsafeBufferPointer { rp in
                labels.withUnsafeBufferPointer { ys in
                    weights.withUnsafeBufferPointer { ws in
                        mean.withUnsafeBufferPointer { mp in
                            inverseScale.withUnsafeBufferPointer { isp in
                                d.withUnsafeMutableBufferPointer { dp in
                                    guard let xb = xs.baseAddress, let wr = rp.baseAddress, let yb = ys.baseAddress, let mb = mp.baseAddress,
                                        let ib = isp.baseAddress
                                    else { return }
                                    // An empty array's base address may be non-nil: nil what is not there.
                                    let db = hOut == nil ? nil : dp.baseAddress
                                    let weighted = ws.isEmpty ? nil : ws.baseAddress
                                    let c = wr[f]
                                    var start = lo
                                    while start < hi {
                                        let end = Swift.min(hi, start + block)
                                        for i in start..<end {
                                            let row = xb + i * f
                                            var z = c
                                            for j in 0..<f { z += Double(row[j]) * wr[j] }
                                            let y = Double(yb[i])
                                            let sw = weighted.map { $0[i] } ?? 1.0
                                            // log(1 + e^z) − y·z and σ(z) from one exp, stably.
                                            let e = _Math.exp(-abs(z))
                                            loss += sw * (Swift.max(z, 0) + _Math.log1p(e) - y * z)
                                            let p = z >= 0 ? 1 / (1 + e) : e / (1 + e)
                                            if let g {
                                                let r = sw * (p - y)
                                                for j in 0..<f { g[j] += r * Double(row[j]) }
                                                g[f] += r
                                            }
                                            if let db {
                                                let s = (sw * p * (1 - p)).squareRoot()
                                                let out = db + (i - start) * w
                                                for j in 0..<f { out[j] = s * ((Double(row[j]) - mb[j]) * ib[j]) }
                                                out[f] = s
                                            }
                                        }
                                        if let hOut, let db { BLAS.accumulateGramLower(db, rows: end - start, columns: w, into: hOut) }
                                        start = end
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return loss
    }

    /// Multinomial rows `lo..<hi`: returns the weighted log-loss, adds `Σ r_k·x` and `Σ r_k` per
    /// class to `g` (raw space), and the standardized Hessian blocks
    /// `Σ w·(p_k·δ_kl − p_k·p_l)·z·zᵀ` (l ≤ k) to `hOut`.
    private func multinomialChunk(
        _ lo: Int, _ hi: Int, _ raw: [Double], _ g: UnsafeMutablePointer<Double>?, _ hOut: UnsafeMutablePointer<Double>?
    ) -> Double {
        let f = featureCount
        let w = width
        let k = parameterRows
        let n = parameterCount
        let block = 128
        var loss = 0.0
        var z = [Double](repeating: 0, count: k)
        var p = [Double](repeating: 0, count: k)
        // Hessian scratch: standardized rows, per-row pair weights, one scaled copy.
        var d = [Double](repeating: 0, count: hOut == nil ? 0 : block * w)
        var pair = [Double](repeating: 0, count: hOut == nil ? 0 : block * k * k)
        var scaled = [Double](repeating: 0, count: hOut == nil ? 0 : block * w)
        func flush(_ rows: Int) {
            guard let hOut, rows > 0 else { return }
            d.withUnsafeBufferPointer { dp in
                scaled.withUnsafeMutableBufferPointer { sp in
                    guard let db = dp.baseAddress, let sb = sp.baseAddress else { return }
                    for a in 0..<k {
                        for b in 0...a {
                            for i in 0..<rows {
                                let c = pair[i * k * k + a * k + b]
                                for j in 0..<w { sb[i * w + j] = c * db[i * w + j] }
                            }
                            BLAS.accumulateTransposedProduct(db, sb, rows: rows, columns: w, into: hOut + (a * w) * n + b * w, ldc: n)
                        }
                    }
                }
            }
        }
        var filled = 0
        x.withUnsafeBufferPointer { xs in
            raw.withUnsafeBufferPointer { rp in
                labels.withUnsafeBufferPointer { ys in
                    weights.withUnsafeBufferPointer { ws in
                        z.withUnsafeMutableBufferPointer { zs in
                            guard let xb = xs.baseAddress, let wr = rp.baseAddress, let yb = ys.baseAddress, let zb = zs.baseAddress else { return }
                            for i in lo..<hi {
                                let row = xb + i * f
                                var top = -Double.infinity
                                for c in 0..<k {
                                    let wc = wr + c * w
                                    var s = wc[f]
                                    for j in 0..<f { s += Double(row[j]) * wc[j] }
                                    zb[c] = s
                                    top = Swift.max(top, s)
                                }
                                var total = 0.0
                                for c in 0..<k { total += _Math.exp(zb[c] - top) }
                                let lse = top + _Math.log(total)
                                let y = Int(yb[i])
                                let sw = ws.isEmpty ? 1.0 : ws[i]
                                loss += sw * (lse - zb[y])
                                guard g != nil || hOut != nil else { continue }
                                for c in 0..<k { p[c] = _Math.exp(zb[c] - lse) }
                                if let g {
                                    for c in 0..<k {
                                        let r = sw * (p[c] - (c == y ? 1 : 0))
                                        let gc = g + c * w
                                        for j in 0..<f { gc[j] += r * Double(row[j]) }
                                        gc[f] += r
                                    }
                                }
                                if hOut != nil {
                                    for j in 0..<f { d[filled * w + j] = (Double(row[j]) - mean[j]) / scale[j] }
                                    d[filled * w + f] = 1
                                    for a in 0..<k {
                                        for b in 0..<k { pair[filled * k * k + a * k + b] = sw * ((a == b ? p[a] : 0) - p[a] * p[b]) }
                                    }
                                    filled += 1
                                    if filled == block {
                                        flush(filled)
                                        filled = 0
                                    }
                                }
                            }
                            flush(filled)
                        }
                    }
                }
            }
        }
        return loss
    }
}

/// The per-chunk result buffers the workers of one ``_LogisticObjective/evaluate`` share.
/// `@unchecked Sendable` is safe: each worker writes only its own chunks' slots, and
/// `concurrentPerform` returns before the arrays behind the pointers can change.
struct _ObjectiveBuffers: @unchecked Sendable {
    let loss: UnsafeMutablePointer<Double>?
    let grad: UnsafeMutablePointer<Double>?
    let hess: UnsafeMutablePointer<Double>?
}
