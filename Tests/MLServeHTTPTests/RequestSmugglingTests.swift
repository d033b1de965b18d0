import Foundation
import MLCore
import MLServe
import MLServeHTTP
import MLTesting
import Testing

/// Request-smuggling shapes on real sockets. The raw framer (before swift-nio's decoder)
/// declines every one of them, so the decoder's answer is the only answer: each shape is sent
/// on a fresh connection (the raw framer sees it first) and on a connection already handed
/// to the decoder (a `GET` first), and both must answer alike — the raw path never answers
/// differently from the decoder path.
@Suite(.serialized) struct RequestSmugglingTests {
    static let body = #"{"features":[1,2,3,4,5,6,7,8],"request_id":"smuggle"}"#

    /// What a connection got: the statuses of its answers and whether the server closed it.
    struct Outcome: Equatable {
        var statuses: [Int]
        var bodies: [String]
        var closed: Bool
    }

    /// Sends `bytes` on a fresh connection, and on one whose first request (a `GET`) already
    /// switched it to the decoder; returns both outcomes (the `GET`'s answer left out). With
    /// `closes`, reads until the server closes; else stops after `answers` answers.
    func bothPaths(_ bytes: String, port: Int, answers: Int, closes: Bool) throws -> (fresh: Outcome, decoded: Outcome) {
        func run(_ prefix: String) throws -> Outcome {
            let connection = try RawHTTPConnection(port: port, receiveTimeoutSeconds: 30)
            try connection.send(prefix + bytes)
            let skip = prefix.isEmpty ? 0 : 1
            // One more than expected when it closes: reading stops at the close.
            var responses = try connection.responses(answers + skip + (closes ? 1 : 0))
            if skip == 1, responses.first?.status == 200 { responses.removeFirst() }
            let closed = closes ? ((try? connection.waitForClose()) ?? false) : connection.closedByServer
            return Outcome(statuses: responses.map(\.status), bodies: responses.map(\.body), closed: closed)
        }
        return (try run(""), try run("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n"))
    }

    func head(_ fields: String, requestLine: String = "POST /v1/score HTTP/1.1") -> String {
        "\(requestLine)\r\nHost: 127.0.0.1\r\n\(fields)\r\n"
    }

    /// 400, and the connection closed: a second request in the same bytes is never answered.
    @Test(arguments: [
        ("Content-Length with Transfer-Encoding", "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n"),
        ("Transfer-Encoding with Content-Length", "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n"),
        ("two Content-Lengths, same value", "Content-Length: \(body.utf8.count)\r\nContent-Length: \(body.utf8.count)\r\n"),
        ("two Content-Lengths, different values", "Content-Length: 5\r\nContent-Length: \(body.utf8.count)\r\n"),
        ("one Content-Length with two values", "Content-Length: \(body.utf8.count), 5\r\n"),
        ("space before the colon", "Content-Length : \(body.utf8.count)\r\n"),
        ("obs-fold", "X-Folded: a\r\n b\r\nContent-Length: \(body.utf8.count)\r\n"),
        ("bare LF", "X-A: b\nContent-Length: \(body.utf8.count)\r\n"),
    ])
    func refusedWith400AndClosed(_ shapeAndFields: (String, String)) async throws {
        let (shape, fields) = shapeAndFields
        let request = head(fields) + Self.body + rawScoreRequest(Self.body)
        try await withLiveServer { port, _ in try await offCooperativePool {
            let (fresh, decoded) = try bothPaths(request, port: port, answers: 1, closes: true)
            #expect(fresh == decoded, "\(shape)")
            #expect(fresh.statuses == [400], "\(shape): \(fresh)")
            #expect(fresh.closed, "\(shape)")
        } }
    }

    @Test func lowerCaseMethodIsRefusedWith400AndClosed() async throws {
        let request = head("Content-Length: \(Self.body.utf8.count)\r\n", requestLine: "post /v1/score HTTP/1.1") + Self.body
        try await withLiveServer { port, _ in try await offCooperativePool {
            let (fresh, decoded) = try bothPaths(request + rawScoreRequest(Self.body), port: port, answers: 1, closes: true)
            #expect(fresh == decoded)
            #expect(fresh.statuses == [400])
            #expect(fresh.closed)
        } }
    }

    /// Decoded and answered like the plain request: the absolute-form target's path is
    /// `/v1/score`; HTTP/1.0 is answered (the answer is HTTP/1.1, as Hummingbird writes it).
    @Test(arguments: [
        ("absolute-form target", "POST http://127.0.0.1/v1/score HTTP/1.1"),
        ("HTTP/1.0", "POST /v1/score HTTP/1.0"),
    ])
    func answeredLikeThePlainRequest(_ shapeAndLine: (String, String)) async throws {
        let (shape, requestLine) = shapeAndLine
        let request = head("Content-Length: \(Self.body.utf8.count)\r\n", requestLine: requestLine) + Self.body
        try await withLiveServer { port, _ in try await offCooperativePool {
            let plain = try bothPaths(rawScoreRequest(Self.body), port: port, answers: 1, closes: false).fresh
            #expect(plain.statuses == [200])
            let (fresh, decoded) = try bothPaths(request, port: port, answers: 1, closes: false)
            #expect(fresh == decoded, "\(shape)")
            #expect(fresh.statuses == [200], "\(shape): \(fresh)")
            #expect(fresh.bodies == plain.bodies, "\(shape)")
            #expect(jsonObject(fresh.bodies.first ?? "")["request_id"] as? String == "smuggle")
        } }
    }
    /// A `Content-Length` with trailing whitespace: llhttp reads the number before trailing
    /// spaces (and the raw framer and the inline handler after the decoder do too, so the
    /// answer and its `Connection: close` are the same on both paths; found by
    /// RawFramerDifferentialFuzzer: the decoder path used to hand it to the router) but
    /// refuses a trailing tab with 400 (which the raw framer therefore declines).
    @Test(arguments: [("  ", 200), (" \t", 400)])
    func trailingWhitespaceInContentLengthIsAnsweredAlikeOnBothPaths(_ trailingAndStatus: (String, Int)) async throws {
        let (trailing, status) = trailingAndStatus
        let request = "POST /v1/score HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
            + "Content-Length: \(Self.body.utf8.count)\(trailing)\r\n\r\n" + Self.body
        try await withLiveServer { port, _ in try await offCooperativePool {
            let raw = try RawHTTPConnection(port: port, receiveTimeoutSeconds: 30)
            try raw.send(request)
            let a = try #require(try raw.responses(1).first)
            // Split across two writes: the raw framer declines, the decoder reads it.
            let decoded = try RawHTTPConnection(port: port, receiveTimeoutSeconds: 30)
            let bytes = Array(request.utf8)
            try decoded.send(Array(bytes[0..<30]))
            _Platform.sleep(microseconds: 30_000)
            try decoded.send(Array(bytes[30...]))
            let b = try #require(try decoded.responses(1).first)
            #expect(a.status == status)
            #expect(b.status == status)
            #expect(a.headers["connection"] == "close")
            #expect(b.headers["connection"] == "close")
            #expect(a.body == b.body)
            if status == 200 { #expect(jsonObject(b.body)["request_id"] as? String == "smuggle") }
        } }
    }
}
