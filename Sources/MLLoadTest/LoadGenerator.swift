import Histogram
import MLCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// What ``LoadGenerator`` sends, to where, for how long.
public struct LoadGeneratorOptions: Sendable {
    /// The target, `http://HOST:PORT/PATH` (HTTP/1.1 keep-alive; no TLS).
    public var url: String
    /// Request bodies sent in rotation as `POST` `application/json`; empty for `GET`.
    public var bodies: [[UInt8]]
    /// Concurrent connections, each with one request in flight.
    public var connections: Int
    /// Seconds to run.
    public var duration: Double
    /// Total requests per second on a fixed schedule (open loop); `nil` for as fast as possible.
    public var rate: Double?
    /// Client threads of the closed loop (like wrk's `-t`); each multiplexes its share of the
    /// connections with `poll`. The open loop (`rate`) uses one thread per connection.
    public var threads: Int

    /// Creates options.
    public init(url: String, bodies: [[UInt8]], connections: Int, duration: Double, rate: Double? = nil, threads: Int = 2) {
        self.url = url
        self.bodies = bodies
        self.connections = connections
        self.duration = duration
        self.rate = rate
        self.threads = threads
    }
}

/// A bounded HTTP/1.1 load generator for `mlctl loadtest`, built like wrk: pre-formatted
/// requests, keep-alive connections, latencies in an HDR histogram per thread.
///
/// Closed loop (no `rate`): `threads` threads (default 2) each multiplex their connections
/// with `poll` and non-blocking sockets. Open loop (`rate`): one thread per connection with a
/// blocking socket, sending on a fixed schedule and timing each request from its slot.
///
/// Written on plain sockets because the load generator shares the machine with the server:
/// AsyncHTTPClient topped out near 10k requests/s on 2 cores where wrk drove the same server
/// at 35k, so its numbers measured the client (see `Docs/Performance.md`).
public enum LoadGenerator {
    /// Why a load test could not run.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What went wrong.
        public let message: String
        public var description: String { message }
    }

    struct Target {
        var host: String
        var port: UInt16
        var path: String
    }

    /// Parses `http://host[:port]/path`.
    static func target(_ url: String) throws(Failure) -> Target {
        guard url.hasPrefix("http://") else { throw Failure(message: "only http:// URLs are supported (got '\(url)')") }
        let rest = url.dropFirst("http://".count)
        let authority = rest.prefix { $0 != "/" }
        let path = rest.dropFirst(authority.count)
        var host = String(authority)
        var port: UInt16 = 80
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { throw Failure(message: "bad IPv6 address in '\(url)'") }
            let after = host[host.index(after: close)...]
            if after.hasPrefix(":") {
                guard let p = UInt16(after.dropFirst()) else { throw Failure(message: "bad port in '\(url)'") }
                port = p
            }
            host = String(host[host.index(after: host.startIndex)..<close])
        } else if let colon = host.lastIndex(of: ":") {
            guard let p = UInt16(host[host.index(after: colon)...]) else { throw Failure(message: "bad port in '\(url)'") }
            port = p
            host = String(host[..<colon])
        }
        guard !host.isEmpty else { throw Failure(message: "no host in '\(url)'") }
        return Target(host: host, port: port, path: path.isEmpty ? "/" : String(path))
    }

    /// True for `localhost`, `127.0.0.0/8` and `::1`.
    public static func isLoopback(url: String) -> Bool {
        guard let t = try? target(url) else { return false }
        return t.host == "localhost" || t.host.hasPrefix("127.") || t.host == "::1"
    }

    /// Runs the load test (blocking) and returns its report, without checks.
    /// - Throws: ``Failure`` when the URL is unusable, no connection can be made, or an option
    ///   is out of range (duration (0, 3600] s, 1…4096 connections, 1…256 threads, rate
    ///   0.001…10⁷ per second).
    public static func run(_ options: LoadGeneratorOptions) throws(Failure) -> LoadTestReport {
        guard options.duration.isFinite, options.duration > 0, options.duration <= 3600 else {
            throw Failure(message: "the duration must be in (0, 3600] seconds")
        }
        guard (1...4096).contains(options.connections), (1...256).contains(options.threads) else {
            throw Failure(message: "connections must be in 1…4096 and threads in 1…256")
        }
        if let rate = options.rate, !(rate.isFinite && rate >= 0.001 && rate <= 10_000_000) {
            throw Failure(message: "the rate must be in [0.001, 10000000] requests per second")
        }
        let t = try target(options.url)
        let requests = makeRequests(t, bodies: options.bodies)
        let address = try resolve(t)
        // One connection first, so that a refused target is an error, not a report of errors.
        let probe = _Connection(address: address)
        guard probe.connect() else { throw Failure(message: "cannot connect to \(t.host):\(t.port)") }
        probe.close()

        let start = _Platform.monotonicNanoseconds()
        let end = start + UInt64(options.duration * 1e9)
        var parts: [(histogram: Histogram<UInt64>, requests: Int, errors: Int, statuses: [String: Int])] = []
        if options.rate == nil {
            let threadCount = max(1, min(options.threads, options.connections))
            let loops = (0..<threadCount).map { t in
                _PollLoadLoop(
                    connectionCount: options.connections / threadCount + (t < options.connections % threadCount ? 1 : 0),
                    firstRequest: t, address: address, requests: requests, end: end)
            }
            runThreads(loops.map { loop in { loop.run() } })
            parts = loops.map { ($0.histogram, $0.requestsDone, $0.errors, $0.statuses) }
        } else {
            let interval = options.rate.map { UInt64(1e9 / $0) }
            let workers = (0..<options.connections).map { w in
                _Worker(index: w, stride: options.connections, address: address, requests: requests, start: start, end: end,
                        interval: interval)
            }
            runThreads(workers.map { worker in { worker.run() } })
            parts = workers.map { ($0.histogram, $0.requestsDone, $0.errors, $0.statuses) }
        }
        let elapsed = Double(_Platform.monotonicNanoseconds() - start) / 1e9

        var histogram = Histogram<UInt64>(highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: .three)
        var total = 0
        var errors = 0
        var statuses: [String: Int] = [:]
        for p in parts {
            histogram.add(p.histogram)
            total += p.requests
            errors += p.errors
            for (k, v) in p.statuses { statuses[k, default: 0] += v }
        }
        func ms(_ p: Double) -> Double { total == 0 ? 0 : Double(histogram.valueAtPercentile(p)) / 1000 }
        return LoadTestReport(
            url: options.url, connections: options.connections, durationSeconds: elapsed, requests: total, errors: errors,
            p50Milliseconds: ms(50), p90Milliseconds: ms(90), p95Milliseconds: ms(95), p99Milliseconds: ms(99),
            maxMilliseconds: total == 0 ? 0 : Double(histogram.maxRecorded) / 1000, statusCounts: statuses)
    }

    /// Runs each body on its own OS thread and waits for all of them.
    static func runThreads(_ bodies: [() -> Void]) {
        final class Box {
            let body: () -> Void
            init(_ body: @escaping () -> Void) { self.body = body }
        }
        var threads: [pthread_t] = []
        for body in bodies {
            let box = Unmanaged.passRetained(Box(body)).toOpaque()
            var thread = pthread_t()
            let status = pthread_create(&thread, nil, { raw in
                guard let raw else { return nil }
                Unmanaged<Box>.fromOpaque(raw).takeRetainedValue().body()
                return nil
            }, box)
            if status == 0 {
                threads.append(thread)
            } else {
                // No thread: run it here rather than lose its share of the load.
                Unmanaged<Box>.fromOpaque(box).takeRetainedValue().body()
            }
        }
        for thread in threads { pthread_join(thread, nil) }
    }

    static func makeRequests(_ t: Target, bodies: [[UInt8]]) -> [[UInt8]] {
        let hostHeader = t.host.contains(":") ? "[\(t.host)]:\(t.port)" : "\(t.host):\(t.port)"
        if bodies.isEmpty {
            return [Array("GET \(t.path) HTTP/1.1\r\nHost: \(hostHeader)\r\n\r\n".utf8)]
        }
        return bodies.map { body in
            Array(
                "POST \(t.path) HTTP/1.1\r\nHost: \(hostHeader)\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n"
                    .utf8) + body
        }
    }

    static func resolve(_ t: Target) throws(Failure) -> _Address {
        let host = t.host == "localhost" ? "127.0.0.1" : t.host
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 { return .v4(v4, t.port) }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 { return .v6(v6, t.port) }
        throw Failure(message: "'\(t.host)' is not an IP address or localhost (names are not resolved)")
    }
}

