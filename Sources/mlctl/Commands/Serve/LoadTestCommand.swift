import ArgumentParser
import FoundationEssentials
import MLLoadTest

/// `mlctl loadtest --url URL --body-file F --connections C --duration S [--rate R] [thresholds] [--baseline b.json]
/// [--report r.json] [--json]`.
struct LoadTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loadtest",
        abstract: "A bounded HTTP load test with p95/p99/error-rate thresholds and regression against a baseline.",
        discussion: """
            Each of --connections HTTP/1.1 keep-alive connections keeps one request in flight (closed loop; \
            --threads threads multiplex them with poll(2), like wrk), or, with --rate, sends on a fixed schedule of R requests/s in total and measures latency from each request's slot (no coordinated \
            omission). Bodies: one per line of --body-file, sent in rotation as POST application/json (GET without \
            --body-file). Bounded: at most 600 s and 1,024 connections, and only loopback targets unless \
            --allow-remote. Exit 1 when a threshold fails or p95 exceeds the baseline's by more than --tolerance. \
            --report writes the JSON report to a file (a later run's --baseline); --json prints it on stdout.
            """
    )

    @Option(help: "The URL to load: http://IP:PORT/PATH (IPv4, [IPv6] or localhost; no TLS).")
    var url: String

    @Option(help: "A file with one request body per line (POST); omit for GET.")
    var bodyFile: String?

    @Option(help: "Concurrent connections (1…1024).")
    var connections = 8

    @Option(help: "Client threads for the closed loop, like wrk's -t (1…64).")
    var threads = 2

    @Option(help: "Seconds to run (0.1…600).")
    var duration = 10.0

    @Option(help: "Total requests per second (open-loop schedule); unlimited when omitted.")
    var rate: Double?

    @OptionGroup var limits: LoadTestLimits

    @OptionGroup var regression: BaselineRegression

    @Option(help: "Also write the report as JSON to this file.")
    var report: String?

    @OptionGroup var jsonOutput: JSONOutput

    @Flag(help: "Allow a target that is not on the loopback interface.")
    var allowRemote = false

    func validate() throws {
        guard (1...1024).contains(connections) else { throw ValidationError("--connections must be in 1…1024") }
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be in 1…64") }
        guard duration >= 0.1, duration <= 600 else { throw ValidationError("--duration must be in 0.1…600 seconds") }
        if let rate, !(rate > 0 && rate <= 1_000_000) { throw ValidationError("--rate must be in (0, 1000000]") }
        try regression.checkTolerance()
    }

    func run() throws {
        guard url.hasPrefix("http://") else { throw InputError("--url must be an http:// URL (got '\(url)')") }
        if !allowRemote && !LoadGenerator.isLoopback(url: url) {
            throw InputError("\(url) is not on a loopback address; pass --allow-remote to load another host")
        }
        var bodies: [[UInt8]] = []
        if let bodyFile {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: bodyFile)) } catch {
                throw InputError("cannot read \(bodyFile)")
            }
            bodies = data.split(separator: UInt8(ascii: "\n")).filter { !$0.isEmpty }.map { Array($0) }
            if bodies.isEmpty { throw InputError("\(bodyFile) has no request bodies") }
        }
        let previous = try regression.previousReport()
        var result = try LoadGenerator.run(
            LoadGeneratorOptions(
                url: url, bodies: bodies, connections: connections, duration: duration, rate: rate, threads: threads))
        result.evaluate(limits.thresholds, baseline: previous, tolerance: regression.tolerance)
        try jsonOutput.emit(result) { print(Self.describe(result)) }
        if let report {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            do { try encoder.encode(result).write(to: URL(fileURLWithPath: report)) } catch {
                throw InputError("cannot write \(report)")
            }
        }
        if !result.passed {
            let failed = result.checks.filter { !$0.passed }.map { "\($0.name) \($0.value) > \($0.limit)" }
            throw CheckFailed(summary: failed.joined(separator: ", "))
        }
    }

    static func describe(_ r: LoadTestReport) -> String {
        func f(_ x: Double) -> String { String((x * 100).rounded() / 100) }
        var lines = [
            "\(r.url): \(r.requests) requests in \(f(r.durationSeconds)) s over \(r.connections) connections",
            "  \(f(r.requestsPerSecond)) req/s, errors \(r.errors) (\(f(r.errorRate * 100)) %)",
            "  latency ms: p50 \(f(r.p50Milliseconds))  p90 \(f(r.p90Milliseconds))  p95 \(f(r.p95Milliseconds))  p99 \(f(r.p99Milliseconds))  max \(f(r.maxMilliseconds))",
            "  status: " + r.statusCounts.keys.sorted().map { "\($0) × \(r.statusCounts[$0] ?? 0)" }.joined(separator: ", "),
        ]
        for c in r.checks {
            lines.append("  \(c.passed ? "ok  " : "FAIL") \(c.name): \(f(c.value)) (limit \(f(c.limit)))")
        }
        return lines.joined(separator: "\n")
    }
}
