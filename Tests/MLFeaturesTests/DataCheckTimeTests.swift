import Foundation
import MLCore
import MLFeatures
import Testing

/// Freshness with an injected clock, the two leakage rules, and the timestamp forms.
@Suite struct DataCheckTimeTests {
    static let freshness = "freshness: {column: t, warn_after: 2d, error_after: 5d}"
    static let data = "t\n2024-03-01T00:00:00Z\n2024-03-08T12:00:00Z\n2024-03-05\n"

    @Test(arguments: [
        ("2024-03-09T00:00:00Z", DataCheckStatus.pass, DataCheckSeverity.error, "12h 0m"),
        ("2024-03-10T12:00:00Z", .pass, .error, "2d 0h"),  // exactly the bound: not older than it
        ("2024-03-10T12:00:01Z", .warn, .warn, "2d 0h"),
        ("2024-03-13T12:00:00Z", .warn, .warn, "5d 0h"),
        ("2024-03-13T12:00:01Z", .error, .error, "5d 0h"),
        ("2024-04-01", .error, .error, "23d 12h"),
    ])
    func freshnessAgainstAnInjectedClock(now: String, status: DataCheckStatus, severity: DataCheckSeverity, age: String) throws {
        let result = try DataCheckFixtures.only(try DataCheckFixtures.run(Self.freshness, on: Self.data, now: now))
        #expect(result.status == status, "\(result.message)")
        #expect(result.severity == severity)
        #expect(result.examples == [DataCheckExample(row: 2, value: "2024-03-08T12:00:00Z")])
        #expect(result.message.hasPrefix("latest t 2024-03-08T12:00:00Z is \(age) old"), "\(result.message)")
        #expect(result.message.hasSuffix("(warn after 2d, error after 5d)"))
    }

    @Test func freshnessWithOneBoundAndWithoutTimestamps() throws {
        let warnOnly = try DataCheckFixtures.only(
            try DataCheckFixtures.run("freshness: {column: t, warn_after: 36h}", on: Self.data, now: "2024-03-20"))
        #expect(warnOnly.status == .warn && warnOnly.severity == .warn)
        let fresh = try DataCheckFixtures.only(
            try DataCheckFixtures.run("freshness: {column: t, warn_after: 36h}", on: Self.data, now: "2024-03-09"))
        #expect(fresh.status == .pass && fresh.severity == .warn)
        let empty = try DataCheckFixtures.only(try DataCheckFixtures.run(Self.freshness, on: "t\n\n\n"))
        #expect(empty.status == .error && empty.message.hasPrefix("no timestamp in 't'"))
        let noRows = try DataCheckFixtures.only(try DataCheckFixtures.run("freshness: {column: t, warn_after: 1w}", on: "t\n"))
        #expect(noRows.status == .warn)
    }

    @Test func freshnessReadsEpochSecondsColumns() throws {
        // 1709856000 = 2024-03-08T00:00:00Z; an Int column and a Double column.
        let int = try DataCheckFixtures.only(try DataCheckFixtures.run(Self.freshness, on: "t\n1709856000\n1709000000\n"))
        #expect(int.message.hasPrefix("latest t 2024-03-08T00:00:00Z is 2d 0h old"), "\(int.message)")
        #expect(int.status == .pass)
        let double = try DataCheckFixtures.only(try DataCheckFixtures.run(Self.freshness, on: "t\n1709856000.5\n"))
        #expect(double.message.hasPrefix("latest t 2024-03-08T00:00:00.5Z"), "\(double.message)")
    }

    @Test func theSystemClockIsTheDefault() throws {
        let suite = try DataCheckSuite(yaml: "freshness: {column: t, error_after: 1d}")
        let table = try Table(names: ["t"], columns: [.int([Int(Date().timeIntervalSince1970) - 60])])
        #expect(try suite.run(on: table).results[0].status == .pass)
    }

