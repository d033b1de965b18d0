import MLCore
import Testing

/// Every reader error, with its code and location (1-based line of the record start,
/// 1-based column, header name).
@Suite struct CSVReaderErrorTests {
    /// One thing a read error must say.
    enum Check: Sendable {
        case code(DataFormatError.Code)
        case line(Int)
        case column(Int)
        /// The header name of the column, or nil when the error must name none.
        case field(String?)
        case messageContains(String)
    }

    /// A text the reader refuses (with its default options unless a reader is given), and the checks of its error.
    struct ErrorCase: Sendable, CustomStringConvertible {
        let description: String
        let text: String
        let reader: CSVReader
        let checks: [Check]

        init(_ description: String, _ text: String, reader: CSVReader = CSVReader(), _ checks: [Check]) {
            (self.description, self.text, self.reader, self.checks) = (description, text, reader, checks)
        }
    }

    static let errorCases: [ErrorCase] = [
        ErrorCase(
            "too few fields", "a,b,c\n1,2,3\n4,5\n",
            [.code(.raggedRow), .line(3), .column(3), .field("c"), .messageContains("2 fields")]),
        ErrorCase(
            "too many fields", "a,b\n1,2\n3,4,5,\"6\"\n",
            [.code(.raggedRow), .line(3), .column(3), .field(nil), .messageContains("4 fields")]),
        ErrorCase(
            "a blank line in a wide file is a ragged row", "a,b\n1,2\n\n3,4\n",
            [.code(.raggedRow), .line(3), .column(2), .field("b")]),
        ErrorCase(
            "lines count physical lines across quoted newlines and CRLF", "a,b\r\n\"x\ny\",2\r\n\"p\r\nq\",3\r\n1\r\n",
            [.code(.raggedRow), .line(6), .column(2)]),
        ErrorCase("lines count after a byte order mark", "\u{FEFF}a,b\n1,2\n3\n", [.line(3)]),
        ErrorCase(
            "an unterminated quote", "a,b\n1,2\n3,\"abc\n4,5\n",
            [.code(.malformed), .line(3), .column(2), .field("b"), .messageContains("not closed")]),
        ErrorCase(
            "a quote inside an unquoted field", "a,b\n1,ab\"c\n",
            [.code(.malformed), .line(2), .column(2), .field("b")]),
        ErrorCase(
            "a character after a closing quote", "a,b\n\"x\"y,1\n",
            [.code(.malformed), .line(2), .column(1), .field("a")]),
        ErrorCase("a space after a closing quote", "a,b\n1,\"x\" \n", [.column(2)]),
        ErrorCase(
            "a carriage return without line feed", "a,b\n1,2\r3,4\n",
            [.code(.malformed), .line(2), .column(2)]),
        ErrorCase("a carriage return without line feed in the header", "a,b\r", [.line(1), .column(2)]),
        ErrorCase(
            "a type mismatch under a schema", "a,b\n1,2\n3,x\n", reader: CSVReader(schema: ["b": .double]),
            [.code(.typeMismatch), .line(3), .column(2), .field("b"), .messageContains("'x'")]),
        ErrorCase(
            "a fraction in an integer column", "a\n1\n1.5\n", reader: CSVReader(schema: ["a": .int]),
            [.code(.typeMismatch), .line(3)]),
        ErrorCase(
            "an overflow in an integer column", "a\n9223372036854775808\n", reader: CSVReader(schema: ["a": .int]),
            [.code(.typeMismatch), .line(2)]),
        ErrorCase(
            "quoted text in a float column", "a\n\"1x\"\n", reader: CSVReader(schema: ["a": .float]),
            [.code(.typeMismatch)]),
        ErrorCase(
            "duplicate header names", "a,b,a\n1,2,3\n",
            [.code(.schema), .line(1), .column(3), .field("a")]),
        ErrorCase(
            "a schema naming an unknown column", "a,b\n1,2\n", reader: CSVReader(schema: ["c": .int]),
            [.code(.schema), .field("c")]),
        ErrorCase("the first error in file order wins", "a,b\n1,2\n3\n4,\"5\n", [.code(.raggedRow), .line(3)]),
    ]

    @Test(arguments: errorCases)
    func errorsGiveTheirCodeAndLocation(_ errorCase: ErrorCase) {
        let e = readError(errorCase.text, errorCase.reader)
        for check in errorCase.checks {
            switch check {
            case .code(let code): #expect(e?.code == code)
            case .line(let line): #expect(e?.line == line)
            case .column(let column): #expect(e?.column == column)
            case .field(let field): #expect(e?.field == field)
            case .messageContains(let words): #expect(e?.message.contains(words) == true)
            }
        }
    }

    @Test func emptyInputHasNoHeader() {
        for text in ["", "\u{FEFF}"] {
            let e = readError(text)
            #expect(e?.code == .malformed)
            #expect(e?.line == 1)
        }
        #expect(throws: DataFormatError.self) { try CSVReader().read(bytes: []) }
    }

    @Test func invalidUTF8() {
        var bytes = Array("a,b\n1,x".utf8)
        bytes.append(0xFF)
        bytes += Array("\n".utf8)
        let e = #expect(throws: DataFormatError.self) { try CSVReader().read(bytes: bytes) }
        #expect(e?.code == .malformed)
        #expect(e?.line == 2)
        #expect(e?.column == 2)
        let header = #expect(throws: DataFormatError.self) { try CSVReader().read(bytes: [0x61, 0xC3, 0x0A]) }
        #expect(header?.line == 1)
        #expect(header?.column == 1)
        // Text found after a numeric start is read by a second pass, which also checks it.
        let late = #expect(throws: DataFormatError.self) {
            try CSVReader().read(bytes: Array("a\n1\n".utf8) + [0xFE] + Array("\n".utf8))
        }
        #expect(late?.code == .malformed)
        #expect(late?.line == 3)
    }

    @Test func invalidDelimiter() {
        for delimiter: Unicode.Scalar in ["\"", "\n", "\r", "é"] {
            let e = readError("a\n1\n", CSVReader(delimiter: delimiter))
            #expect(e?.code == .unsupported)
        }
    }

    /// Truncations and byte flips of a valid file either parse or throw; they never trap.
    @Test func corruptedInputsNeverTrap() {
        let valid = Array(
            "id,name,x,when\r\n1,\"Smith, \"\"J\"\"\",0.5,\"line\nbreak\"\n2,,1e300,NA\n-3,\"é\",-0,\"\"\n".utf8)
        let specials: [UInt8] = [0x22, 0x2C, 0x0A, 0x0D, 0x00, 0xFF, 0x2D, 0x2E, 0x65, 0x39]
        var rng = SplitMix64(seed: 7)
        var outcomes = (parsed: 0, failed: 0)
        for trial in 0..<3000 {
            var bytes = valid
            if trial % 3 == 0 {
                bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &rng)))
            } else {
                for _ in 0..<Int.random(in: 1...4, using: &rng) where !bytes.isEmpty {
                    let i = Int.random(in: 0..<bytes.count, using: &rng)
                    bytes[i] = Bool.random(using: &rng) ? specials.randomElement(using: &rng) ?? 0 : UInt8.random(in: 0...255, using: &rng)
                }
            }
            let reader = CSVReader(numericType: trial % 2 == 0 ? .inferred : .float, maximumThreads: 1)
            do {
                _ = try reader.read(bytes: bytes)
                outcomes.parsed += 1
            } catch is DataFormatError {
                outcomes.failed += 1
            } catch {
                Issue.record("unexpected error type \(error)")
            }
        }
        #expect(outcomes.parsed > 0 && outcomes.failed > 0)
    }
}
