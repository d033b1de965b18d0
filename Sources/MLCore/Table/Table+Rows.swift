extension Table {
    /// A table of the rows at `rows` (0-based, in the given order; repeats allowed), every column kept.
    /// - Throws: ``DataFormatError`` with code `.schema` (and `index`) for a row outside `0..<rowCount`.
    public func selectingRows(_ rows: [Int]) throws -> Table {
        if let bad = rows.first(where: { !(0..<rowCount).contains($0) }) {
            throw DataFormatError(.schema, "row \(bad) is outside 0..<\(rowCount)", index: bad)
        }
        return try Table(names: names, columns: columns.map { $0.selecting(rows) })
    }
}

extension Column {
    /// The values at `rows` (all in range; checked by the caller).
    func selecting(_ rows: [Int]) -> Column {
        switch self {
        case .float(let v): .float(rows.map { v[$0] })
        case .double(let v): .double(rows.map { v[$0] })
        case .int(let v): .int(rows.map { v[$0] })
        case .string(let v): .string(rows.map { v[$0] })
        }
    }
}
