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
    /// Binary Newton's Hessian uses every `hessianStride`-th block of 256 rows (1 up to
    /// ``hessianRowTarget`` rows), scaled by `hessianScale` = rows / rows used. The gradient
    /// is always exact, so the optimum does not change; the step is a subsampled-Newton step.
    let hessianStride: Int
    let hessianScale: Double
    static let hessianRowTarget = 262_144
    static let block = 256

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
        let stride = parameterRows == 1 ? Swift.max(1, (x.rows + Self.hessianRowTarget - 1) / Self.hessianRowTarget) : 1
        hessianStride = stride
        var used = 0
        for c in 0..<chunkCount {
            let lo = c * chunkRows, hi = Swift.min(x.rows, lo + chunkRows)
            var start = lo
            while start < hi {
                if (start / Self.block) % stride == 0 { used += Swift.min(hi, start + Self.block) - start }
                start += Self.block
            }
        }
        hessianScale = used > 0 ? Double(x.rows) / Double(used) : 1
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
                                ? binaryChunk(lo, hi, raw, g, h)
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
                for j in 0...i { hessian[i * n + j] *= hessianScale }
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
        _ lo: Int, _ hi: Int, _ raw: [Double], _ g: UnsafeMutablePointer<Double>?, _ hOut: UnsafeMutablePointer<Double>?
    ) -> Double {
        let f = featureCount
        let w = width
        let block = Self.block
        var loss = 0.0
        // Per block of rows: the rows widened to Double (BLAS dgemv gives the margins and the
        // gradient), the margins, then the residuals; for the Hessian the same rows standardized
        // and scaled by √h with the 1 column (BLAS dsyrk).
        var rowsD = [Double](repeating: 0, count: block * f)
        var margins = [Double](repeating: 0, count: block)
        var d = [Double](repeating: 0, count: hOut == nil ? 0 : block * w)
        let inverseScale = scale.map { 1 / $0 }
        x.withUnsafeBufferPointer { xs in
            raw.withUnsafeBufferPointer { rp in
                labels.withUnsafeBufferPointer { ys in
                    weights.withUnsafeBufferPointer { ws in
                        mean.withUnsafeBufferPointer { mp in
                            inverseScale.withUnsafeBufferPointer { isp in
                                d.withUnsafeMutableBufferPointer { dp in
                                    rowsD.withUnsafeMutableBufferPointer { rdp in
                                        margins.withUnsafeMutableBufferPointer { zp in
                                            guard let xb = xs.baseAddress, let wr = rp.baseAddress, let yb = ys.baseAddress,
                                                let mb = mp.baseAddress, let ib = isp.baseAddress, let xd = rdp.baseAddress,
                                                let zb = zp.baseAddress
                                            else { return }
                                            // An empty array's base address may be non-nil: nil what is not there.
                                            let db = hOut == nil ? nil : dp.baseAddress
                                            let weighted = ws.isEmpty ? nil : ws.baseAddress
                                            var start = lo
                                            while start < hi {
                                                let n = Swift.min(hi, start + block) - start
                                                let sampled = (start / block) % hessianStride == 0
                                                loss += binaryBlock(
                                                    xb + start * f, n, yb + start, weighted.map { $0 + start }, wr, xd, zb, g,
                                                    sampled ? db : nil, mb, ib)
                                                if let hOut, let db, sampled { BLAS.accumulateGramLower(db, rows: n, columns: w, into: hOut) }
                                                start += n
                                            }
                                        }
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

    /// One block of `n` rows: returns its weighted log-loss, adds `Σ r·x`, `Σ r` to `g` and fills
    /// `db` (when given) with the Hessian rows.
    @inline(__always)
    private func binaryBlock(
        _ rows: UnsafePointer<Float>, _ n: Int, _ y: UnsafePointer<Int32>, _ weighted: UnsafePointer<Double>?,
        _ wr: UnsafePointer<Double>, _ xd: UnsafeMutablePointer<Double>, _ z: UnsafeMutablePointer<Double>,
        _ g: UnsafeMutablePointer<Double>?, _ db: UnsafeMutablePointer<Double>?, _ mb: UnsafePointer<Double>, _ ib: UnsafePointer<Double>
    ) -> Double {
        let f = featureCount
        let w = width
        for k in 0..<(n * f) { xd[k] = Double(rows[k]) }
        BLAS.multiply(xd, rows: n, columns: f, transpose: false, wr, beta: 0, into: z)
        let c = wr[f]
        var loss = 0.0
        // Σ log(1 + e) as the log of products of 32 factors (each in (1, 2]) when unweighted:
        // one log per 32 rows instead of one per row.
        var product = 1.0
        var residualSum = 0.0
        for i in 0..<n {
            let m = z[i] + c
            let label = Double(y[i])
            let sw = weighted.map { $0[i] } ?? 1.0
            let e = _Math.exp(-abs(m))
            if weighted == nil {
                loss += Swift.max(m, 0) - label * m
                product *= 1 + e
                if i & 31 == 31 {
                    loss += _Math.log(product)
                    product = 1
                }
            } else {
                loss += sw * (Swift.max(m, 0) + _Math.log(1 + e) - label * m)
            }
            let p = m >= 0 ? 1 / (1 + e) : e / (1 + e)
            let r = sw * (p - label)
            z[i] = r
            residualSum += r
            if let db {
                let s = (sw * p * (1 - p)).squareRoot()
                let out = db + i * w
                let row = rows + i * f
                for j in 0..<f { out[j] = s * ((Double(row[j]) - mb[j]) * ib[j]) }
                out[f] = s
            }
        }
        if weighted == nil { loss += _Math.log(product) }
        if let g {
            BLAS.multiply(xd, rows: n, columns: f, transpose: true, z, beta: 1, into: g)
            g[f] += residualSum
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
                                    let s = wc[f] + _RowKernels.dot(row, wc, f)
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
                                        _RowKernels.axpy(r, row, gc, f)
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
