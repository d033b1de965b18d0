import Foundation
import MLCore
import MLServe
import MLServeHTTP
import MLTesting
import Testing

/// `limits.idle_timeout_seconds`, `read_timeout_seconds` and `max_connections` on real
/// sockets, on all three paths (the raw framer, the inline handler after the decoder, the
/// router). Closing is asserted, never how long it took.
@Suite(.serialized) struct ConnectionLimitTests {
    static let plain = rawScoreRequest(featuresBody([Double?](repeating: 0.5, count: 8)))
    /// Answered after the decoder (a query string sends `/v1/score` there).
    static let inline = rawScoreRequest(featuresBody([Double?](repeating: 0.5, count: 8)), path: "/v1/score?via=decoder")
    /// Answered by the router.
    static let routed = "GET /health/ready HTTP/1.1\r\nHost: x\r\n\r\n"

    func configuration(idle: Double = 60, read: Double = 30, maxConnections: Int = 10_000) -> ServeConfiguration {
        var configuration = ServeConfiguration.singleFile(Fixtures.xgbBinary)
        configuration.limits.idleTimeoutSeconds = idle
        configuration.limits.readTimeoutSeconds = read
        configuration.limits.maxConnections = maxConnections
        return configuration
    }

    /// Sends `chunks` one at a time, `every` apart, until the server closes the connection;
    /// returns how many were sent before the close was seen (`chunks.count`: never closed).
    func trickle(_ connection: RawHTTPConnection, _ chunks: [String], everyMilliseconds: UInt32) -> Int {
        for (i, chunk) in chunks.enumerated() {
            do {
                try connection.send(chunk)
            } catch {
                return i
            }
            _Platform.sleep(microseconds: Int(everyMilliseconds) * 1000)
        }
        return chunks.count
    }

    @Test func anIdleConnectionIsClosedOnEveryPath() async throws {
        try await withLiveServer(configuration(idle: 1)) { port, _ in try await offCooperativePool {
            var connections: [RawHTTPConnection] = []
            for request in [Self.plain, Self.inline, Self.routed] {
                let connection = try RawHTTPConnection(port: port, receiveTimeoutSeconds: 30)
                try connection.send(request)
                #expect(try connection.responses(1).first?.status == 200)
                connections.append(connection)
            }
            for (connection, path) in zip(connections, ["raw", "inline", "router"]) {
                #expect(try connection.waitForClose(), "\(path)")
            }
        } }
    }

    @Test func connectionsThatKeepAskingAreNotClosed() async throws {
        // Requests a twentieth of the idle timeout apart, on each path, for 1.25 idle timeouts
        // (a wide margin: the whole test suite shares two event-loop threads).
        try await withLiveServer(configuration(idle: 4, read: 4)) { port, _ in try await offCooperativePool {
            for request in [Self.plain, Self.inline, Self.routed] {
                let connection = try RawHTTPConnection(port: port, receiveTimeoutSeconds: 30)
                var statuses: [Int] = []
                for _ in 0..<25 {
                    try connection.send(request)
                    statuses += try connection.responses(1).map(\.status)
                    _Platform.sleep(microseconds: 200_000)
                }
                #expect(statuses == [Int](repeating: 200, count: 25), "\(request.prefix(30))")
                #expect(!connection.closedByServer)
            }
        } }
    }

    /// A valid head that never ends: a padding field whose value grows by one byte a time.
    static let endlessHead = "POST /v1/score HTTP/1.1\r\nHost: x\r\nX-Pad: "

    @Test func aClientTricklingOneByteAtATimeIsClosed() async throws {
        // One byte every 250 ms: never idle for long, but the request is not complete within
        // the read timeout. All 240 bytes would take a minute.
        let bytes = Array(Self.endlessHead + String(repeating: "a", count: 200)).map(String.init)
        try await withLiveServer(configuration(idle: 1, read: 1)) { port, _ in try await offCooperativePool {
            let connection = try RawHTTPConnection(port: port, receiveTimeoutSeconds: 30)
            let sent = trickle(connection, bytes, everyMilliseconds: 250)
            #expect(sent < bytes.count)
            #expect(try connection.waitForClose())
            // The server goes on answering.
            let other = try RawHTTPConnection(port: port)
            try other.send(Self.plain)
            #expect(try other.responses(1).first?.status == 200)
        } }
    }

    @Test func aSlowlorisSendingHeaderLinesSlowlyIsClosed() async throws {
        // A header line every 250 ms, never the blank line that ends the head.
        let lines = ["POST /v1/score HTTP/1.1\r\n"] + (0..<200).map { "X-Slow-\($0): a\r\n" }
        try await withLiveServer(configuration(idle: 1, read: 1)) { port, _ in try await offCooperativePool {
            let connection = try RawHTTPConnection(port: port, receiveTimeoutSeconds: 30)
            let sent = trickle(connection, lines, everyMilliseconds: 250)
            #expect(sent < lines.count)
            #expect(try connection.waitForClose())
        } }
    }

