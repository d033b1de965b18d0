import ArgumentParser
import MLCore
import MLModels
import MLValidation

/// `mlctl convert --model IN --output OUT.json [--json]`.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a model (XGBoost JSON/UBJSON, LightGBM text, ONNX) to the SDK's own versioned JSON format.",
        discussion: """
            The output loads back to bit-identical predictions, carries the feature names and the source \
            file's SHA-256, and converting it again gives the same bytes. Schema: Docs/Models.md. \
            An unreadable or invalid model, or an unwritable output, is exit 2.
            """
    )

    @Option(help: "The model file (format detected from its content).")
    var model: String

    @Option(help: "Where to write the converted model (.json).")
    var output: String

    @Flag(help: "Print one JSON object.")
    var json = false

    struct Report: Encodable {
        let input: String
        let output: String
        let sourceFormat: String
        let sourceSHA256: String
        let outputSHA256: String
        let bytes: Int
        let formatVersion: Int
        let outputKind: String
        let featureCount: Int
        let featureNames: Bool
        let treeCount: Int?

        enum CodingKeys: String, CodingKey {
            case input, output, bytes
            case sourceFormat = "source_format"
            case sourceSHA256 = "source_sha256"
            case outputSHA256 = "output_sha256"
            case formatVersion = "format_version"
            case outputKind = "output_kind"
            case featureCount = "feature_count"
            case featureNames = "feature_names"
            case treeCount = "tree_count"
        }
    }

    func run() throws {
        let conversion = try ModelConverter.convert(contentsOf: model)
        try TextFile.write(String(decoding: conversion.json, as: UTF8.self), to: output)
        let d = conversion.model.modelDescription
        let report = Report(
            input: model, output: output, sourceFormat: conversion.sourceFormat.rawValue,
            sourceSHA256: conversion.provenance.sourceSHA256, outputSHA256: FileDigest.sha256Hex(of: conversion.json),
            bytes: conversion.json.count, formatVersion: ModelConverter.formatVersion, outputKind: d.outputKind,
            featureCount: d.featureCount, featureNames: d.featureNames != nil, treeCount: d.treeCount)
        if json {
            try Output.printJSON(report)
            return
        }
        print(
            """
            converted:  \(model) (\(report.sourceFormat), sha256 \(report.sourceSHA256))
            output:     \(output) (\(ModelConverter.formatName) v\(report.formatVersion), \(report.bytes) bytes, sha256 \(report.outputSHA256))
            model:      \(d.outputKind), \(d.featureCount) features\(report.featureNames ? " (named)" : "")\(d.treeCount.map { ", \($0) trees" } ?? "")
            """)
    }
}
