import MLCore
import Testing

@Suite struct TableContentHashTests {
    @Test func sameDataSameHashHoweverLoaded() throws {
        let csv = "id,score,city\n1,0.5,Lyon\n2,,\n3,-0.0,Oslo\n"
        let read = try CSVReader().read(string: csv)
        let built = try Table([
            (name: "id", column: .int([1, 2, 3])),
            (name: "score", column: .double([0.5, .nan, 0.0])),
            (name: "city", column: .string(["Lyon", nil, "Oslo"])),
        ])
        #expect(read.contentHash() == built.contentHash())
        // Written and read back: same hash.
        let again = try CSVReader().read(string: try CSVWriter().string(from: read))
        #expect(again.contentHash() == read.contentHash())
        // Selecting all columns in order keeps the hash; reordering changes it.
        #expect(try read.selecting(["id", "score", "city"]).contentHash() == read.contentHash())
        #expect(try read.selecting(["score", "id", "city"]).contentHash() != read.contentHash())
    }

    @Test func anyChangeChangesTheHash() throws {
        let base = try Table([(name: "a", column: .int([1, nil])), (name: "b", column: .string(["x", "y"]))])
        let variants = [
            try Table([(name: "a", column: .int([1, 0])), (name: "b", column: .string(["x", "y"]))]),
            try Table([(name: "a", column: .int([1, nil])), (name: "b", column: .string(["x", nil]))]),
            try Table([(name: "A", column: .int([1, nil])), (name: "b", column: .string(["x", "y"]))]),
            try Table([(name: "a", column: .double([1, .nan])), (name: "b", column: .string(["x", "y"]))]),
            try Table([(name: "a", column: .int([1, nil])), (name: "b", column: .string(["xy", ""]))]),
        ]
        for v in variants { #expect(v.contentHash() != base.contentHash()) }
        #expect(base.contentHash().hex.count == 64)
    }
}
