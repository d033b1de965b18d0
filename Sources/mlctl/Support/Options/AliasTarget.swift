import ArgumentParser

/// `--version V | --remove`: where `registry alias` points the alias, or that it removes it.
struct AliasTarget: ParsableArguments {
    @Option(help: "Version number the alias should point to.")
    var version: Int?

    @Flag(help: "Remove the alias instead.")
    var remove = false

    /// Refuses both or neither of `--version` and `--remove`. The command's `validate()` calls it:
    /// thrown from this group's own `validate()`, the error would let ArgumentParser take the
    /// `--version` on the command line for mlctl's version flag (print the version, exit 0).
    func requireOne() throws {
        if remove == (version != nil) { throw ValidationError("give --version, or --remove") }
    }
}
