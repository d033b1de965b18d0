import MLCore
import MLModels
import MLTesting
@testable import MLTraining
import Testing

/// `mlctl train` and `mlctl reproduce` as a CI script runs them.
@Suite struct TrainCommandTests {
    /// Writes a CSV of the synthetic problem (label last) and returns its path.
    func writeData(_ dir: ScratchDirectory, _ name: String, rows: Int, seed: UInt64) throws -> String {
        let (x, y) = try syntheticBinary(rows: rows, seed: seed)
        var text = (0..<x.columns).map { "x\($0)" }.joined(separator: ",") + ",label\n"
        for r in 0..<x.rows {
            text += (0..<x.columns).map { x[r, $0].isNaN ? "" : "\(x[r, $0])" }.joined(separator: ",") + ",\(Int(y[r]))\n"
        }
        return dir.write(name, text)
    }

    @Test func trainsReproducesAndGates() throws {
        let mlctl = try BuiltCommand("mlctl")
        let dir = ScratchDirectory()
        _ = try writeData(dir, "train.csv", rows: 2000, seed: 1)
        _ = try writeData(dir, "test.csv", rows: 600, seed: 2)
        let config = dir.write("train.yaml", """
            data: {train: train.csv, test: test.csv, label: label}
            model: {kind: gbdt, objective: binary, num_trees: 40, num_leaves: 15}
            split: {train: 0.85, validation: 0.15, test: 0}
            seed: 3
            gates: {roc_auc: ">= 0.7"}
            """)
        let a = try mlctl.run(["train", "--config", config, "--output", dir.file("a"), "--json"])
        #expect(a.status == 0, "\(a.stderr)")
        let summary = try jsonObject(parsing: a.stdout)
        let metrics = try #require(summary["metrics"] as? [String: [String: Double]])
        #expect((metrics["test"]?["roc_auc"] ?? 0) > 0.75)
        #expect(metrics["validation"]?["n"] == 300)
        #expect(metrics["train"]?["n"] == 1700)
        // Byte-identical at two threads.
        let twoThreads = dir.write("two.yaml", dir.read("train.yaml") + "\nthreads: 2\n")
        let b = try mlctl.run(["train", "--config", twoThreads, "--output", dir.file("b")])
        #expect(b.status == 0, "\(b.stderr)")
        let sameModel = dir.read("a/model.json") == dir.read("b/model.json")
        let sameExport = dir.read("a/model.xgboost.json") == dir.read("b/model.xgboost.json")
        #expect(sameModel && sameExport, "threads: 2 changed the model bytes")
        let manifest = try jsonObject(contentsOf: dir.file("a/manifest.json"))
        for key in ["config", "config_sha256", "inputs", "environment", "durations_seconds", "metrics", "model", "label_sha256"] {
            #expect(manifest[key] != nil, "\(key)")
        }
        #expect((manifest["inputs"] as? [[String: Any]])?.count == 2)

        let same = try mlctl.run(["reproduce", "--manifest", dir.file("a/manifest.json"), "--json"])
        #expect(same.status == 0, "\(same.stderr)")
        #expect(try jsonObject(parsing: same.stdout)["reproduced"] as? Bool == true)
        // Change the data: reproduce fails and names the file.
        _ = try writeData(dir, "train.csv", rows: 2000, seed: 9)
        let changed = try mlctl.run(["reproduce", "--manifest", dir.file("a/manifest.json")])
        #expect(changed.status == 1)
        #expect(changed.stdout.contains("data: train file") && changed.stdout.contains("changed"))

        // A gate that fails: exit 1, files still written.
        let strict = dir.write("strict.yaml", """
            data: {train: train.csv, test: test.csv, label: label}
            model: {kind: gbdt, num_trees: 5}
            gates: {roc_auc: ">= 0.99"}
            """)
        let gated = try mlctl.run(["train", "--config", strict, "--output", dir.file("c")])
        #expect(gated.status == 1)
        #expect(gated.stderr.contains("roc_auc"))
        #expect(!dir.read("c/model.json").isEmpty)
    }

