/// Counts a check's failing rows and keeps the first ``DataCheckSuite/exampleLimit`` of them
/// (lowest row numbers) as examples.
struct _Examples {
    /// The number of failing rows seen.
    private(set) var count = 0
    /// The kept examples, ascending by row (1-based rows).
    private(set) var items: [DataCheckExample] = []

    /// Records failing row `row` (0-based) when rows arrive in ascending order; `value` is only
    /// evaluated for rows that are kept.
    mutating func add(row: Int, value: @autoclosure () -> String) {
        count += 1
        if items.count < DataCheckSuite.exampleLimit { items.append(DataCheckExample(row: row + 1, value: value())) }
    }

    /// Records failing row `row` (0-based) arriving in any order, keeping the lowest rows.
    mutating func insert(row: Int, value: @autoclosure () -> String) {
        count += 1
        let example = row + 1
        if items.count == DataCheckSuite.exampleLimit, let last = items.last, last.row < example { return }
        let position = items.firstIndex { $0.row > example } ?? items.endIndex
        items.insert(DataCheckExample(row: example, value: value()), at: position)
        if items.count > DataCheckSuite.exampleLimit { items.removeLast() }
    }
}
