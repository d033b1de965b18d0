// Entry point: runs the parsed command and maps errors to the exit codes of Docs/CLI.md.
CommandRunner.run(MLCtl.self)
