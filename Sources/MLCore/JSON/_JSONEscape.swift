/// The backslash escapes of a JSON string (RFC 8259 §7), decoded in one place for the two
/// byte-level JSON readers: model files (MLModels' `_JSONParser`) and score request bodies
/// (MLServeHTTP's `_ScoreRequestParser`). Each reader maps a ``Failure`` to its own error.
package enum _JSONEscape {
    /// Why an escape could not be decoded.
    package enum Failure: Sendable, Equatable {
        /// The input ends right after the backslash.
        case endOfInput
        /// The letter after the backslash is not one of `" \ / b f n r t u`.
        case unknownEscape
        /// Fewer than four bytes follow `\u`.
        case truncatedHex
        /// One of the four bytes after `\u` is not a hex digit.
        case invalidHex
    }

    /// Decodes the escape whose letter is at `bytes[i]` (the byte after the backslash), appends
    /// its UTF-8 encoding to `out` and moves `i` past it. A `\u` high surrogate followed by a
    /// `\u` low surrogate is one scalar; an unpaired surrogate becomes U+FFFD, as Python's and
    /// Foundation's readers do.
    /// - Returns: `nil` when decoded, else what is wrong (with `i` somewhere inside the escape).
    @inline(__always)
    package static func decode(_ bytes: UnsafeRawBufferPointer, at i: inout Int, into out: inout [UInt8]) -> Failure? {
        guard i < bytes.count else { return .endOfInput }
        let e = bytes[i]
        i += 1
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar: UInt32 = 0
            if let failure = hex4(bytes, at: &i, into: &scalar) { return failure }
            if (0xD800..<0xDC00).contains(scalar), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"),
                bytes[i + 1] == UInt8(ascii: "u")
            {
                i += 2
                var low: UInt32 = 0
                if let failure = hex4(bytes, at: &i, into: &low) { return failure }
                scalar = (0xDC00..<0xE000).contains(low) ? 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
            }
            let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
            out.append(contentsOf: String(Character(u)).utf8)
        default:
            return .unknownEscape
        }
        return nil
    }

    /// Reads four hex digits at `bytes[i...]` into `value`.
    private static func hex4(_ bytes: UnsafeRawBufferPointer, at i: inout Int, into value: inout UInt32) -> Failure? {
        guard i + 4 <= bytes.count else { return .truncatedHex }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[i]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: return .invalidHex
            }
            v = v << 4 | d
            i += 1
        }
        value = v
        return nil
    }
}
