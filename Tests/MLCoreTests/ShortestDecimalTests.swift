import Testing

@testable import MLCore

/// ``ShortestDecimal`` writes what Swift's `description` writes (the shortest text that reads
/// back, the nearest among those) wherever it takes the fast path, and its text always reads back.
@Suite struct ShortestDecimalTests {
    static func text(_ x: Double) -> String? {
        var bytes: [UInt8] = []
        guard ShortestDecimal.append(x, to: &bytes) else {
            #expect(bytes.isEmpty)
            return nil
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `description` without a trailing `.0` (whole numbers are written as integers).
    static func swiftText(_ x: Double) -> String {
        let text = x.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    @Test func handPickedValues() {
        #expect(Self.text(0.1) == "0.1")
        #expect(Self.text(-1.234567) == "-1.234567")
        #expect(Self.text(0.001) == "0.001")
        #expect(Self.text(3) == "3")
        #expect(Self.text(-0.0) == "-0")
        #expect(Self.text(123.45) == "123.45")
        #expect(Self.text(0.1 + 0.2) == nil)  // 0.30000000000000004 needs 17 digits
        #expect(Self.text(0.0001) == nil)  // below the fixed range
        #expect(Self.text(.nan) == nil)
        #expect(Self.text(.infinity) == nil)
        #expect(Self.text(1e13 + 0.5) == nil)
        #expect(Self.text(9_007_199_254_740_992) == nil)  // 2⁵³: not every integer above is exact
        #expect(Self.text(0.123456789) == "0.123456789")
        #expect(Self.text(0.1234567891) == nil)  // 10 fraction digits
    }

    @Test func equalsSwiftsDescriptionOnDecimalsAndRandomBits() {
        var rng = SplitMix64(seed: 42)
        var fast = 0
        for i in 0..<400_000 {
            let x: Double
            if i % 2 == 0 {
                // Decimals as data files hold them: d fraction digits, assorted magnitudes.
                let digits = Int(rng.next() % 10)
                let scale = [1.0, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9][digits]
                let integer = Double(Int64(bitPattern: rng.next()) % 10_000_000_000)
                x = integer / scale
            } else {
                // Arbitrary doubles near decimal boundaries and across the range.
                let bits = rng.next()
                let exponent = UInt64(1023 - 12 + Int(bits % 60)) << 52
                x = Double(bitPattern: exponent | (bits >> 12) | (bits & (1 << 63)))
            }
            guard let text = Self.text(x) else { continue }
            fast += 1
            #expect(Double(text)?.bitPattern == x.bitPattern, "\(text) does not read back as \(x)")
            #expect(text == Self.swiftText(x), "\(x): \(text) vs \(x.description)")
        }
        #expect(fast > 150_000)
    }
}

extension ShortestDecimalTests {
    @Test func fractionFormLeavesWholeNumbersToTheCaller() {
        var bytes: [UInt8] = []
        #expect(!ShortestDecimal.appendFraction(3, to: &bytes))
        #expect(bytes.isEmpty)
        #expect(ShortestDecimal.appendFraction(-2.5, to: &bytes))
        #expect(String(decoding: bytes, as: UTF8.self) == "-2.5")
    }
}
