/// A decimal number as scanned from text: `±mantissa · 10^exponent`.
///
/// Produced by ``_DecimalScanner/scan(_:_:)``; converted by the functions in
/// `_DecimalConversion.swift`.
package struct _ScannedDecimal {
    /// The significant digits as an integer; meaningful only when `isExact`.
    package var mantissa: UInt64
    /// The decimal exponent (saturates far outside the `Double` range, never overflows).
    package var exponent: Int
    /// Whether a `-` sign was present (also for zero).
    package var isNegative: Bool
    /// Whether the text was an integer literal: `[+-]?digits`, no `.` and no exponent.
    package var isIntegerLiteral: Bool
    /// Whether `mantissa` holds all significant digits (at most 19 of them). When `false`
    /// the value must be converted from the text by the standard library.
    package var isExact: Bool

    @inlinable
    package init(mantissa: UInt64, exponent: Int, isNegative: Bool, isIntegerLiteral: Bool, isExact: Bool) {
        self.mantissa = mantissa
        self.exponent = exponent
        self.isNegative = isNegative
        self.isIntegerLiteral = isIntegerLiteral
        self.isExact = isExact
    }
}

/// Scans the decimal grammar `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?` over
/// raw bytes, without allocating.
///
/// The one decimal-to-binary scanner of the SDK: CSV fields, model files' JSON and text,
/// and HTTP request bodies all read numbers with it (``_DecimalNumber`` for whole texts).
/// `@inlinable` so callers in other modules get it specialized into their loops.
///
/// This is the grammar of the numbers CSV files hold; Swift's `Double(_: String)` accepts a
/// superset (hexadecimal, `inf`, `nan`), which callers try when this scanner does not
/// consume a whole field. An exponent marker without digits (`1e`) ends the number before
/// the `e`, so the field is not consumed and falls to that slower path, which rejects it, as
/// the standard library does.
package enum _DecimalScanner {
    /// Scans a number at `p` (not past `end`). On success returns it and moves `p` past it;
    /// returns `nil` and leaves `p` unchanged when there is no digit.
    @inlinable @inline(__always)
    package static func scan(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> _ScannedDecimal? {
        var q = p
        var negative = false
        if q < end {
            let b = q.pointee
            if b == _Byte.minus || b == _Byte.plus {
                negative = b == _Byte.minus
                q += 1
            }
        }
        let digitsStart = q
        var mantissa: UInt64 = 0
        while q < end {
            let d = q.pointee &- _Byte.zero
            if d > 9 { break }
            mantissa = mantissa &* 10 &+ UInt64(d)
            q += 1
        }
        let integerDigits = q - digitsStart
        var fractionDigits = 0
        var isInteger = true
        if q < end && q.pointee == _Byte.dot {
            isInteger = false
            q += 1
            let fractionStart = q
            while end - q >= 8 {
                let chunk = UInt64(littleEndian: UnsafeRawPointer(q).loadUnaligned(as: UInt64.self))
                guard isEightDigits(chunk) else { break }
                mantissa = mantissa &* 100_000_000 &+ eightDigitsValue(chunk)
                q += 8
            }
            while q < end {
                let d = q.pointee &- _Byte.zero
                if d > 9 { break }
                mantissa = mantissa &* 10 &+ UInt64(d)
                q += 1
            }
            fractionDigits = q - fractionStart
        }
        let digitCount = integerDigits + fractionDigits
        if digitCount == 0 { return nil }
        var exponent = -fractionDigits
        if q < end && (q.pointee | 0x20) == _Byte.lowercaseE {
            var r = q + 1
            var exponentNegative = false
            if r < end && (r.pointee == _Byte.minus || r.pointee == _Byte.plus) {
                exponentNegative = r.pointee == _Byte.minus
                r += 1
            }
            if r < end && r.pointee &- _Byte.zero <= 9 {
                var e = 0
                while r < end {
                    let d = r.pointee &- _Byte.zero
                    if d > 9 { break }
                    if e < 0x1000_0000 { e = e * 10 + Int(d) }  // saturate: far beyond any finite result
                    r += 1
                }
                exponent += exponentNegative ? -e : e
                isInteger = false
                q = r
            }
        }
        var exact = true
        if digitCount > 19 {
            // Leading zeros (before or after the dot) are not significant and left the
            // mantissa at 0; only more than 19 significant digits make it unusable.
            var s = digitsStart
            var leadingZeros = 0
            while s < q {
                let b = s.pointee
                if b == _Byte.zero {
                    leadingZeros += 1
                } else if b != _Byte.dot {
                    break
                }
                s += 1
            }
            exact = digitCount - leadingZeros <= 19
        }
        p = q
        return _ScannedDecimal(
            mantissa: mantissa, exponent: exponent, isNegative: negative, isIntegerLiteral: isInteger,
            isExact: exact)
    }

    /// Whether the 8 little-endian bytes of `v` are all ASCII digits (SWAR test).
    @inlinable @inline(__always)
    package static func isEightDigits(_ v: UInt64) -> Bool {
        ((v & 0xF0F0_F0F0_F0F0_F0F0) | (((v &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) >> 4))
            == 0x3333_3333_3333_3333
    }

    /// The value of 8 ASCII digits packed little-endian in `v` (first digit in the low byte).
    @inlinable @inline(__always)
    package static func eightDigitsValue(_ v: UInt64) -> UInt64 {
        let mask: UInt64 = 0x0000_00FF_0000_00FF
        let mul1: UInt64 = 0x000F_4240_0000_0064  // 100 + (1_000_000 << 32)
        let mul2: UInt64 = 0x0000_2710_0000_0001  // 1 + (10_000 << 32)
        var x = v &- 0x3030_3030_3030_3030
        x = (x &* 10) &+ (x >> 8)
        x = (((x & mask) &* mul1) &+ (((x >> 16) & mask) &* mul2)) >> 32
        return x & 0xFFFF_FFFF
    }
}

/// ASCII bytes the number scanner and the CSV code compare against (computed, so they fold
/// to constants in inlined code).
package enum _Byte {
    @inlinable package static var zero: UInt8 { 0x30 }
    @inlinable package static var minus: UInt8 { 0x2D }
    @inlinable package static var plus: UInt8 { 0x2B }
    @inlinable package static var dot: UInt8 { 0x2E }
    @inlinable package static var lowercaseE: UInt8 { 0x65 }
    @inlinable package static var quote: UInt8 { 0x22 }
    @inlinable package static var lineFeed: UInt8 { 0x0A }
    @inlinable package static var carriageReturn: UInt8 { 0x0D }
    @inlinable package static var space: UInt8 { 0x20 }
    @inlinable package static var tab: UInt8 { 0x09 }
    @inlinable package static var comma: UInt8 { 0x2C }
}
