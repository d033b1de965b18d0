/// Human output shared by the commands: left-aligned columns and aligned `key: value` lines.
enum TextTable {
    /// Prints `header` and `rows` as left-aligned columns two spaces apart.
    static func print(_ header: [String], _ rows: [[String]]) {
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                i == cells.count - 1 ? c : c + String(repeating: " ", count: max(0, widths[i] - c.count))
            }.joined(separator: "  ")
        }
        Swift.print(line(header))
        for row in rows { Swift.print(line(row)) }
    }

    /// Prints `key: value` lines with the values aligned one space after the longest key.
    static func printAligned(_ lines: [(key: String, value: String)]) {
        let width = lines.map(\.key.count).max() ?? 0
        for (key, value) in lines {
            Swift.print(key + ":" + String(repeating: " ", count: width - key.count + 1) + value)
        }
    }
}
