import ArgumentParser
import FoundationEssentials

/// `--columns a,b …`: the columns a drift command looks at (default: every baseline column).
struct ColumnSelection: ParsableArguments {
    @Option(
        parsing: .upToNextOption,
        help: "Only these columns (default: every baseline column). Comma-separated or repeated.")
    var columns: [String] = []

    /// The named columns (comma-separated lists split, names trimmed), or `nil` for all.
    var selected: [String]? {
        let names = columns.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        return names.isEmpty ? nil : names
    }
}
