import MLCore

/// The features of a batch of events, as ``EntityAggregation/features(_:entity:time:value:category:)``
/// computes them: `rowCount × featureCount` values addressed by the events' input rows.
///
/// Stored in the order they were computed — grouped by entity, each entity's events in time
/// order — with each input row's position, so computing writes memory sequentially and no
/// reordering pass is needed before writing them out (``FeatureCSVWriter`` reads them in input
/// order). ``matrix()`` makes the input-order matrix when one is needed.
public struct EventFeatures: Sendable {
    /// The number of events (rows).
    public let rowCount: Int
    /// The number of features per event.
    public let featureCount: Int
    /// The values, `featureCount` per event, in computation order.
    let storage: [Double]
    /// The position in computation order of each input row; nil when that is the row itself.
    let positions: [Int]?

    init(rowCount: Int, featureCount: Int, storage: [Double], positions: [Int]?) {
        self.rowCount = rowCount
        self.featureCount = featureCount
        self.storage = storage
        self.positions = positions
    }

    /// Feature `feature` (0-based, in ``EntityAggregation/featureNames(value:)`` order) of input
    /// row `row`; NaN is missing. Traps for indices out of range (a programming error).
    public subscript(row: Int, feature: Int) -> Double {
        precondition(feature >= 0 && feature < featureCount, "feature index out of range")
        return storage[(positions?[row] ?? row) * featureCount + feature]
    }

    /// The features of input row `row`. Traps for a row out of range (a programming error).
    public func features(ofRow row: Int) -> ArraySlice<Double> {
        let start = (positions?[row] ?? row) * featureCount
        return storage[start..<start + featureCount]
    }

    /// `rowCount × featureCount`, row `i` the features of input row `i`.
    public func matrix() -> Matrix<Double> {
        guard let positions else {
            do { return try Matrix(rows: rowCount, columns: featureCount, elements: storage) } catch {
                preconditionFailure("internal: \(error)")  // rowCount × featureCount by construction
            }
        }
        var out = [Double](repeating: .nan, count: rowCount * featureCount)
        for row in 0..<rowCount {
            let from = positions[row] * featureCount
            let to = row * featureCount
            for j in 0..<featureCount { out[to + j] = storage[from + j] }
        }
        do {
            return try Matrix(rows: rowCount, columns: featureCount, elements: out)
        } catch {
            preconditionFailure("internal: \(error)")  // the shape is rowCount × featureCount by construction
        }
    }
}
