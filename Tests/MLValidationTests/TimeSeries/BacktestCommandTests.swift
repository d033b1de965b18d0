import MLMetrics
import MLRegistry
import MLTesting
import MLValidation
import Testing

@Suite struct BacktestCommandTests {
    @Test func cpcvJSONHasTheFixtureShape() throws {
        let mlctl = try BuiltCommand("mlctl")
        let e = try fixtures.json("cpcv/cpcv_n6_k2_purge2_embargo1/expected.json")
        let r = try mlctl.run(["cpcv", "--samples", "120", "--groups", "6", "--test-groups", "2", "--purge", "2", "--embargo", "1", "--json"])
        #expect(r.status == 0)
        let g = try jsonObject(parsing: r.stdout)
        #expect(g["n_splits"] as? Int == 15 && g["n_paths"] as? Int == 5)
        let got = try #require(g["splits"] as? [[String: Any]])
        let want = try #require(e["splits"] as? [[String: Any]])
        #expect(got.count == want.count)
        for (a, b) in zip(got, want) {
            for key in ["test_groups", "path_ids", "train_indices", "test_indices"] {
                #expect(a[key] as? [Int] == b[key] as? [Int], "\(key)")
            }
        }
        #expect((g["paths"] as? [[Int]])?.count == 5)
        let text = try mlctl.run(["cpcv", "--samples", "100", "--groups", "5", "--test-groups", "2"])
        #expect(text.status == 0 && text.stdout.contains("10 splits, 4 paths") && text.stdout.contains("split 9: test groups [3, 4]"))
        for bad in [["--groups", "5", "--test-groups", "5"], ["--groups", "1", "--test-groups", "1"], ["--groups", "30", "--test-groups", "15"],
                    ["--groups", "5", "--test-groups", "2", "--purge=-1"]] {
            let r = try mlctl.run(["cpcv", "--samples", "100"] + bad)
            #expect(r.status == 2, "\(bad)")
            #expect(!r.stderr.isEmpty)
        }
    }

