/// An order-preserving map from `Double` to `UInt64`, so doubles can be radix-sorted.
///
/// For finite or infinite `a`, `b` (not NaN): `a < b ⇔ key(a) < key(b)` and `a == b ⇔
/// key(a) == key(b)`; `-0.0` and `+0.0` share one key (they compare equal, as in NumPy's
/// `diff`). Positive numbers get the sign bit set; negative numbers have all bits flipped.
package enum _OrderedKey {
    static let signBit: UInt64 = 1 << 63

    /// The sort key of `x` (NaN must be rejected by the caller).
    @inline(__always)
    package static func key(_ x: Double) -> UInt64 {
        let bits = (x + 0.0).bitPattern  // -0.0 + 0.0 is +0.0 in round-to-nearest
        return bits & signBit != 0 ? ~bits : bits | signBit
    }

    /// The double whose key is `key` (inverse of ``key(_:)``, `-0.0` comes back as `+0.0`).
    @inline(__always)
    package static func value(_ key: UInt64) -> Double {
        Double(bitPattern: key & signBit != 0 ? key & ~signBit : ~key)
    }
}
