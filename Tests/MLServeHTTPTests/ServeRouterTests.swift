import Foundation
import Hummingbird
import HummingbirdTesting
import MLServe
import MLTesting
import MLServeHTTP
import Testing

@Suite struct ServeRouterTests {
    let valid = featuresBody([Double?](repeating: 0.5, count: 8))

    @Test func scoresMatchXGBoostThroughHTTP() async throws {
        let served = try Served()
        let rows = try Fixtures.rows()
        let expected = try Fixtures.expected()
        try await served.app.test(.router) { client in
            var worst = 0.0
            for i in 0..<60 {
                let (status, body) = try await client.post("/v1/score", featuresBody(rows[i], id: "u\(i)"))
                #expect(status == .ok)
                let object = jsonObject(body)
                worst = max(worst, abs(((object["score"] as? Double) ?? .nan) - expected[i]))
                #expect(object["route"] as? String == "champion")
                #expect(object["model"] as? String == "model")
                #expect((object["version"] as? String)?.hasPrefix("sha256:") == true)
                #expect(object["request_id"] is String)
                #expect(object["label"] is String)
            }
            #expect(worst <= 1e-6)
        }
    }

    @Test func badRequestsAre4xxAndTheServerKeepsAnswering() async throws {
        let served = try Served()
        let eight = { (x: String) in "[" + Array(repeating: x, count: 8).joined(separator: ",") + "]" }
        let cases: [(String, String, HTTPResponse.Status, String)] = [
            ("/v1/score", "{not json", .badRequest, "invalid_json"),
            ("/v1/score", "", .badRequest, "invalid_json"),
            ("/v1/score", #"{"features":[1,2,3,4,5,6,7,8]"#, .badRequest, "invalid_json"),
            ("/v1/score", #"{"features":[1,2,3,4,5,6,7,8]} x"#, .badRequest, "invalid_json"),
            ("/v1/score", #"{"features":[1,2,3,4,5,6,7,8,]}"#, .badRequest, "invalid_json"),
            ("/v1/score", #"{"features":[1.]}"#, .badRequest, "invalid_json"),
            ("/v1/score", #"{"features":[1.0]}"#, .unprocessableContent, "feature_count_mismatch"),
            ("/v1/score", #"{"features":[]}"#, .unprocessableContent, "feature_count_mismatch"),
            ("/v1/score", #"{"features":\#(eight("\"a\""))}"#, .unprocessableContent, "non_numeric_value"),
            ("/v1/score", #"{"features":\#(eight("true"))}"#, .unprocessableContent, "non_numeric_value"),
            ("/v1/score", #"{"features":\#(eight("NaN"))}"#, .unprocessableContent, "non_numeric_value"),
            ("/v1/score", #"{"features":\#(eight("Infinity"))}"#, .unprocessableContent, "non_numeric_value"),
            ("/v1/score", #"{"features":\#(eight("-Infinity"))}"#, .unprocessableContent, "non_numeric_value"),
            ("/v1/score", #"{"features":\#(eight("1e400"))}"#, .unprocessableContent, "non_numeric_value"),
            ("/v1/score", #"{"features":\#(eight("[1]"))}"#, .unprocessableContent, "non_numeric_value"),
            ("/v1/score", #"{"features":"1,2"}"#, .unprocessableContent, "invalid_input"),
            ("/v1/score", #"{"rows":[[1]]}"#, .unprocessableContent, "invalid_input"),
            ("/v1/score", "[1,2,3]", .unprocessableContent, "invalid_input"),
            ("/v1/score", String(repeating: "[", count: 100_000), .badRequest, "invalid_json"),
            ("/v1/score", #"{"x":"# + String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000) + "}", .badRequest, "invalid_json"),
            ("/v1/score/batch", #"{"rows":[[1,2,3,4,5,6,7,8],[1]]}"#, .unprocessableContent, "feature_count_mismatch"),
            ("/v1/score/batch", #"{"rows":[1,2]}"#, .unprocessableContent, "invalid_input"),
            ("/v1/score/batch", #"{"features":[1,2]}"#, .unprocessableContent, "invalid_input"),
        ]
        try await served.app.test(.router) { client in
            for (uri, body, status, code) in cases {
                let (got, text) = try await client.post(uri, body)
                #expect(got == status, "\(body.prefix(60)) → \(got) \(text.prefix(120))")
                #expect(errorCode(text) == code, "\(body.prefix(60)) → \(text.prefix(120))")
                #expect(try await client.post("/v1/score", valid).0 == .ok)
            }
        }
    }

    @Test func tenThousandRowBatchAndFiftyMegabyteBodyAre413() async throws {
        let served = try Served()
        let row = "[" + Array(repeating: "0.25", count: 8).joined(separator: ",") + "]"
        let tenThousand = #"{"rows":["# + Array(repeating: row, count: 10_000).joined(separator: ",") + "]}"
        let thousand = #"{"rows":["# + Array(repeating: row, count: 1000).joined(separator: ",") + "]}"
        let fiftyMB = ByteBuffer(repeating: UInt8(ascii: " "), count: 50 << 20)
        try await served.app.test(.router) { client in
            let (status, text) = try await client.post("/v1/score/batch", tenThousand)
            #expect(status == .contentTooLarge)
            #expect(errorCode(text) == "batch_too_large")
            let ok = try await client.post("/v1/score/batch", thousand)
            #expect(ok.0 == .ok)
            #expect((jsonObject(ok.1)["scores"] as? [Double])?.count == 1000)
            let huge = try await client.execute(uri: "/v1/score", method: .post, body: fiftyMB) { r in
                (r.status, String(buffer: r.body))
            }
            #expect(huge.0 == .contentTooLarge)
            #expect(errorCode(huge.1) == "body_too_large")
            #expect(try await client.post("/v1/score", valid).0 == .ok)
        }
    }

    @Test func healthModelsAndMetrics() async throws {
        let served = try Served(start: false)
        try await served.app.test(.router) { client in
            #expect(try await client.get("/health/live").0 == .ok)
            #expect(try await client.get("/health/ready").0 == .serviceUnavailable)
            #expect(try await client.get("/v2/health/ready").0 == .serviceUnavailable)
            let early = try await client.post("/v1/score", valid)
            #expect(early.0 == .serviceUnavailable)
            #expect(errorCode(early.1) == "not_ready")
            try served.engine.start()
            #expect(try await client.get("/health/ready").0 == .ok)
            #expect(try await client.get("/v2/health/live").0 == .ok)
            #expect(try await client.post("/v1/score", valid).0 == .ok)
            _ = try await client.post("/v1/score", "{")
            let models = jsonObject(try await client.get("/v1/models").1)
            let first = (models["models"] as? [[String: Any]])?.first
            #expect(first?["route"] as? String == "champion")
            #expect(first?["featureCount"] as? Int == 8)
            let (status, metrics) = try await client.get("/metrics")
            #expect(status == .ok)
            #expect(metrics.contains("mlserve_requests_total{model=\"model\""))
            #expect(metrics.contains("mlserve_request_duration_seconds_bucket"))
            #expect(metrics.contains("type=\"invalid_json\""))
            #expect(metrics.contains("mlserve_predictions_total"))
        }
    }

    @Test func unknownRoutesAndMethodsGetJSONErrors() async throws {
        let served = try Served()
        try await served.app.test(.router) { client in
            let (status, body) = try await client.get("/v1/nope")
            #expect(status == .notFound)
            #expect(errorCode(body) == "not_found")
            let (wrong, text) = try await client.get("/v1/score")
            #expect((400..<500).contains(wrong.code))
            #expect(errorCode(text) != nil)
        }
    }

    @Test func adminReloadNeedsTheBearerToken() async throws {
        let served = try Served()
        try await served.app.test(.router) { client in
            #expect(try await client.post("/admin/reload", "").0 == .unauthorized)
            #expect(try await client.post("/admin/reload", "", headers: [.authorization: "Bearer wrong"]).0 == .unauthorized)
            #expect(try await client.post("/admin/reload", "", headers: [.authorization: "Bearer s3cret-longer"]).0 == .unauthorized)
            #expect(try await client.post("/admin/reload", "", headers: [.authorization: "s3cret"]).0 == .unauthorized)
            let (status, body) = try await client.post("/admin/reload", "", headers: [.authorization: "Bearer s3cret"])
            #expect(status == .ok)
            #expect(body.contains("champion"))
            let unknown = try await client.post("/admin/reload?route=ghost", "", headers: [.authorization: "Bearer s3cret"])
            #expect(unknown.0 == .notFound)
        }
        let disabled = try Served(token: nil)
        try await disabled.app.test(.router) { client in
            let (status, _) = try await client.post("/admin/reload", "", headers: [.authorization: "Bearer x"])
            #expect(status == .forbidden)
        }
    }

    @Test func feedbackJoinsOnTheRequestID() async throws {
        let sink = MemoryPredictionSink()
        var configuration = ServeConfiguration.singleFile(Fixtures.xgbBinary)
        configuration.predictionLog.flushIntervalMilliseconds = 5
        let served = try Served(configuration, sink: sink)
        try await served.app.test(.router) { client in
            let scored = jsonObject(try await client.post("/v1/score", #"{"features":[1,2,3,4,5,6,7,8],"request_id":"r-1"}"#).1)
            #expect(scored["request_id"] as? String == "r-1")
            let accepted = try await client.post("/v1/feedback", #"{"request_id":"r-1","outcome":1}"#)
            #expect(accepted.0 == .accepted)
            #expect(jsonObject(accepted.1)["status"] as? String == "queued")
            // Queued without a lookup: an unknown id is refused by the sink later, and counted.
            #expect(try await client.post("/v1/feedback", #"{"request_id":"nope","outcome":1}"#).0 == .accepted)
            #expect(try await client.post("/v1/feedback", #"{"outcome":1}"#).0 == .unprocessableContent)
            #expect(try await client.post("/v1/feedback", "{oops").0 == .badRequest)
        }
        served.engine.flushPredictionLog()
        #expect(sink.feedback.withLock { $0["r-1"] } == 1)
        #expect(served.engine.predictionLogStatistics?.feedbackWritten == 1)
        #expect(served.engine.predictionLogStatistics?.feedbackFailed == 1)
    }

    @Test func aThousandConcurrentRequestsDuringTwentyReloadsAllSucceed() async throws {
        let served = try Served()
        let rows = try Fixtures.rows()
        try await served.app.test(.router) { client in
            let failures = try await withThrowingTaskGroup(of: Int.self) { group in
                group.addTask {
                    var bad = 0
                    for _ in 0..<20 {
                        let status = try await client.post("/admin/reload", "", headers: [.authorization: "Bearer s3cret"]).0
                        if status != .ok { bad += 1 }
                    }
                    return bad
                }
                for i in 0..<1000 {
                    group.addTask {
                        let (status, _) = try await client.post("/v1/score", featuresBody(rows[i % rows.count], id: "u\(i)"))
                        return status == .ok ? 0 : 1
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(failures == 0)
        }
    }

    @Test func mutatedBodiesNeverTrapAndGetAStatus() async throws {
        let served = try Served()
        let seeds = [
            #"{"features":[1.5,null,-2e-3,0,4,5,6,7],"id":"a\"b\u00e9"}"#,
            #"{"rows":[[1,2,3,4,5,6,7,8],[null,null,null,null,null,null,null,null]],"request_id":7}"#,
        ]
        try await served.app.test(.router) { client in
            var generator = SystemRandomNumberGenerator()
            for _ in 0..<400 {
                var bytes = Array(seeds[Int.random(in: 0..<seeds.count, using: &generator)].utf8)
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    let k = Int.random(in: 0..<bytes.count, using: &generator)
                    switch Int.random(in: 0..<3, using: &generator) {
                    case 0: bytes[k] = UInt8.random(in: 0...255, using: &generator)
                    case 1: bytes.remove(at: k)
                    default: bytes.insert(UInt8.random(in: 0...255, using: &generator), at: k)
                    }
                    if bytes.isEmpty { bytes = [0x7B] }
                }
                let uri = bytes.contains(UInt8(ascii: "w")) ? "/v1/score/batch" : "/v1/score"
                let status = try await client.execute(uri: uri, method: .post, body: ByteBuffer(bytes: bytes)) { $0.status }
                #expect(status == .ok || (400..<500).contains(status.code), "\(status) for \(String(decoding: bytes, as: UTF8.self))")
            }
        }
    }
}
