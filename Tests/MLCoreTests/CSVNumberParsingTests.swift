import MLCore
import Testing

/// The reader's numbers are bit-identical to `Double(_: String)` / `Float(_: String)`.
///
/// Millions of random texts (fixed seed) go through the whole reader, in columns of a CSV
/// file, and every parsed value is compared with the standard library's parse of its text.
@Suite struct CSVNumberParsingTests {
    /// Texts that stress the fast paths and their boundaries.
    static let edgeCases = [
        "0", "-0", "0.0", "-0.0", "00.5", ".5", "5.", "+1", "+.5", "1.e5", "1E5", "1e+05", "1e-05",
        "0.1", "0.2", "0.3", "1e23", "9007199254740992", "9007199254740993", "9007199254740995",
        "18446744073709551615", "18446744073709551616", "9999999999999999999", "99999999999999999999",
        "2.2250738585072011e-308", "2.2250738585072012e-308", "2.2250738585072014e-308",
        "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "5e-324",
        "1e-400", "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e309",
        "0.000000000000000000000000000000000000000000001", "123456789012345678901234567890",
        "0.12345678901234566", "-1.2345678901234567e-300", "7.3177701707893310e+15", "8.98846567431158e307",
        "3.4028234663852886e38", "3.4028235677973366e38", "3.4028235677973367e38", "1.401298464324817e-45",
        "7.006492321624085e-46", "7.006492321624086e-46", "1.1754942807573643e-38", "16777217", "16777219",
        "0.1000000000000000055511151231257827021181583404541015625", "1" + String(repeating: "0", count: 300),
        "0." + String(repeating: "0", count: 330) + "1", "1e-342", "1e-343", "1e-324", "1e308", "1e22", "1e-22",
        "123e-22", "4503599627370496.5", "4503599627370497.5", "inf", "-Infinity", "0x1.8p1", "1e0000000000000000001",
    ]

    @Test func edgeCasesMatchTheStandardLibrary() throws {
        let text = "x\n" + Self.edgeCases.joined(separator: "\n") + "\n"
        let doubles = try CSVReader(schema: ["x": .double]).read(string: text)
        let floats = try CSVReader(schema: ["x": .float]).read(string: text)
        guard case .double(let d)? = doubles["x"], case .float(let f)? = floats["x"] else {
            Issue.record("wrong column types")
            return
        }
        for (i, s) in Self.edgeCases.enumerated() {
            #expect(d[i].bitPattern == Double(s)?.bitPattern, "\(s)")
            #expect(f[i].bitPattern == Float(s)?.bitPattern, "\(s) as Float")
        }
    }

