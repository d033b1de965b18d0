/// A prepared scorer for one row at a time: checks nothing but the two buffer sizes and
/// performs no heap allocation per call. `Sendable`: share one scorer across tasks.
///
/// ```swift
/// let scorer = try model.makeSingleRowScorer(options: .default)
/// var out = [Double](repeating: 0, count: scorer.outputWidth)
/// try row.withUnsafeBufferPointer { x in
///     try out.withUnsafeMutableBufferPointer { try scorer.predict(x, into: $0) }
/// }
/// ```
public struct SingleRowScorer: Sendable {
    /// Features expected per row.
    public let featureCount: Int
    /// Values written per row.
    public let outputWidth: Int
    private let body: @Sendable (UnsafePointer<Float>, UnsafeMutablePointer<Double>) -> Void

    /// Wraps a scoring function. For model implementers: `body` receives a pointer to
    /// `featureCount` features and one to `outputWidth` outputs, must not allocate on the heap
    /// (use `withUnsafeTemporaryAllocation` for scratch) and must be safe to call concurrently.
    public init(
        featureCount: Int, outputWidth: Int,
        body: @escaping @Sendable (UnsafePointer<Float>, UnsafeMutablePointer<Double>) -> Void
    ) {
        self.featureCount = featureCount
        self.outputWidth = outputWidth
        self.body = body
    }

    /// Scores one row.
    /// - Parameters:
    ///   - row: `featureCount` features (NaN = missing).
    ///   - output: at least `outputWidth` values; the first `outputWidth` are overwritten.
    /// - Throws: ``ScoringError`` when a buffer has the wrong size.
    public func predict(_ row: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Double>) throws {
        guard row.count == featureCount else {
            throw ScoringError(.featureCountMismatch, "the model expects \(featureCount) features, the row has \(row.count)")
        }
        guard output.count >= outputWidth else {
            throw ScoringError(.outputBufferTooSmall, "the output needs \(outputWidth) values, the buffer has \(output.count)")
        }
        guard let out = output.baseAddress else {
            if outputWidth == 0 { return }
            throw ScoringError(.outputBufferTooSmall, "the output buffer is empty")
        }
        if let x = row.baseAddress {
            body(x, out)
        } else {
            // A model with no features still needs a valid pointer; it never reads through it.
            withUnsafeTemporaryAllocation(of: Float.self, capacity: 1) { scratch in
                if let x = scratch.baseAddress { body(x, out) }
            }
        }
    }

    /// Scores one row and returns its `outputWidth` values (allocates the result array).
    /// - Throws: ``ScoringError/Code/featureCountMismatch``.
    public func predict(_ row: [Float]) throws -> [Double] {
        var out = [Double](repeating: 0, count: outputWidth)
        try row.withUnsafeBufferPointer { x in
            try out.withUnsafeMutableBufferPointer { try predict(x, into: $0) }
        }
        return out
    }
}
