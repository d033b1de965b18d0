extension Matrix {
    /// A matrix from an ``NPYArray``.
    ///
    /// **Shapes.** A 2-D array `(r, c)` gives an `r × c` matrix; a 1-D array `(n,)` gives an
    /// `n × 1` column (one value per sample, as label and score vectors are stored); a 0-d
    /// scalar gives `1 × 1`. Ranks above 2 throw.
    ///
    /// **Conversions.** `float32` into `Matrix<Float>` and `float64` into `Matrix<Double>`
    /// share the array's storage (no copy). Otherwise each element is converted to `Scalar`
    /// rounding to nearest: `float64 → Float` may round or overflow to ±∞; integers beyond
    /// ±2²⁴ (`Float`) or ±2⁵³ (`Double`) round; `bool` gives 0 or 1. NaN and ±∞ are kept.
    ///
    /// - Throws: ``DataFormatError`` `.unsupported` (field `shape`) for rank > 2.
    public init(_ array: NPYArray) throws {
        let rows: Int
        let columns: Int
        switch array.shape.count {
        case 0: (rows, columns) = (1, 1)
        case 1: (rows, columns) = (array.shape[0], 1)
        case 2: (rows, columns) = (array.shape[0], array.shape[1])
        default:
            throw DataFormatError(
                .unsupported,
                "a \(array.shape.count)-D array \(_NPYHeader.describe(array.shape)) cannot be a matrix (rank 0, 1 or 2 needed)",
                field: "shape")
        }
        let elements: [Scalar]
        if Scalar.self == Float.self, let same = _sameTypeArray(array.floats(), as: Scalar.self) {
            elements = same
        } else if Scalar.self == Double.self, let same = _sameTypeArray(array.doubles(), as: Scalar.self) {
            elements = same
        } else {
            elements = array.doubles().map { Scalar($0) }
        }
        self.init(uncheckedRows: rows, columns: columns, elements: elements)
    }

    /// Reads an `.npy` file into a matrix (see ``init(_:)-(NPYArray)`` for shapes and
    /// conversions). A `float32` file read as `Matrix<Float>` costs one read of the file.
    /// - Throws: ``DataFormatError`` as ``NPYArray/init(contentsOfFile:)`` and ``init(_:)-(NPYArray)`` do.
    public init(contentsOfNPYFile path: String) throws {
        do {
            try self.init(try NPYArray(contentsOfFile: path))
        } catch let error as DataFormatError {
            throw error.path == nil ? error.at(path: path) : error
        }
    }

    /// The `.npy` file content for this matrix: a 2-D `(rows, columns)` array of `<f4`
    /// (`Float`) or `<f8` (`Double`), byte-identical to `numpy.save`'s.
    public func npyBytes() -> [UInt8] { NPYArray(self).npyBytes() }

    /// Writes this matrix as a 2-D `.npy` file (see ``npyBytes()``).
    /// - Throws: ``DataFormatError`` `.io` when the file cannot be created or written.
    public func writeNPY(toFile path: String) throws { try NPYArray(self).write(toFile: path) }
}