    @Test func labelAfterPeriod() throws {
        let tests = "leakage:\n  - label_after_period: {label_time: seen, period_end: end}\n"
        let pass = try DataCheckFixtures.only(
            try DataCheckFixtures.run(tests, on: "end,seen\n2024-01-31,2024-01-30T10:00:00Z\n2024-01-31,2024-01-31\n2024-02-29,\n"))
        #expect(pass.status == .pass, "\(pass.message)")
        #expect(pass.message == "every label observed by end")
        let csv = "end,seen\n2024-01-31,2024-01-31T00:00:01Z\n2024-01-31,2024-01-30\n2024-01-31,2024-02-02T00:00:00+02:00\n2024-01-31,2024-02-03\n"
        let fail = try DataCheckFixtures.only(try DataCheckFixtures.run(tests, on: csv))
        #expect(fail.failingRows == 3)
        #expect(rows(fail) == [1, 3, 4])
        #expect(fail.column == "seen")
        #expect(fail.examples[0].value == "seen=2024-01-31T00:00:01Z end=2024-01-31")
        #expect(fail.message.hasPrefix("3 of 4 rows have seen later than end: the label was not yet known"), "\(fail.message)")
        // With a 2-day labelling delay allowed, only the label 3 days late leaks.
        let delayed = try DataCheckFixtures.only(try DataCheckFixtures.run(
            "leakage:\n  - label_after_period: {label_time: seen, period_end: end, max_delay: 2d, severity: warn}\n", on: csv))
        #expect(delayed.status == .warn && delayed.failingRows == 1 && rows(delayed) == [4])
        #expect(delayed.message.contains("later than end + 2d"))
    }

    @Test func future() throws {
        let csv = "t\n2024-03-09T23:59:59Z\n2024-03-10T00:00:00Z\n2024-03-10T00:30:00Z\n2024-03-12\n\n"
        let fail = try DataCheckFixtures.only(try DataCheckFixtures.run("leakage: [{future: t}]", on: csv))
        #expect(fail.failingRows == 2 && rows(fail) == [3, 4])
        #expect(fail.message == "2 of 5 rows have t later than now (2024-03-10T00:00:00Z)")
        let tolerated = try DataCheckFixtures.only(
            try DataCheckFixtures.run("leakage: [{future: {column: t, tolerance: 1h}}]", on: csv))
        #expect(tolerated.failingRows == 1 && rows(tolerated) == [4])
        let pass = try DataCheckFixtures.only(try DataCheckFixtures.run("leakage: [{future: t}]", on: csv, now: "2024-03-12"))
        #expect(pass.status == .pass)
    }

    @Test(arguments: [
        ("1709856000", 1_709_856_000.0),
        ("2024-03-08", 1_709_856_000),
        ("2024-03-08T00:00:00Z", 1_709_856_000),
        ("2024-03-08T01:30:00+01:30", 1_709_856_000),
        ("2024-03-07T22:00-0200", 1_709_856_000),
        ("2024-03-08 00:00:00", 1_709_856_000),
        ("2024-03-08T00:00:00.25Z", 1_709_856_000.25),
        ("1970-01-01", 0),
        ("1969-12-31T00:00:00Z", -86_400),
        ("2000-02-29T12:00:00Z", 951_825_600),
    ])
    func timestampForms(text: String, seconds: Double) throws {
        let clock = try DataCheckClock(parsing: text)
        #expect(clock.now.timeIntervalSince1970 == seconds)
    }

    @Test(arguments: ["", "yesterday", "2024-02-30", "2023-02-29", "2024-13-01", "2024-03-08T24:00:00Z", "2024-03-08T10:60",
                      "2024-03-08T10:00:00Q", "2024-03-08T10:00:00+25:00", "1e9", "nan", "2024-3-8"])
    func notTimestamps(text: String) {
        let error = expectFeatureError(.invalidParameter) { _ = try DataCheckClock(parsing: text) }
        #expect(error?.argument == "now")
    }

    @Test func aTextThatIsNotATimestampNamesTheRow() throws {
        let error = expectFeatureError(.invalidValue, key: "freshness.column") {
            _ = try DataCheckFixtures.run(Self.freshness, on: "t\n2024-03-01\nsoon\n")
        }
        #expect(error?.field == "t")
        #expect(error?.path?.hasSuffix("data.csv") == true)
        #expect(error?.message.hasPrefix("data row 2: 'soon' is not a timestamp") == true, "\(String(describing: error))")
    }
}
