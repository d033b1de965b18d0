extension SeededRandom {
    /// Shuffles `elements` in place by Fisher–Yates (Durstenfeld's version) run forward:
    /// for `i` in `0 ..< n − 1`, swap the elements at offsets `i` and `j = i + nextUInt64(below: n − i)`.
    ///
    /// Uses `n − 1` bounded draws. The forward order makes a shuffle of `0..<n` start with
    /// exactly ``sampleIndices(_:from:withReplacement:)``'s answer for the same state.
    public mutating func shuffle<C: MutableCollection & RandomAccessCollection>(_ elements: inout C) {
        let n = elements.count
        guard n > 1 else { return }
        var i = elements.startIndex
        for offset in 0..<(n - 1) {
            let j = elements.index(i, offsetBy: Int(nextUInt64(below: UInt64(n - offset))))
            elements.swapAt(i, j)
            elements.formIndex(after: &i)
        }
    }

    /// The elements in an order given by ``shuffle(_:)``.
    public mutating func shuffled<S: Sequence>(_ elements: S) -> [S.Element] {
        var array = Array(elements)
        shuffle(&array)
        return array
    }

    /// `count` indices drawn from `0 ..< populationSize`.
    ///
    /// - Without replacement: distinct indices in random order, the first `count` positions
    ///   of the forward Fisher–Yates shuffle of `[0, 1, …, populationSize − 1]` (see
    ///   ``shuffle(_:)``): step `i` draws `j = i + nextUInt64(below: populationSize − i)`. So a
    ///   smaller sample is a prefix of a larger one from the same state. Memory is
    ///   `O(count)` when `count` is small relative to the population (the permutation is kept
    ///   sparse); the result is the same either way.
    /// - With replacement: `count` independent `nextUInt64(below: populationSize)` draws.
    ///
    /// - Throws: ``SamplingError`` when `count < 0` or `populationSize < 0`; without
    ///   replacement when `count > populationSize`; with replacement when `populationSize == 0`
    ///   and `count > 0`. The generator's state is unchanged when it throws.
    public mutating func sampleIndices(
        _ count: Int, from populationSize: Int, withReplacement: Bool = false
    ) throws -> [Int] {
        guard count >= 0, populationSize >= 0 else {
            throw SamplingError("sample sizes must not be negative (count \(count), population \(populationSize))")
        }
        if withReplacement {
            guard count == 0 || populationSize > 0 else {
                throw SamplingError("cannot draw \(count) from an empty population")
            }
            return (0..<count).map { _ in Int(nextUInt64(below: UInt64(populationSize))) }
        }
        guard count <= populationSize else {
            throw SamplingError("cannot draw \(count) of \(populationSize) without replacement")
        }
        return _sampleWithoutReplacement(count, from: populationSize, sparse: count < populationSize / 16)
    }

    /// Partial forward Fisher–Yates over a virtual `[0 ..< n]`, stored densely or as a
    /// dictionary of displaced entries; both give the same indices.
    mutating func _sampleWithoutReplacement(_ k: Int, from n: Int, sparse: Bool) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(k)
        if sparse {
            var displaced: [Int: Int] = [:]
            for i in 0..<k {
                let j = i + Int(nextUInt64(below: UInt64(n - i)))
                let valueAtJ = displaced[j] ?? j
                displaced[j] = displaced[i] ?? i
                result.append(valueAtJ)
            }
        } else {
            var permutation = Array(0..<n)
            for i in 0..<k {
                let j = i + Int(nextUInt64(below: UInt64(n - i)))
                permutation.swapAt(i, j)
                result.append(permutation[i])
            }
        }
        return result
    }

    /// `count` elements of `population` chosen as by ``sampleIndices(_:from:withReplacement:)``.
    /// - Throws: as ``sampleIndices(_:from:withReplacement:)``.
    public mutating func sample<C: Collection>(
        _ count: Int, from population: C, withReplacement: Bool = false
    ) throws -> [C.Element] {
        let elements = Array(population)
        return try sampleIndices(count, from: elements.count, withReplacement: withReplacement).map { elements[$0] }
    }
}

/// A sample that cannot be drawn: negative sizes, more distinct items than the population
/// holds, or draws from an empty population.
public struct SamplingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, with the sizes involved.
    public let message: String

    /// Creates an error with a message.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
