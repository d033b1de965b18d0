import Testing

@testable import MLServeHTTP

@Suite struct RawScoreRequestTests {
    func parse(_ text: String, maxBody: Int = 1 << 20) -> _RawScoreRequest? {
        Array(text.utf8).withUnsafeBytes { _RawScoreRequest.parse($0, maxBody: maxBody) }
    }

    @Test func framesAPlainRequest() {
        let head = "POST /v1/score HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n"
        #expect(parse(head + "{}") == _RawScoreRequest(headerLength: head.utf8.count, bodyLength: 2, close: false))
        // Pipelined: only the first request is framed.
        #expect(parse(head + "{}" + head + "{}")?.headerLength == head.utf8.count)
        // Optional whitespace around values; names are case-insensitive.
        let spaced = "POST /v1/score HTTP/1.1\r\ncontent-LENGTH:\t 2  \r\n\r\n"
        #expect(parse(spaced + "{}") == _RawScoreRequest(headerLength: spaced.utf8.count, bodyLength: 2, close: false))
        #expect(parse("POST /v1/score HTTP/1.1\r\nConnection: Keep-Alive, CLOSE\r\nContent-Length: 0\r\n\r\n")?.close == true)
        #expect(parse("POST /v1/score HTTP/1.1\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n")?.close == false)
        #expect(parse("POST /v1/score HTTP/1.1\r\nContent-Length: 5\r\n\r\n{}", maxBody: 5) == nil)  // body still to come
        #expect(parse("POST /v1/score HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}", maxBody: 2)?.bodyLength == 2)
    }

    @Test func leavesEverythingElseToTheGeneralParser() {
        let rejected = [
            "GET /v1/score HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
            "POST /v1/score/batch HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
            "POST /v1/score?x=1 HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
            "POST /v1/score HTTP/1.0\r\nContent-Length: 0\r\n\r\n",
            "post /v1/score HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
            "POST /v1/score HTTP/1.1\r\n\r\n",  // no Content-Length
            "POST /v1/score HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}",
            "POST /v1/score HTTP/1.1\r\nContent-Length: +2\r\n\r\n{}",
            "POST /v1/score HTTP/1.1\r\nContent-Length: 2,2\r\n\r\n{}",
            "POST /v1/score HTTP/1.1\r\nContent-Length: \r\n\r\n",
            "POST /v1/score HTTP/1.1\r\nContent-Length: 1234567890\r\n\r\n",
            "POST /v1/score HTTP/1.1\r\nContent-Length: 2\t\r\n\r\n{}",  // llhttp: 400
            "POST /v1/score HTTP/1.1\r\nContent-Length: 2 \t \r\n\r\n{}",
            "POST /v1/score HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n{}",
            "POST /v1/score HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n{}",
            "POST /v1/score HTTP/1.1\r\nUpgrade: h2c\r\nContent-Length: 2\r\n\r\n{}",
            "POST /v1/score HTTP/1.1\r\nConnection: Upgrade\r\nContent-Length: 2\r\n\r\n{}",
            "POST /v1/score HTTP/1.1\nContent-Length: 2\r\n\r\n{}",  // bare LF
            "POST /v1/score HTTP/1.1\r\nContent-Length: 2\n\r\n{}",
            "POST /v1/score HTTP/1.1\r\nContent-Length: 2\r\n\n{}",
            "POST /v1/score HTTP/1.1\r\nContent-Length: 2\r\r\n\r\n{}",
            "POST /v1/score HTTP/1.1\r\nX-A: b\r\n folded\r\nContent-Length: 2\r\n\r\n{}",  // obs-fold
            "POST /v1/score HTTP/1.1\r\nBad Name: b\r\nContent-Length: 2\r\n\r\n{}",
            "POST /v1/score HTTP/1.1\r\n: b\r\nContent-Length: 2\r\n\r\n{}",
            "POST /v1/score HTTP/1.1\r\nX-A: b\u{7F}\r\nContent-Length: 2\r\n\r\n{}",
            "POST /v1/score HTTP/1.1\r\nX-A: b\u{01}c\r\nContent-Length: 2\r\n\r\n{}",
            "POST /v1/score HTTP/1.1\r\nContent-Length: 2\r\n",  // head still to come
            "POST /v1/score HTTP/1.1\r\nContent-Len",
            "POST /v1/sc",
            "",
        ]
        for text in rejected {
            #expect(parse(text) == nil, "\(text.debugDescription)")
        }
        #expect(parse("POST /v1/score HTTP/1.1\r\nContent-Length: 3\r\n\r\n{} ", maxBody: 2) == nil)
        let many = (0...64).map { "X-\($0): v\r\n" }.joined()
        #expect(parse("POST /v1/score HTTP/1.1\r\n\(many)Content-Length: 0\r\n\r\n") == nil)
        let long = "X-Long: " + String(repeating: "v", count: 20_000) + "\r\n"
        #expect(parse("POST /v1/score HTTP/1.1\r\n\(long)Content-Length: 0\r\n\r\n") == nil)
    }

    @Test func everyPrefixOfAValidRequestIsIncompleteNotMisframed() {
        let text = Array("POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n{\"a\":[1,2]}".utf8)
        for n in 0..<text.count {
            #expect(text[0..<n].withUnsafeBytes { _RawScoreRequest.parse($0, maxBody: 100) } == nil, "prefix \(n)")
        }
        #expect(text.withUnsafeBytes { _RawScoreRequest.parse($0, maxBody: 100) }?.bodyLength == 11)
    }

    @Test func httpDatesAreIMFFixdate() {
        #expect(_HTTPDateCache.format(secondsSince1970: 0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(_HTTPDateCache.format(secondsSince1970: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(_HTTPDateCache.format(secondsSince1970: 1_795_427_045) == "Mon, 23 Nov 2026 09:44:05 GMT")
    }
}
