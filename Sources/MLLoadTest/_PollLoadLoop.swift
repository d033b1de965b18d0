import Histogram
import MLCore

#if canImport(Glibc)
import Glibc

/// The closed-loop driver of ``LoadGenerator``: like wrk, a few threads (2 by default), each
/// multiplexing its share of the keep-alive connections with `poll(2)` and non-blocking
/// sockets, so the client's cost per request stays near three system calls and a header scan.
/// The poll set is one entry per connection kept in place; a ready entry is its connection.
/// (`poll` rather than epoll: Glibc's Swift module does not export `sys/epoll.h`, and a thread
/// holds few connections.)
final class _PollLoadLoop: @unchecked Sendable {
    // @unchecked: each loop is driven by exactly one thread, then read after pthread_join.
    final class Connection {
        let socket: _Connection
        var request = 0
        var sent = 0
        var filled = 0
        var headerEnd = -1
        var total = -1  // bytes of the whole response once the head is parsed
        var status = 0
        var started: UInt64 = 0
        var wantsWrite = false
        var buffer = [UInt8](repeating: 0, count: 1 << 14)

        init(address: _Address) { socket = _Connection(address: address) }
    }

    let connections: [Connection]
    let requests: [[UInt8]]
    let end: UInt64
    var histogram = Histogram<UInt64>(highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: .three)
    var requestsDone = 0
    var errors = 0
    /// Responses per status code (three digits), counted without a dictionary or string per request.
    private var statusCounts = [Int](repeating: 0, count: 1000)
    private var transportErrors = 0
    /// One poll entry per connection, kept in place (not rebuilt per iteration).
    private var fds: [pollfd]
    private var rotation = 0

    /// Responses per status (`"200"`, …) and `"error"` for failed exchanges.
    var statuses: [String: Int] {
        var out: [String: Int] = [:]
        for (code, count) in statusCounts.enumerated() where count > 0 { out[String(code)] = count }
        if transportErrors > 0 { out["error"] = transportErrors }
        return out
    }

    init(connectionCount: Int, firstRequest: Int, address: _Address, requests: [[UInt8]], end: UInt64) {
        connections = (0..<connectionCount).map { _ in Connection(address: address) }
        fds = [pollfd](repeating: pollfd(fd: -1, events: 0, revents: 0), count: connectionCount)
        for (k, c) in connections.enumerated() { c.request = (firstRequest + k) % requests.count }
        self.requests = requests
        self.end = end
    }

    func run() {
        for (k, c) in connections.enumerated() { start(c, index: k) }
        while true {
            let now = _Platform.monotonicNanoseconds()
            if now >= end { break }
            if !fds.contains(where: { $0.fd >= 0 }) {
                // Every connection failed to reconnect: retry them after a pause.
                usleep(10_000)
                for (k, c) in connections.enumerated() where c.socket.fd < 0 { start(c, index: k) }
                continue
            }
            let timeout = Int32(min(100, (end - now) / 1_000_000 + 1))
            // Entries of closed connections hold fd −1, which poll(2) skips.
            let n = fds.withUnsafeMutableBufferPointer { poll($0.baseAddress, nfds_t($0.count), timeout) }
            if n < 0 {
                if errno == EINTR { continue }
                break
            }
            if n == 0 { continue }
            // Serve the ready connections from a rotating start, so none is always served first.
            rotation = rotation + 1 < connections.count ? rotation + 1 : 0
            for step in 0..<connections.count {
                let index = rotation + step < connections.count ? rotation + step : rotation + step - connections.count
                let revents = fds[index].revents
                if revents == 0 { continue }
                fds[index].revents = 0
                let c = connections[index]
                if revents & Int16(POLLIN) == 0, revents & (Int16(POLLERR) | Int16(POLLHUP) | Int16(POLLNVAL)) != 0 {
                    fail(c, index: index)
                    continue
                }
                if c.wantsWrite, revents & Int16(POLLOUT) != 0 { write(c, index: index) }
                if revents & Int16(POLLIN) != 0 { read(c, index: index) }
            }
        }
        for c in connections { c.socket.close() }
    }

    /// Points connection `index`'s poll entry at its current socket and interest.
    private func watch(_ c: Connection, index: Int) {
        fds[index] = pollfd(fd: c.socket.fd, events: Int16(POLLIN) | (c.wantsWrite ? Int16(POLLOUT) : 0), revents: 0)
    }

