extension Matrix {
    /// The SHA-256 of the matrix's canonical encoding: the stream of ``ContentHasher``
    /// (kind `"mlops-matrix-v1"`), then the element type tag (`"f32"` for `Float`, `"f64"`
    /// for `Double`, as a `String`), `rows` and `columns` (`UInt64` each), then the elements
    /// in row-major order (NaN and −0.0 canonicalized).
    ///
    /// Same shape, same type and, element by element, both NaN or `==` ⇒ same hash, however
    /// the matrix was built or loaded. A `Matrix<Float>` and a `Matrix<Double>` never hash
    /// equal, nor do `2 × 3` and `3 × 2` matrices with the same elements.
    public func contentHash() -> ContentHash {
        var hasher = ContentHasher(kind: "mlops-matrix-v1")
        if let floats = _sameTypeArray(elements, as: Float.self) {
            combineHeader(into: &hasher, tag: "f32")
            floats.withUnsafeBufferPointer { hasher.combine(elements: $0) }
        } else {
            // Double, or a user-defined scalar widened to Double.
            combineHeader(into: &hasher, tag: "f64")
            let doubles = _sameTypeArray(elements, as: Double.self) ?? elements.map { Double($0) }
            doubles.withUnsafeBufferPointer { hasher.combine(elements: $0) }
        }
        return hasher.finalize()
    }

    private func combineHeader(into hasher: inout ContentHasher, tag: String) {
        hasher.combine(tag)
        hasher.combine(UInt64(rows))
        hasher.combine(UInt64(columns))
    }
}
