import Foundation
import MLFeatures
import MLTesting
import Testing

/// The golden cases in Tests/Fixtures (read with MLTesting's `FixtureLocator`).
let fixtures = FixtureLocator()

/// `Tests/Fixtures/indicators/ind_daily_400`: 400 daily bars (`ohlcv.csv`) and TA-Lib's own
/// outputs (`expected.csv`, an empty field where TA-Lib returned NaN).
struct IndicatorFixture: Sendable {
    let open, high, low, close, volume: [Double]
    let expected: NumericCSV

    static let daily400 = load("indicators/ind_daily_400")
    /// The same bars with TA-Lib's outputs for the indicators and parameters `ind_daily_400` lacks
    /// (made by `scripts/make-indicator-fixture-extra.py` with TA-Lib 0.8.2 / C 0.8.1).
    static let daily400Extra = load("indicators/ind_daily_400_extra")

    private static func load(_ folder: String) -> IndicatorFixture {
        do { return try IndicatorFixture(folder: folder) } catch {
            fatalError("fixture \(folder) unreadable: \(error)")
        }
    }

    init(folder: String) throws {
        let bars = try NumericCSV(path: fixtures.path("\(folder)/ohlcv.csv"))
        open = try bars.column("open")
        high = try bars.column("high")
        low = try bars.column("low")
        close = try bars.column("close")
        volume = try bars.column("volume")
        expected = try NumericCSV(path: fixtures.path("\(folder)/expected.csv"))
    }

    var count: Int { close.count }
}

/// Relative tolerance against TA-Lib (the brief's 1e-9), with an absolute floor of 1e-12 for
/// values that are exactly 0 in the fixture.
let relativeTolerance = 1e-9

/// Checks `actual` against the fixture column `name`: NaN exactly where the fixture is empty (the
/// lookback), within ``relativeTolerance`` elsewhere. Returns the largest relative error.
@discardableResult
func expectMatchesFixture(
    _ actual: [Double], column name: String, lookback: Int, in fixture: IndicatorFixture,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> Double {
    let expected = try fixture.expected.column(name)
    #expect(actual.count == expected.count, "\(name): length", sourceLocation: sourceLocation)
    var worst = 0.0
    for (i, (a, e)) in zip(actual, expected).enumerated() {
        if i < lookback {
            #expect(e.isNaN && a.isNaN, "\(name)[\(i)]: \(a) vs \(e), both NaN in the lookback", sourceLocation: sourceLocation)
            continue
        }
        #expect(!e.isNaN, "\(name)[\(i)]: the fixture is defined after the lookback", sourceLocation: sourceLocation)
        let error = (a - e).magnitude
        worst = max(worst, e == 0 ? error : error / e.magnitude)
        #expect(
            error <= relativeTolerance * e.magnitude + 1e-12, "\(name)[\(i)]: \(a) vs TA-Lib \(e)",
            sourceLocation: sourceLocation
        )
    }
    print("fixture \(name): max relative error \(worst)")
    return worst
}

/// `a` and `b` are the same doubles bit for bit (NaN payloads included).
func expectBitIdentical(
    _ a: [Double], _ b: [Double], _ what: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(a.count == b.count, "\(what): length", sourceLocation: sourceLocation)
    let firstDifference = zip(a, b).enumerated().first { $0.element.0.bitPattern != $0.element.1.bitPattern }?.offset
    #expect(firstDifference == nil, "\(what): first differs at \(firstDifference ?? -1)", sourceLocation: sourceLocation)
}

/// Runs a streaming state over `count` bars, `step` giving bar `i`'s outputs (NaN where the state
/// returned nil); when `checkpoint` is set the state goes through a JSON round trip after that many
/// bars. Returns one array per output.
func streamed<State: Codable>(
    _ initial: State, count: Int, outputs: Int, checkpoint: Int? = nil,
    _ step: (inout State, Int) -> [Double]
) throws -> [[Double]] {
    var state = initial
    var result = [[Double]](repeating: [], count: outputs)
    for i in 0..<count {
        if i == checkpoint {
            let data = try JSONEncoder().encode(state)
            state = try JSONDecoder().decode(State.self, from: data)
        }
        for (k, value) in step(&state, i).enumerated() { result[k].append(value) }
    }
    return result
}
