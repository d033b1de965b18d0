import Foundation
import Hummingbird
import HummingbirdTesting
import MLServe
import MLServeHTTP
import MLTesting
import Testing

/// The served bytes of `POST /v1/score` on real sockets: `mlctl serve` answers plain requests
/// before the HTTP/1 decoder, decoded ones on the event loop, the rest in the router. Every
/// path must give the same answer, in request order, whatever the bytes.
@Suite(.serialized) struct ServeFastPathTests {
    @Test func answersEqualTheRoutersByteForByte() async throws {
        let rows = try Fixtures.rows()
        let expected = try Fixtures.expected()
        let bodies = (0..<40).map { i in
            #"{"features":[\#(rows[i].map { $0.map { "\($0)" } ?? "null" }.joined(separator: ","))],"id":"u\#(i)","request_id":"r-\#(i)"}"#
        }
        let served = try Served()
        let fromRouter = try await served.app.test(.router) { client in
            var routed: [String] = []
            for body in bodies { routed.append(try await client.post("/v1/score", body).1) }
            return routed
        }
        try await withLiveServer { port, _ in
            let connection = try RawHTTPConnection(port: port)
            for (i, body) in bodies.enumerated() {
                try connection.send(rawScoreRequest(body))
                let response = try #require(try connection.responses(1).first)
                #expect(response.status == 200)
                #expect(response.headers["content-type"] == "application/json")
                #expect(response.headers["date"]?.hasSuffix(" GMT") == true)
                #expect(response.body == fromRouter[i])
                let score = jsonObject(response.body)["score"] as? Double ?? .nan
                #expect(abs(score - expected[i]) <= 1e-6)
            }
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrderAcrossPaths() async throws {
        let row = try Fixtures.rows()[0]
        let features = row.map { $0.map { "\($0)" } ?? "null" }.joined(separator: ",")
        let score: @Sendable (String) -> String = { id in
            rawScoreRequest(#"{"features":[\#(features)],"request_id":"\#(id)"}"#)
        }
        let get: @Sendable (String) -> String = { path in "GET \(path) HTTP/1.1\r\nHost: x\r\n\r\n" }
        try await withLiveServer { port, _ in
            let connection = try RawHTTPConnection(port: port)
            // Plain requests first, then one for the router, then scores after it.
            try connection.send(score("a") + score("b") + get("/health/ready") + score("c") + get("/v1/models") + score("d"))
            let responses = try connection.responses(6)
            #expect(responses.map(\.status) == [200, 200, 200, 200, 200, 200])
            #expect(responses.map { jsonObject($0.body)["request_id"] as? String } == ["a", "b", nil, "c", nil, "d"])
            #expect(jsonObject(responses[2].body)["status"] as? String == "ready")
            #expect(jsonObject(responses[4].body)["models"] != nil)
            // The connection keeps working afterwards.
            try connection.send(score("e"))
            #expect(jsonObject(try connection.responses(1).first?.body ?? "")["request_id"] as? String == "e")
        }
    }

    @Test func splitChunkedAndClosingRequestsAreAnswered() async throws {
        let row = try Fixtures.rows()[1]
        let expected = try Fixtures.expected()[1]
        let body = featuresBody(row)
        try await withLiveServer { port, _ in
            // Head and body in separate writes.
            let split = try RawHTTPConnection(port: port)
            try await split.sendSplit(rawScoreRequest(body), at: 40)
            let first = try #require(try split.responses(1).first)
            #expect(first.status == 200)
            #expect(abs((jsonObject(first.body)["score"] as? Double ?? .nan) - expected) <= 1e-6)
            try split.send(rawScoreRequest(body))
            #expect(try split.responses(1).first?.status == 200)

            // Chunked transfer coding goes to the general decoder.
            let chunked = try RawHTTPConnection(port: port)
            let hex = String(body.utf8.count, radix: 16)
            try chunked.send("POST /v1/score HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n\(hex)\r\n\(body)\r\n0\r\n\r\n")
            let viaChunks = try #require(try chunked.responses(1).first)
            #expect(viaChunks.status == 200)
            #expect(abs((jsonObject(viaChunks.body)["score"] as? Double ?? .nan) - expected) <= 1e-6)

            // `Connection: close`: answered, said so, and closed.
            let closing = try RawHTTPConnection(port: port)
            try closing.send(rawScoreRequest(body, extraHeaders: "Connection: close\r\n"))
            let last = try #require(try closing.responses(1).first)
            #expect(last.status == 200)
            #expect(last.headers["connection"] == "close")
            #expect(try closing.waitForClose())
        }
    }

    @Test func badRequestsGetTheirStatusOnEveryPath() async throws {
        var configuration = ServeConfiguration.singleFile(Fixtures.xgbBinary)
        configuration.limits.maxBodyBytes = 300
        let valid = featuresBody([Double?](repeating: 0.5, count: 8))
        try await withLiveServer(configuration) { port, _ in
            let connection = try RawHTTPConnection(port: port)
            let cases: [(String, Int, String)] = [
                ("{not json", 400, "invalid_json"),
                (#"{"features":[1,2]}"#, 422, "feature_count_mismatch"),
                (#"{"features":[1,2,3,4,5,6,7,"x"]}"#, 422, "non_numeric_value"),
                (#"{"features":[1,2,3,4,5,6,7,Infinity]}"#, 422, "non_numeric_value"),
                (#"{"features":[1,2,3,4,5,6,7,8],"pad":""# + String(repeating: "p", count: 400) + #""}"#, 413, "body_too_large"),
            ]
            for (body, status, code) in cases {
                try connection.send(rawScoreRequest(body))
                let response = try #require(try connection.responses(1).first)
                #expect(response.status == status, "\(body.prefix(40))")
                #expect(errorCode(response.body) == code, "\(response.body)")
                try connection.send(rawScoreRequest(valid))
                #expect(try connection.responses(1).first?.status == 200)
            }
            // A head the decoder refuses: 400 and the connection closes; the server goes on.
            let broken = try RawHTTPConnection(port: port)
            try broken.send("POST /v1/score HTTP/1.1\r\nContent-Length: abc\r\n\r\n")
            #expect(try broken.responses(1).first?.status == 400)
            #expect(try broken.waitForClose())
            let after = try RawHTTPConnection(port: port)
            try after.send(rawScoreRequest(valid))
            #expect(try after.responses(1).first?.status == 200)
        }
    }

    @Test func everyPathGivesTheSameStatusHeadersAndBody() async throws {
        let features = try Fixtures.rows()[2].map { $0.map { "\($0)" } ?? "null" }.joined(separator: ",")
        let bodies = [
            #"{"features":[\#(features)],"id":"u7","request_id":"same-1"}"#,
            "{not json",
            #"{"features":[1,2]}"#,
            #"{"features":[1,2,3,4,5,6,7,"x"]}"#,
            #"{"features":[1,2,3,4,5,6,7,Infinity]}"#,
            #"{"rows":[[1,2,3,4,5,6,7,8]]}"#,
        ]
        try await withLiveServer { port, _ in
            for body in bodies {
                // Plain: framed before the HTTP/1 decoder.
                let raw = try RawHTTPConnection(port: port)
                try raw.send(rawScoreRequest(body))
                let a = try #require(try raw.responses(1).first)
                // Split across two writes: the connection goes to the decoder and the answer is
                // given right after it.
                let inline = try RawHTTPConnection(port: port)
                try await inline.sendSplit(rawScoreRequest(body), at: 30)
                let b = try #require(try inline.responses(1).first)
                // Chunked: only the router takes it.
                let routed = try RawHTTPConnection(port: port)
                let hex = String(body.utf8.count, radix: 16)
                try routed.send("POST /v1/score HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n\(hex)\r\n\(body)\r\n0\r\n\r\n")
                let c = try #require(try routed.responses(1).first)
                for r in [a, b, c] { #expect(r.headers["date"]?.hasSuffix(" GMT") == true) }
                let heads = [a, b, c].map { "\($0.status) \($0.reason) \($0.headers.filter { $0.key != "date" }.sorted { $0.key < $1.key })" }
                #expect(heads[0] == heads[1] && heads[1] == heads[2], "\(body): \(heads)")
                #expect(a.body == b.body && b.body == c.body, "\(body)")
            }
        }
    }

    @Test func closingAfterManyPipelinedAnswersSendsEveryOne() async throws {
        let valid = featuresBody([Double?](repeating: 0.5, count: 8))
        let last = #"{"features":[1,2,3,4,5,6,7,8],"request_id":"last"}"#
        try await withLiveServer { port, _ in
            // Before the decoder, and after it (a query string sends the request to the decoder).
            for path in ["/v1/score", "/v1/score?via=decoder"] {
                let connection = try RawHTTPConnection(port: port, receiveBufferBytes: 4096)
                let one = rawScoreRequest(valid, path: path)
                let bytes = String(repeating: one, count: 30000)
                    + rawScoreRequest(last, extraHeaders: "Connection: close\r\n", path: path) + String(repeating: one, count: 5)
                // Sent from another thread while this one reads slowly: answers queue in the server.
                let sender = Task.detached { try? connection.send(bytes) }
                try await Task.sleep(for: .milliseconds(300))
                let responses = try connection.responses(30010, pauseMicroseconds: 100)
                #expect(responses.count == 30001, "\(path)")
                #expect(responses.allSatisfy { $0.status == 200 })
                #expect(jsonObject(responses.last?.body ?? "")["request_id"] as? String == "last")
                #expect(responses.last?.headers["connection"] == "close")
                #expect(connection.closedByServer)
                _ = await sender.result
            }
        }
    }

    @Test func aClientThatNeverReadsCannotMakeTheServerQueueWithoutBound() async throws {
        let one = rawScoreRequest(featuresBody([Double?](repeating: 0.5, count: 8)))
        let bytes = Array(String(repeating: one, count: (40 << 20) / one.utf8.count).utf8)
        try await withLiveServer { port, _ in
            let greedy = try RawHTTPConnection(port: port, receiveBufferBytes: 4096)
            let accepted = greedy.sendUntilStalled(bytes, stallSeconds: 1)
            // The server stops reading once its answers cannot be sent: a few MB sit in the
            // kernel's buffers, not the 40 MB offered.
            #expect(accepted < 20 << 20, "the server read \(accepted) bytes whose answers were never read")
            #expect(accepted > 0)
            let other = try RawHTTPConnection(port: port)
            try other.send(one)
            #expect(try other.responses(1).first?.status == 200)
        }
    }

    @Test func mutatedRequestBytesNeverTrap() async throws {
        let template = Array(rawScoreRequest(#"{"features":[1.5,null,-2e-3,0,4,5,6,7],"id":"a"}"#).utf8)
        let alphabet = Array("\r\n :0123456789{}[],\"-eE.aPOST/".utf8) + [0, 0x7F, 0xFF, 0x09]
        try await withLiveServer { port, _ in
            var generator = SystemRandomNumberGenerator()
            for _ in 0..<300 {
                var bytes = template
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    let at = Int.random(in: 0..<bytes.count, using: &generator)
                    switch Int.random(in: 0..<4, using: &generator) {
                    case 0: bytes[at] = alphabet.randomElement(using: &generator) ?? 0
                    case 1: bytes.remove(at: at)
                    case 2: bytes.insert(alphabet.randomElement(using: &generator) ?? 0, at: at)
                    default: bytes.removeLast(Int.random(in: 0..<min(bytes.count, 40), using: &generator))
                    }
                    if bytes.isEmpty { bytes = template }
                }
                let connection = try RawHTTPConnection(port: port)
                try connection.send(bytes)
                connection.finishSending()
                for response in try connection.responses(4) {
                    #expect((200..<600).contains(response.status))
                }
            }
            let check = try RawHTTPConnection(port: port)
            try check.send(rawScoreRequest(featuresBody([Double?](repeating: 0.5, count: 8))))
            #expect(try check.responses(1).first?.status == 200)
        }
    }

    @Test func connectionsScoringDuringTwentyReloadsNeverFail() async throws {
        let rows = try Fixtures.rows()
        try await withLiveServer { port, _ in
            let (answered, failures) = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
                for c in 0..<8 {
                    group.addTask {
                        let connection = try RawHTTPConnection(port: port)
                        var answered = 0
                        var failed = 0
                        for i in 0..<125 {
                            try connection.send(rawScoreRequest(featuresBody(rows[(c * 125 + i) % rows.count])))
                            let status = try connection.responses(1).first?.status
                            answered += 1
                            if status != 200 { failed += 1 }
                        }
                        return (answered, failed)
                    }
                }
                group.addTask {
                    let admin = try RawHTTPConnection(port: port)
                    var failed = 0
                    for _ in 0..<20 {
                        try admin.send("POST /admin/reload HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer s3cret\r\nContent-Length: 0\r\n\r\n")
                        if try admin.responses(1).first?.status != 200 { failed += 1 }
                    }
                    return (0, failed)
                }
                return try await group.reduce((0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
            }
            #expect(answered == 1000)
            #expect(failures == 0)
        }
    }
}
