import MLTesting

/// The golden cases in Tests/Fixtures (read with MLTesting's `FixtureLocator`).
let fixtures = FixtureLocator()
