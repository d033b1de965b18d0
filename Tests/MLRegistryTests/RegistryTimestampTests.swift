import MLRegistry
import Testing

@Suite struct RegistryTimestampTests {
    @Test(arguments: [
        ("1970-01-01T00:00:00.000Z", Int64(0)),
        ("2026-03-01T09:30:00.250Z", Int64(1_772_357_400_250)),
        ("2000-02-29T23:59:59.999Z", Int64(951_868_799_999)),
        ("1969-12-31T23:59:59.999Z", Int64(-1)),
    ])
    func formatsAndParsesRoundTrip(text: String, ms: Int64) throws {
        let t = RegistryTimestamp(millisecondsSince1970: ms)
        #expect(t.iso8601 == text)
        #expect(RegistryTimestamp(iso8601: text) == t)
    }

    @Test func parsesDatesZonesAndFractions() throws {
        let start = try #require(RegistryTimestamp(iso8601: "2026-03-01"))
        #expect(start.iso8601 == "2026-03-01T00:00:00.000Z")
        let end = try #require(RegistryTimestamp(iso8601: "2026-03-01", dateOnly: .endOfDay))
        #expect(end.iso8601 == "2026-03-01T23:59:59.999Z")
        #expect(RegistryTimestamp(iso8601: "2026-03-01T10:00:00+02:00")?.iso8601 == "2026-03-01T08:00:00.000Z")
        #expect(RegistryTimestamp(iso8601: "2026-03-01 10:00-0130")?.iso8601 == "2026-03-01T11:30:00.000Z")
        #expect(RegistryTimestamp(iso8601: "2026-03-01T10:00:00.1234567Z")?.iso8601 == "2026-03-01T10:00:00.123Z")
        #expect(RegistryTimestamp(iso8601: "2026-03-01T10:00:00.5")?.iso8601 == "2026-03-01T10:00:00.500Z")
    }

    @Test(arguments: ["", "2026", "2026-13-01", "2026-02-30", "2026-03-01T24:00", "2026-03-01T10:60", "2026-03-01X",
        "2026-03-01T10:00:00.Z", "2026-03-01T10:00+25:00", "yesterday"])
    func rejectsMalformed(text: String) {
        #expect(RegistryTimestamp(iso8601: text) == nil)
    }
}