    @Test func aClientTricklingAfterAnAnsweredRequestIsClosed() async throws {
        // The raw framer answers the first request; the next one's head trickles in behind it.
        let bytes = Array(String(repeating: "a", count: 200)).map(String.init)
        try await withLiveServer(configuration(idle: 1, read: 1)) { port, _ in try await offCooperativePool {
            let connection = try RawHTTPConnection(port: port, receiveTimeoutSeconds: 30)
            try connection.send(Self.plain + Self.endlessHead)
            #expect(try connection.responses(1).first?.status == 200)
            let sent = trickle(connection, bytes, everyMilliseconds: 250)
            #expect(sent < bytes.count)
            #expect(try connection.waitForClose())
        } }
    }

    @Test func aThousandTricklingConnectionsDoNotStopOthersBeingAnswered() async throws {
        // Each test connection is two descriptors in this process (client and server side).
        try #require(raiseOpenFileLimit(to: 4096) >= 2600, "RLIMIT_NOFILE too low for 1,000 connections")
        try await withLiveServer(configuration(idle: 5, read: 5)) { port, _ in try await offCooperativePool {
            var slow: [RawHTTPConnection] = []
            for _ in 0..<1000 {
                let connection = try RawHTTPConnection(port: port, receiveTimeoutSeconds: 30)
                try connection.send(Self.endlessHead)
                slow.append(connection)
            }
            // Each sends one more byte every 250 ms until the server closes it (a send fails).
            var open = Set(slow.indices)
            var normalStatuses: [Int] = []
            for round in 0..<120 where !open.isEmpty {
                if round == 1 {
                    // A normal client is answered on every path while the thousand trickle.
                    let normal = try RawHTTPConnection(port: port)
                    try normal.send(Self.plain + Self.inline + Self.routed)
                    normalStatuses = try normal.responses(3).map(\.status)
                }
                for i in open where (try? slow[i].send("a")) == nil { open.remove(i) }
                _Platform.sleep(microseconds: 250_000)
            }
            #expect(normalStatuses == [200, 200, 200])
            #expect(open.isEmpty, "\(open.count) trickling connections were never closed")
            let after = try RawHTTPConnection(port: port)
            try after.send(Self.plain)
            #expect(try after.responses(1).first?.status == 200)
        } }
    }

    @Test func connectionsOverTheLimitAreClosedAndCounted() async throws {
        try await withLiveServer(configuration(maxConnections: 3)) { port, _ in try await offCooperativePool {
            var admitted: [RawHTTPConnection] = []
            for _ in 0..<3 {
                let connection = try RawHTTPConnection(port: port, receiveTimeoutSeconds: 30)
                try connection.send(Self.plain)
                #expect(try connection.responses(1).first?.status == 200)
                admitted.append(connection)
            }
            // The fourth: accepted by the kernel, closed by the server, never answered.
            let over = try RawHTTPConnection(port: port)
            try? over.send(Self.plain)
            #expect(try over.responses(1).isEmpty)
            #expect(over.closedByServer)
            // One admitted connection ends; the server counts it out and admits a new one.
            admitted.removeLast().finishSending()
            var refusedWhileWaiting = 0
            var metrics: String?
            for _ in 0..<100 {
                let connection = try RawHTTPConnection(port: port, receiveTimeoutSeconds: 30)
                try? connection.send("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
                if let page = try connection.responses(1).first {
                    metrics = page.body
                    break
                }
                refusedWhileWaiting += 1
                _Platform.sleep(microseconds: 50_000)
            }
            let page = try #require(metrics)
            #expect(metricValue(page, "mlserve_connections_refused_total") == Double(1 + refusedWhileWaiting))
            #expect(metricValue(page, "mlserve_connections_open") == 3)
        } }
    }
}

/// The value of an unlabelled sample in a Prometheus text page.
func metricValue(_ page: String, _ name: String) -> Double? {
    for line in page.split(separator: "\n") where line.hasPrefix(name + " ") {
        return Double(line.dropFirst(name.count + 1))
    }
    return nil
}

/// Raises this process's soft `RLIMIT_NOFILE` towards `wanted` (never above the hard limit);
/// returns the soft limit in force.
func raiseOpenFileLimit(to wanted: UInt) -> UInt {
    var limit = rlimit()
    guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 0 }
    if limit.rlim_cur < rlim_t(wanted) {
        limit.rlim_cur = min(rlim_t(wanted), limit.rlim_max)
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        _ = getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }
    return UInt(limit.rlim_cur)
}
