import FoundationEssentials
import FuzzSupport
@testable import MLServeHTTP

// The hand-written `/v1/score` and `/v1/score/batch` body parser. Beyond "never traps", two
// properties are checked on every input (a violation traps, which libFuzzer reports):
// - an accepted body yields exactly rowCount × features values (1 row for a single body);
// - an accepted body is valid JSON to Foundation's JSONDecoder (strict RFC 8259): the fast
//   parser must never accept what a standard reader rejects. The one deliberate leniency is
//   exempt: `NaN` / `Infinity` literals (what Python's json.dumps writes) are read, as
//   non-numeric features (422) or skipped under unknown keys.
private let featureCounts = [1, 3, 7]

runFuzzer { input in
    for expected in featureCounts {
        if let single = try? _ScoreRequestParser.parseSingle(input, expectedFeatures: expected) {
            precondition(single.rowCount == 1 && single.features.count == expected, "single body: wrong value count")
            precondition(isStandardJSON(input), "single body accepted but not JSON")
        }
        if let batch = try? _ScoreRequestParser.parseBatch(input, expectedFeatures: expected, maxRows: 16) {
            precondition(batch.rowCount <= 16, "batch over its row limit")
            precondition(batch.features.count == batch.rowCount * expected, "batch: wrong value count")
            precondition(isStandardJSON(input), "batch body accepted but not JSON")
        }
    }
}

private struct AnyJSON: Decodable {
    init(from decoder: any Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            while !array.isAtEnd { _ = try array.decode(AnyJSON.self) }
        } else if let object = try? decoder.container(keyedBy: AnyKey.self) {
            for key in object.allKeys { _ = try object.decode(AnyJSON.self, forKey: key) }
        } else {
            let value = try decoder.singleValueContainer()
            if value.decodeNil() { return }
            if (try? value.decode(Bool.self)) != nil { return }
            if (try? value.decode(Double.self)) != nil { return }
            _ = try value.decode(String.self)
        }
    }
}

private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

private func isStandardJSON(_ bytes: UnsafeRawBufferPointer) -> Bool {
    let data = Data(bytes)
    if data.range(of: Data("NaN".utf8)) != nil || data.range(of: Data("Infinity".utf8)) != nil { return true }
    return (try? JSONDecoder().decode(AnyJSON.self, from: data)) != nil
}