    /// A random decimal text: a 1–20 digit mantissa with a random dot and exponent.
    static func randomDecimal(_ rng: inout SplitMix64) -> String {
        let digits = Int.random(in: 1...20, using: &rng)
        var mantissa = String(Int.random(in: 1...9, using: &rng))
        for _ in 1..<digits { mantissa.append(Character(Unicode.Scalar(UInt8.random(in: 48...57, using: &rng)))) }
        let dot = Int.random(in: 0...digits, using: &rng)
        if dot < digits { mantissa.insert(".", at: mantissa.index(mantissa.startIndex, offsetBy: dot)) }
        let sign = Bool.random(using: &rng) ? "-" : ""
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: return sign + mantissa
        case 1: return sign + mantissa + "e" + String(Int.random(in: -30...30, using: &rng))
        default: return sign + mantissa + "e" + String(Int.random(in: -345...310, using: &rng))
        }
    }

    /// Random values: shortest texts of random bit patterns (all magnitudes, subnormals),
    /// of random "ordinary" doubles (Python-repr-like, 15–17 digits), of `Float`s, of
    /// midpoints between adjacent `Float`s, and random decimal texts.
    static func randomTexts(count: Int, seed: UInt64) -> [String] {
        var rng = SplitMix64(seed: seed)
        var texts: [String] = []
        texts.reserveCapacity(count)
        while texts.count < count {
            switch texts.count % 5 {
            case 0:
                let d = Double(bitPattern: rng.next())
                texts.append(d.isFinite ? d.description : "1")
            case 1:
                texts.append(Double.random(in: -1000...1000, using: &rng).description)
            case 2:
                let f = Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))
                texts.append(f.isFinite ? f.description : "2")
            case 3:
                let f = Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()) & 0x7F7F_FFFF)
                texts.append(((Double(f) + Double(f.nextUp)) / 2).description)
            default:
                texts.append(randomDecimal(&rng))
            }
        }
        return texts
    }

    /// The values of `texts` read through a CSV of `width` columns.
    static func csv(_ texts: [String], width: Int) -> String {
        var out = (0..<width).map { "c\($0)" }.joined(separator: ",") + "\n"
        out.reserveCapacity(texts.count * 24)
        for row in stride(from: 0, to: texts.count, by: width) {
            out += texts[row..<min(row + width, texts.count)].joined(separator: ",") + "\n"
        }
        return out
    }

    /// Reads `texts` through a CSV of `width` columns with `reader` and expects every value, taken
    /// from its column by `values` (nil: the column has another type), to be bit for bit `T(text)`.
    @discardableResult
    static func expectBitExact<T: BitComparableFloat>(
        _ texts: [String], width: Int, reader: CSVReader, values: (Column) -> [T]?,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Table {
        let table = try reader.read(string: csv(texts, width: width))
        var mismatches: [String] = []
        for c in 0..<width {
            guard let column = values(table.columns[c]) else {
                Issue.record("column \(c) is \(table.columns[c].type)", sourceLocation: sourceLocation)
                return table
            }
            for (r, value) in column.enumerated() {
                let text = texts[r * width + c]
                if value.bitPattern != T(text)?.bitPattern { mismatches.append(text) }
            }
        }
        #expect(
            mismatches.isEmpty, "\(mismatches.count) mismatches, e.g. \(mismatches.prefix(5))",
            sourceLocation: sourceLocation)
        return table
    }

    @Test func millionsOfRandomDoublesAreBitExact() throws {
        let width = 8
        let texts = Self.randomTexts(count: 2_000_000, seed: 20_260_101)
        let reader = CSVReader(numericType: .double)
        let table = try Self.expectBitExact(texts, width: width, reader: reader) { column -> [Double]? in
            guard case .double(let values) = column else { return nil }
            return values
        }
        #expect(table.rowCount == texts.count / width)
    }

    @Test func millionsOfRandomFloatsAreBitExact() throws {
        let texts = Self.randomTexts(count: 1_000_000, seed: 42)
        try Self.expectBitExact(texts, width: 8, reader: CSVReader(numericType: .float)) { column -> [Float]? in
            guard case .float(let values) = column else { return nil }
            return values
        }
    }

    @Test func randomIntegersAreExactAndOverflowBecomesDouble() throws {
        var rng = SplitMix64(seed: 3)
        let ints = (0..<200_000).map { i -> Int in
            i % 3 == 0 ? Int(truncatingIfNeeded: rng.next()) : Int.random(in: -1_000_000...1_000_000, using: &rng)
        }
        let text = "n\n" + ints.map(String.init).joined(separator: "\n") + "\n9223372036854775807\n-9223372036854775808\n"
        let table = try CSVReader().read(string: text)
        #expect(table["n"] == .int(ints + [Int.max, Int.min]))
        let overflow = try CSVReader().read(string: text + "9223372036854775808\n")
        guard case .double(let values)? = overflow["n"] else {
            Issue.record("an overflowing integer should make the column Double")
            return
        }
        #expect(values.prefix(ints.count).elementsEqual(ints.map { Double($0) }) { $0.bitPattern == $1.bitPattern })
        #expect(values.last == 0x1p63)
    }
}

/// `Float` and `Double`: parsed from text and compared by their bits.
protocol BitComparableFloat: LosslessStringConvertible {
    associatedtype BitPattern: Equatable
    var bitPattern: BitPattern { get }
}

extension Double: BitComparableFloat {}
extension Float: BitComparableFloat {}
