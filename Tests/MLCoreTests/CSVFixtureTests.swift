import MLCore
import MLTesting
import Testing

/// Reads a fixture written by the reference tooling (XGBoost test features, 8 columns,
/// empty fields for missing values).
@Suite struct CSVFixtureTests {
    let path = FixtureLocator(testFile: #filePath).path("models/xgb_binary_logistic/X.csv")

    @Test func readsXGBoostFeatures() throws {
        let table = try CSVReader().read(contentsOf: path)
        #expect(table.rowCount == 401)
        #expect(table.names == (0..<8).map { "f\($0)" })
        #expect(table.columns.allSatisfy { $0.type == .double })
        #expect(table.columns.map(\.missingCount) == [23, 13, 23, 27, 27, 18, 29, 18])
        let x = try table.matrix(Double.self)
        #expect(x.rows == 401 && x.columns == 8)
        // First record: ",-2.6475107669830322,2.713925361633301,-1.212704062461853,..."
        #expect(x[0, 0].isNaN)
        #expect(x[0, 1] == -2.6475107669830322)
        #expect(x[0, 2] == 2.713925361633301)
        #expect(x[0, 5].isNaN)
        #expect(x[0, 7] == -4.605187892913818)
        #expect(x[1, 0] == 1.9024137258529663)
        #expect(x[1, 6].isNaN)
        // The last record is all missing (",,,,,,,").
        #expect(x.row(400).allSatisfy { $0.isNaN })
        // As Float, the same values rounded once.
        let f = try CSVReader(numericType: .float).read(contentsOf: path).matrix(Float.self)
        #expect(f[0, 1] == Float(-2.6475107669830322))
        expectClose(f, x.converted(to: Float.self), .exact)
    }

    @Test func roundTripsThroughTheWriter() throws {
        let table = try CSVReader().read(contentsOf: path)
        let back = try CSVReader().read(bytes: try CSVWriter().bytes(from: table))
        #expect(identicalBits(back, table))
    }
}
