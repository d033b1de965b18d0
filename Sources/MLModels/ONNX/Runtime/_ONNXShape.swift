/// A tensor shape of rank ≤ ``maximumRank``, stored inline so that computing and copying
/// shapes never allocates (the single-row scorer runs whole graphs without heap allocation).
struct _ONNXShape: Sendable, Equatable, CustomStringConvertible {
    static let maximumRank = 8

    private var storage: (Int, Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0, 0)
    /// Number of dimensions (0 for a scalar).
    private(set) var rank: Int = 0

    init() {}

    /// A shape from dimensions, which must be ≥ 0 and at most ``maximumRank`` of them.
    init(_ dims: [Int]) throws {
        guard dims.count <= Self.maximumRank else {
            throw _ONNXError("rank \(dims.count) is above the supported \(Self.maximumRank)", unsupported: true)
        }
        for d in dims {
            guard d >= 0 else { throw _ONNXError("negative dimension in shape \(dims)") }
            append(unchecked: d)
        }
    }

    /// `[n]`.
    init(_ n: Int) {
        append(unchecked: n)
    }

    /// `[rows, columns]`.
    init(_ rows: Int, _ columns: Int) {
        append(unchecked: rows)
        append(unchecked: columns)
    }

    subscript(i: Int) -> Int {
        get {
            precondition(i >= 0 && i < rank, "shape index \(i) out of rank \(rank)")
            return withUnsafeBytes(of: storage) { $0.load(fromByteOffset: i * MemoryLayout<Int>.stride, as: Int.self) }
        }
        set {
            precondition(i >= 0 && i < rank, "shape index \(i) out of rank \(rank)")
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: newValue, toByteOffset: i * MemoryLayout<Int>.stride, as: Int.self) }
        }
    }

    /// Appends a dimension; the caller has checked the rank limit.
    mutating func append(unchecked d: Int) {
        precondition(rank < Self.maximumRank, "rank above \(Self.maximumRank)")
        rank += 1
        self[rank - 1] = d
    }

    /// Appends a dimension.
    /// - Throws: when the rank would exceed ``maximumRank``.
    mutating func append(_ d: Int) throws {
        guard rank < Self.maximumRank else {
            throw _ONNXError("rank above the supported \(Self.maximumRank)", unsupported: true)
        }
        append(unchecked: d)
    }

    mutating func removeAll() { rank = 0 }

    var dims: [Int] { (0..<rank).map { self[$0] } }

    /// Product of the dimensions (1 for a scalar), or an error when it is above the current
    /// limit (``_ONNXTensor/elementLimit``).
    func elementCount() throws -> Int {
        var n = 1
        for i in 0..<rank {
            let (p, o) = n.multipliedReportingOverflow(by: self[i])
            guard !o, p <= _ONNXTensor.maximumElementCount else {
                throw _ONNXError("shape \(self) has more than \(_ONNXTensor.maximumElementCount) elements")
            }
            n = p
        }
        // The task-local limit is never below the probe's, so it is read only for tensors above
        // that size: ordinary runs pay nothing for it.
        if n > _ONNXTensor.probeElementLimit {
            let limit = _ONNXTensor.elementLimit
            guard n <= limit else { throw _ONNXError("shape \(self) has more than \(limit) elements") }
        }
        return n
    }

    /// Product of dimensions `range` (the caller keeps the range inside the rank).
    func product(_ range: Range<Int>) -> Int {
        var n = 1
        for i in range { n = n &* self[i] }
        return n
    }

    static func == (a: _ONNXShape, b: _ONNXShape) -> Bool {
        guard a.rank == b.rank else { return false }
        for i in 0..<a.rank where a[i] != b[i] { return false }
        return true
    }

    var description: String { "[" + dims.map(String.init).joined(separator: ", ") + "]" }

    /// The numpy (multidirectional) broadcast of two shapes.
    static func broadcast(_ a: _ONNXShape, _ b: _ONNXShape) throws -> _ONNXShape {
        var out = _ONNXShape()
        let r = max(a.rank, b.rank)
        for i in 0..<r {
            let da = i < r - a.rank ? 1 : a[i - (r - a.rank)]
            let db = i < r - b.rank ? 1 : b[i - (r - b.rank)]
            if da == db || db == 1 {
                out.append(unchecked: da)
            } else if da == 1 {
                out.append(unchecked: db)
            } else {
                throw _ONNXError("shapes \(a) and \(b) cannot be broadcast together")
            }
        }
        return out
    }

    /// Strides (in elements) of a row-major tensor of shape `self` seen from an output of
    /// shape `output` (rank ≥ own rank): 0 along broadcast dimensions. Ranks are aligned at
    /// the right, as in numpy.
    func broadcastStrides(to output: _ONNXShape) -> _ONNXShape {
        var strides = _ONNXShape()
        let pad = output.rank - rank
        for _ in 0..<output.rank { strides.append(unchecked: 0) }
        var s = 1
        var i = rank - 1
        while i >= 0 {
            strides[i + pad] = self[i] == 1 ? 0 : s
            s = s &* self[i]
            i -= 1
        }
        return strides
    }
}
