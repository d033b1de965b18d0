import MLServe
import NIOCore
import Prometheus
import Synchronization

/// The server's connection limits (`limits.idle_timeout_seconds`, `read_timeout_seconds`,
/// `max_connections`), shared by every connection: the deadlines each connection's
/// ``_ConnectionDeadlineHandler`` enforces, and the count of open connections.
final class _ConnectionPolicy: Sendable {
    let idleTimeout: TimeAmount
    let readTimeout: TimeAmount
    let maxConnections: Int
    private let open = Atomic<Int>(0)
    private let openGauge: Gauge?
    private let refused: Counter?
    private let idleClosed: Counter?
    private let readClosed: Counter?

    init(limits: LimitsConfiguration, prometheus: PrometheusCollectorRegistry?) {
        idleTimeout = Self.timeAmount(seconds: limits.idleTimeoutSeconds)
        readTimeout = Self.timeAmount(seconds: limits.readTimeoutSeconds)
        maxConnections = max(1, limits.maxConnections)
        func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
            MetricNameDescriptor(namespace: "mlserve", metricName: metric, unitName: unit, helpText: help)
        }
        openGauge = prometheus?.makeGauge(descriptor: name("connections", "open", "HTTP connections open"))
        refused = prometheus?.makeCounter(
            descriptor: name("connections_refused", "total", "Connections closed at once: max_connections were open"))
        let timedOut = name("connections_timed_out", "total", "Connections closed by the idle or the read timeout")
        idleClosed = prometheus?.makeCounter(descriptor: timedOut, labels: [("phase", "idle")])
        readClosed = prometheus?.makeCounter(descriptor: timedOut, labels: [("phase", "read")])
    }

    /// Counts a new connection in; `false` (and counted as refused) when `maxConnections` are
    /// already open. An admitted connection is counted out by ``release()``.
    func admit() -> Bool {
        let now = open.add(1, ordering: .relaxed).newValue
        guard now <= maxConnections else {
            open.subtract(1, ordering: .relaxed)
            refused?.increment()
            return false
        }
        openGauge?.set(Int64(now))
        return true
    }

    /// Counts an admitted connection out.
    func release() {
        let now = open.subtract(1, ordering: .relaxed).newValue
        openGauge?.set(Int64(now))
    }

    /// Counts a connection closed by a deadline.
    func timedOut(reading: Bool) {
        (reading ? readClosed : idleClosed)?.increment()
    }

    /// Seconds as a `TimeAmount`, clamped to 1 ms … 1 day (configurations are checked when
    /// decoded; values made in code are clamped here, never trapped on).
    static func timeAmount(seconds: Double) -> TimeAmount {
        let clamped = seconds.isNaN ? 86_400 : min(max(seconds, 0.001), 86_400)
        return .nanoseconds(Int64(clamped * 1e9))
    }
}
