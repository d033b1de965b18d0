import Foundation
import FuzzSupport
import NIOCore
import NIOEmbedded
import NIOHTTP1

@testable import MLServeHTTP

runFuzzer { input in
    _ = rawFramerDifferentialFuzzer(input.bindMemory(to: UInt8.self).baseAddress, input.count)
}

/// libFuzzer entry point: the same bytes go to `_RawScoreRequest` (the framer in front of the
/// HTTP/1 decoder) and to swift-nio's `HTTPRequestDecoder` (what the rest of the server reads
/// with). For every input, the server's split — the raw framer answers the requests it
/// frames, then hands the rest to a fresh decoder — must see exactly what one decoder reading
/// all the bytes sees; any difference traps (the finding).
func rawFramerDifferentialFuzzer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let whole = DecodedStream(bytes[...])
    // A large limit (the framer decides on framing alone) and a tiny one (bodies over the
    // limit must be declined, not misframed).
    for maxBody in [1 << 20, 4] {
        compareServerSplit(bytes, maxBody: maxBody, whole: whole)
    }
    return 0
}

/// One request as swift-nio's decoder delivered it.
struct DecodedRequest: Equatable {
    var method: HTTPMethod
    var uri: String
    var version: HTTPVersion
    var headers: [[String]]
    var body: [UInt8] = []
    var complete = false
}

/// Everything one `HTTPRequestDecoder` (configured as Hummingbird configures it) delivers for
/// some bytes written in one read: the requests, in order, and whether it failed.
struct DecodedStream: Equatable {
    var requests: [DecodedRequest] = []
    var failed = false

    init(_ bytes: ArraySlice<UInt8>) {
        var limits = NIOHTTPDecoderLimitConfiguration()
        // Hummingbird's HTTP1Channel defaults.
        limits.maxHeaderFieldSize = 80 * 1024
        limits.maxHeaderListSize = 80 * 1024
        limits.maxHeaderFieldCount = 1000
        let decoder = HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes, limitConfiguration: limits)
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(decoder))
        do {
            try channel.writeInbound(channel.allocator.buffer(bytes: bytes))
        } catch {
            failed = true
        }
        while let part = try? channel.readInbound(as: HTTPServerRequestPart.self) {
            switch part {
            case .head(let head):
                requests.append(
                    DecodedRequest(
                        method: head.method, uri: head.uri, version: head.version,
                        headers: head.headers.map { [$0.name, $0.value] }))
            case .body(let buffer):
                let last = requests.count - 1
                guard last >= 0 else { fatalError("body part before a head") }
                requests[last].body += buffer.readableBytesView
            case .end:
                let last = requests.count - 1
                guard last >= 0 else { fatalError("end part before a head") }
                requests[last].complete = true
            }
        }
        _ = try? channel.finish()
    }
}

/// The server's view: `_RawScoreHandler` frames requests while it can (each answered as
/// scored), then passes the rest of the bytes to the decoder. Each framed request must be the
/// request the decoder reads at that place, and the decoder reading the rest must see what it
/// sees after those requests when it reads everything.
func compareServerSplit(_ bytes: [UInt8], maxBody: Int, whole: DecodedStream) {
    var offset = 0
    var framed = 0
    while offset < bytes.count {
        let request = bytes[offset...].withUnsafeBytes { _RawScoreRequest.parse($0, maxBody: maxBody) }
        guard let request else { break }
        let bodyStart = offset + request.headerLength
        let end = bodyStart + request.bodyLength
        guard request.headerLength > 0, request.bodyLength >= 0, end <= bytes.count else {
            diverged("framed \(request) past the input's \(bytes.count - offset) bytes", bytes)
        }
        guard framed < whole.requests.count else {
            diverged("the framer answered request \(framed); the decoder never read it", bytes)
        }
        let decoded = whole.requests[framed]
        guard decoded.complete, decoded.method == .POST, decoded.uri == "/v1/score", decoded.version == .http1_1 else {
            diverged("request \(framed): framed as POST /v1/score HTTP/1.1, decoded \(decoded)", bytes)
        }
        guard decoded.body == Array(bytes[bodyStart..<end]) else {
            diverged("request \(framed): framed body of \(request.bodyLength) bytes, decoded \(decoded.body.count)", bytes)
        }
        checkDecoderPathWouldAnswerTheSame(decoded, close: request.close, bytes: bytes)
        // A framed request with a body over the limit would be answered 413 by the decoder path.
        guard request.bodyLength <= maxBody else { diverged("framed a body over the limit", bytes) }
        framed += 1
        offset = end
        // `Connection: close`: the answer is the connection's last; later bytes are dropped.
        if request.close { return }
    }
    guard framed > 0 else { return }  // declined at once: the decoder reads everything
    let rest = DecodedStream(bytes[offset...])
    guard rest.requests == Array(whole.requests.dropFirst(framed)), rest.failed == whole.failed else {
        diverged("after \(framed) framed requests (\(offset) bytes) the decoder reads \(rest), one decoder read \(whole)", bytes)
    }
}

/// The decoder path (`_InlineScoreHandler`) answers a decoded request from its
/// `Content-Length` body and closes on a `close` token in `Connection`; the framed request
/// must be one it would answer the same way.
func checkDecoderPathWouldAnswerTheSame(_ decoded: DecodedRequest, close: Bool, bytes: [UInt8]) {
    func values(_ name: String) -> [String] {
        decoded.headers.filter { $0.first?.lowercased() == name }.map { $0.last ?? "" }
    }
    // swift-nio keeps a value's trailing whitespace; the inline handler trims it.
    let lengths = values("content-length").map { $0.trimmingCharacters(in: [" ", "\t"]) }
    guard lengths.count == 1, Int(lengths[0]) == decoded.body.count else {
        diverged("framed a request whose Content-Length fields are \(lengths)", bytes)
    }
    guard values("transfer-encoding").isEmpty, values("expect").isEmpty, values("upgrade").isEmpty else {
        diverged("framed a request with Transfer-Encoding, Expect or Upgrade: \(decoded.headers)", bytes)
    }
    let connection = values("connection").joined(separator: ", ").lowercased()
    guard connection.contains("close") == close, !connection.contains("upgrade") else {
        diverged("framed close=\(close), decoded Connection: \(connection)", bytes)
    }
}

func diverged(_ what: String, _ bytes: [UInt8]) -> Never {
    let text = String(decoding: bytes.prefix(400), as: UTF8.self)
    fatalError("raw framer and HTTP/1 decoder diverge: \(what)\ninput: \(text.debugDescription)")
}
