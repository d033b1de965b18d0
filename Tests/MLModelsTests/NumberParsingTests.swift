import MLCore
@testable import MLModels
import Testing

/// The model files' number entry points: MLCore's decimal scanner (its random and
/// round-trip exactness tests moved to MLCoreTests/DecimalNumberTests) plus the `inf`/`nan`
/// words LightGBM prints, on adversarial inputs.
@Suite struct NumberParsingTests {
    static func parseBoth(_ text: String) -> (Double?, Float?) {
        var copy = text
        return copy.withUTF8 { p in (_NumberParsing.double(p, 0, p.count), _NumberParsing.float(p, 0, p.count)) }
    }

    @Test func edgeCases() {
        // Rounding edge cases of the digits themselves: MLCoreTests/DecimalNumberTests.
        #expect(Self.parseBoth("inf").1 == .infinity)
        #expect(Self.parseBoth("nan").0?.isNaN == true)
        #expect(Self.parseBoth("-Infinity").0 == -.infinity)
        #expect(Self.parseBoth("12.5").1 == 12.5)
        for bad in ["", "-", ".", "1e", "1.2.3", "0x10", "1 ", "e5", "--1", "1e+"] {
            #expect(Self.parseBoth(bad).0 == nil, "\(bad)")
        }
    }
}