    @Test(arguments: [
        ("data: {train: train.csv, label: label}\nmodel: {kind: gbdt, num_tree: 5}\n", "model.num_tree"),
        ("data: {train: train.csv, label: nope}\nmodel: {kind: gbdt}\n", "nope"),
        ("data: {train: train.csv, label: label}\nmodel: {kind: gbdt, learning_rate: -1}\n", "learning_rate"),
        ("data: {train: train.csv, label: label}\nmodel: {kind: random_forest}\n", "model.kind"),
        ("data: {train: train.csv, label: label}\nmodel: {kind: logistic_regression, num_trees: 5}\n", "model.num_trees"),
        ("data: {train: train.csv, label: label}\nmodel: {kind: logistic_regression, l1: 1, objective: multiclass}\n", "model.l1"),
        ("data: {train: train.csv, label: label}\nmodel: {kind: logistic_regression, objective: regression}\n", "model.objective"),
        ("data: {train: train.csv, label: label}\nmodel: {kind: logistic_regression}\n", "x0"),
        ("data: {train: train.csv}\nmodel: {kind: logistic_regression}\n", "data.label"),
        ("data: {train: train.csv, label: label}\nmodel: {kind: isolation_forest, max_samples: 0}\n", "model.max_samples"),
        ("data: {train: const.csv, label: label}\nmodel: {kind: logistic_regression}\n", "constant"),
        ("data: {train: text.csv, label: label}\nmodel: {kind: isolation_forest}\n", "city"),
        ("data: {train: train.csv, label: label}\nmodel: {kind: gbdt}\nextra: 1\n", "extra"),
        ("data: {train: const.csv, label: label}\nmodel: {kind: gbdt}\n", "constant"),
        ("data: {train: text.csv, label: label}\nmodel: {kind: gbdt}\n", "city"),
        ("data: {train: missing.csv, label: label}\nmodel: {kind: gbdt}\n", "missing.csv"),
        ("model: {kind: gbdt}\n", "data"),
        ("data: {train: train.csv, label: label}\nmodel: {kind: gbdt}\nsplit: {train: 0.9, validation: 0.5}\n", "split"),
    ])
    func badConfigsExitTwoNamingTheKeyOrColumn(_ yaml: String, _ named: String) throws {
        let mlctl = try BuiltCommand("mlctl")
        let dir = ScratchDirectory()
        _ = try writeData(dir, "train.csv", rows: 200, seed: 1)
        _ = dir.write("const.csv", "x0,label\n1,1\n2,1\n3,1\n")
        _ = dir.write("text.csv", "x0,city,label\n1,Oslo,0\n2,Lima,1\n")
        let config = dir.write("c.yaml", yaml)
        let r = try mlctl.run(["train", "--config", config, "--output", dir.file("out")])
        #expect(r.status == 2, "\(r.stdout) \(r.stderr)")
        #expect(r.stderr.contains(named), "\(r.stderr)")
    }

    @Test func splitsAreStratifiedSeededAndComplete() throws {
        let labels: [Double] = (0..<1000).map { $0 % 10 == 0 ? 1 : 0 }
        let parts = try DataSplit.parts(rows: 1000, fractions: [0.7, 0.1, 0.2], seed: 4, stratifyBy: labels)
        #expect(parts.map(\.count) == [700, 100, 200])
        #expect(parts.map { $0.filter { labels[$0] == 1 }.count } == [70, 10, 20])
        #expect(Set(parts.flatMap { $0 }).count == 1000)
        #expect(try DataSplit.parts(rows: 1000, fractions: [0.7, 0.1, 0.2], seed: 4, stratifyBy: labels) == parts)
        #expect(try DataSplit.parts(rows: 1000, fractions: [0.7, 0.1, 0.2], seed: 5, stratifyBy: labels) != parts)
        let timed = try DataSplit.parts(rows: 10, fractions: [0.6, 0.2, 0.2], seed: 1, timeOrdered: true)
        #expect(timed == [[0, 1, 2, 3, 4, 5], [6, 7], [8, 9]])
        let folds = try DataSplit.kFold(rows: 103, folds: 5, seed: 2, stratifyBy: (0..<103).map { Double($0 % 3) })
        #expect(folds.count == 5)
        #expect(Set(folds.flatMap(\.test)).count == 103)
        for f in folds { #expect(Set(f.train).isDisjoint(with: f.test) && f.train.count + f.test.count == 103) }
        #expect(throws: TrainingError.self) { try DataSplit.parts(rows: 10, fractions: [0.5, 0.6], seed: 1) }
        #expect(throws: TrainingError.self) { try DataSplit.kFold(rows: 3, folds: 4, seed: 1) }
    }
}

/// Examples/FraudQuickstart (the README's main job) runs end to end and tells its story, the same every run.
@Suite struct FraudQuickstartTests {
    @Test func runsEndToEnd() throws {
        let example = try #require(BuiltProducts.path("FraudQuickstart"), "built by `swift test`")
        let r = try runProcess(example, [])
        #expect(r.status == 0, "\(r.stderr)")
        for line in [
            "40000 transactions", "trained ", "test: roc_auc 0.9", "release gate passed", "export parity: true", "champion → v1",
            "scored 2000 requests", "drift check: drift in amount",
        ] {
            #expect(r.stdout.contains(line), "missing '\(line)' in:\n\(r.stdout)")
        }
        let again = try runProcess(example, [])
        let strip = { (s: String) in s.split(separator: "\n").filter { !$0.hasPrefix("working in") } }
        #expect(strip(again.stdout) == strip(r.stdout))
    }

