import MLCore

/// Features computed by a ``FeatureSet``: `rowCount × names.count` values, row-major, with the
/// provenance that proves two computations identical — the set's name, version and
/// ``definitionHash``, and the ``inputHash`` of the bars (``OHLCVBars/contentHash``).
public struct FeatureFrame: Sendable, Equatable {
    /// The set's name.
    public let setName: String
    /// The set's version.
    public let setVersion: String
    /// The set's ``FeatureSet/definitionHash``.
    public let definitionHash: ContentHash
    /// The input bars' ``OHLCVBars/contentHash``.
    public let inputHash: ContentHash
    /// Feature names, in column order.
    public let names: [String]
    /// The input's timestamp column as read, if it had one.
    public let timestamps: Column?
    /// Bars (rows).
    public let rowCount: Int
    /// Row-major values: feature `j` of bar `i` is `values[i * names.count + j]`; NaN during lookbacks.
    public let values: [Double]

    /// The values of feature `name`, one per bar.
    /// - Throws: ``FeatureError`` `.unknownIndicator` (field: the name) when the frame has no such feature.
    public func column(named name: String) throws -> [Double] {
        guard let j = names.firstIndex(of: name) else {
            throw FeatureError(.unknownIndicator, "the frame has no such feature", field: name)
        }
        let width = names.count
        return (0..<rowCount).map { values[$0 * width + j] }
    }

    /// The frame as a table: the timestamp column (named `timestampName`) when there is one, then
    /// one `Double` column per feature (NaN = missing, written as an empty CSV field).
    public func table(timestampName: String = "timestamp") throws -> Table {
        let width = names.count
        var columns: [(name: String, column: Column)] = []
        if let timestamps { columns.append((timestampName, timestamps)) }
        for (j, name) in names.enumerated() {
            let column = [Double](unsafeUninitializedCapacity: rowCount) { out, initialized in
                values.withUnsafeBufferPointer { v in
                    for i in 0..<rowCount { out.initializeElement(at: i, to: v[i * width + j]) }
                }
                initialized = rowCount
            }
            columns.append((name, .double(column)))
        }
        return try Table(columns)
    }
}
