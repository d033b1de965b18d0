import ArgumentParser
import AsyncHTTPClient
import FoundationEssentials
import Histogram
import MLServe
import Synchronization

/// `mlctl loadtest --url URL --body-file F --connections C --duration S [--rate R] [thresholds] [--baseline b.json]`.
struct LoadTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loadtest",
        abstract: "A bounded HTTP load test with p95/p99/error-rate thresholds and regression against a baseline.",
        discussion: """
            Each of --connections workers keeps one request in flight (closed loop), or, with --rate, sends on a \
            fixed schedule of R requests/s in total and measures latency from each request's slot (no coordinated \
            omission). Bodies: one per line of --body-file, sent in rotation as POST application/json (GET without \
            --body-file). Bounded: at most 600 s and 1,024 connections, and only loopback targets unless \
            --allow-remote. Exit 1 when a threshold fails or p95 exceeds the baseline's by more than --tolerance.
            """
    )

    @Option(help: "The URL to load, e.g. http://127.0.0.1:8080/v1/score.")
    var url: String

    @Option(help: "A file with one request body per line (POST); omit for GET.")
    var bodyFile: String?

    @Option(help: "Concurrent connections (1…1024).")
    var connections = 8

    @Option(help: "Seconds to run (0.1…600).")
    var duration = 10.0

    @Option(help: "Total requests per second (open-loop schedule); unlimited when omitted.")
    var rate: Double?

    @Option(name: .customLong("p95-max-ms"), help: "Fail when p95 latency exceeds this many milliseconds.")
    var p95MaxMs: Double?

    @Option(name: .customLong("p99-max-ms"), help: "Fail when p99 latency exceeds this many milliseconds.")
    var p99MaxMs: Double?

    @Option(help: "Fail when the error rate (transport errors and non-2xx) exceeds this (0…1).")
    var maxErrorRate: Double?

    @Option(help: "An earlier --json report: fail when p95 regresses beyond --tolerance.")
    var baseline: String?

    @Option(help: "Allowed relative p95 increase over the baseline.")
    var tolerance = 0.10

    @Option(help: "Write the report as JSON to this file ('-' for stdout).")
    var json: String?

    @Flag(help: "Allow a target that is not on the loopback interface.")
    var allowRemote = false

    func validate() throws {
        guard (1...1024).contains(connections) else { throw ValidationError("--connections must be in 1…1024") }
        guard duration >= 0.1, duration <= 600 else { throw ValidationError("--duration must be in 0.1…600 seconds") }
        if let rate, !(rate > 0 && rate <= 1_000_000) { throw ValidationError("--rate must be in (0, 1000000]") }
        guard tolerance >= 0 else { throw ValidationError("--tolerance must not be negative") }
        if let e = maxErrorRate, !(0...1).contains(e) { throw ValidationError("--max-error-rate must be in 0…1") }
    }

    func run() throws {
        guard let parsed = URL(string: url), let scheme = parsed.scheme, scheme == "http" || scheme == "https",
            let host = parsed.host
        else { throw InputError("--url must be an http(s) URL (got '\(url)')") }
        if !allowRemote && !Self.isLoopback(host) {
            throw InputError("\(host) is not a loopback address; pass --allow-remote to load another host")
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
        var previous: LoadTestReport?
        if let baseline {
            do {
                previous = try JSONDecoder().decode(LoadTestReport.self, from: Data(contentsOf: URL(fileURLWithPath: baseline)))
            } catch {
                throw InputError("cannot read the baseline \(baseline): \(error)")
            }
        }
        let settings = _LoadSettings(
            url: url, bodies: bodies, connections: connections, duration: duration, rate: rate)
        let box = _ReportBox()
        try AsyncBridge.run { box.report.withLock { $0 = nil }; let r = try await settings.run(); box.report.withLock { $0 = r } }
        guard var report = box.report.withLock({ $0 }) else { throw InputError("the load test produced no report") }
        report.evaluate(
            LoadTestThresholds(p95Milliseconds: p95MaxMs, p99Milliseconds: p99MaxMs, maxErrorRate: maxErrorRate),
            baseline: previous, tolerance: tolerance)
        if json == "-" {
            try Output.printJSON(report)
        } else {
            print(Self.describe(report))
            if let json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
                do { try encoder.encode(report).write(to: URL(fileURLWithPath: json)) } catch {
                    throw InputError("cannot write \(json)")
                }
            }
        }
        if !report.passed {
            let failed = report.checks.filter { !$0.passed }.map { "\($0.name) \($0.value) > \($0.limit)" }
            throw CheckFailed(summary: failed.joined(separator: ", "))
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
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

private final class _Counter: Sendable {
    let value = Atomic<Int>(0)
}

private final class _ReportBox: Sendable {
    let report = Mutex<LoadTestReport?>(nil)
}

/// The load loop: `connections` workers on one HTTP client, each with its own histogram
/// (merged at the end), so the hot loop shares nothing but an atomic body counter.
private struct _LoadSettings: Sendable {
    let url: String
    let bodies: [[UInt8]]
    let connections: Int
    let duration: Double
    let rate: Double?

    struct WorkerResult: Sendable {
        var histogram = Histogram<UInt64>(highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: .three)
        var requests = 0
        var errors = 0
        var statuses: [String: Int] = [:]
    }

    func run() async throws -> LoadTestReport {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(30))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let next = _Counter()
        let start = ContinuousClock.now
        let end = start + .milliseconds(Int64(duration * 1000))
        // With a rate, worker w owns slots w, w + C, w + 2C, … of a schedule of `rate` per second.
        let interval: Duration? = rate.map { .nanoseconds(Int64(1e9 / $0)) }
        let results = await withTaskGroup(of: WorkerResult.self) { group in
            for worker in 0..<connections {
                group.addTask {
                    var result = WorkerResult()
                    var slot = worker
                    while true {
                        var due = ContinuousClock.now
                        if let interval {
                            due = start + interval * slot
                            slot += connections
                            if due >= end { break }
                            if due > ContinuousClock.now { try? await Task.sleep(until: due, clock: .continuous) }
                        } else if due >= end {
                            break
                        }
                        var request = HTTPClientRequest(url: url)
                        if !bodies.isEmpty {
                            let k = next.value.wrappingAdd(1, ordering: .relaxed).oldValue % bodies.count
                            request.method = .POST
                            request.headers.add(name: "Content-Type", value: "application/json")
                            request.body = .bytes(bodies[k])
                        }
                        let status: String
                        do {
                            let response = try await client.execute(request, timeout: .seconds(30))
                            _ = try await response.body.collect(upTo: 64 << 20)
                            status = String(response.status.code)
                            if !(200..<300).contains(response.status.code) { result.errors += 1 }
                        } catch {
                            status = "error"
                            result.errors += 1
                        }
                        let micros = (ContinuousClock.now - due).components
                        let value = UInt64(max(0, micros.seconds * 1_000_000 + micros.attoseconds / 1_000_000_000_000))
                        _ = result.histogram.record(min(value, 120_000_000))
                        result.requests += 1
                        result.statuses[status, default: 0] += 1
                    }
                    return result
                }
            }
            var all: [WorkerResult] = []
            for await r in group { all.append(r) }
            return all
        }
        let elapsed = ContinuousClock.now - start
        try? await client.shutdown()
        var merged = WorkerResult()
        for r in results {
            merged.histogram.add(r.histogram)
            merged.requests += r.requests
            merged.errors += r.errors
            for (k, v) in r.statuses { merged.statuses[k, default: 0] += v }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        func ms(_ p: Double) -> Double {
            merged.requests == 0 ? 0 : Double(merged.histogram.valueAtPercentile(p)) / 1000
        }
        return LoadTestReport(
            url: url, connections: connections, durationSeconds: seconds, requests: merged.requests, errors: merged.errors,
            p50Milliseconds: ms(50), p90Milliseconds: ms(90), p95Milliseconds: ms(95), p99Milliseconds: ms(99),
            maxMilliseconds: merged.requests == 0 ? 0 : Double(merged.histogram.maxRecorded) / 1000,
            statusCounts: merged.statuses)
    }
}