    @Test func logisticRegressionAndIsolationForestTrainExportAndReproduce() throws {
        let mlctl = try BuiltCommand("mlctl")
        let dir = ScratchDirectory()
        let fixtures = FixtureLocator(testFile: #filePath)
        let data = fixtures.path("training/logreg/binary.csv")
        let lr = dir.write("lr.yaml", """
            data: {train: \(data), label: label}
            model: {kind: logistic_regression, l2: 2.0, class_weight: balanced}
            split: {train: 0.8, validation: 0, test: 0.2}
            seed: 5
            """)
        let a = try mlctl.run(["train", "--config", lr, "--output", dir.file("lr"), "--json"])
        #expect(a.status == 0, "\(a.stderr)")
        let summary = try jsonObject(parsing: a.stdout)
        #expect(summary["kind"] as? String == "logistic_regression")
        let metrics = try #require(summary["metrics"] as? [String: [String: Double]])
        #expect((metrics["test"]?["roc_auc"] ?? 0) > 0.7)
        let onnx = try ModelLoader.load(contentsOf: dir.file("lr/model.onnx"))
        let manifest = try TrainingManifest.read(contentsOf: dir.file("lr/manifest.json"))
        #expect(manifest.model.kind == "logistic_regression" && manifest.model.xgboostFile == nil && manifest.model.onnxFile == "model.onnx")
        let again = try mlctl.run(["reproduce", "--manifest", dir.file("lr/manifest.json")])
        #expect(again.status == 0, "\(again.stdout) \(again.stderr)")
        // model.json holds the same graph as model.onnx: same scores.
        let native = try ModelLoader.load(contentsOf: dir.file("lr/model.json"))
        let table = try TrainingTable(contentsOf: data, label: "label")
        #expect(try native.predict(table.x) == onnx.predict(table.x))
        #expect(native.outputKind == .binaryProbability)

        let train = fixtures.path("training/isolation_forest/train.csv")
        let forest = dir.write("if.yaml", """
            data: {train: \(train)}
            model: {kind: isolation_forest, num_trees: 30, max_samples: 32}
            split: {train: 1, validation: 0, test: 0}
            threads: 2
            """)
        let b = try mlctl.run(["train", "--config", forest, "--output", dir.file("if"), "--json"])
        #expect(b.status == 0, "\(b.stderr)")
        let m = try TrainingManifest.read(contentsOf: dir.file("if/manifest.json"))
        #expect(m.model.kind == "isolation_forest" && m.model.trees == 30 && m.label == nil)
        #expect((m.metrics["train"]?["mean_score"] ?? 0) > 0.3)
        let loaded = try ModelLoader.load(contentsOf: dir.file("if/model.json"))
        #expect(loaded.outputKind == .anomalyScore)
        let c = try mlctl.run(["reproduce", "--manifest", dir.file("if/manifest.json")])
        #expect(c.status == 0, "\(c.stdout) \(c.stderr)")
    }
}
