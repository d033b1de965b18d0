import ArgumentParser

/// Every `mlctl` subcommand, in help order.
let commandList: [ParsableCommand.Type] = [
    BenchCommand.self,
    HashCommand.self,
    InspectCommand.self,
    PredictCommand.self,
]
