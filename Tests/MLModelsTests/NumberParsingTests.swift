import MLCore
@testable import MLModels
import Testing

/// The hand-written decimal parser agrees with the standard library's correctly rounded
/// `Double(String)` / `Float(String)` on random and adversarial inputs.
@Suite struct NumberParsingTests {
    static func parseBoth(_ text: String) -> (Double?, Float?) {
        var copy = text
        return copy.withUTF8 { p in (_NumberParsing.double(p, 0, p.count), _NumberParsing.float(p, 0, p.count)) }
    }

    @Test func randomDecimalsMatchTheStandardLibrary() {
        var rng = SplitMix64(seed: 42)
        var checked = 0
        for _ in 0..<60_000 {
            let digits = Int.random(in: 1...20, using: &rng)
            var mantissa = ""
            for k in 0..<digits {
                mantissa.append(Character(String(k == 0 ? Int.random(in: 1...9, using: &rng) : Int.random(in: 0...9, using: &rng))))
            }
            let point = Int.random(in: 0...digits, using: &rng)
            var text = mantissa
            if point < digits { text.insert(".", at: text.index(text.startIndex, offsetBy: max(point, 1))) }
            if Bool.random(using: &rng) { text = "-" + text }
            if Int.random(in: 0..<3, using: &rng) == 0 { text += "e\(Int.random(in: -45...40, using: &rng))" }
            let (d, f) = Self.parseBoth(text)
            #expect(d?.bitPattern == Double(text)?.bitPattern, "\(text)")
            #expect(f?.bitPattern == Float(text)?.bitPattern, "\(text)")
            checked += 1
        }
        #expect(checked == 60_000)
    }

    @Test func shortestFloatReprsRoundTrip() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<50_000 {
            let f = Float(bitPattern: UInt32.random(in: 0...UInt32.max, using: &rng))
            guard f.isFinite else { continue }
            let (_, parsed) = Self.parseBoth(f.description)
            #expect(parsed?.bitPattern == f.bitPattern, "\(f)")
        }
    }

    @Test func edgeCases() {
        // Exactly halfway between two floats: 1 + 2^-24 must round to even (1.0), and just above it up.
        #expect(Self.parseBoth("1.000000059604644775390625").1 == 1.0)
        #expect(Self.parseBoth("1.000000059604644775390626").1 == Float(1).nextUp)
        #expect(Self.parseBoth("16777217").1 == 16_777_216)  // a double-exact float midpoint: ties to even
        #expect(Self.parseBoth("16777219").1 == 16_777_220)
        #expect(Self.parseBoth("-0").0?.sign == .minus)
        #expect(Self.parseBoth("1e400").0 == .infinity)
        #expect(Self.parseBoth("inf").1 == .infinity)
        #expect(Self.parseBoth("nan").0?.isNaN == true)
        for bad in ["", "-", ".", "1e", "1.2.3", "0x10", "1 ", "e5", "--1", "1e+"] {
            #expect(Self.parseBoth(bad).0 == nil, "\(bad)")
        }
    }
}