    private func start(_ c: Connection, index: Int) {
        guard _Platform.monotonicNanoseconds() < end else {
            watch(c, index: index)
            return
        }
        guard c.socket.connect() else {
            watch(c, index: index)
            record(nil, since: _Platform.monotonicNanoseconds())
            usleep(10_000)
            return
        }
        let flags = fcntl(c.socket.fd, F_GETFL)
        _ = fcntl(c.socket.fd, F_SETFL, flags | O_NONBLOCK)
        c.wantsWrite = false
        watch(c, index: index)
        send(c, index: index)
    }

    private func send(_ c: Connection, index: Int) {
        c.sent = 0
        c.filled = 0
        c.headerEnd = -1
        c.total = -1
        c.started = _Platform.monotonicNanoseconds()
        write(c, index: index)
    }

    private func write(_ c: Connection, index: Int) {
        let request = requests[c.request]
        let done = request.withUnsafeBytes { raw -> Bool? in
            guard let base = raw.baseAddress else { return nil }
            while c.sent < raw.count {
                let n = Glibc.send(c.socket.fd, base + c.sent, raw.count - c.sent, Int32(MSG_NOSIGNAL))
                if n > 0 {
                    c.sent += n
                } else if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                    return false
                } else {
                    return nil
                }
            }
            return true
        }
        switch done {
        case .none:
            fail(c, index: index)
        case .some(let complete):
            if c.wantsWrite == complete {
                c.wantsWrite = !complete
                watch(c, index: index)
            }
        }
    }

    private func read(_ c: Connection, index: Int) {
        while true {
            if c.filled == c.buffer.count { c.buffer.append(contentsOf: [UInt8](repeating: 0, count: c.buffer.count)) }
            let n = c.buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return -1 }
                return recv(c.socket.fd, base + c.filled, raw.count - c.filled, 0)
            }
            if n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
                fail(c, index: index)
                return
            }
            if n < 0 { return }  // drained for now
            let from = max(0, c.filled - 3)
            c.filled += n
            if c.headerEnd < 0 {
                c.headerEnd = _Worker.find(c.buffer, "\r\n\r\n", from: from, to: c.filled)
                if c.headerEnd >= 0 {
                    guard let (status, length) = Self.head(c.buffer, c.headerEnd) else {
                        fail(c, index: index)
                        return
                    }
                    c.status = status
                    c.total = c.headerEnd + 4 + length
                }
            }
            if c.total >= 0, c.filled >= c.total {
                record(c.status, since: c.started)
                c.request = (c.request + 1) % requests.count
                if _Platform.monotonicNanoseconds() < end {
                    send(c, index: index)
                } else {
                    c.socket.close()
                    watch(c, index: index)
                }
                return
            }
        }
    }

    /// Status and Content-Length of a response head, read from the bytes without building
    /// strings (chunked responses are not expected from the servers this drives and count as
    /// errors).
    static func head(_ buffer: [UInt8], _ headerEnd: Int) -> (Int, Int)? {
        // "HTTP/1.x SSS ..."
        guard headerEnd >= 12, buffer[0] == UInt8(ascii: "H"), buffer[8] == UInt8(ascii: " ") else { return nil }
        var status = 0
        for k in 9..<12 {
            let d = buffer[k] &- 0x30
            guard d < 10 else { return nil }
            status = status * 10 + Int(d)
        }
        let name: [UInt8] = Array("content-length:".utf8)
        var i = 12
        while i < headerEnd {
            // At the start of a header line?
            if buffer[i] == 0x0A, i + 1 + name.count <= headerEnd {
                var k = 0
                while k < name.count, buffer[i + 1 + k] | 0x20 == name[k] { k += 1 }
                if k == name.count {
                    var j = i + 1 + name.count
                    while j < headerEnd, buffer[j] == 0x20 { j += 1 }
                    var length = 0
                    var digits = 0
                    while j < headerEnd, buffer[j] >= 0x30, buffer[j] <= 0x39, digits < 12 {
                        length = length * 10 + Int(buffer[j] - 0x30)
                        j += 1
                        digits += 1
                    }
                    return digits > 0 ? (status, length) : nil
                }
            }
            i += 1
        }
        return nil
    }

    private func record(_ status: Int?, since started: UInt64) {
        let micros = (_Platform.monotonicNanoseconds() - started) / 1000
        _ = histogram.record(min(micros, 120_000_000))
        requestsDone += 1
        if let status, statusCounts.indices.contains(status) {
            statusCounts[status] += 1
            if !(200..<300).contains(status) { errors += 1 }
        } else {
            transportErrors += 1
            errors += 1
        }
    }

    private func fail(_ c: Connection, index: Int) {
        if c.socket.fd >= 0 { record(nil, since: c.started) }
        c.socket.close()
        c.wantsWrite = false
        start(c, index: index)
    }
}
#endif
