extension Table {
    /// The SHA-256 of the table's canonical encoding: the stream of ``ContentHasher``
    /// (kind `"mlops-table-v1"`), the column count (`UInt64`), then every column in order.
    ///
    /// - `Float` / `Double` columns: ``ContentHasher/combineColumn(named:_:)-(_,[Float])`` and
    ///   the `Double` overload (name, `"f32"`/`"f64"`, count, canonical values; NaN = missing).
    /// - `Int` and `String` columns, which may hold missing values: name, `"i64?"` / `"str?"`,
    ///   count, then per value a presence word (`UInt64` 0 = missing, 1 = present) followed,
    ///   when present, by the value (`Int` as 8 little-endian bytes, `String` length-prefixed UTF-8).
    ///
    /// Same names, types and values in the same order ⇒ same hash, whether the table was read
    /// from CSV, built in code or selected from a larger table. Row order matters.
    public func contentHash() -> ContentHash {
        var hasher = ContentHasher(kind: "mlops-table-v1")
        hasher.combine(UInt64(columnCount))
        for (name, column) in zip(names, columns) {
            switch column {
            case .float(let values): hasher.combineColumn(named: name, values)
            case .double(let values): hasher.combineColumn(named: name, values)
            case .int(let values): hasher.combineOptionals(named: name, tag: "i64?", values) { $0.combine($1) }
            case .string(let values): hasher.combineOptionals(named: name, tag: "str?", values) { $0.combine($1) }
            }
        }
        return hasher.finalize()
    }
}

extension ContentHasher {
    /// A column that may hold missing values: name, `tag`, count, then per value a presence
    /// word (0 = missing, 1 = present) followed, when present, by the value.
    fileprivate mutating func combineOptionals<Value>(
        named name: String, tag: String, _ values: [Value?], _ combineValue: (inout ContentHasher, Value) -> Void
    ) {
        combine(name)
        combine(tag)
        combine(UInt64(values.count))
        for value in values {
            if let value {
                combine(UInt64(1))
                combineValue(&self, value)
            } else {
                combine(UInt64(0))
            }
        }
    }
}
