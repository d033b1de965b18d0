import Testing

@testable import MLServeHTTP

/// Strings in scoring bodies (keys, `id`, `request_id`): RFC 8259 text is UTF-8, so a
/// string that is not valid UTF-8 is a syntax error (400 `invalid_json`), wherever it stands
/// (a known key, an unknown key that is skipped, a value), exactly as a standard JSON reader
/// refuses it. Found by `ScoreBodyFuzzer`: the parser used to repair such bytes to U+FFFD.
@Suite struct ScoreRequestStringTests {
    func parse(_ bytes: [UInt8]) -> Result<_ParsedScoreRequest, _ParseFailure> {
        bytes.withUnsafeBytes { raw in
            Result(catching: { () throws(_ParseFailure) -> _ParsedScoreRequest in
                try _ScoreRequestParser.parseSingle(raw, expectedFeatures: 1)
            })
        }
    }

    func kind(_ bytes: [UInt8]) -> _ParseFailure.Kind? {
        if case .failure(let failure) = parse(bytes) { return failure.kind }
        return nil
    }

    @Test(arguments: [
        [0x91],  // a lone continuation byte
        [0xC3],  // a lead byte cut short by the closing quote
        [0xC0, 0xAF],  // an overlong encoding of "/"
        [0xED, 0xA0, 0x80],  // a UTF-16 surrogate encoded as UTF-8
        [0xF4, 0x90, 0x80, 0x80],  // past U+10FFFF
        [0x61, 0x5C, 0x6E, 0xFF],  // after an escape (the slow path)
    ] as [[UInt8]])
    func invalidUTF8IsASyntaxError(_ bad: [UInt8]) {
        let inKey = Array(#"{"features":[1],""#.utf8) + bad + Array(#"":2}"#.utf8)
        let inID = Array(#"{"features":[1],"id":""#.utf8) + bad + Array(#""}"#.utf8)
        #expect(kind(inKey) == .syntax)
        #expect(kind(inID) == .syntax)
    }

    @Test func validUTF8IsKeptAsWritten() throws {
        let id = "carte-é-€-𝄞"
        let body = Array(#"{"features":[1],"id":""#.utf8) + Array(id.utf8) + Array(#"","über":"x\u00e9"}"#.utf8)
        let parsed = try parse(body).get()
        #expect(parsed.id == id)
        #expect(parsed.features == [1])
    }
}
