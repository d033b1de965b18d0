import ArgumentParser
import FoundationEssentials
import MLRegistry
import MLServe
import MLServeHTTP
import Prometheus

/// `mlctl serve --model PATH | --registry DB --name N [--alias champion] [--config serve.yaml] [--host] [--port]`.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a model over HTTP (MLServeHTTP): /v1/score, /v1/score/batch, /health/*, /metrics, /admin/reload.",
        discussion: """
            The model comes from --model, from --registry with --name and --alias, or from the variants of \
            --config (YAML, see Docs/Serving.md: routing, canary, shadow, rollout, thresholds, limits). \
            /admin/reload needs the bearer token in the environment variable MLSERVE_ADMIN_TOKEN (disabled without it); \
            /v1/feedback needs the one in MLSERVE_FEEDBACK_TOKEN when that is set. \
            With --trusted-key (or trusted_keys: in the config), a registry version not signed by one of those keys \
            is refused, at start and at every reload. \
            SIGTERM or SIGINT drains in-flight requests, flushes the prediction log and exits 0. \
            A model that cannot be loaded, or a bad configuration, is exit 2.
            """
    )

    @Option(help: "A model file (XGBoost JSON/UBJSON, LightGBM text), served as the 'champion' route.")
    var model: String?

    @Option(help: "A registry database: serve --name at --alias, and log predictions there.")
    var registry: String?

    @Option(help: "The registered model's name (with --registry).")
    var name: String?

    @Option(help: "The registry alias to serve (with --registry).")
    var alias = "champion"

    @Option(help: "A serve.yaml with variants, routing, post-processing, limits and logging.")
    var config: String?

    @Option(
        name: .customLong("trusted-key"),
        help: "A public key file (mlctl registry keygen) whose signatures are trusted; repeatable. Adds to trusted_keys.")
    var trustedKeys: [String] = []

    @Option(help: "The address to listen on (loopback by default).")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = 8080

    func validate() throws {
        if model != nil && registry != nil { throw ValidationError("give --model or --registry, not both") }
        if registry != nil && name == nil { throw ValidationError("--registry needs --name") }
        if model == nil && registry == nil && config == nil {
            throw ValidationError("give --model PATH, --registry DB --name N, or --config serve.yaml")
        }
        if !(0...65535).contains(port) { throw ValidationError("--port must be in 0…65535") }
    }

    func run() async throws {
        var configuration = ServeConfiguration()
        if let config { configuration = try ServeConfiguration.load(contentsOf: config) }
        configuration.trustedKeys += trustedKeys
        var openedRegistry: ModelRegistry?
        if let model {
            configuration.variants["champion"] = VariantConfiguration(path: model)
        }
        if let registry {
            guard FileManager.default.fileExists(atPath: registry) else { throw InputError("no registry at \(registry)") }
            do {
                openedRegistry = try ModelRegistry(path: registry)
            } catch {
                throw InputError("cannot open the registry \(registry): \(error)")
            }
            configuration.name = configuration.name ?? name
            if configuration.variants.isEmpty {
                configuration.variants["champion"] = VariantConfiguration(registryName: name, alias: alias)
            }
        }
        if configuration.variants.isEmpty { throw InputError("the configuration has no variants and no --model was given") }

        let prometheus = PrometheusCollectorRegistry()
        let engine = try ScoringEngine(
            configuration: configuration, registry: openedRegistry,
            metricsFactory: ServeMetrics.prometheusFactory(registry: prometheus))
        try engine.start()
        let options = ServeHTTPOptions(
            adminToken: Self.environment("MLSERVE_ADMIN_TOKEN"), feedbackToken: Self.environment("MLSERVE_FEEDBACK_TOKEN"))
        let app = ServeServer.application(
            engine: engine, prometheus: prometheus, host: host, port: port, options: options,
            onServerRunning: { [host] port in
                StandardError.writeLine("mlctl serve: listening on http://\(host):\(port)")
            })
        try await app.runService()
    }

    /// The environment variable `name`, or `nil` when it is unset or empty.
    static func environment(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }
}
