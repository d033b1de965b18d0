import Testing

@testable import MLServeHTTP

/// The body parser sizes its buffers by the bytes that arrived, never by the feature count a
/// model declares or the batch limit (issue #12: a model declaring 268 million features made
/// every batch reserve gigabytes).
@Suite struct ScoreRequestParserSizingTests {
    func batch(_ body: String, expectedFeatures: Int, maxRows: Int) throws -> _ParsedScoreRequest {
        try Array(body.utf8).withUnsafeBytes { raw in
            try _ScoreRequestParser.parseBatch(raw, expectedFeatures: expectedFeatures, maxRows: maxRows)
        }
    }

    func single(_ body: String, expectedFeatures: Int) throws -> _ParsedScoreRequest {
        try Array(body.utf8).withUnsafeBytes { raw in
            try _ScoreRequestParser.parseSingle(raw, expectedFeatures: expectedFeatures)
        }
    }

    @Test func aBatchReservesRoomForItsBytesNotForTheLimit() throws {
        let body = #"{"rows":[[1,2,3],[4,5,6]]}"#
        let parsed = try batch(body, expectedFeatures: 3, maxRows: 1000)
        #expect(parsed.features == [1, 2, 3, 4, 5, 6])
        #expect(parsed.rowCount == 2)
        // 26 body bytes hold at most 13 numbers; the limit alone would have reserved 3,000.
        #expect(parsed.features.capacity < 64, "capacity \(parsed.features.capacity)")
    }

    @Test func aHugeDeclaredFeatureCountCostsNothing() {
        // Declared counts whose products overflow, or would be terabytes: refused as a
        // feature-count mismatch, with buffers the size of the body.
        for declared in [268_435_453, Int.max / 4, Int.max] {
            #expect(throws: _ParseFailure.self) { try batch(#"{"rows":[[1,2],[3,4]]}"#, expectedFeatures: declared, maxRows: 1000) }
            #expect(throws: _ParseFailure.self) { try single(#"{"features":[1,2]}"#, expectedFeatures: declared) }
            do {
                _ = try batch(#"{"rows":[[1]]}"#, expectedFeatures: declared, maxRows: Int.max)
                Issue.record("a one-feature row was accepted for \(declared) features")
            } catch {
                #expect((error as? _ParseFailure)?.kind == .featureCount)
            }
        }
    }

    @Test func rowsStillFillPastTheFirstReservation() throws {
        // A body bigger than any early guess: every row lands, in order.
        let rows = (0..<3000).map { "[\($0),\($0 + 1)]" }.joined(separator: ",")
        let parsed = try batch(#"{"rows":[\#(rows)]}"#, expectedFeatures: 2, maxRows: 5000)
        #expect(parsed.rowCount == 3000)
        #expect(parsed.features.count == 6000)
        #expect(parsed.features[5998] == 2999)
        #expect(parsed.features[5999] == 3000)
    }
}
