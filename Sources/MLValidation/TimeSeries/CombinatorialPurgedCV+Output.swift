extension CombinatorialPurgedCV {
    /// The splits as one JSON object, written piece by piece (the indices of a large series do
    /// not fit one string comfortably): `n_samples`, `n_groups`, `k_test_groups`, `purge_rule`
    /// (`observations` or `label_intervals`), `purge_size` (observation purge only), `embargo_size`, `n_splits`, `n_paths`, `group_bounds`,
    /// `paths` (per path, the split of each group) and `splits`, each with `split`,
    /// `test_groups`, `path_ids`, `train_indices` and `test_indices` (the shape of the `cpcv`
    /// fixtures' `expected.json`), then a newline.
    public func writeJSON(to output: inout some TextOutputStream) {
        func list(_ values: [Int]) -> String { "[" + values.map(String.init).joined(separator: ",") + "]" }
        output.write("{\"n_samples\":\(sampleCount),\"n_groups\":\(groupCount),\"k_test_groups\":\(testGroupCount),")
        switch purge {
        case .observations(let purge, let embargo):
            output.write("\"purge_rule\":\"observations\",\"purge_size\":\(purge),\"embargo_size\":\(embargo),")
        case .labelIntervals(_, _, let embargo):
            output.write("\"purge_rule\":\"label_intervals\",\"embargo_size\":\(embargo),")
        }
        output.write("\"n_splits\":\(splitCount),\"n_paths\":\(pathCount),\"group_bounds\":[")
        output.write(groupBounds.map { "[\($0.lowerBound),\($0.upperBound)]" }.joined(separator: ","))
        output.write("],\"paths\":[" + paths.map(list).joined(separator: ",") + "],\"splits\":[")
        for s in 0..<splitCount {
            let split = split(s)
            output.write(s == 0 ? "{" : ",{")
            output.write("\"split\":\(s),\"test_groups\":\(list(split.testGroups)),\"path_ids\":\(list(split.pathIDs)),")
            for (key, set) in [("train_indices", split.train), ("test_indices", split.test)] {
                output.write("\"\(key)\":[")
                var first = true
                var chunk = ""
                for i in set {
                    if !first { chunk += "," }
                    first = false
                    chunk += String(i)
                    if chunk.utf8.count >= 1 << 15 {
                        output.write(chunk)
                        chunk = ""
                    }
                }
                output.write(chunk)
                output.write(key == "train_indices" ? "]," : "]")
            }
            output.write("}")
        }
        output.write("]}\n")
    }

    /// A human-readable summary: the groups, then one line per split with its test groups, path
    /// ids and train/test ranges.
    public var text: String {
        var lines = [
            "CPCV: \(sampleCount) samples, \(groupCount) groups, \(testGroupCount) test groups: \(splitCount) splits, \(pathCount) paths",
            "groups: " + groupBounds.enumerated().map { "\($0.offset)=[\($0.element.lowerBound),\($0.element.upperBound))" }
                .joined(separator: " "),
        ]
        for s in 0..<splitCount {
            let split = split(s)
            lines.append(
                "split \(s): test groups \(split.testGroups) paths \(split.pathIDs)  train \(split.train.count) \(split.train)  test \(split.test.count) \(split.test)"
            )
        }
        for (p, groups) in paths.enumerated() {
            lines.append("path \(p): splits \(groups) (by group)")
        }
        return lines.joined(separator: "\n")
    }
}
