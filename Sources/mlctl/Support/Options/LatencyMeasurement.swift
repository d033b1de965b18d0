import ArgumentParser
import MLValidation

/// `[--latency-rounds N] [--no-latency]`: the side-by-side latency measurement of `validate-export`.
struct LatencyMeasurement: ParsableArguments {
    @Option(help: "Interleaved latency rounds (the median p95 is compared).")
    var latencyRounds = 9

    @Flag(help: "Skip the latency measurement.")
    var noLatency = false

    /// The latency comparison these options ask for, or `nil` with `--no-latency`.
    var comparison: LatencyComparison? { noLatency ? nil : LatencyComparison(rounds: latencyRounds) }
}
