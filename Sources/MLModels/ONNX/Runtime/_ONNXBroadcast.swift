/// numpy-style broadcasting loops over raw buffers.
///
/// The caller has computed the output shape with ``_ONNXShape/broadcast(_:_:)`` (so every
/// input dimension is 1 or equal to the output's) and sized the buffers; these loops only
/// index inside them. The innermost dimension runs as a plain loop; outer dimensions step a
/// counter, so there is no per-element division and no allocation.
enum _ONNXBroadcast {
    @inline(__always)
    static func binary<A, B, R>(
        _ a: UnsafeBufferPointer<A>, _ sa: _ONNXShape, _ b: UnsafeBufferPointer<B>, _ sb: _ONNXShape,
        _ out: UnsafeMutableBufferPointer<R>, _ so: _ONNXShape, _ f: (A, B) -> R
    ) {
        let n = out.count
        if n == 0 { return }
        if a.count == n && b.count == n {
            for i in 0..<n { out[i] = f(a[i], b[i]) }
            return
        }
        if b.count == 1 && a.count == n {
            let y = b[0]
            for i in 0..<n { out[i] = f(a[i], y) }
            return
        }
        if a.count == 1 && b.count == n {
            let x = a[0]
            for i in 0..<n { out[i] = f(x, b[i]) }
            return
        }
        let r = so.rank
        let stA = sa.broadcastStrides(to: so)
        let stB = sb.broadcastStrides(to: so)
        let inner = so[r - 1]
        let ia = stA[r - 1]
        let ib = stB[r - 1]
        var index = _ONNXShape()
        for _ in 0..<r { index.append(unchecked: 0) }
        var offA = 0
        var offB = 0
        var k = 0
        while k < n {
            var pa = offA
            var pb = offB
            for _ in 0..<inner {
                out[k] = f(a[pa], b[pb])
                pa += ia
                pb += ib
                k += 1
            }
            var d = r - 2
            while d >= 0 {
                index[d] += 1
                offA += stA[d]
                offB += stB[d]
                if index[d] < so[d] { break }
                offA -= stA[d] * so[d]
                offB -= stB[d] * so[d]
                index[d] = 0
                d -= 1
            }
            if d < 0 { break }
        }
    }

    @inline(__always)
    static func ternary<A, B, C, R>(
        _ a: UnsafeBufferPointer<A>, _ sa: _ONNXShape, _ b: UnsafeBufferPointer<B>, _ sb: _ONNXShape,
        _ c: UnsafeBufferPointer<C>, _ sc: _ONNXShape,
        _ out: UnsafeMutableBufferPointer<R>, _ so: _ONNXShape, _ f: (A, B, C) -> R
    ) {
        let n = out.count
        if n == 0 { return }
        if a.count == n && b.count == n && c.count == n {
            for i in 0..<n { out[i] = f(a[i], b[i], c[i]) }
            return
        }
        let r = so.rank
        let stA = sa.broadcastStrides(to: so)
        let stB = sb.broadcastStrides(to: so)
        let stC = sc.broadcastStrides(to: so)
        if r == 0 {
            out[0] = f(a[0], b[0], c[0])
            return
        }
        let inner = so[r - 1]
        var index = _ONNXShape()
        for _ in 0..<r { index.append(unchecked: 0) }
        var offA = 0
        var offB = 0
        var offC = 0
        var k = 0
        while k < n {
            for j in 0..<inner {
                out[k] = f(a[offA + j * stA[r - 1]], b[offB + j * stB[r - 1]], c[offC + j * stC[r - 1]])
                k += 1
            }
            var d = r - 2
            while d >= 0 {
                index[d] += 1
                offA += stA[d]
                offB += stB[d]
                offC += stC[d]
                if index[d] < so[d] { break }
                offA -= stA[d] * so[d]
                offB -= stB[d] * so[d]
                offC -= stC[d] * so[d]
                index[d] = 0
                d -= 1
            }
            if d < 0 { break }
        }
    }
}

extension _ONNXTensor {
    /// Calls `body` with the float storage (read-only).
    @inline(__always)
    func floats<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R { try f32.withUnsafeBufferPointer(body) }
}
