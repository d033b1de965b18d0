import ArgumentParser

/// Every `mlctl` subcommand, in help order.
let commandList: [ParsableCommand.Type] = [
    HashCommand.self,
    InspectCommand.self,
    PredictCommand.self,
]
