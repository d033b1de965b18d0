import MLCore
import Testing

/// Inputs large enough to be parsed in several batches (256 KiB to 4 MiB each, depending on
/// the size and thread count) give the same table, bit for bit, and the same error, whatever
/// the thread count; column types are decided over all batches, including changes of type
/// in late batches.
@Suite struct CSVThreadingTests {
    struct Generated {
        var text = ""
        var lateText: [String?] = []
        var intThenDouble: [Double] = []
        var missingThenInt: [Int?] = []
        var quotedEmptyThenText: [String?] = []
        var notes: [String?] = []
        var values: [Double] = []
    }

    /// About 5 MB of records; the type changes happen in the last 10% of the rows.
    static func generate(rows: Int = 120_000) -> Generated {
        var rng = SplitMix64(seed: 99)
        var g = Generated()
        g.text.reserveCapacity(rows * 180)
        g.text += "late_text,int_then_double,missing_then_int,quoted_empty_then_text,note,value\r\n"
        for r in 0..<rows {
            let late = r > rows * 9 / 10
            var fields: [String] = []
            // late_text: integers, then one text value near the end.
            if r == rows - 5 {
                fields.append("oops")
                g.lateText.append("oops")
            } else {
                let v = Int.random(in: -99...99, using: &rng)
                fields.append(String(v))
                g.lateText.append(String(v))
            }
            // int_then_double
            if late && r % 7 == 0 {
                fields.append("0.5")
                g.intThenDouble.append(0.5)
            } else {
                fields.append(String(r))
                g.intThenDouble.append(Double(r))
            }
            // missing_then_int
            if late {
                fields.append(String(r % 1000))
                g.missingThenInt.append(r % 1000)
            } else {
                fields.append("")
                g.missingThenInt.append(nil)
            }
            // quoted_empty_then_text: "" early (text "" once the column is text), then words.
            if r % 1000 == 1 {
                fields.append("\"\"")
                g.quotedEmptyThenText.append("")
            } else if late && r % 3 == 0 {
                fields.append("w\(r)")
                g.quotedEmptyThenText.append("w\(r)")
            } else {
                fields.append("")
                g.quotedEmptyThenText.append(nil)
            }
            // note: quoted text with delimiters, quotes and line ends (batch splits must respect quotes).
            switch r % 4 {
            case 0:
                fields.append("\"line \(r)\nnext, \"\"quoted\"\"\r\nend\"")
                g.notes.append("line \(r)\nnext, \"quoted\"\r\nend")
            case 1:
                fields.append("NA")
                g.notes.append(nil)
            default:
                fields.append("n\(r)")
                g.notes.append("n\(r)")
            }
            let value = Double.random(in: -1e6...1e6, using: &rng)
            fields.append(value.description)
            g.values.append(value)
            g.text += fields.joined(separator: ",") + (r % 2 == 0 ? "\r\n" : "\n")
        }
        return g
    }

    @Test func sameTableForEveryThreadCount() throws {
        let g = Self.generate()
        #expect(g.text.utf8.count > 4 << 20)
        let one = try CSVReader(maximumThreads: 1).read(string: g.text)
        #expect(one["late_text"] == .string(g.lateText))
        #expect(one["int_then_double"] == .double(g.intThenDouble))
        #expect(one["missing_then_int"] == .int(g.missingThenInt))
        #expect(one["quoted_empty_then_text"] == .string(g.quotedEmptyThenText))
        #expect(one["note"] == .string(g.notes))
        #expect(one["value"] == .double(g.values))
        for threads in [2, 3, 8] {
            let many = try CSVReader(maximumThreads: threads).read(string: g.text)
            #expect(identicalBits(many, one), "threads: \(threads)")
        }
        let floats = try CSVReader(numericType: .float, maximumThreads: 1).read(string: g.text)
        let floatsParallel = try CSVReader(numericType: .float, maximumThreads: 2).read(string: g.text)
        #expect(identicalBits(floats, floatsParallel))
        #expect(floats["missing_then_int"]?.type == .float)
    }

    @Test func sameErrorForEveryThreadCount() throws {
        let g = Self.generate(rows: 60_000)
        let lines = g.text.utf8.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        // A ragged record at the very end, after many batches.
        let ragged = g.text + "1,2\n"
        // A malformed record early and a ragged one late: the early one is reported.
        let early = "a,b\n1,\"x\"y\n" + String(repeating: "1,2\n", count: 2_000_000) + "3\n"
        for threads in [1, 2, 3] {
            let reader = CSVReader(maximumThreads: threads)
            let e = #expect(throws: DataFormatError.self) { try reader.read(string: ragged) }
            #expect(e?.code == .raggedRow)
            #expect(e?.line == lines + 1)
            #expect(e?.column == 3)
            #expect(e?.field == "missing_then_int")
            let first = #expect(throws: DataFormatError.self) { try reader.read(string: early) }
            #expect(first?.code == .malformed)
            #expect(first?.line == 2)
            #expect(first?.column == 2)
        }
    }
}
