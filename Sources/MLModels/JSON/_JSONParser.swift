/// A strict JSON parser over bytes (RFC 8259), for model files.
///
/// Hand-written instead of `JSONSerialization`/`JSONDecoder`: it keeps number spans for
/// correctly rounded `Float` reads, needs no Foundation, and loads a 500-tree XGBoost model
/// (millions of numbers) in a fraction of a second. Nesting is limited to
/// ``maximumDepth``; every error throws ``ModelLoadingError`` with the byte offset.
struct _JSONParser {
    static let maximumDepth = 64

    private let p: UnsafeBufferPointer<UInt8>
    private var i = 0

    private init(_ p: UnsafeBufferPointer<UInt8>) { self.p = p }

    /// Parses a whole document (one value, surrounded by optional whitespace).
    static func parse(_ bytes: [UInt8]) throws -> _JSONDocument {
        guard bytes.count < Int(Int32.max) else {
            throw ModelLoadingError(.limitExceeded, "JSON model files over 2 GiB are not supported")
        }
        let root = try bytes.withUnsafeBufferPointer { buffer -> _JSONValue in
            var parser = _JSONParser(buffer)
            parser.skipWhitespace()
            let value = try parser.parseValue(depth: 0)
            parser.skipWhitespace()
            guard parser.i == buffer.count else { throw parser.error("unexpected data after the JSON value") }
            return value
        }
        return _JSONDocument(bytes: bytes, root: root, size: bytes.count)
    }

    private func error(_ message: String) -> ModelLoadingError {
        ModelLoadingError(.malformed, "invalid JSON: " + message, offset: i)
    }

    private mutating func skipWhitespace() {
        while i < p.count {
            let c = p[i]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1 } else { break }
        }
    }

    private mutating func parseValue(depth: Int) throws -> _JSONValue {
        guard depth <= Self.maximumDepth else {
            throw ModelLoadingError(.limitExceeded, "JSON nesting deeper than \(Self.maximumDepth)", offset: i)
        }
        guard i < p.count else { throw error("unexpected end of data") }
        switch p[i] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectWord("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectWord("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectWord("null")
            return .null
        case UInt8(ascii: "-"), 0x30...0x39:
            return try parseNumber()
        default:
            throw error("unexpected character '\(Unicode.Scalar(p[i]))'")
        }
    }

    private mutating func expectWord(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        guard i + n <= p.count else { throw error("unexpected end of data") }
        let w = word.utf8Start
        for k in 0..<n where p[i + k] != w[k] { throw error("invalid literal") }
        i += n
    }

    private mutating func parseNumber() throws -> _JSONValue {
        let start = i
        if p[i] == UInt8(ascii: "-") { i += 1 }
        var digits = 0
        while i < p.count, p[i] >= 0x30, p[i] <= 0x39 {
            i += 1
            digits += 1
        }
        guard digits > 0 else { throw error("invalid number") }
        if i < p.count, p[i] == UInt8(ascii: ".") {
            i += 1
            var fraction = 0
            while i < p.count, p[i] >= 0x30, p[i] <= 0x39 {
                i += 1
                fraction += 1
            }
            guard fraction > 0 else { throw error("invalid number") }
        }
        if i < p.count, p[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < p.count, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
            var exp = 0
            while i < p.count, p[i] >= 0x30, p[i] <= 0x39 {
                i += 1
                exp += 1
            }
            guard exp > 0 else { throw error("invalid number exponent") }
        }
        return .numberText(start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: i))
    }

    private mutating func parseString() throws -> String {
        i += 1  // opening quote
        let start = i
        // Fast path: no escapes.
        while i < p.count {
            let c = p[i]
            if c == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self)
                i += 1
                return s
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw error("control character in string") }
            i += 1
        }
        guard i < p.count else { throw error("unterminated string") }
        var bytes = Array(UnsafeBufferPointer(rebasing: p[start..<i]))
        while i < p.count {
            let c = p[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: bytes, as: UTF8.self)
            }
            if c < 0x20 { throw error("control character in string") }
            if c != UInt8(ascii: "\\") {
                bytes.append(c)
                i += 1
                continue
            }
            i += 1
            guard i < p.count else { break }
            let e = p[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(e)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try parseHex4()
                if scalar >= 0xD800 && scalar < 0xDC00, i + 6 <= p.count, p[i] == UInt8(ascii: "\\"),
                    p[i + 1] == UInt8(ascii: "u")
                {
                    i += 2
                    let low = try parseHex4()
                    if low >= 0xDC00 && low < 0xE000 {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        scalar = 0xFFFD
                    }
                }
                let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                bytes.append(contentsOf: Array(String(Character(u)).utf8))
            default:
                throw error("invalid escape")
            }
        }
        throw error("unterminated string")
    }

    private mutating func parseHex4() throws -> UInt32 {
        guard i + 4 <= p.count else { throw error("truncated \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = p[i]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw error("invalid \\u escape")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    private mutating func parseArray(depth: Int) throws -> _JSONValue {
        i += 1
        var elements: [_JSONValue] = []
        skipWhitespace()
        if i < p.count, p[i] == UInt8(ascii: "]") {
            i += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            guard i < p.count else { throw error("unterminated array") }
            if p[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if p[i] == UInt8(ascii: "]") {
                i += 1
                return .array(elements)
            }
            throw error("expected ',' or ']' in array")
        }
    }

    private mutating func parseObject(depth: Int) throws -> _JSONValue {
        i += 1
        var members: [_JSONMember] = []
        skipWhitespace()
        if i < p.count, p[i] == UInt8(ascii: "}") {
            i += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard i < p.count, p[i] == UInt8(ascii: "\"") else { throw error("expected a key string in object") }
            let key = try parseString()
            skipWhitespace()
            guard i < p.count, p[i] == UInt8(ascii: ":") else { throw error("expected ':' after key") }
            i += 1
            skipWhitespace()
            let value = try parseValue(depth: depth + 1)
            members.append(_JSONMember(key: key, value: value))
            skipWhitespace()
            guard i < p.count else { throw error("unterminated object") }
            if p[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if p[i] == UInt8(ascii: "}") {
                i += 1
                return .object(members)
            }
            throw error("expected ',' or '}' in object")
        }
    }
}
