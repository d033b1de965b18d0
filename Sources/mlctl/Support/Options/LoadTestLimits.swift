import ArgumentParser
import MLLoadTest

/// The pass/fail thresholds of `loadtest`.
struct LoadTestLimits: ParsableArguments {
    @Option(name: .customLong("p95-max-ms"), help: "Fail when p95 latency exceeds this many milliseconds.")
    var p95MaxMs: Double?

    @Option(name: .customLong("p99-max-ms"), help: "Fail when p99 latency exceeds this many milliseconds.")
    var p99MaxMs: Double?

    @Option(help: "Fail when the error rate (transport errors and non-2xx) exceeds this (0…1).")
    var maxErrorRate: Double?

    func validate() throws {
        if let e = maxErrorRate, !(0...1).contains(e) { throw ValidationError("--max-error-rate must be in 0…1") }
    }

    /// The thresholds a report is evaluated against.
    var thresholds: LoadTestThresholds {
        LoadTestThresholds(p95Milliseconds: p95MaxMs, p99Milliseconds: p99MaxMs, maxErrorRate: maxErrorRate)
    }
}
