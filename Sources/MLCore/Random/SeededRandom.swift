/// The seeded random number generator every swift-mlops module uses: xoshiro256**
/// (Blackman & Vigna, "Scrambled linear pseudorandom number generators", 2018/2021),
/// seeded through ``SplitMix64``. Same seed ⇒ the same sequence on every run, machine and
/// architecture.
///
/// **Generator.** State: four `UInt64` words `s0…s3`, never all zero. One step, all
/// arithmetic modulo 2⁶⁴, `rotl` a 64-bit left rotation:
/// ```
/// result = rotl(s1 * 5, 7) * 9
/// t = s1 << 17
/// s2 ^= s0;  s3 ^= s1;  s1 ^= s2;  s0 ^= s3
/// s2 ^= t
/// s3 = rotl(s3, 45)
/// return result
/// ```
/// Period 2²⁵⁶ − 1; passes BigCrush and PractRand.
///
/// **Seeding.** `init(seed:)` draws `s0, s1, s2, s3` in that order from
/// `SplitMix64(seed: seed)` (as the authors recommend), so seed 0 is fine.
///
/// **Reference values** (checked against the authors' C code): from the state
/// `(1, 2, 3, 4)` the outputs are 11520, 0, 1509978240, 1215971899390074240; seed 42 gives
/// the state `(0xBDD732262FEB6E95, 0x28EFE333B266F103, 0x47526757130F9F52,
/// 0x581CE1FF0E4AE394)` and the outputs 1546998764402558742, 6990951692964543102,
/// 12544586762248559009.
///
/// **Derived values** (`nextDouble`, `nextInt(in:)`, `nextNormal`, `shuffle`, sampling)
/// use the mappings documented on each method, implemented here: never Swift's
/// `Double.random(in:using:)`, `shuffle(using:)` and friends, whose algorithms the standard
/// library does not specify and may change. (The `RandomNumberGenerator` conformance lets
/// you call those, but their results are not covered by this reproducibility promise.)
///
/// **Parallel streams.** ``jump()`` advances by 2¹²⁸ steps: give task `k` a copy jumped
/// `k` times for non-overlapping streams that do not depend on the thread count.
///
/// ```swift
/// var rng = SeededRandom(seed: 42)
/// let u = rng.nextDouble()            // in [0, 1)
/// let i = rng.nextInt(in: 0..<10)
/// let order = rng.shuffled(Array(0..<100))
/// ```
public struct SeededRandom: RandomNumberGenerator, Sendable, Hashable {
    // Internal (not private) only so that the inlinable `next()` can reach them.
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// A generator whose state is the first four outputs of `SplitMix64(seed: seed)`.
    public init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        s0 = seeder.next()
        s1 = seeder.next()
        s2 = seeder.next()
        s3 = seeder.next()
    }

    /// A generator with an explicit state `[s0, s1, s2, s3]` (e.g. one saved from ``state``),
    /// or `nil` when `state` does not have four words or they are all zero (a fixed point).
    public init?(state: [UInt64]) {
        guard state.count == 4, state.contains(where: { $0 != 0 }) else { return nil }
        s0 = state[0]
        s1 = state[1]
        s2 = state[2]
        s3 = state[3]
    }

    /// The current state `[s0, s1, s2, s3]`, to save and resume a stream with ``init(state:)``.
    public var state: [UInt64] { [s0, s1, s2, s3] }

    /// The next 64 uniformly distributed bits (one xoshiro256** step).
    ///
    /// Inlinable because it is the inner loop of every sampler and trainer in other modules,
    /// where a call per number would cost more than the step; the algorithm is fixed forever.
    @inlinable
    public mutating func next() -> UInt64 {
        let result = Self.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotl(s3, 45)
        return result
    }

    /// Advances the state by 2¹²⁸ steps, as 2¹²⁸ calls to ``next()`` would (the reference
    /// `jump()` with its published polynomial), in 256 steps.
    public mutating func jump() {
        let polynomial: [UInt64] = [
            0x180E_C6D3_3CFD_0ABA, 0xD5A6_1266_F0C9_392C, 0xA958_2618_E03F_C9AA, 0x39AB_DC45_29B1_661C,
        ]
        var t0: UInt64 = 0
        var t1: UInt64 = 0
        var t2: UInt64 = 0
        var t3: UInt64 = 0
        for word in polynomial {
            for bit in 0..<64 {
                if word & (1 << UInt64(bit)) != 0 {
                    t0 ^= s0
                    t1 ^= s1
                    t2 ^= s2
                    t3 ^= s3
                }
                _ = next()
            }
        }
        (s0, s1, s2, s3) = (t0, t1, t2, t3)
    }

    /// A copy advanced by `count` jumps of 2¹²⁸ steps: independent stream number `count`.
    public func jumped(_ count: Int = 1) -> SeededRandom {
        var copy = self
        for _ in 0..<Swift.max(0, count) { copy.jump() }
        return copy
    }

    @inlinable
    static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

extension SeededRandom: Codable {
    /// Encodes the state as an array of four unsigned integers.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(state)
    }

    /// Decodes a state saved by ``encode(to:)``.
    /// - Throws: `DecodingError.dataCorrupted` unless it is four words, not all zero.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let words = try container.decode([UInt64].self)
        guard let generator = SeededRandom(state: words) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "a SeededRandom state is four UInt64 words, not all zero")
        }
        self = generator
    }
}
