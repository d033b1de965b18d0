import ArgumentParser

/// Every `mlctl` subcommand, in help order.
let commandList: [ParsableCommand.Type] = [
    HashCommand.self,
    EnvCommand.self,
    DriftCommand.self,
]
