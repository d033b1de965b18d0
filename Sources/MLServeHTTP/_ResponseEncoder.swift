import MLServe
import NIOCore

/// Writes the scoring responses as JSON bytes by hand (no intermediate values), straight
/// into the memory of the buffer the response is sent from: the hot path next to the request
/// parser. One capacity reservation per response; every byte written is bounds-checked, and a
/// response that does not fit is written again into twice the room.
enum _ResponseEncoder {
    static let allocator = ByteBufferAllocator()

    static func single(_ r: ScoreResult, requestID: String?) -> ByteBuffer {
        let strings = (r.label?.utf8.count ?? 0) + r.model.utf8.count + r.version.utf8.count + r.route.utf8.count
            + (requestID?.utf8.count ?? 0)
        return encode(estimate: 192 + 2 * strings + 25 * (r.probabilities?.count ?? 0)) { w in
            w.raw(#"{"score":"#)
            w.number(r.score)
            w.raw(#","label":"#)
            w.string(r.label)
            if let probabilities = r.probabilities {
                w.raw(#","probabilities":["#)
                for (k, p) in probabilities.enumerated() {
                    if k > 0 { w.byte(UInt8(ascii: ",")) }
                    w.number(p)
                }
                w.byte(UInt8(ascii: "]"))
            }
            common(model: r.model, version: r.version, route: r.route, requestID: requestID, into: &w)
            if r.source != .model {
                w.raw(#","source":"#)
                w.string(r.source.rawValue)
            }
            if let reason = r.fallbackReason {
                w.raw(#","fallback":"#)
                w.string(reason.rawValue)
            }
            w.byte(UInt8(ascii: "}"))
        }
    }

    static func batch(_ b: BatchScoreResult, requestID: String?) -> ByteBuffer {
        let label = b.results.first?.label?.utf8.count ?? 4
        return encode(estimate: 256 + b.results.count * (30 + label)) { w in
            w.raw(#"{"scores":["#)
            for (k, r) in b.results.enumerated() {
                if k > 0 { w.byte(UInt8(ascii: ",")) }
                w.number(r.score)
            }
            w.raw(#"],"labels":["#)
            for (k, r) in b.results.enumerated() {
                if k > 0 { w.byte(UInt8(ascii: ",")) }
                w.string(r.label)
            }
            w.byte(UInt8(ascii: "]"))
            if b.results.contains(where: { $0.fallbackReason != nil }) {
                w.raw(#","fallbacks":["#)
                for (k, r) in b.results.enumerated() {
                    if k > 0 { w.byte(UInt8(ascii: ",")) }
                    w.string(r.fallbackReason?.rawValue)
                }
                w.byte(UInt8(ascii: "]"))
            }
            common(model: b.model, version: b.version, route: b.route, requestID: requestID, into: &w)
            w.byte(UInt8(ascii: "}"))
        }
    }

    static func error(code: String, message: String) -> ByteBuffer {
        encode(estimate: 64 + 2 * (code.utf8.count + message.utf8.count)) { w in
            w.raw(#"{"error":{"code":"#)
            w.string(code)
            w.raw(#","message":"#)
            w.string(message)
            w.raw("}}")
        }
    }

    private static func common(
        model: String, version: String, route: String, requestID: String?, into w: inout _JSONBytes
    ) {
        w.raw(#","model":"#)
        w.string(model)
        w.raw(#","version":"#)
        w.string(version)
        w.raw(#","route":"#)
        w.string(route)
        if let requestID {
            w.raw(#","request_id":"#)
            w.string(requestID)
        }
    }

    /// Runs `body` on `estimate` bytes of room, doubling the room until everything fits.
    private static func encode(estimate: Int, _ body: (inout _JSONBytes) -> Void) -> ByteBuffer {
        var room = max(64, estimate)
        while true {
            var out = allocator.buffer(capacity: room)
            var fits = false
            out.writeWithUnsafeMutableBytes(minimumWritableBytes: room) { raw in
                var w = _JSONBytes(raw)
                body(&w)
                fits = !w.overflowed
                return fits ? w.count : 0
            }
            if fits { return out }
            room = room.multipliedReportingOverflow(by: 2).overflow ? Int.max / 2 : room * 2
        }
    }
}

/// JSON text written into reserved memory. A write that does not fit is dropped and marks the
/// writer as overflowed (never past the end).
struct _JSONBytes {
    private let base: UnsafeMutableRawBufferPointer
    private(set) var count = 0
    private(set) var overflowed = false

    init(_ base: UnsafeMutableRawBufferPointer) {
        self.base = base
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        guard count < base.count else {
            overflowed = true
            return
        }
        base[count] = b
        count += 1
    }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { copy($0) }
    }

    mutating func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count <= base.count - count else {
            overflowed = true
            return
        }
        if let from = bytes.baseAddress, let to = base.baseAddress, bytes.count > 0 {
            (to + count).copyMemory(from: from, byteCount: bytes.count)
        }
        count += bytes.count
    }

    /// The shortest text that reads back as the same Double (Swift's `description`), `null`
    /// for nil and non-finite values.
    mutating func number(_ value: Double?) {
        guard let value, value.isFinite else {
            raw("null")
            return
        }
        var text = value.description
        text.withUTF8 { copy($0) }
    }

    /// A JSON string with the escapes RFC 8259 requires, `null` for nil.
    mutating func string(_ value: String?) {
        guard var value else {
            raw("null")
            return
        }
        byte(UInt8(ascii: "\""))
        value.withUTF8 { utf8 in
            var plain = true
            for c in utf8 where c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") {
                plain = false
                break
            }
            if plain {
                copy(utf8)
                return
            }
            for c in utf8 {
                switch c {
                case UInt8(ascii: "\""): raw(#"\""#)
                case UInt8(ascii: "\\"): raw(#"\\"#)
                case 0x0A: raw(#"\n"#)
                case 0x0D: raw(#"\r"#)
                case 0x09: raw(#"\t"#)
                case 0..<0x20:
                    raw(#"\u00"#)
                    byte(Self.hexDigit(c >> 4))
                    byte(Self.hexDigit(c & 0xF))
                default: byte(c)
                }
            }
        }
        byte(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ v: UInt8) -> UInt8 {
        v < 10 ? 0x30 + v : 0x61 + (v - 10)
    }
}
