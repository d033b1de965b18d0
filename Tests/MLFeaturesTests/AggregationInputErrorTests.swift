import MLCore
import MLFeatures
import Testing

/// Bad aggregation inputs throw ``FeatureError`` naming what and where; nothing traps.
@Suite struct AggregationInputErrorTests {
    static func expectError(
        _ code: FeatureErrorCode, field: String? = nil, index: Int? = nil,
        sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
    ) {
        do {
            try body()
            Issue.record("no error", sourceLocation: sourceLocation)
        } catch let error as FeatureError {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            if let field { #expect(error.field == field, "\(error)", sourceLocation: sourceLocation) }
            if let index { #expect(error.index == index, "\(error)", sourceLocation: sourceLocation) }
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    static let spec: EntityAggregation = {
        do {
            return try EntityAggregation(windows: [AggregationWindow(parsing: "1h")], aggregates: [.count, .mean])
        } catch { fatalError("\(error)") }
    }()

    static func table(_ times: Column, values: Column = .double([1, 2, 3])) throws -> Table {
        try Table(names: ["card", "ts", "amount"], columns: [.int([1, 1, 2]), times, values])
    }

    @Test func badWindowsAndAggregations() {
        for text in ["", "1", "h", "2x", "-1h", "0s", "1.5h", "1 h", "99999999999999999w", "1000000d"] {
            Self.expectError(.invalidParameter, field: "window") { _ = try AggregationWindow(parsing: text) }
        }
        Self.expectError(.invalidParameter, field: "window") { _ = try AggregationWindow.list(parsing: "1h,,2h") }
        Self.expectError(.invalidParameter, field: "window") {
            _ = try EntityAggregation(windows: AggregationWindow.list(parsing: "1h,1h"), aggregates: [.count])
        }
        Self.expectError(.invalidParameter, field: "aggregation") { _ = try EntityAggregate.list(parsing: "count,median") }
        Self.expectError(.invalidParameter, field: "aggregation") {
            _ = try EntityAggregation(windows: [AggregationWindow(parsing: "1h")], aggregates: [.sum, .sum])
        }
        Self.expectError(.invalidParameter, field: "window") { _ = try EntityAggregation(windows: [], aggregates: [.sum]) }
    }

    @Test func unknownColumns() throws {
        let table = try Self.table(.int([0, 1, 2]))
        Self.expectError(.missingColumn, field: "user") { _ = try Self.spec.compute(table, entity: "user", time: "ts", value: "amount") }
        Self.expectError(.missingColumn, field: "time") { _ = try Self.spec.compute(table, entity: "card", time: "time", value: "amount") }
        Self.expectError(.missingColumn, field: "amt") { _ = try Self.spec.compute(table, entity: "card", time: "ts", value: "amt") }
        let distinct = try EntityAggregation(windows: [AggregationWindow(parsing: "1h")], aggregates: [.distinct])
        Self.expectError(.invalidParameter, field: "category") { _ = try distinct.compute(table, entity: "card", time: "ts", value: "amount") }
        Self.expectError(.missingColumn, field: "mcc") {
            _ = try distinct.compute(table, entity: "card", time: "ts", value: "amount", category: "mcc")
        }
    }

    @Test func badTimesAndValuesNameTheRow() throws {
        Self.expectError(.invalidInput, field: "ts", index: 1) {
            _ = try Self.spec.compute(Self.table(.string(["2024-01-01T00:00:00Z", "2024-13-01T00:00:00Z", "0"])),
                                      entity: "card", time: "ts", value: "amount")
        }
        Self.expectError(.invalidInput, field: "ts", index: 2) {
            _ = try Self.spec.compute(Self.table(.int([0, 1, nil])), entity: "card", time: "ts", value: "amount")
        }
        Self.expectError(.invalidInput, field: "ts", index: 0) {
            _ = try Self.spec.compute(Self.table(.double([1e300, 1, 2])), entity: "card", time: "ts", value: "amount")
        }
        Self.expectError(.invalidInput, field: "amount", index: 2) {
            _ = try Self.spec.compute(Self.table(.int([0, 1, 2]), values: .string(["1", nil, "abc"])),
                                      entity: "card", time: "ts", value: "amount")
        }
        Self.expectError(.invalidInput, field: "card", index: 1) {
            let table = try Table(names: ["card", "ts", "amount"], columns: [.string(["a", nil, "b"]), .int([0, 1, 2]), .double([1, 2, 3])])
            _ = try Self.spec.compute(table, entity: "card", time: "ts", value: "amount")
        }
    }

    @Test func mismatchedArrays() {
        Self.expectError(.invalidInput) {
            _ = try Self.spec.compute(entities: .int([1, 2]), times: [0, 1, 2], values: [1, 2, 3])
        }
        Self.expectError(.invalidInput) {
            _ = try Self.spec.compute(entities: .int([1, 2, 3]), times: [0, 1, 2], values: [1, 2])
        }
    }

    @Test func emptyInputGivesNoRows() throws {
        let m = try Self.spec.compute(entities: .int([]), times: [], values: [])
        #expect(m.rows == 0 && m.columns == 2)
    }
}
