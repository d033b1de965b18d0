import Dispatch
import MLCore
import Synchronization

/// Running the plan over rows: chunks, threads, input and output tensors.
extension ONNXModel {
    /// Copies the scores of `rows` rows (`width` per row) from a float or double tensor into
    /// `out`: all columns, or only column 1 (P(second class)) for binary classifiers.
    /// ``runChunk(_:rows:_:)`` has checked the tensor's size.
    @inline(__always)
    static func copyScores(
        _ t: _ONNXTensor, rows: Int, width: Int, binary: Bool, into out: UnsafeMutablePointer<Double>
    ) {
        func copy<T: BinaryFloatingPoint>(_ a: [T]) {
            a.withUnsafeBufferPointer { s in
                guard s.count >= rows * width else { return }
                if binary {
                    for r in 0..<rows { out[r] = Double(s[r * width + 1]) }
                } else {
                    for i in 0..<(rows * width) { out[i] = Double(s[i]) }
                }
            }
        }
        switch t.storage {
        case .float(let a): copy(a)
        case .double(let a): copy(a)
        default: break
        }
    }

    func checkBuffers(_ featureCount: Int, _ rows: Int, _ outputCount: Int, _ width: Int) throws {
        guard rows >= 0 else { throw ScoringError(.invalidShape, "negative row count \(rows)") }
        let (need, o1) = rows.multipliedReportingOverflow(by: schema.featureCount)
        guard !o1, featureCount >= need else {
            throw ScoringError(.invalidShape, "\(rows) rows × \(schema.featureCount) features need \(need) values, the input has \(featureCount)")
        }
        let (needOut, o2) = rows.multipliedReportingOverflow(by: width)
        guard !o2, outputCount >= needOut else {
            throw ScoringError(.outputBufferTooSmall, "\(rows) rows × \(width) outputs need \(needOut) values, the buffer has \(outputCount)")
        }
    }

    /// Runs the graph on `rows` rows at `x` (the model's feature rows) in `context`.
    func runChunk(_ x: UnsafePointer<Float>, rows: Int, _ context: inout _ONNXRunContext) throws {
        try feedFeatures(x, rows: rows, &context)
        try runFed(rows: rows, &context)
    }

    /// Writes `rows` feature rows at `x` into the graph's input slots: the columns of each
    /// input, converted to its element type.
    /// - Throws: ``ScoringError`` `.invalidInput` for a string input (feed it by name) or a
    ///   value an integer input cannot hold (NaN, ±∞, beyond its range).
    func feedFeatures(_ x: UnsafePointer<Float>, rows: Int, _ context: inout _ONNXRunContext) throws {
        let f = schema.featureCount
        for column in graphInputs.columns {
            var input = _ONNXTensor()
            swap(&input, &context.values[column.slot])
            defer { swap(&input, &context.values[column.slot]) }
            do {
                try input.reset(column.type, shape: column.shape(rows: rows))
            } catch {
                throw ScoringError(.invalidShape, "\(rows) rows × \(f) features is too large")
            }
            let w = column.width
            let o = column.offset
            switch column.type {
            case .float:
                input.f32.withUnsafeMutableBufferPointer { d in
                    if w == f {
                        for i in 0..<(rows * f) { d[i] = x[i] }
                    } else {
                        for r in 0..<rows { for j in 0..<w { d[r * w + j] = x[r * f + o + j] } }
                    }
                }
            case .double:
                input.f64.withUnsafeMutableBufferPointer { d in
                    for r in 0..<rows { for j in 0..<w { d[r * w + j] = Double(x[r * f + o + j]) } }
                }
            case .int64, .int32:
                let is64 = column.type == .int64
                var converted = [Int64](repeating: 0, count: rows * w)
                for r in 0..<rows {
                    for j in 0..<w {
                        let v = x[r * f + o + j]
                        guard v.isFinite, is64 ? abs(v) < 9.2e18 : abs(v) < 2.1e9 else {
                            throw ScoringError(
                                .invalidInput, "row \(r), feature \(o + j): \(v) cannot be fed to \(column.type) input '\(column.name)'",
                                index: r)
                        }
                        converted[r * w + j] = Int64(v)
                    }
                }
                if is64 {
                    input.i64 = converted
                } else {
                    input.i32 = converted.map { Int32(truncatingIfNeeded: $0) }
                }
            default:
                throw ScoringError(
                    .invalidInput,
                    "input '\(column.name)' takes \(column.type) values: score this model with predictWithLabels(inputs:rowCount:) or named CSV columns")
            }
        }
    }

