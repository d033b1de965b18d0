/// Splits CSV bytes into chunks that start and end at record boundaries, for parallel parsing.
///
/// A line feed ends a record exactly when an even number of quotes precedes it (doubled
/// quotes inside quoted fields keep the parity), so boundaries are found by counting quotes,
/// with `memchr` jumps, from the start of the data. If the data is malformed the parity can
/// be wrong after the first error, but the chunk holding that error still starts at a true
/// boundary and reports it, and the first error in chunk order is the one thrown: the result
/// is the same as a single-chunk parse.
enum _CSVChunking {
    /// Up to `count` consecutive ranges covering `range`, each starting at a record start.
    static func ranges(_ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, count: Int) -> [Range<Int>] {
        guard count > 1, let base = input.baseAddress, range.count > 0 else { return [range] }
        var boundaries = [range.lowerBound]
        var countedUpTo = range.lowerBound
        var oddQuotes = false
        let step = range.count / count
        search: for i in 1..<count {
            let target = range.lowerBound + step * i
            guard let last = boundaries.last, target > last else { continue }
            oddQuotes = oddQuotes != hasOddQuoteCount(base, countedUpTo, target)
            countedUpTo = target
            var from = target
            while from < range.upperBound {
                guard let hit = _Platform.firstByte(_Byte.lineFeed, in: base + from, count: range.upperBound - from) else { break search }
                let lineFeed = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                oddQuotes = oddQuotes != hasOddQuoteCount(base, countedUpTo, lineFeed)
                countedUpTo = lineFeed
                if !oddQuotes {
                    if lineFeed + 1 < range.upperBound { boundaries.append(lineFeed + 1) }
                    break
                }
                from = lineFeed + 1
            }
        }
        var result: [Range<Int>] = []
        for (i, start) in boundaries.enumerated() {
            let stop = i + 1 < boundaries.count ? boundaries[i + 1] : range.upperBound
            if stop > start { result.append(start..<stop) }
        }
        return result
    }

    /// Whether `base[from..<to]` holds an odd number of `"`.
    private static func hasOddQuoteCount(_ base: UnsafePointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        var odd = false
        var at = from
        while at < to, let hit = _Platform.firstByte(_Byte.quote, in: base + at, count: to - at) {
            odd.toggle()
            at = UnsafeRawPointer(hit) - UnsafeRawPointer(base) + 1
        }
        return odd
    }
}
