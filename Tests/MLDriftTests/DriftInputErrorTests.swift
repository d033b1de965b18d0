import Foundation
import MLCore
import Testing

@testable import MLDrift

/// Bad input from outside is a typed DriftError naming what and where, never a trap.
@Suite struct DriftInputErrorTests {
    static func code(_ body: () throws -> Void) -> DriftError.Code? {
        do {
            try body()
            return nil
        } catch let e as DriftError {
            return e.code
        } catch {
            return nil
        }
    }

    let base = try! Table([("x", .double([1, 2, 3, 4])), ("s", .string(["a", "b", "a", nil]))])

    @Test func missingColumn() throws {
        let current = try Table([("x", .double([1, 2]))])
        #expect(Self.code { _ = try DriftDetector().compare(baseline: base, current: current) } == .missingColumn)
        #expect(Self.code { _ = try DriftDetector().compare(baseline: base, current: base, columns: ["nope"]) } == .missingColumn)
    }

    @Test func typeMismatch() throws {
        let current = try Table([("x", .string(["a", "b"])), ("s", .string(["a", "b"]))])
        #expect(Self.code { _ = try DriftDetector().compare(baseline: base, current: current) } == .typeMismatch)
        let floats = try Table([("x", .double([1])), ("s", .double([1.5]))])
        #expect(Self.code { _ = try DriftDetector().compare(baseline: base, current: floats) } == .typeMismatch)
    }

    @Test func emptyData() throws {
        let empty = try Table([("x", .double([])), ("s", .string([]))])
        #expect(Self.code { _ = try DriftDetector().compare(baseline: base, current: empty) } == .emptyData)
        #expect(Self.code { _ = try DriftDetector().compare(baseline: empty, current: base) } == .emptyData)
        #expect(Self.code { _ = try BaselineProfiler().profile(empty) } == .emptyData)
    }

    /// Documented result: a column with only missing values on either side is an error
    /// (`.emptyColumn`), not a silently skipped column.
    @Test func allMissingColumnIsAnError() throws {
        let current = try Table([("x", .double([.nan, .nan])), ("s", .string(["a", "b"]))])
        do {
            _ = try DriftDetector().compare(baseline: base, current: current)
            Issue.record("expected an error")
        } catch let e as DriftError {
            #expect(e.code == .emptyColumn && e.field == "x" && e.path == "current")
        }
        let missingBase = try Table([("x", .double([.nan])), ("s", .string([nil]))])
        #expect(Self.code { _ = try BaselineProfiler().profile(missingBase) } == .emptyColumn)
        #expect(Self.code { _ = try DriftDetector().compare(baseline: missingBase, current: base) } == .emptyColumn)
    }

    @Test func infiniteValuesAreAnError() throws {
        let current = try Table([("x", .double([1, .infinity, 2])), ("s", .string(["a", "b", "a"]))])
        #expect(Self.code { _ = try DriftDetector().compare(baseline: base, current: current) } == .nonFiniteValue)
        #expect(Self.code { _ = try DriftDetector().compare(baseline: current, current: base) } == .nonFiniteValue)
        #expect(Self.code { _ = try BaselineProfiler().profile(current) } == .nonFiniteValue)
    }

    @Test func badConfiguration() {
        #expect(Self.code { _ = try DriftConfiguration(yaml: "alpah: 0.05") } == .invalidConfiguration)
        #expect(Self.code { _ = try DriftConfiguration(yaml: "alpha: 2") } == .invalidConfiguration)
        #expect(Self.code { _ = try DriftConfiguration(yaml: "correction: holm") } == .invalidConfiguration)
        #expect(Self.code { _ = try DriftConfiguration(yaml: "defaults: {psi_drfit: 1}") } == .invalidConfiguration)
        #expect(Self.code { _ = try DriftConfiguration(yaml: "columns: {x: {psi_drift: -1}}") } == .invalidConfiguration)
        #expect(Self.code { _ = try DriftConfiguration(yaml: "[1, 2") } == .invalidConfiguration)
        #expect(Self.code { _ = try DriftConfiguration.load(contentsOf: "/nonexistent/drift.yaml") } == .io)
    }

    @Test func monitorArguments() {
        #expect(Self.code { _ = try PerformanceMonitor(task: .classification(threshold: 0.5), window: .count(0)) } == .invalidArgument)
        #expect(Self.code {
            var m = try PerformanceMonitor(task: .classification(threshold: 0.5), window: .count(10))
            try m.record(prediction: 1.5, outcome: 1)
        } == .invalidArgument)
        #expect(Self.code {
            var m = try PerformanceMonitor(task: .returns(periodsPerYear: 252), window: .duration(seconds: 10))
            try m.record(prediction: 0.1, outcome: 0.2, time: 5)
            try m.record(prediction: 0.1, outcome: 0.2, time: 4)
        } == .invalidArgument)
    }
}
