import MLCore
import Testing

/// Every reader error, with its code and location (1-based line of the record start,
/// 1-based column, header name).
@Suite struct CSVReaderErrorTests {
    @Test func tooFewFields() {
        let e = readError("a,b,c\n1,2,3\n4,5\n")
        #expect(e?.code == .raggedRow)
        #expect(e?.line == 3)
        #expect(e?.column == 3)
        #expect(e?.field == "c")
        #expect(e?.message.contains("2 fields") == true)
    }

    @Test func tooManyFields() {
        let e = readError("a,b\n1,2\n3,4,5,\"6\"\n")
        #expect(e?.code == .raggedRow)
        #expect(e?.line == 3)
        #expect(e?.column == 3)
        #expect(e?.field == nil)
        #expect(e?.message.contains("4 fields") == true)
    }

    @Test func blankLineInAWideFileIsARaggedRow() {
        let e = readError("a,b\n1,2\n\n3,4\n")
        #expect(e?.code == .raggedRow)
        #expect(e?.line == 3)
        #expect(e?.column == 2)
        #expect(e?.field == "b")
    }

    @Test func lineCountsPhysicalLinesAcrossQuotedNewlinesAndCRLF() {
        let e = readError("a,b\r\n\"x\ny\",2\r\n\"p\r\nq\",3\r\n1\r\n")
        #expect(e?.code == .raggedRow)
        #expect(e?.line == 6)
        #expect(e?.column == 2)
        let afterBOM = readError("\u{FEFF}a,b\n1,2\n3\n")
        #expect(afterBOM?.line == 3)
    }

    @Test func unterminatedQuote() {
        let e = readError("a,b\n1,2\n3,\"abc\n4,5\n")
        #expect(e?.code == .malformed)
        #expect(e?.line == 3)
        #expect(e?.column == 2)
        #expect(e?.field == "b")
        #expect(e?.message.contains("not closed") == true)
    }

    @Test func quoteInsideUnquotedField() {
        let e = readError("a,b\n1,ab\"c\n")
        #expect(e?.code == .malformed)
        #expect(e?.line == 2)
        #expect(e?.column == 2)
        #expect(e?.field == "b")
    }

    @Test func characterAfterClosingQuote() {
        let e = readError("a,b\n\"x\"y,1\n")
        #expect(e?.code == .malformed)
        #expect(e?.line == 2)
        #expect(e?.column == 1)
        #expect(e?.field == "a")
        let space = readError("a,b\n1,\"x\" \n")
        #expect(space?.column == 2)
    }

    @Test func carriageReturnWithoutLineFeed() {
        let e = readError("a,b\n1,2\r3,4\n")
        #expect(e?.code == .malformed)
        #expect(e?.line == 2)
        #expect(e?.column == 2)
        let inHeader = readError("a,b\r")
        #expect(inHeader?.line == 1)
        #expect(inHeader?.column == 2)
    }

    @Test func typeMismatchUnderSchema() {
        let e = readError("a,b\n1,2\n3,x\n", CSVReader(schema: ["b": .double]))
        #expect(e?.code == .typeMismatch)
        #expect(e?.line == 3)
        #expect(e?.column == 2)
        #expect(e?.field == "b")
        #expect(e?.message.contains("'x'") == true)
        let notInteger = readError("a\n1\n1.5\n", CSVReader(schema: ["a": .int]))
        #expect(notInteger?.code == .typeMismatch)
        #expect(notInteger?.line == 3)
        let overflow = readError("a\n9223372036854775808\n", CSVReader(schema: ["a": .int]))
        #expect(overflow?.code == .typeMismatch)
        #expect(overflow?.line == 2)
        let quotedText = readError("a\n\"1x\"\n", CSVReader(schema: ["a": .float]))
        #expect(quotedText?.code == .typeMismatch)
    }

    @Test func emptyInputHasNoHeader() {
        for text in ["", "\u{FEFF}"] {
            let e = readError(text)
            #expect(e?.code == .malformed)
            #expect(e?.line == 1)
        }
        #expect(throws: DataFormatError.self) { try CSVReader().read(bytes: []) }
    }

    @Test func duplicateHeaderNames() {
        let e = readError("a,b,a\n1,2,3\n")
        #expect(e?.code == .schema)
        #expect(e?.line == 1)
        #expect(e?.column == 3)
        #expect(e?.field == "a")
    }

    @Test func schemaNamingAnUnknownColumn() {
        let e = readError("a,b\n1,2\n", CSVReader(schema: ["c": .int]))
        #expect(e?.code == .schema)
        #expect(e?.field == "c")
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

    @Test func firstErrorInFileOrderWins() {
        let e = readError("a,b\n1,2\n3\n4,\"5\n")
        #expect(e?.code == .raggedRow)
        #expect(e?.line == 3)
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
