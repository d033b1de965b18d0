import ArgumentParser

/// Every `mlctl` subcommand, in help order.
let commandList: [ParsableCommand.Type] = [
    BenchCommand.self,
    HashCommand.self,
    EnvCommand.self,
    RegistryCommand.self,
    InspectCommand.self,
    PredictCommand.self,
    ConvertCommand.self,
    QuantizeCommand.self,
    DriftCommand.self,
    FeaturesCommand.self,
    EvaluateCommand.self,
    CalibrateCommand.self,
    GateCommand.self,
    ValidateExportCommand.self,
    ServeCommand.self,
    LoadTestCommand.self,
]