    /// Runs the plan on inputs already in `context` (`rows` rows) and checks the outputs.
    func runFed(rows: Int, _ context: inout _ONNXRunContext) throws {
        do {
            try plan.run(&context)
        } catch let e as _ONNXError {
            throw ScoringError(.invalidShape, e.message)
        }
        // Shapes can only change with the data through data-computed shapes; check the outputs.
        let scores = context.values[scoreSlot]
        guard scores.count == rows * scoreWidth else {
            throw ScoringError(.invalidShape, "output '\(outputNames.last ?? "")' has shape \(scores.shape) for \(rows) rows")
        }
        if let labelSlot, context.values[labelSlot].count != rows {
            throw ScoringError(.invalidShape, "output '\(outputNames[0])' has shape \(context.values[labelSlot].shape) for \(rows) rows")
        }
    }

    /// Scores `rows` rows at `x` into `out`, `width` values per row: every score column, or
    /// with `binary` only P(second class) (then `width` is 1). Each chunk's context is also
    /// handed to `inspect` (labels).
    func evaluateScores(
        _ x: UnsafePointer<Float>, rows: Int, threads: Int, binary: Bool, width: Int, into out: UnsafeMutablePointer<Double>,
        _ inspect: @Sendable (Range<Int>, _ONNXRunContext) -> Void = { _, _ in }
    ) throws {
        let target = _UnsafeSendablePointer(pointer: out)
        let (scoreSlot, scoreWidth) = (self.scoreSlot, self.scoreWidth)
        try evaluate(x, rows: rows, threads: threads) { chunk, context in
            Self.copyScores(
                context.values[scoreSlot], rows: chunk.count, width: scoreWidth, binary: binary,
                into: target.pointer + chunk.lowerBound * width)
            inspect(chunk, context)
        }
    }

    /// Runs the graph over all rows of the feature matrix at `x`, as
    /// ``evaluate(rows:threads:feed:_:)``.
    func evaluate(
        _ x: UnsafePointer<Float>, rows: Int, threads: Int,
        _ consume: @Sendable (Range<Int>, _ONNXRunContext) -> Void
    ) throws {
        let f = schema.featureCount
        let input = _UnsafeSendableReadPointer(pointer: x)
        let model = self
        try evaluate(rows: rows, threads: threads, feed: { chunk, context in
            try model.feedFeatures(input.pointer + chunk.lowerBound * f, rows: chunk.count, &context)
        }, consume)
    }

    /// Runs the graph over `rows` rows — in chunks (in parallel when `threads > 1`) for
    /// row-separable graphs, else at once — with `feed` writing a chunk's inputs into its
    /// context, and hands each chunk's context to `consume`. Each row is computed by the same
    /// code whatever the chunking, so results do not depend on the thread count.
    func evaluate(
        rows: Int, threads: Int, feed: @Sendable (Range<Int>, inout _ONNXRunContext) throws -> Void,
        _ consume: @Sendable (Range<Int>, _ONNXRunContext) -> Void
    ) throws {
        guard rowSeparable, rows > Self.chunkRows else {
            var context = plan.makeContext()
            context.threads = Swift.max(1, threads)
            try feed(0..<rows, &context)
            try runFed(rows: rows, &context)
            consume(0..<rows, context)
            return
        }
        let chunks = (rows + Self.chunkRows - 1) / Self.chunkRows
        let workers = Swift.max(1, Swift.min(threads, chunks))
        let failure = Mutex<ScoringError?>(nil)
        let model = self
        withoutActuallyEscaping(feed) { feed in
        withoutActuallyEscaping(consume) { consume in
            let work: @Sendable (Int) -> Void = { w in
                var context = model.plan.makeContext()
                var c = w
                while c < chunks {
                    let lo = c * Self.chunkRows
                    let hi = Swift.min(rows, lo + Self.chunkRows)
                    do {
                        try feed(lo..<hi, &context)
                        try model.runFed(rows: hi - lo, &context)
                    } catch {
                        let e = error as? ScoringError ?? ScoringError(.invalidShape, "\(error)")
                        failure.withLock { if $0 == nil { $0 = e } }
                        return
                    }
                    consume(lo..<hi, context)
                    c += workers
                }
            }
            if workers == 1 {
                work(0)
            } else {
                DispatchQueue.concurrentPerform(iterations: workers, execute: work)
            }
        }
        }
        if let e = failure.withLock({ $0 }) { throw e }
    }
}