    /// `--label-intervals`: the hand case of `labelIntervalsPurgeOverlappingLabels`, from a file, with ISO times too.
    @Test func cpcvPurgesByLabelIntervalsFromAFile() throws {
        let mlctl = try BuiltCommand("mlctl")
        let dir = ScratchDirectory()
        let horizon = [1, 6, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
        let numeric = dir.write("t.csv", "start,end\n" + (0..<12).map { "\($0),\($0 + horizon[$0])\n" }.joined())
        let r = try mlctl.run(["cpcv", "--groups", "3", "--test-groups", "1", "--embargo", "1", "--label-intervals", numeric, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let g = try jsonObject(parsing: r.stdout)
        #expect(g["n_samples"] as? Int == 12 && g["purge_rule"] as? String == "label_intervals")
        let splits = try #require(g["splits"] as? [[String: Any]])
        #expect(splits.map { $0["train_indices"] as? [Int] ?? [] } == [[8, 9, 10, 11], [0, 2, 9, 10, 11], [0, 1, 2, 3, 4, 5, 6]])
        func day(_ d: Int) -> String { "2024-01-\(d < 9 ? "0" : "")\(d + 1)T00:00:00Z" }
        let iso = dir.write("iso.csv", "p,q\n" + (0..<12).map { "\(day($0)),\(day($0 + horizon[$0]))\n" }.joined())
        let i = try mlctl.run([
            "cpcv", "--groups", "3", "--test-groups", "1", "--embargo", "1", "--label-intervals", iso, "--start-column", "p",
            "--end-column", "q", "--json",
        ])
        #expect(i.status == 0, "\(i.stderr)")
        #expect((try jsonObject(parsing: i.stdout)["splits"] as? [[String: Any]])?.map { $0["train_indices"] as? [Int] ?? [] }
            == [[8, 9, 10, 11], [0, 2, 9, 10, 11], [0, 1, 2, 3, 4, 5, 6]])
        let backwards = dir.write("b.csv", "start,end\n0,1\n2,3\n1,2\n")
        #expect(try mlctl.run(["cpcv", "--groups", "2", "--test-groups", "1", "--label-intervals", backwards]).status == 2)
        #expect(try mlctl.run(["cpcv", "--groups", "2", "--test-groups", "1", "--label-intervals", numeric, "--purge", "2"]).status == 2)
        #expect(try mlctl.run(["cpcv", "--groups", "2", "--test-groups", "1", "--label-intervals", dir.write("x.csv", "start\n1\n2\n")]).status == 2)
    }

    @Test func backtestJSONKeysAndGateExitCodes() throws {
        let mlctl = try BuiltCommand("mlctl")
        let dir = ScratchDirectory()
        let returns = fixtures.path("backtest/bt_positive_sharpe/returns.csv")
        let e = try fixtures.json("backtest/bt_positive_sharpe/expected.json")
        let r = try mlctl.run([
            "backtest", "--returns", returns, "--periods-per-year", "252", "--trials", "20",
            "--trials-sharpe-variance", "0.0011220549516127534", "--json",
        ])
        #expect(r.status == 0)
        let g = try jsonObject(parsing: r.stdout)
        for key in ["sharpe_annualized", "psr", "dsr", "max_drawdown", "win_rate", "cagr", "dsr_sr0_per_period", "annualized_volatility"] {
            let got = try #require(g[key] as? Double, "\(key)")
            #expect(abs(got - (try FixtureLocator.double(e, key))) < 1e-9, "\(key)")
        }
        #expect(g["max_drawdown_end_index"] as? Int == e["max_drawdown_end_index"] as? Int)
        #expect(g["passed"] == nil)  // no --rules: no gate applies

        let strict = dir.write("strict.yaml", "min_sharpe: 5\nmin_psr: 0.95\nmax_drawdown: 0.01\n")
        let failed = try mlctl.run(["backtest", "--returns", returns, "--rules", strict, "--json"])
        #expect(failed.status == 1)
        let f = try jsonObject(parsing: failed.stdout)
        #expect(f["passed"] as? Bool == false)
        #expect((f["failures"] as? [String])?.count == 3)  // sharpe 0.69, psr 0.88, drawdown 0.18
        #expect(failed.stderr.contains("min_sharpe") && failed.stderr.contains("max_drawdown"))
        let lenient = dir.write("ok.yaml", "min_sharpe: 0.1\nmax_drawdown: 0.9\n")
        let passed = try mlctl.run(["backtest", "--returns", returns, "--rules", lenient])
        #expect(passed.status == 0 && passed.stdout.contains("PASS  min_sharpe"))

        // Bad input: exit 2 with a message naming the problem.
        let dsrGate = dir.write("dsr.yaml", "min_dsr: 0.9\n")
        let noTrials = try mlctl.run(["backtest", "--returns", returns, "--rules", dsrGate])
        #expect(noTrials.status == 2 && noTrials.stderr.contains("min_dsr"))
        #expect(try mlctl.run(["backtest", "--returns", dir.file("missing.csv")]).status == 2)
        #expect(try mlctl.run(["backtest", "--returns", dir.write("nan.csv", "ret\n0.1\nx\n")]).status == 2)
        #expect(try mlctl.run(["backtest", "--returns", returns, "--rules", dir.write("neg.yaml", "max_drawdown: -0.2\n")]).status == 2)
        #expect(try mlctl.run(["backtest", "--returns", returns, "--trials", "5"]).status == 2)
        #expect(try mlctl.run(["backtest", "--sharpe", "1"]).status == 2)
        #expect(try mlctl.run([
            "backtest", "--sharpe", "0.1", "--observations", "100", "--skew", "0", "--kurtosis", "0.5",
        ]).status == 2)
    }

    @Test func summaryStatisticsMatchThePaper() throws {
        let mlctl = try BuiltCommand("mlctl")
        let r = try mlctl.run([
            "backtest", "--sharpe", "2.5", "--annualized", "--observations", "1250", "--skew", "-3", "--kurtosis", "10",
            "--periods-per-year", "250", "--trials", "100", "--trials-sharpe-variance", "0.5", "--json",
        ])
        #expect(r.status == 0)
        let g = try jsonObject(parsing: r.stdout)
        #expect(abs((g["dsr"] as? Double ?? 0) - 0.9004) < 5e-5)
        #expect(abs((g["dsr_sr0_per_period"] as? Double ?? 0) - 0.1132) < 5e-5)
        #expect(g["max_drawdown"] == nil)
    }

    /// DSR from a registry experiment: the trial count is the experiment's run count and the variance is that
    /// of the runs' (annualized) `sharpe` metrics, converted to per period.
    @Test func trialsComeFromTheRegistryExperiment() throws {
        let mlctl = try BuiltCommand("mlctl")
        let dir = ScratchDirectory()
        let db = dir.file("registry.sqlite")
        let registry = try ModelRegistry.create(at: db)
        let sharpes = [0.4, 1.1, -0.3, 0.9, 1.6, 0.2, 0.7]
        for (i, s) in sharpes.enumerated() {
            _ = try registry.logRun(RunRequest(experiment: "momentum", name: "trial \(i)", metrics: [MetricPoint(key: "sharpe", value: s)]))
        }
        _ = try registry.logRun(RunRequest(experiment: "momentum", name: "crashed"))  // tried, no Sharpe ratio
        _ = try registry.logRun(RunRequest(experiment: "other", metrics: [MetricPoint(key: "sharpe", value: 9)]))
        let returns = fixtures.path("backtest/bt_positive_sharpe/returns.csv")
        let r = try mlctl.run(["backtest", "--returns", returns, "--registry", db, "--experiment", "momentum", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let g = try jsonObject(parsing: r.stdout)
        #expect(g["dsr_n_trials"] as? Int == 8)
        let mean = sharpes.reduce(0, +) / 7
        let variance = sharpes.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 6 / 252
        #expect(abs((g["dsr_trial_sharpe_variance"] as? Double ?? 0) - variance) < 1e-15)
        #expect((g["trials_source"] as? String)?.contains("momentum") == true)
        // The same through the library from the same numbers.
        let s = try BacktestStatistics(returns: try ReturnSeries.read(contentsOf: returns))
        let expected = try #require(s.inference).deflatedSharpe(try BacktestTrials(count: 8, sharpeVariance: variance))
        #expect(abs((g["dsr"] as? Double ?? 0) - expected.dsr) < 1e-12)
        // A DSR gate counts them.
        let gate = dir.write("g.yaml", "min_dsr: 0.5\n")
        let gated = try mlctl.run(["backtest", "--returns", returns, "--registry", db, "--experiment", "momentum", "--rules", gate])
        #expect(gated.status == (expected.dsr >= 0.5 ? 0 : 1))
        #expect(try mlctl.run(["backtest", "--returns", returns, "--registry", db, "--experiment", "nope"]).status == 2)
        #expect(try mlctl.run(["backtest", "--returns", returns, "--registry", dir.file("none.sqlite"), "--experiment", "momentum"]).status == 2)
    }
}