enum _Address: @unchecked Sendable {
    // in_addr / in6_addr are plain C value types; @unchecked because they are imported without Sendable.
    case v4(in_addr, UInt16)
    case v6(in6_addr, UInt16)
}

/// One blocking keep-alive connection.
final class _Connection {
    private let address: _Address
    private(set) var fd: Int32 = -1

    init(address: _Address) { self.address = address }

    func connect() -> Bool {
        close()
        let connected: Bool
        switch address {
        case .v4(let a, let port):
            connected = open(AF_INET, sockaddr_in(sin_family: sa_family_t(AF_INET), sin_port: port.bigEndian, sin_addr: a, sin_zero: (0, 0, 0, 0, 0, 0, 0, 0)))
        case .v6(let a, let port):
            connected = open(AF_INET6, sockaddr_in6(sin6_family: sa_family_t(AF_INET6), sin6_port: port.bigEndian, sin6_flowinfo: 0, sin6_addr: a, sin6_scope_id: 0))
        }
        guard connected else { return false }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return true
    }

    /// Opens a stream socket of `family` and connects it to `address` (a `sockaddr_in` or
    /// `sockaddr_in6`); on failure nothing stays open.
    private func open<SocketAddress>(_ family: Int32, _ address: SocketAddress) -> Bool {
        fd = socket(family, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        var address = address
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<SocketAddress>.size))
            }
        }
        guard status == 0 else { close(); return false }
        return true
    }

    func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    deinit { close() }
}

