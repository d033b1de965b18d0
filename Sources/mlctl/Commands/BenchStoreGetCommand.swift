import ArgumentParser
import MLBenchmarkSupport
import MLFeatures

/// `mlctl bench store-get --store fs.sqlite --view v [--calls N] [--json]`: online read latency.
struct BenchStoreGetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store-get",
        abstract: "Time online reads of one entity's features from a feature store (p50, p99, max).",
        discussion: "Entities are drawn (seeded) from the view's online store; materialize first."
    )

    @Option(help: "The feature store (sqlite:///path, a path).") var store: String
    @Option(help: "The view.") var view: String
    @Option(help: "Timed reads.") var calls = 20_000
    @OptionGroup var jsonOutput: JSONOutput

    func validate() throws {
        if calls < 1 { throw ValidationError("--calls must be at least 1") }
    }

    func run() throws {
        let result = try FeatureStoreBenchmark.run(store: FeatureStore.open(store), view: view, calls: calls)
        try jsonOutput.emit(result) {
            let t = result.timing
            print("\(result.view): get of 1 entity × \(result.features) features (\(result.onlineEntities) online entities), \(t.count) calls")
            print("p50 \(t.medianMicroseconds) µs, p99 \(t.p99Microseconds) µs, max \(t.maxMicroseconds) µs, median CPU \(t.medianCPUMicroseconds) µs")
        }
    }
}
