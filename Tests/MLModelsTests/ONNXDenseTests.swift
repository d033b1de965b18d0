import MLCore
import MLTesting
import Testing

@testable import MLModels

/// Dense products: every output element is the ordered float sum whatever the row's position.
@Suite struct ONNXDenseTests {
    /// `count` values in [-1, 1) from a fixed seed.
    static func values(_ count: Int, seed: UInt64) -> [Float] {
        var rng = SeededRandom(seed: seed)
        return (0..<count).map { _ in Float.random(in: -1..<1, using: &rng) }
    }

    /// The product kernels on their own: the six-row tile and the one-row kernel give the same
    /// bits, and both are the float sum `(…(0 + a₀b₀) + a₁b₁) + …` in order.
    @Test(arguments: [(1, 1), (5, 8), (13, 9), (50, 33), (64, 1)])
    func productIsTheOrderedSum(_ k: Int, _ n: Int) throws {
        let rows = 13
        let a = Self.values(rows * k, seed: UInt64(k))
        let b = Self.values(k * n, seed: UInt64(n + 1000))
        let layer = _DenseLayer(weights: _PackedMatrix(b, k: k, n: n, transposed: false), stages: [])
        var batch = [Float](repeating: .nan, count: rows * n)
        a.withUnsafeBufferPointer { ap in
            batch.withUnsafeMutableBufferPointer { layer.apply(ap.baseAddress, rows: rows, rowStride: k, columnStride: 1, into: $0.baseAddress!) }
        }
        for r in 0..<rows {
            var single = [Float](repeating: .nan, count: n)
            a.withUnsafeBufferPointer { ap in
                single.withUnsafeMutableBufferPointer {
                    layer.apply(ap.baseAddress! + r * k, rows: 1, rowStride: k, columnStride: 1, into: $0.baseAddress!)
                }
            }
            var expected = [Float](repeating: 0, count: n)
            for j in 0..<n {
                var sum: Float = 0
                for p in 0..<k { sum = sum + a[r * k + p] * b[p * n + j] }
                expected[j] = sum
            }
            #expect(single.map(\.bitPattern) == expected.map(\.bitPattern), "row \(r) alone")
            #expect(Array(batch[(r * n)..<(r * n + n)]).map(\.bitPattern) == expected.map(\.bitPattern), "row \(r) in the batch")
        }
    }
}
