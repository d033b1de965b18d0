/// The framing of one plain `POST /v1/score` HTTP/1.1 request at the start of received bytes,
/// recognised by ``_RawScoreHandler`` without the general HTTP/1 decoder.
///
/// Deliberately narrow: it accepts only what it can frame with certainty and returns `nil` for
/// anything else — another method, path or version, a query string, `Transfer-Encoding`,
/// `Expect`, `Upgrade`, no or repeated or non-decimal `Content-Length` (or one ending in a tab,
/// which llhttp refuses), a body over the limit, obsolete line folding, a bare LF or CR,
/// control bytes, a header name that is not a token,
/// more than ``maxHeaderCount`` fields or ``maxHeaderBytes`` bytes, or bytes still to come. On
/// `nil` the connection goes to swift-nio's decoder from that byte on, so every unusual request
/// gets the general parser's answer. `Fuzz/Sources/RawFramerDifferentialFuzzer` checks that
/// whatever this frames, swift-nio's decoder frames the same way.
struct _RawScoreRequest: Equatable {
    /// Bytes of the request line and header fields, the blank line included.
    var headerLength: Int
    /// `Content-Length`.
    var bodyLength: Int
    /// The client sent `Connection: close`.
    var close: Bool

    static let maxHeaderCount = 64
    static let maxHeaderBytes = 16 * 1024
    static let requestLine = Array("POST /v1/score HTTP/1.1\r\n".utf8)

    /// Frames the request at the start of `bytes`; `nil` when it is not a complete, plain
    /// `POST /v1/score` with a body of at most `maxBody` bytes.
    static func parse(_ bytes: UnsafeRawBufferPointer, maxBody: Int) -> _RawScoreRequest? {
        let count = bytes.count
        let line = requestLine
        guard count >= line.count else { return nil }
        for k in 0..<line.count where bytes[k] != line[k] { return nil }
        var p = line.count
        var contentLength: Int?
        var close = false
        var fields = 0
        while true {
            guard p + 1 < count, p <= maxHeaderBytes else { return nil }
            if bytes[p] == 0x0D {
                guard bytes[p + 1] == 0x0A else { return nil }
                p += 2
                break
            }
            fields += 1
            guard fields <= maxHeaderCount else { return nil }
            // Field name: one or more token characters, then ':'.
            let nameStart = p
            while p < count, isToken(bytes[p]) { p += 1 }
            guard p < count, p > nameStart, bytes[p] == UInt8(ascii: ":") else { return nil }
            let nameEnd = p
            p += 1
            while p < count, bytes[p] == 0x20 || bytes[p] == 0x09 { p += 1 }
            let valueStart = p
            while p < count, bytes[p] != 0x0D {
                let b = bytes[p]
                guard b >= 0x20 || b == 0x09, b != 0x7F else { return nil }
                p += 1
            }
            guard p + 1 < count, bytes[p + 1] == 0x0A else { return nil }
            var valueEnd = p
            while valueEnd > valueStart, bytes[valueEnd - 1] == 0x20 || bytes[valueEnd - 1] == 0x09 { valueEnd -= 1 }
            p += 2
            let name = UnsafeRawBufferPointer(rebasing: bytes[nameStart..<nameEnd])
            let value = UnsafeRawBufferPointer(rebasing: bytes[valueStart..<valueEnd])
            if equalsIgnoringCase(name, "content-length") {
                // llhttp allows spaces after the number, not tabs (a tab there is a 400).
                var lengthEnd = p - 2
                while lengthEnd > valueStart, bytes[lengthEnd - 1] == 0x20 { lengthEnd -= 1 }
                let digits = UnsafeRawBufferPointer(rebasing: bytes[valueStart..<lengthEnd])
                guard contentLength == nil, let n = decimal(digits) else { return nil }
                contentLength = n
            } else if equalsIgnoringCase(name, "connection") {
                guard !containsIgnoringCase(value, "upgrade") else { return nil }
                if containsIgnoringCase(value, "close") { close = true }
            } else if equalsIgnoringCase(name, "transfer-encoding") || equalsIgnoringCase(name, "expect")
                || equalsIgnoringCase(name, "upgrade")
            {
                return nil
            }
        }
        guard let bodyLength = contentLength, bodyLength <= maxBody, bodyLength <= count - p else { return nil }
        return _RawScoreRequest(headerLength: p, bodyLength: bodyLength, close: close)
    }

    /// RFC 9110 `tchar`.
    @inline(__always)
    static func isToken(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// 1–9 ASCII digits (at most 999,999,999: no overflow), else `nil`.
    static func decimal(_ value: UnsafeRawBufferPointer) -> Int? {
        guard !value.isEmpty, value.count <= 9 else { return nil }
        var n = 0
        for b in value {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            n = n * 10 + Int(b - UInt8(ascii: "0"))
        }
        return n
    }

    /// ASCII case-insensitive equality with a lowercase `expected`.
    static func equalsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ expected: StaticString) -> Bool {
        guard bytes.count == expected.utf8CodeUnitCount else { return false }
        let e = expected.utf8Start
        for k in 0..<bytes.count where lower(bytes[k]) != e[k] { return false }
        return true
    }

    /// Whether a lowercase `needle` occurs in `bytes`, ASCII case-insensitively.
    static func containsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        guard bytes.count >= n else { return false }
        let e = needle.utf8Start
        outer: for start in 0...(bytes.count - n) {
            for k in 0..<n where lower(bytes[start + k]) != e[k] { continue outer }
            return true
        }
        return false
    }

    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 {
        b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b | 0x20 : b
    }
}
