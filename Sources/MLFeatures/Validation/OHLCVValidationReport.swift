import MLCore

/// What ``OHLCVValidator/validate(_:)`` found: one ``OHLCVFinding`` per kind of problem present.
public struct OHLCVValidationReport: Sendable, Hashable, Codable {
    /// The bars checked.
    public let rowCount: Int
    /// One finding per kind of problem present, in ``OHLCVFinding/Kind`` order; empty when the bars are clean.
    public let findings: [OHLCVFinding]

    /// Whether no problem was found.
    public var passed: Bool { findings.isEmpty }

    /// The data rows (1-based) named by any finding, ascending, each once.
    public var flaggedRowNumbers: [Int] {
        Array(Set(findings.flatMap(\.rowNumbers))).sorted()
    }

    /// The 0-based indices of the rows no finding names, ascending: what `drop` mode keeps.
    public var keptRows: [Int] {
        let flagged = Set(findings.flatMap(\.rowNumbers))
        return (0..<rowCount).filter { !flagged.contains($0 + 1) }
    }

    /// `table` without the flagged rows (all its columns kept): drop mode's output.
    /// - Throws: ``FeatureError`` `.invalidInput` when `table` does not have ``rowCount`` rows.
    public func droppingFlaggedRows(from table: Table) throws -> Table {
        guard table.rowCount == rowCount else {
            throw FeatureError(
                .invalidInput, "has \(table.rowCount) rows; the report is of \(rowCount)", argument: "table")
        }
        return try table.selectingRows(keptRows)
    }
}
