import Foundation
import Hummingbird
import HummingbirdTesting
import MLServe
import MLServeHTTP
import MLTesting
import Testing

/// Request ids, feedback authentication and limits, error bodies and model sources: what a
/// client can send or learn.
@Suite struct ServeEndpointHardeningTests {
    static let row = "[1,2,3,4,5,6,7,8]"
    static let badIDs = [
        #""a b""#, #""\#(String(repeating: "x", count: 129))""#, #""é""#, #""a/b""#, #""""#, #""srv~00""#, #""<x>""#,
    ]

    @Test func badRequestIDsAre400OnTheRouterPath() async throws {
        let served = try Served()
        try await served.app.test(.router) { client in
            for id in Self.badIDs {
                for (path, body) in [
                    ("/v1/score", #"{"features":\#(Self.row),"request_id":\#(id)}"#),
                    ("/v1/score/batch", #"{"rows":[\#(Self.row)],"request_id":\#(id)}"#),
                ] {
                    let (status, text) = try await client.post(path, body)
                    #expect(status == .badRequest, "\(path) \(id)")
                    #expect(errorCode(text) == "invalid_request")
                    #expect(text.contains("request_id"))
                }
            }
            let good = #"{"features":\#(Self.row),"request_id":"A.b_c:d-\#(String(repeating: "9", count: 120))"}"#
            #expect(try await client.post("/v1/score", good).0 == .ok)
            let numeric = jsonObject(try await client.post("/v1/score", #"{"features":\#(Self.row),"request_id":7}"#).1)
            #expect(numeric["request_id"] as? String == "7")
        }
    }

    @Test func badRequestIDsAre400OnTheMicroBatchedRouterPath() async throws {
        var configuration = ServeConfiguration.singleFile(Fixtures.xgbBinary)
        configuration.microBatching = MicroBatchingConfiguration()
        let served = try Served(configuration)
        try await served.app.test(.router) { client in
            let (status, text) = try await client.post("/v1/score", #"{"features":\#(Self.row),"request_id":"a b"}"#)
            #expect(status == .badRequest)
            #expect(errorCode(text) == "invalid_request")
        }
    }

    @Test func badRequestIDsAre400OnTheFastPath() async throws {
        try await withLiveServer { port, _ in
            let connection = try RawHTTPConnection(port: port)
            for id in Self.badIDs {
                try connection.send(rawScoreRequest(#"{"features":\#(Self.row),"request_id":\#(id)}"#))
                let response = try #require(try connection.responses(1).first)
                #expect(response.status == 400, "\(id)")
                #expect(errorCode(response.body) == "invalid_request")
            }
            // The connection still answers, and an id-less request gets a server-made one.
            try connection.send(rawScoreRequest(#"{"features":\#(Self.row)}"#))
            let made = jsonObject(try connection.responses(1).first?.body ?? "")["request_id"] as? String ?? ""
            #expect(RequestID.isServerID(made))
        }
    }

    @Test func feedbackNeedsTheConfiguredBearerToken() async throws {
        let sink = MemoryPredictionSink()
        let served = try Served(feedbackToken: "fb-token", sink: sink)
        let body = #"{"request_id":"r-1","outcome":1}"#
        try await served.app.test(.router) { client in
            _ = try await client.post("/v1/score", #"{"features":\#(Self.row),"request_id":"r-1"}"#)
            let missing = try await client.post("/v1/feedback", body)
            #expect(missing.0 == .unauthorized)
            #expect(errorCode(missing.1) == "unauthorized")
            #expect(try await client.post("/v1/feedback", body, headers: [.authorization: "Bearer fb-tokeN"]).0 == .unauthorized)
            #expect(try await client.post("/v1/feedback", body, headers: [.authorization: "Bearer fb-token2"]).0 == .unauthorized)
            #expect(try await client.post("/v1/feedback", body, headers: [.authorization: "Bearer s3cret"]).0 == .unauthorized)
            #expect(try await client.post("/v1/feedback", body, headers: [.authorization: "Bearer fb-token"]).0 == .accepted)
        }
        served.engine.flushPredictionLog()
        #expect(served.engine.predictionLogStatistics?.feedbackEnqueued == 1)
        #expect(sink.feedback.withLock { $0["r-1"] } == 1)
    }

    @Test func feedbackFieldsAndBodyAreBounded() async throws {
        let served = try Served(sink: MemoryPredictionSink())
        try await served.app.test(.router) { client in
            let cases: [(String, String)] = [
                (#"{"request_id":"r-1","label":"\#(String(repeating: "x", count: 257))"}"#, "label"),
                (#"{"request_id":"r 1","outcome":1}"#, "request_id"),
                (#"{"request_id":"\#(String(repeating: "r", count: 129))","outcome":1}"#, "request_id"),
            ]
            for (body, field) in cases {
                let (status, text) = try await client.post("/v1/feedback", body)
                #expect(status == .badRequest)
                #expect(errorCode(text) == "invalid_request")
                #expect(text.contains("'\(field)'"))
            }
            let huge = #"{"request_id":"r-1","outcome":1,"pad":"\#(String(repeating: "p", count: 20_000))"}"#
            #expect(try await client.post("/v1/feedback", huge).0 == .contentTooLarge)
            let longest = #"{"request_id":"r-1","label":"\#(String(repeating: "x", count: 256))"}"#
            #expect(try await client.post("/v1/feedback", longest).0 == .accepted)
        }
        #expect(served.engine.predictionLogStatistics?.feedbackEnqueued == 1)
    }

    @Test func anInternalErrorsBodyCarriesNoPath() async throws {
        let dir = NSTemporaryDirectory() + "mlserve-hardening-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let model = dir + "/secret-model.json"
        try FileManager.default.copyItem(atPath: Fixtures.xgbBinary, toPath: model)
        let served = try Served(.singleFile(model))
        try Data(#"{"learner": "#.utf8).write(to: URL(fileURLWithPath: model))
        try await served.app.test(.router) { client in
            let (status, body) = try await client.post("/admin/reload", "", headers: [.authorization: "Bearer s3cret"])
            #expect(status == .internalServerError)
            #expect(errorCode(body) == "reload_failed")
            #expect(!body.contains(dir) && !body.contains("secret-model") && !body.contains("/"))
            #expect(try await client.post("/v1/score", #"{"features":\#(Self.row)}"#).0 == .ok)
        }
    }

    @Test func modelSourcesAreShownOnlyWhenConfigured() async throws {
        for expose in [false, true] {
            var configuration = ServeConfiguration.singleFile(Fixtures.xgbBinary)
            configuration.exposeModelSources = expose
            let served = try Served(configuration)
            try await served.app.test(.router) { client in
                let listed = jsonObject(try await client.get("/v1/models").1)
                let first = try #require((listed["models"] as? [[String: Any]])?.first)
                #expect(first["route"] as? String == "champion")
                #expect(first["source"] as? String == (expose ? Fixtures.xgbBinary : nil))
                let reloaded = try await client.post("/admin/reload", "", headers: [.authorization: "Bearer s3cret"])
                #expect(reloaded.0 == .ok)
                let after = (jsonObject(reloaded.1)["models"] as? [[String: Any]])?.first
                #expect(after?["route"] as? String == "champion")
                #expect(after?["source"] as? String == (expose ? Fixtures.xgbBinary : nil))
            }
            // The embedder's view always has the source.
            #expect(served.engine.models().first?.source == Fixtures.xgbBinary)
        }
    }
}
