/// SplitMix64 (Steele, Lea & Flood 2014; Vigna's reference `splitmix64.c`): a 64-bit
/// generator used here to expand one `UInt64` seed into a ``SeededRandom`` state.
///
/// Algorithm, all arithmetic modulo 2⁶⁴:
/// ```
/// state += 0x9E3779B97F4A7C15
/// z = state
/// z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
/// z = (z ^ (z >> 27)) * 0x94D049BB133111EB
/// return z ^ (z >> 31)
/// ```
/// Reference outputs: seed 1234567 gives 6457827717110365317, 3203168211198807973,
/// 9817491932198370423, 4593380528125082431, 16408922859458223821.
/// Any seed (0 included) is valid. Statistically weaker than ``SeededRandom``: use it for
/// seeding, not for sampling.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable, Codable {
    /// The whole state: the seed plus the number of outputs drawn times the golden gamma.
    public var state: UInt64

    /// A generator starting from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 uniformly distributed bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
