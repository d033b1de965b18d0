import Foundation
import Hummingbird
import HummingbirdTesting
import MLServe
import MLServeHTTP
import MLTesting
import Prometheus
import Synchronization

enum Fixtures {
    static let locator = FixtureLocator(testFile: #filePath)
    static var xgbBinary: String { locator.path("models/xgb_binary_logistic/model.json") }
    static var lgbmBinary: String { locator.path("models/lgbm_binary/model.txt") }

    static func rows() throws -> [[Double?]] {
        let text = try String(contentsOfFile: locator.path("models/xgb_binary_logistic/X.csv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).map { Double($0) }
        }
    }

    static func expected() throws -> [Double] {
        let text = try String(contentsOfFile: locator.path("models/xgb_binary_logistic/expected.csv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { Double($0.split(separator: ",")[1]) ?? .nan }
    }
}

/// A started engine with its Prometheus registry, and an application over it.
struct Served {
    let engine: ScoringEngine
    let prometheus: PrometheusCollectorRegistry
    let app: Application<RouterResponder<BasicRequestContext>>

    init(
        _ configuration: ServeConfiguration = .singleFile(Fixtures.xgbBinary), token: String? = "s3cret",
        feedbackToken: String? = nil, sink: (any PredictionSink)? = nil, start: Bool = true
    ) throws {
        prometheus = PrometheusCollectorRegistry()
        engine = try ScoringEngine(
            configuration: configuration, metricsFactory: ServeMetrics.prometheusFactory(registry: prometheus),
            predictionSink: sink)
        if start { try engine.start() }
        let router = ServeRouter.make(engine: engine, prometheus: prometheus, options: ServeHTTPOptions(adminToken: token, feedbackToken: feedbackToken))
        app = Application(router: router)
    }
}

extension TestClientProtocol {
    /// POSTs `body` to `uri` and returns the status and the body text.
    func post(_ uri: String, _ body: String, headers: HTTPFields = [:]) async throws -> (HTTPResponse.Status, String) {
        try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body)) { r in
            (r.status, String(buffer: r.body))
        }
    }

    func get(_ uri: String) async throws -> (HTTPResponse.Status, String) {
        try await execute(uri: uri, method: .get) { r in (r.status, String(buffer: r.body)) }
    }
}

func jsonObject(_ text: String) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
}

func errorCode(_ text: String) -> String? {
    (jsonObject(text)["error"] as? [String: Any])?["code"] as? String
}

func featuresBody(_ row: [Double?], id: String? = nil) -> String {
    let values = row.map { $0.map { "\($0)" } ?? "null" }.joined(separator: ",")
    return id.map { #"{"features":[\#(values)],"id":"\#($0)"}"# } ?? #"{"features":[\#(values)]}"#
}
