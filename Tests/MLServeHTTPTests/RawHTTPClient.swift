import Foundation
import Hummingbird
import Logging
import MLServe
import MLServeHTTP
import Prometheus
import ServiceLifecycle

#if canImport(Glibc)
import Glibc
#endif

/// One HTTP/1.1 response read off a socket.
struct RawResponse {
    var status: Int
    var reason: String
    var headers: [String: String]
    var body: String
}

/// A blocking TCP client that writes exact bytes (pipelined, split, malformed) and reads
/// whole responses: for the server's byte-level fast path, which an HTTP client library
/// would never exercise. One thread may send while another reads (`@unchecked`: the read
/// state is touched by the reading thread only).
final class RawHTTPConnection: @unchecked Sendable {
    private let fd: Int32
    private var pending: [UInt8] = []
    private(set) var closedByServer = false

    init(port: Int, receiveTimeoutSeconds: Int = 10, receiveBufferBytes: Int32? = nil) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RawHTTPError.socket("socket") }
        if var size = receiveBufferBytes {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var timeout = timeval(tv_sec: receiveTimeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(fd)
            throw RawHTTPError.socket("connect")
        }
    }

    deinit { close(fd) }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw RawHTTPError.socket("send") }
            offset += n
        }
    }

    /// Sends `bytes` until they are all sent or a send makes no progress for `stallSeconds`
    /// (the server stopped reading); returns the bytes the kernel accepted.
    func sendUntilStalled(_ bytes: [UInt8], stallSeconds: Int) -> Int {
        var timeout = timeval(tv_sec: stallSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var offset = 0
        while offset < bytes.count {
            let chunk = min(65536, bytes.count - offset)
            let n = bytes[offset..<(offset + chunk)].withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard n > 0 else { break }
            offset += n
        }
        return offset
    }

    /// Sends `text` in two writes, the first `at` bytes, then (after `pause`) the rest: the
    /// server reads a request that is not complete in its first read.
    func sendSplit(_ text: String, at: Int, pause: Duration = .milliseconds(30)) async throws {
        let bytes = Array(text.utf8)
        let cut = min(at, bytes.count)
        try send(Array(bytes[0..<cut]))
        try await Task.sleep(for: pause)
        try send(Array(bytes[cut...]))
    }

    /// Half-closes the sending side (the server reads end of input).
    func finishSending() { shutdown(fd, Int32(SHUT_WR)) }

    /// Reads the next `count` responses (fewer when the server closes first); with
    /// `pauseMicroseconds`, a slow reader that waits that long before each receive.
    func responses(_ count: Int, pauseMicroseconds: UInt32 = 0) throws -> [RawResponse] {
        var out: [RawResponse] = []
        while out.count < count {
            if let r = try parseOne() {
                out.append(r)
                continue
            }
            if closedByServer { break }
            if pauseMicroseconds > 0 { usleep(pauseMicroseconds) }
            try fill()
        }
        return out
    }

    /// Reads until the server closes the connection (or the receive timeout).
    func waitForClose() throws -> Bool {
        while !closedByServer { try fill() }
        return true
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 16384)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n == 0 {
            closedByServer = true
            return
        }
        if n < 0 {
            if errno == ECONNRESET {
                closedByServer = true
                return
            }
            throw RawHTTPError.timeout
        }
        pending.append(contentsOf: chunk[0..<n])
    }

    private func parseOne() throws -> RawResponse? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard pending.count >= 4,
            let end = (0...(pending.count - 4)).first(where: { Array(pending[$0..<($0 + 4)]) == separator })
        else { return nil }
        let head = String(decoding: pending[0..<end], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, statusLine[0] == "HTTP/1.1", let status = Int(statusLine[1]) else {
            throw RawHTTPError.malformed(head)
        }
        let reason = statusLine.dropFirst(2).joined(separator: " ")
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw RawHTTPError.malformed(head) }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        guard pending.count >= end + 4 + length else { return nil }
        let body = String(decoding: pending[(end + 4)..<(end + 4 + length)], as: UTF8.self)
        pending.removeFirst(end + 4 + length)
        return RawResponse(status: status, reason: reason, headers: headers, body: body)
    }
}

enum RawHTTPError: Error {
    case socket(String)
    case timeout
    case malformed(String)
    case noPort
}

/// `POST /v1/score` as wrk sends it.
func rawScoreRequest(_ body: String, extraHeaders: String = "", path: String = "/v1/score") -> String {
    "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\(extraHeaders)Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
}

/// Runs the real server (`ServeServer.application`, fast paths included) on an ephemeral
/// loopback port while `body` runs, then shuts it down.
func withLiveServer(
    _ configuration: ServeConfiguration = .singleFile(Fixtures.xgbBinary), token: String? = "s3cret",
    _ body: @Sendable (Int, ScoringEngine) async throws -> Void
) async throws {
    let prometheus = PrometheusCollectorRegistry()
    let engine = try ScoringEngine(
        configuration: configuration, metricsFactory: ServeMetrics.prometheusFactory(registry: prometheus))
    try engine.start()
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    var quiet = Logger(label: "live-test")
    quiet.logLevel = .critical  // cancelling the server at the end logs an error per connection
    let app = ServeServer.application(
        engine: engine, prometheus: prometheus, host: "127.0.0.1", port: 0,
        options: ServeHTTPOptions(adminToken: token), logger: quiet, onServerRunning: { continuation.yield($0) })
    // The server stops gracefully: it closes its listening socket and hands every connection
    // it has accepted to its handler before it ends. Cancelling it instead drops connections
    // accepted but not yet handled, which swift-nio traps on ("Deinited NIOAsyncWriter without
    // calling finish()"). A server that has not stopped 10 s after being asked is cancelled.
    let services = ServiceGroup(configuration: .init(services: [app], logger: quiet))
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await services.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw RawHTTPError.noPort }
        var failure: (any Error)?
        do {
            try await body(port, engine)
        } catch {
            failure = error
        }
        await services.triggerGracefulShutdown()
        group.addTask { try await Task.sleep(for: .seconds(10)) }
        _ = try? await group.next()
        group.cancelAll()
        if let failure { throw failure }
    }
}
