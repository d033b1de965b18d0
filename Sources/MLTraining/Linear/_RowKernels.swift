/// The two per-row operations of the logistic passes, on `Float` features with `Double`
/// arithmetic, in 4-wide SIMD: a dot product with the weights and an update of the gradient.
/// Their summation order is fixed (four lanes, then the lanes in order, then the tail), so
/// results do not depend on anything but the inputs.
enum _RowKernels {
    /// `Σ_j x[j]·w[j]` for `j < count`.
    @inline(__always)
    static func dot(_ x: UnsafePointer<Float>, _ w: UnsafePointer<Double>, _ count: Int) -> Double {
        var a = SIMD4<Double>(), b = SIMD4<Double>()
        var j = 0
        while j + 8 <= count {
            let v = UnsafeRawPointer(x + j).loadUnaligned(as: SIMD8<Float>.self)
            a += SIMD4<Double>(v.lowHalf) * UnsafeRawPointer(w + j).loadUnaligned(as: SIMD4<Double>.self)
            b += SIMD4<Double>(v.highHalf) * UnsafeRawPointer(w + j + 4).loadUnaligned(as: SIMD4<Double>.self)
            j += 8
        }
        a += b
        var s = (a[0] + a[1]) + (a[2] + a[3])
        while j < count {
            s += Double(x[j]) * w[j]
            j += 1
        }
        return s
    }

    /// `g[j] += r·x[j]` for `j < count`.
    @inline(__always)
    static func axpy(_ r: Double, _ x: UnsafePointer<Float>, _ g: UnsafeMutablePointer<Double>, _ count: Int) {
        let r4 = SIMD4<Double>(repeating: r)
        var j = 0
        while j + 8 <= count {
            let v = UnsafeRawPointer(x + j).loadUnaligned(as: SIMD8<Float>.self)
            let g0 = UnsafeMutableRawPointer(g + j), g1 = UnsafeMutableRawPointer(g + j + 4)
            g0.storeBytes(of: g0.loadUnaligned(as: SIMD4<Double>.self) + r4 * SIMD4<Double>(v.lowHalf), as: SIMD4<Double>.self)
            g1.storeBytes(of: g1.loadUnaligned(as: SIMD4<Double>.self) + r4 * SIMD4<Double>(v.highHalf), as: SIMD4<Double>.self)
            j += 8
        }
        while j < count {
            g[j] += r * Double(x[j])
            j += 1
        }
    }
}
