import Crypto

/// The sticky assignment hash of `Docs/Routing.md`: maps an entity id to one of 10,000
/// buckets, the same in every process, on every machine and in every language.
///
/// Algorithm (the specification; keep `Docs/Routing.md` in step):
/// 1. `message = UTF-8(salt) ‖ 0x3A (":") ‖ UTF-8(key)`, the key's bytes exactly as given
///    (no trimming, case folding or Unicode normalization: ids are opaque).
/// 2. `digest = SHA-256(message)`.
/// 3. `bucket = UInt64(big-endian digest[0..<8]) mod 10_000`.
///
/// A variant holding `p` percent of traffic owns buckets `[start, start + round(p × 100))`,
/// so raising a canary from 5 % to 25 % keeps every entity already in the canary there.
///
/// ```swift
/// StickyBucket.bucket(for: "user-42", salt: "fraud-canary")   // 0 ..< 10_000
/// ```
public enum StickyBucket {
    /// Number of buckets: one bucket is 0.01 percentage points of traffic.
    public static let count = 10_000

    /// The bucket of `key` under `salt`, in `0 ..< 10_000`.
    public static func bucket(for key: String, salt: String) -> Int {
        var hasher = SHA256()
        hasher.update(data: Array(salt.utf8))
        hasher.update(data: [0x3A])
        hasher.update(data: Array(key.utf8))
        let digest = hasher.finalize()
        var prefix: UInt64 = 0
        for (i, byte) in digest.enumerated() where i < 8 {
            prefix = prefix << 8 | UInt64(byte)
        }
        return Int(prefix % UInt64(count))
    }

    /// Basis points (hundredths of a percent) of `percent`, rounded to the nearest and
    /// clamped to `0 ... 10_000`.
    public static func basisPoints(percent: Double) -> Int {
        guard percent.isFinite else { return 0 }
        // Clamped before the conversion, so no value can overflow `Int`.
        return Int((min(100, max(0, percent)) * 100).rounded())
    }
}