/// One connection's loop; its results are read after the thread is joined.
final class _Worker: @unchecked Sendable {
    // @unchecked: each worker is used by exactly one thread, then read after pthread_join
    // (which orders the memory accesses).
    let index: Int
    let stride: Int
    let requests: [[UInt8]]
    let start: UInt64
    let end: UInt64
    let interval: UInt64?
    let connection: _Connection
    var histogram = Histogram<UInt64>(highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: .three)
    var requestsDone = 0
    var errors = 0
    var statuses: [String: Int] = [:]
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)

    init(index: Int, stride: Int, address: _Address, requests: [[UInt8]], start: UInt64, end: UInt64, interval: UInt64?) {
        self.index = index
        self.stride = stride
        self.requests = requests
        self.start = start
        self.end = end
        self.interval = interval
        connection = _Connection(address: address)
    }

    func run() {
        var slot = index
        var k = index % requests.count
        while true {
            var due = _Platform.monotonicNanoseconds()
            if let interval {
                due = start + UInt64(slot) * interval
                slot += stride
                if due >= end { break }
                let now = _Platform.monotonicNanoseconds()
                if due > now {
                    var ts = timespec(tv_sec: Int((due - now) / 1_000_000_000), tv_nsec: Int((due - now) % 1_000_000_000))
                    nanosleep(&ts, nil)
                }
            } else if due >= end {
                break
            }
            let status = exchange(requests[k])
            k = (k + 1) % requests.count
            let micros = (_Platform.monotonicNanoseconds() - due) / 1000
            _ = histogram.record(min(micros, 120_000_000))
            requestsDone += 1
            if let status {
                statuses[String(status), default: 0] += 1
                if !(200..<300).contains(status) { errors += 1 }
            } else {
                statuses["error", default: 0] += 1
                errors += 1
                connection.close()
                // A refused reconnect must not spin: back off a little.
                if !connection.connect() { usleep(10_000) }
            }
        }
        connection.close()
    }

    /// Sends one request and reads one response; the status, or nil on a transport error.
    private func exchange(_ request: [UInt8]) -> Int? {
        if connection.fd < 0, !connection.connect() { return nil }
        let fd = connection.fd
        let sent = request.withUnsafeBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return false }
            var offset = 0
            while offset < raw.count {
                let n = send(fd, base + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
        guard sent else { return nil }
        return readResponse(fd)
    }

    private func readResponse(_ fd: Int32) -> Int? {
        var filled = 0
        var headerEnd = -1
        while headerEnd < 0 {
            if filled == buffer.count { buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count)) }
            let n = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return -1 }
                return recv(fd, base + filled, raw.count - filled, 0)
            }
            if n <= 0 { return nil }
            let from = max(0, filled - 3)
            filled += n
            headerEnd = Self.find(buffer, "\r\n\r\n", from: from, to: filled)
        }
        let head = String(decoding: buffer[0..<headerEnd], as: UTF8.self)
        // "HTTP/1.1 200 OK"
        guard head.hasPrefix("HTTP/1."), head.count >= 12, let status = Int(head.dropFirst(9).prefix(3)) else { return nil }
        var contentLength = 0
        var chunked = false
        var close = false
        for line in head.split(separator: "\r\n").dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingPrefix(" ")
            if name == "content-length" { contentLength = Int(value) ?? 0 }
            if name == "transfer-encoding", value.lowercased().contains("chunked") { chunked = true }
            if name == "connection", value.lowercased() == "close" { close = true }
        }
        let bodyStart = headerEnd + 4
        if chunked {
            // Read until the terminating zero-length chunk.
            while Self.find(buffer, "0\r\n\r\n", from: bodyStart, to: filled) < 0 {
                if filled == buffer.count { buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count)) }
                let n = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return -1 }
                return recv(fd, base + filled, raw.count - filled, 0)
            }
                if n <= 0 { return nil }
                filled += n
            }
        } else {
            var remaining = bodyStart + contentLength - filled
            while remaining > 0 {
                let n = buffer.withUnsafeMutableBytes { raw -> Int in
                    guard let base = raw.baseAddress else { return -1 }
                    return recv(fd, base, min(remaining, raw.count), 0)
                }
                if n <= 0 { return nil }
                remaining -= n
            }
        }
        if close { connection.close() }
        return status
    }

    static func find(_ haystack: [UInt8], _ needle: StaticString, from: Int, to: Int) -> Int {
        let n = needle.utf8CodeUnitCount
        guard to - from >= n else { return -1 }
        return needle.withUTF8Buffer { w in
            var i = from
            while i + n <= to {
                if haystack[i] == w[0] {
                    var k = 1
                    while k < n && haystack[i + k] == w[k] { k += 1 }
                    if k == n { return i }
                }
                i += 1
            }
            return -1
        }
    }
}
