/// Runs a streaming indicator over whole arrays: the batch forms are this loop, so batch and
/// streaming outputs are bit-identical by construction. One buffer scope per batch, no
/// allocation per bar.
enum _Batch {
    /// `out[i] = update(input[i]) ?? .nan`.
    static func run(_ count: Int, _ step: (Int) -> Double?) -> [Double] {
        [Double](unsafeUninitializedCapacity: count) { out, initialized in
            for i in 0..<count { out.initializeElement(at: i, to: step(i) ?? .nan) }
            initialized = count
        }
    }

    /// One input series through `state`.
    static func run<S>(_ state: inout S, _ input: [Double], _ update: (inout S, Double) -> Double?) -> [Double] {
        input.withUnsafeBufferPointer { x in
            run(x.count) { update(&state, x[$0]) }
        }
    }

    /// High, low and close through `state` (lengths checked by the caller).
    static func run<S>(
        _ state: inout S, high: [Double], low: [Double], close: [Double],
        _ update: (inout S, Double, Double, Double) -> Double?
    ) -> [Double] {
        high.withUnsafeBufferPointer { h in
            low.withUnsafeBufferPointer { l in
                close.withUnsafeBufferPointer { c in
                    run(c.count) { update(&state, h[$0], l[$0], c[$0]) }
                }
            }
        }
    }
}
