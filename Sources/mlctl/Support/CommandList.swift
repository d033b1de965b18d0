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
    DataCommand.self,
    EvaluateCommand.self,
    CalibrateCommand.self,
    GateCommand.self,
    TrainCommand.self,
    ReproduceCommand.self,
    CPCVCommand.self,
    BacktestCommand.self,
    ValidateExportCommand.self,
    ServeCommand.self,
    LoadTestCommand.self,
]
