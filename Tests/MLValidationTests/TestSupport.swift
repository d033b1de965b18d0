import MLTesting

/// The golden cases in Tests/Fixtures.
let fixtures = FixtureLocator()

/// Two-column CSV text with a header.
func csv(_ header: String, _ values: [some CustomStringConvertible]) -> String {
    header + "\n" + values.map(\.description).joined(separator: "\n") + "\n"
}
