import MLCore

/// Features computed by a ``FeatureSet``: one column of `rowCount` values per feature, with the
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
    /// One column per feature (in ``names`` order), `rowCount` values each; NaN during lookbacks.
    public let columns: [[Double]]

    /// The values of feature `name`, one per bar.
    /// - Throws: ``FeatureError`` `.unknownIndicator` (field: the name) when the frame has no such feature.
    public func column(named name: String) throws -> [Double] {
        guard let j = names.firstIndex(of: name) else {
            throw FeatureError(.unknownIndicator, "the frame has no such feature", field: name)
        }
        return columns[j]
    }

    /// The features of bar `index` (in `0..<rowCount`), in ``names`` order — what a
    /// ``FeatureStream`` returns for that bar.
    public func row(_ index: Int) -> [Double] {
        columns.map { $0[index] }
    }

    /// The frame as a table: the timestamp column (named `timestampName`) when there is one, then
    /// one `Double` column per feature (NaN = missing, written as an empty CSV field).
    public func table(timestampName: String = "timestamp") throws -> Table {
        var table: [(name: String, column: Column)] = []
        if let timestamps { table.append((timestampName, timestamps)) }
        for (name, values) in zip(names, columns) { table.append((name, .double(values))) }
        return try Table(table)
    }
}
