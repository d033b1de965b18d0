import MLCore
import Testing

@testable import MLServeHTTP

/// The body parser's numbers: every feature must be the float32 of the correctly rounded
/// double of its text (what `Float(Double(text))` gives), on the fast path and off it.
@Suite struct ScoreRequestNumberTests {
    func parse(_ texts: [String]) throws -> [Float] {
        let body = #"{"features":["# + texts.joined(separator: ",") + "]}"
        return try Array(body.utf8).withUnsafeBytes { raw in
            try _ScoreRequestParser.parseSingle(raw, expectedFeatures: texts.count).features
        }
    }

    @Test func handPickedNumbers() throws {
        let texts = [
            "0", "-0", "1", "-1", "0.5", "0.1", "-0.309208", "1.34083", "0.00530138", "123456789", "9007199254740992",
            "9007199254740993", "0.30000000000000004", "1234567890123456789", "12345678901234567890", "1e3", "-2E-3",
            "1.5e+2", "0.0000000000000000000001", "0.00000000000000000000001", "3.4028234e38", "1.17549435e-38",
            "1.4e-45", "123.456", "99999999999999999999.5",
        ]
        let got = try parse(texts)
        for (text, value) in zip(texts, got) {
            let expected = Float(Double(text) ?? .nan)
            #expect(value.bitPattern == expected.bitPattern, "\(text): \(value) vs \(expected)")
        }
    }

    @Test func randomDecimalsMatchTheStandardLibrary() throws {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<200 {
            var texts: [String] = []
            for _ in 0..<50 {
                let integerDigits = Int(generator.next() % 12)
                let fractionDigits = Int(generator.next() % 25)
                var text = generator.next() % 2 == 0 ? "-" : ""
                text += integerDigits == 0 ? "0" : String((0..<integerDigits).map { k in
                    Character(String(k == 0 ? 1 + generator.next() % 9 : generator.next() % 10))
                })
                if fractionDigits > 0 {
                    text += "." + String((0..<fractionDigits).map { _ in Character(String(generator.next() % 10)) })
                }
                texts.append(text)
            }
            let got = try parse(texts)
            for (text, value) in zip(texts, got) {
                #expect(value.bitPattern == Float(Double(text) ?? .nan).bitPattern, "\(text)")
            }
        }
    }
}
