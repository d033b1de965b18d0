import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One HTTP/1.1 response read off a socket.
public struct RawHTTPResponse: Sendable, Equatable {
    /// The status code.
    public var status: Int
    /// The reason phrase of the status line.
    public var reason: String
    /// Header fields by lowercase name (a repeated field keeps its last value).
    public var headers: [String: String]
    /// The body (`Content-Length` bytes), as UTF-8 text.
    public var body: String
}

/// A blocking TCP client on `127.0.0.1` that writes exact bytes (pipelined, split, malformed)
/// and reads whole `Content-Length` responses: for tests of a server's byte-level behaviour,
/// which an HTTP client library would never exercise.
///
/// Blocking: call it from ``offCooperativePool(_:)`` (or a thread of your own) when the
/// server runs in the same process, or a test blocked in `recv` can starve the server's
/// tasks. One thread may send while another reads (`@unchecked`: the read state is touched
/// by the reading thread only).
///
/// ```swift
/// let connection = try RawHTTPConnection(port: server.port)
/// try connection.send("GET /health/ready HTTP/1.1\r\nHost: x\r\n\r\n")
/// let response = try connection.responses(1).first
/// ```
public final class RawHTTPConnection: @unchecked Sendable {
    private let fd: Int32
    private var pending: [UInt8] = []
    /// Whether the server has closed its side (a read returned end of input or a reset).
    public private(set) var closedByServer = false

    /// Connects to `127.0.0.1:port`.
    /// - Parameters:
    ///   - receiveTimeoutSeconds: how long a read may wait before it throws ``RawHTTPError/timeout``.
    ///   - receiveBufferBytes: the socket's receive buffer (small: a slow reader).
    /// - Throws: ``RawHTTPError/socket(_:)`` when the connection cannot be made.
    public init(port: Int, receiveTimeoutSeconds: Int = 10, receiveBufferBytes: Int32? = nil) throws {
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

    /// Sends `text` as UTF-8 bytes.
    public func send(_ text: String) throws { try send(Array(text.utf8)) }

    /// Sends `bytes`, all of them.
    /// - Throws: ``RawHTTPError/socket(_:)`` when the server has closed or reset the connection.
    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw RawHTTPError.socket("send") }
            offset += n
        }
    }

    /// Sends `bytes` until they are all sent or a send makes no progress for `stallSeconds`
    /// (the server stopped reading); returns the bytes the kernel accepted.
    public func sendUntilStalled(_ bytes: [UInt8], stallSeconds: Int) -> Int {
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
    public func sendSplit(_ text: String, at: Int, pause: Duration = .milliseconds(30)) async throws {
        let bytes = Array(text.utf8)
        let cut = min(at, bytes.count)
        try send(Array(bytes[0..<cut]))
        try await Task.sleep(for: pause)
        try send(Array(bytes[cut...]))
    }

    /// Half-closes the sending side (the server reads end of input).
    public func finishSending() { shutdown(fd, Int32(SHUT_WR)) }

    /// Reads the next `count` responses (fewer when the server closes first); with
    /// `pauseMicroseconds`, a slow reader that waits that long before each receive.
    public func responses(_ count: Int, pauseMicroseconds: UInt32 = 0) throws -> [RawHTTPResponse] {
        var out: [RawHTTPResponse] = []
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
    public func waitForClose() throws -> Bool {
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

    private func parseOne() throws -> RawHTTPResponse? {
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
        return RawHTTPResponse(status: status, reason: reason, headers: headers, body: body)
    }
}

/// Why a ``RawHTTPConnection`` (or the harness) failed.
public enum RawHTTPError: Error, Sendable {
    /// A socket call failed (named).
    case socket(String)
    /// No bytes arrived within the receive timeout.
    case timeout
    /// The response head could not be read (the head's text).
    case malformed(String)
    /// The server stopped before it reported its port.
    case noPort
}
