/// Mid-ranks (1-based; tied values share the mean of their ranks), as
/// `scipy.stats.rankdata(method="average")`, in O(n) after a radix sort.
enum _Midranks {
    static func of(_ values: [Double]) -> [Double] {
        let order = _RadixSort.sortedIndices(of: values.map(_OrderedKey.key))
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start + 1
            let key = _OrderedKey.key(values[order[start]])
            while end < order.count && _OrderedKey.key(values[order[end]]) == key { end += 1 }
            let rank = Double(start + 1 + end) / 2  // mean of ranks start+1 ... end
            for k in start..<end { ranks[order[k]] = rank }
            start = end
        }
        return ranks
    }
}
