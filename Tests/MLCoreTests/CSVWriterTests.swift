import MLCore
import MLTesting
import Testing

@Suite struct CSVWriterTests {
    @Test func writesHeaderQuotingMissingAndShortestNumbers() throws {
        let table = try Table(
            names: ["id", "x", "f", "name", "a,b"],
            columns: [
                .int([1, nil, -3]),
                .double([0.1, .nan, -0.0]),
                .float([0.1, 1e-5, .nan]),
                .string(["plain", "say \"hi\", then\nleave", nil]),
                .double([1e300, .infinity, .leastNonzeroMagnitude]),
            ])
        let text = try CSVWriter().string(from: table)
        #expect(
            text == """
                id,x,f,name,"a,b"
                1,0.1,0.1,"plain",1e+300
                ,,1e-05,"say ""hi"", then
                leave",inf
                -3,-0.0,,,5e-324

                """)
        let crlf = try CSVWriter(delimiter: ";", lineEnding: .crlf).string(from: table.selecting(["id", "a,b"]))
        #expect(crlf == "id;a,b\r\n1;1e+300\r\n;inf\r\n-3;5e-324\r\n")
    }

    @Test func writesMatrices() throws {
        let m = try Matrix<Float>(rows: 2, columns: 2, elements: [0.1, .nan, 3, -1.5])
        #expect(try CSVWriter().string(from: m, columnNames: ["p0", "p1"]) == "p0,p1\n0.1,\n3.0,-1.5\n")
        let wrongCount = #expect(throws: DataFormatError.self) { try CSVWriter().bytes(from: m, columnNames: ["p0"]) }
        #expect(wrongCount?.code == .schema)
        let duplicate = #expect(throws: DataFormatError.self) { try CSVWriter().bytes(from: m, columnNames: ["p", "p"]) }
        #expect(duplicate?.field == "p")
        let back = try CSVReader(numericType: .float).read(string: try CSVWriter().string(from: m, columnNames: ["p0", "p1"]))
        expectClose(try back.matrix(Float.self), m, .exact)
    }

    @Test func rejectsDelimitersThatCannotRoundTrip() {
        for delimiter: Unicode.Scalar in ["\"", "\n", "5", ".", "-", "e", "é"] {
            let e = #expect(throws: DataFormatError.self) {
                try CSVWriter(delimiter: delimiter).bytes(from: try Table(names: ["a"], columns: [.int([1])]))
            }
            #expect(e?.code == .unsupported)
        }
    }

    @Test func tableWithoutColumnsIsEmpty() throws {
        #expect(try CSVWriter().bytes(from: try Table(names: [], columns: [])).isEmpty)
    }

    /// Values that need care: extremes, signed zeros, text that looks like numbers or
    /// missing tokens, quotes, delimiters, line ends, unicode.
    static func trickyTable() throws -> Table {
        let doubles: [Double] = [
            0, -0.0, 0.1, -Double(bitPattern: 0x0000_1234_5678_9ABC), .leastNonzeroMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .infinity,
            -.infinity, .nan, 1e23, 0.30000000000000004, 123456789012345680, 2.2250738585072014e-308,
        ]
        let floats: [Float] = [
            0, -0.0, 0.1, .leastNonzeroMagnitude, .greatestFiniteMagnitude, .leastNormalMagnitude, .infinity, .nan,
            Float(16_777_216).nextUp, -Float.greatestFiniteMagnitude, -Float.leastNormalMagnitude.nextDown, 0.3, 1e10,
            -.leastNonzeroMagnitude,
        ]
        let ints: [Int?] = [0, -1, Int.max, Int.min, nil, 42, 7, -0, 1_000_000, nil, 9, 10, 11, 12]
        let strings: [String?] = [
            "", nil, "NA", "nan", "123", "-0", "a,b", "say \"hi\"", "line\nbreak", "cr\r\nlf", "Zoë 🙂 名前",
            "  spaced  ", "\"", "1e5",
        ]
        return try Table(
            names: ["d", "f", "i", "s", "quote\"d"],
            columns: [.double(doubles), .float(floats), .int(ints), .string(strings), .string(strings.reversed())])
    }

    @Test func roundTripsBitForBit() throws {
        let table = try Self.trickyTable()
        let reader = CSVReader(schema: ["f": .float])
        let back = try reader.read(bytes: try CSVWriter().bytes(from: table))
        #expect(identicalBits(back, table))
        #expect(back == table)
        // Through a file, with another delimiter and CRLF.
        let scratch = ScratchDirectory(prefix: "mlcore-csv-tests")
        let dir = scratch.path
        let writer = CSVWriter(delimiter: "\t", lineEnding: .crlf)
        try writer.write(table, to: dir + "/t.tsv")
        var tabReader = reader
        tabReader.delimiter = "\t"
        #expect(identicalBits(try tabReader.read(contentsOf: dir + "/t.tsv"), table))
        let failure = #expect(throws: DataFormatError.self) { try writer.write(table, to: dir + "/missing/t.tsv") }
        #expect(failure?.code == .io)
        #expect(failure?.path == dir + "/missing/t.tsv")
    }

    @Test func seededRandomTablesRoundTrip() throws {
        var rng = SplitMix64(seed: 2026)
        let alphabet = Array("ab,\"\n\r é🙂 1.-e")
        for trial in 0..<40 {
            let rows = Int.random(in: 0...60, using: &rng)
            var names: [String] = []
            var columns: [Column] = []
            var schema: [String: ColumnType] = [:]
            for c in 0..<Int.random(in: 1...6, using: &rng) {
                let name = "c\(c)" + (c % 3 == 2 ? ",\"x\"" : "")
                names.append(name)
                let missing = { (rng: inout SplitMix64) in Int.random(in: 0..<10, using: &rng) == 0 }
                switch Int.random(in: 0..<4, using: &rng) {
                case 0:
                    columns.append(.double((0..<rows).map { _ in
                        missing(&rng) ? .nan : Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF | (rng.next() & (1 << 63)))
                    }))
                case 1:
                    columns.append(.float((0..<rows).map { _ in
                        missing(&rng) ? .nan : Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()) & 0xFF7F_FFFF)
                    }))
                    schema[name] = .float
                case 2:
                    columns.append(.int((0..<rows).map { _ in missing(&rng) ? nil : Int(truncatingIfNeeded: rng.next()) }))
                    schema[name] = .int  // an all-missing Int column would otherwise read as Double
                default:
                    columns.append(.string((0..<rows).map { _ in
                        missing(&rng) ? nil : String((0..<Int.random(in: 0...6, using: &rng)).map { _ in
                            alphabet.randomElement(using: &rng) ?? "a"
                        })
                    }))
                    schema[name] = .string
                }
            }
            let table = try Table(names: names, columns: columns)
            let bytes = try CSVWriter(lineEnding: trial % 2 == 0 ? .lf : .crlf).bytes(from: table)
            let back = try CSVReader(schema: schema, maximumThreads: 1 + trial % 3).read(bytes: bytes)
            #expect(identicalBits(back, table), "trial \(trial)")
        }
    }
}
