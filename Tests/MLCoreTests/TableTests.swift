import MLCore
import MLTesting
import Testing

@Suite struct TableTests {
    func sample() throws -> Table {
        try Table(
            names: ["id", "age", "score", "city"],
            columns: [
                .int([1, 2, nil]),
                .double([31, .nan, 40.5]),
                .float([0.25, 0.5, .nan]),
                .string(["Oslo", nil, "Lima"]),
            ])
    }

    @Test func shapeLookupAndTypes() throws {
        let t = try sample()
        #expect(t.rowCount == 3)
        #expect(t.columnCount == 4)
        #expect(t.names == ["id", "age", "score", "city"])
        #expect(t.index(of: "score") == 2)
        #expect(t.index(of: "nope") == nil)
        #expect(t["city"] == .string(["Oslo", nil, "Lima"]))
        #expect(t["nope"] == nil)
        #expect(try t.column(named: "id") == .int([1, 2, nil]))
        #expect(t.schema == ["id": .int, "age": .double, "score": .float, "city": .string])
        #expect(t.columns.map(\.type) == [.int, .double, .float, .string])
        #expect(t.columns.map(\.missingCount) == [1, 1, 1, 1])
        #expect(t.columns[1].isMissing(at: 1))
        #expect(!t.columns[1].isMissing(at: 0))
    }

    @Test func unknownColumnNamesIt() throws {
        let t = try sample()
        let error = #expect(throws: DataFormatError.self) { try t.column(named: "agee") }
        #expect(error?.code == .schema)
        #expect(error?.field == "agee")
        #expect(error?.message.contains("'age'") == true)
        let selectError = #expect(throws: DataFormatError.self) { try t.selecting(["id", "zip"]) }
        #expect(selectError?.field == "zip")
        let matrixError = #expect(throws: DataFormatError.self) { try t.matrix(Double.self, columns: ["x"]) }
        #expect(matrixError?.code == .schema)
    }

    @Test func initializerChecksLengthsNamesAndCounts() {
        let ragged = #expect(throws: DataFormatError.self) {
            try Table(names: ["a", "b"], columns: [.double([1, 2]), .int([1])])
        }
        #expect(ragged?.code == .schema)
        #expect(ragged?.column == 2)
        #expect(ragged?.field == "b")
        let duplicate = #expect(throws: DataFormatError.self) {
            try Table(names: ["a", "b", "a"], columns: [.double([1]), .double([2]), .double([3])])
        }
        #expect(duplicate?.code == .schema)
        #expect(duplicate?.column == 3)
        #expect(duplicate?.field == "a")
        #expect(throws: DataFormatError.self) { try Table(names: ["a"], columns: []) }
    }

    @Test func emptyTables() throws {
        let none = try Table(names: [], columns: [])
        #expect(none.rowCount == 0)
        #expect(none.columnCount == 0)
        let noRows = try Table([(name: "a", column: .double([])), (name: "b", column: .string([]))])
        #expect(noRows.rowCount == 0)
        let m = try noRows.matrix(Float.self, columns: ["a"])
        #expect(m.rows == 0 && m.columns == 1)
    }

    @Test func selectingKeepsOrderAndRejectsRepeats() throws {
        let t = try sample()
        let s = try t.selecting(["city", "id"])
        #expect(s.names == ["city", "id"])
        #expect(s.columns == [t.columns[3], t.columns[0]])
        #expect(throws: DataFormatError.self) { try t.selecting(["id", "id"]) }
    }

    @Test func matrixConversionIsRowMajorWithNaNForMissing() throws {
        let t = try sample()
        let m = try t.matrix(Double.self, columns: ["id", "age", "score"])
        #expect(m.rows == 3 && m.columns == 3)
        let expected = try Matrix<Double>(rows: 3, columns: 3, elements: [1, 31, 0.25, 2, .nan, 0.5, .nan, 40.5, .nan])
        expectClose(m, expected, .exact)
        let f = try t.matrix(Float.self, columns: ["score", "age"])
        expectClose(f, try Matrix<Float>(rows: 3, columns: 2, elements: [0.25, 31, 0.5, .nan, .nan, 40.5]), .exact)
        // Double → Float rounds to nearest.
        let precise = try Table(names: ["x"], columns: [.double([0.1])])
        #expect(try precise.matrix(Float.self).elements == [Float(0.1)])
    }

    @Test func matrixOfStringColumnIsATypeMismatch() throws {
        let t = try sample()
        let error = #expect(throws: DataFormatError.self) { try t.matrix(Float.self) }
        #expect(error?.code == .typeMismatch)
        #expect(error?.field == "city")
        #expect(error?.column == 4)
    }

    @Test func equalityTreatsMissingAsEqual() throws {
        let a = try Table(names: ["x", "y"], columns: [.double([1, .nan]), .float([.nan, 2])])
        let b = try Table(names: ["x", "y"], columns: [.double([1, -.nan]), .float([.nan, 2])])
        #expect(a == b)
        let c = try Table(names: ["x", "y"], columns: [.double([1, 0]), .float([.nan, 2])])
        #expect(a != c)
        #expect(Column.int([1]) != Column.double([1]))
        #expect(Column.double([0.0]) == Column.double([-0.0]))
    }

    @Test func valueConversions() {
        #expect(Column.int([3, nil]).doubleValues?.map(\.isNaN) == [false, true])
        #expect(Column.int([3, nil]).floatValues?.first == 3)
        #expect(Column.string(["a"]).doubleValues == nil)
        #expect(Column.float([0.5]).doubleValues == [0.5])
        #expect(ColumnType.string.isNumeric == false)
        #expect(ColumnType.int.isNumeric)
    }
}
