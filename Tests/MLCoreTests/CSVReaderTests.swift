import MLCore
import MLTesting
import Testing

@Suite struct CSVReaderTests {
    let reader = CSVReader()

    @Test func quotedFieldsHoldDelimitersEscapedQuotesAndNewlines() throws {
        let text = "name,note\n\"Smith, J\",\"said \"\"hi\"\"\nthen left\"\nplain,\"\"\n\"\"\"\",\"a\r\nb\"\n"
        let t = try reader.read(string: text)
        #expect(t.rowCount == 3)
        #expect(t["name"] == .string(["Smith, J", "plain", "\""]))
        #expect(t["note"] == .string(["said \"hi\"\nthen left", "", "a\r\nb"]))
    }

    @Test(arguments: [
        "a,b\n1,2\n3,4\n", "a,b\n1,2\n3,4", "a,b\r\n1,2\r\n3,4\r\n", "a,b\r\n1,2\r\n3,4", "a,b\n1,2\r\n3,4\n",
        "\u{FEFF}a,b\n1,2\n3,4\n", "\u{FEFF}a,b\r\n1,2\r\n3,4",
    ])
    func lineEndsTrailingNewlineAndByteOrderMark(_ text: String) throws {
        let t = try reader.read(string: text)
        #expect(t.names == ["a", "b"])
        #expect(t["a"] == .int([1, 3]))
        #expect(t["b"] == .int([2, 4]))
    }

    @Test func otherDelimiters() throws {
        let semicolon = try CSVReader(delimiter: ";").read(string: "a;b\n1,5;\"x;y\"\n")
        #expect(semicolon["a"] == .string(["1,5"]))
        #expect(semicolon["b"] == .string(["x;y"]))
        let tab = try CSVReader(delimiter: "\t").read(string: "a\tb\n1.5\t2\n\t3\n")
        #expect(tab["a"] == .double([1.5, .nan]))
        #expect(tab["b"] == .int([2, 3]))
        let space = try CSVReader(delimiter: " ").read(string: "a b\n1 \"x y\"\n")
        #expect(space["a"] == .int([1]))
        #expect(space["b"] == .string(["x y"]))
        let pipe = try CSVReader(delimiter: "|").read(string: "a|b\n\"x|y\"|2.5\n")
        #expect(pipe["a"] == .string(["x|y"]))
        #expect(pipe["b"] == .double([2.5]))
    }

    @Test func missingTokensInNumericColumns() throws {
        let t = try reader.read(string: "x,y\n1.5,\nnan,2\nNaN,NA\n,3\n\"\",\"NA\"\n -nan ,4\n")
        #expect(t["x"] == .double([1.5, .nan, .nan, .nan, .nan, .nan]))
        #expect(t["y"] == .int([nil, 2, nil, 3, nil, 4]))
        // NULL is not missing by default: the column is text.
        #expect(try reader.read(string: "x\n1\nNULL\n")["x"] == .string(["1", "NULL"]))
        let withNull = CSVReader(missingValues: CSVReader.defaultMissingValues.union(["NULL"]))
        #expect(try withNull.read(string: "x\n1\nNULL\n")["x"] == .int([1, nil]))
        // Without "" among the missing values an empty field is text.
        #expect(try CSVReader(missingValues: ["NA"]).read(string: "x\n1\n\n")["x"] == .string(["1", ""]))
    }

    @Test func missingAndQuotingInStringColumns() throws {
        let t = try reader.read(string: "s\nabc\nNA\n\"NA\"\n\n\"\"\n  \nnan\n")
        #expect(t["s"] == .string(["abc", nil, "NA", nil, "", nil, nil]))
        // A quoted empty field seen before the column's first text is still the empty string.
        let late = try reader.read(string: "s,n\n\"\",1\n,2\nabc,3\n")
        #expect(late["s"] == .string(["", nil, "abc"]))
    }

