import Testing

/// Every implemented indicator against TA-Lib's own outputs on 400 daily bars, and its streaming
/// form against its batch form.
@Suite struct IndicatorFixtureTests {
    @Test(arguments: FixtureCase.all)
    func matchesTALibWithinTheLookbackAndTolerance(_ c: FixtureCase) throws {
        let outputs = try c.batch(c.fixture)
        #expect(outputs.count == c.columns.count)
        for (output, column) in zip(outputs, c.columns) {
            try expectMatchesFixture(output, column: column, lookback: c.lookback, in: c.fixture)
        }
    }

    @Test(arguments: FixtureCase.all)
    func streamingEqualsBatchBitForBit(_ c: FixtureCase) throws {
        let batch = try c.batch(c.fixture)
        let stream = try c.stream(c.fixture, nil)
        for (k, column) in c.columns.enumerated() { expectBitIdentical(stream[k], batch[k], column) }
    }

    @Test(arguments: FixtureCase.all, [1, 7, 150, 399])
    func checkpointRestoreAndContinueGivesTheSameValues(_ c: FixtureCase, at bar: Int) throws {
        let batch = try c.batch(c.fixture)
        let resumed = try c.stream(c.fixture, bar)
        for (k, column) in c.columns.enumerated() { expectBitIdentical(resumed[k], batch[k], "\(column) resumed at \(bar)") }
    }
}
