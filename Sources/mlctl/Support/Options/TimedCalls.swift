import ArgumentParser

/// `--repeats N --calls N`: how many timed calls `bench predict` makes.
struct TimedCalls: ParsableArguments {
    @Option(help: "Timed batch calls.")
    var repeats = 3

    @Option(help: "Timed single-row calls (0 to skip).")
    var calls = 100_000

    func validate() throws {
        if repeats < 1 { throw ValidationError("--repeats must be at least 1") }
        if calls < 0 { throw ValidationError("--calls must be at least 0") }
    }
}