    @Test func inferenceRules() throws {
        let t = try reader.read(
            string: """
                i,im,mixed,text,empty,big,negzero,spaced,special,quoted
                1,1,1,a,,9223372036854775807,0,1.5 ,inf,"1"
                -2,,2.5,1,,9223372036854775808,-0, 2,-Infinity,2
                3,3,3,b,NA,1,1,  3  ,0x1p3,3

                """)
        #expect(t["i"] == .int([1, -2, 3]))
        #expect(t["im"] == .int([1, nil, 3]))
        #expect(t["mixed"] == .double([1, 2.5, 3]))
        #expect(t["text"] == .string(["a", "1", "b"]))
        #expect(t["empty"] == .double([.nan, .nan, .nan]))
        #expect(t["big"] == .double([0x1p63, 0x1p63, 1]))  // 2⁶³ − 1 rounds to 2⁶³ as a Double
        #expect(t["spaced"] == .double([1.5, 2, 3]))
        #expect(t["special"] == .double([.infinity, -.infinity, 8]))
        #expect(t["quoted"] == .string(["1", "2", "3"]))
        guard case .double(let negzero)? = t["negzero"] else {
            Issue.record("-0 should make a Double column")
            return
        }
        #expect(negzero.map(\.bitPattern) == [0.0, -0.0, 1.0].map(\.bitPattern))
        #expect(try reader.read(string: "a\n-9223372036854775808\n")["a"] == .int([Int.min]))
        #expect(try reader.read(string: "a\n-9223372036854775809\n")["a"] == .double([-0x1p63]))
        #expect(try reader.read(string: "a\n007\n+5\n")["a"] == .int([7, 5]))
        #expect(try reader.read(string: "a\n1e\n")["a"] == .string(["1e"]))
        #expect(try reader.read(string: "a\n1.5abc\n")["a"] == .string(["1.5abc"]))
    }

    @Test func schemaOverridesInference() throws {
        let text = "zip,x,n,s\n007,1.5,\"4\",1\n,\"2\",,NA\n"
        let t = try CSVReader(schema: ["zip": .string, "x": .float, "n": .int, "s": .double]).read(string: text)
        #expect(t["zip"] == .string(["007", nil]))
        #expect(t["x"] == .float([1.5, 2]))
        #expect(t["n"] == .int([4, nil]))
        #expect(t["s"] == .double([1, .nan]))
        let negativeZero = try CSVReader(schema: ["n": .int]).read(string: "n\n-0\n")
        #expect(negativeZero["n"] == .int([0]))
    }

    @Test func numericTypeOption() throws {
        let text = "a,b,c\n1,0.1,x\n2,,y\n"
        let floats = try CSVReader(numericType: .float).read(string: text)
        #expect(floats["a"] == .float([1, 2]))
        #expect(floats["b"] == .float([0.1, .nan]))
        #expect(floats["c"] == .string(["x", "y"]))
        let doubles = try CSVReader(numericType: .double).read(string: text)
        #expect(doubles["a"] == .double([1, 2]))
        let schemaWins = try CSVReader(schema: ["a": .int], numericType: .float).read(string: text)
        #expect(schemaWins["a"] == .int([1, 2]))
        #expect(try CSVReader(numericType: .float).read(string: "e\n\n")["e"] == .float([.nan]))
    }

    @Test func headerOnlyAndSingleColumnFiles() throws {
        let headerOnly = try reader.read(string: "a,b")
        #expect(headerOnly.rowCount == 0)
        #expect(headerOnly.columns == [.double([]), .double([])])
        #expect(try reader.read(string: "a,b\r\n").rowCount == 0)
        // In a one-column file an empty line is one missing field.
        let single = try reader.read(string: "x\n1\n\n3\n\n")
        #expect(single["x"] == .int([1, nil, 3, nil]))
        let emptyName = try reader.read(string: ",b\n1,2\n")
        #expect(emptyName.names == ["", "b"])
        let quotedHeader = try reader.read(string: "\"a,1\",\"b\"\"\"\n1,2\n")
        #expect(quotedHeader.names == ["a,1", "b\""])
    }

    @Test func unicodeText() throws {
        let t = try reader.read(string: "名前,emoji\n\"Zoë, Ångström\",🙂\n")
        #expect(t.names == ["名前", "emoji"])
        #expect(t["名前"] == .string(["Zoë, Ångström"]))
        #expect(t["emoji"] == .string(["🙂"]))
    }

    @Test func readsBytesAndFiles() throws {
        let bytes = Array("a,b\n1,x\n".utf8)
        let fromBytes = try reader.read(bytes: bytes)
        let scratch = ScratchDirectory(prefix: "mlcore-csv-tests")
        let dir = scratch.path
        scratch.write("t.csv", bytes: bytes)
        let fromFile = try reader.read(contentsOf: dir + "/t.csv")
        #expect(fromBytes == fromFile)
        #expect(fromFile["b"] == .string(["x"]))
        let missing = #expect(throws: DataFormatError.self) { try reader.read(contentsOf: dir + "/nope.csv") }
        #expect(missing?.code == .io)
        #expect(missing?.path == dir + "/nope.csv")
        let directory = #expect(throws: DataFormatError.self) { try reader.read(contentsOf: dir) }
        #expect(directory?.code == .io)
    }
}
