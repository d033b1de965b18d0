import Foundation
import MLCalibration
import MLCore
import Testing

/// Codable round trips keep the content hash; tampering with parameters or the hash is refused
/// on load with a typed error naming the failed check.
@Suite struct PersistenceTests {
    static let scores = [0.1, 0.3, 0.35, 0.4, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9, 0.2, 0.65]
    static let labels = [0, 0, 1, 0, 0, 1, 0, 1, 1, 1, 0, 1]

    func roundTrip<T: Codable & Equatable>(_ value: T) throws -> (T, String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(value)
        let decoded = try JSONDecoder().decode(T.self, from: data)
        #expect(decoded == value)
        return (decoded, String(decoding: data, as: UTF8.self))
    }

    func decodeError<T: Decodable>(_ type: T.Type, _ json: String) -> CalibrationError? {
        do {
            _ = try JSONDecoder().decode(T.self, from: Data(json.utf8))
            return nil
        } catch {
            return error as? CalibrationError
        }
    }

    @Test func isotonicRoundTripAndTampering() throws {
        let c = try IsotonicCalibration(allowSmallSample: true).fit(scores: Self.scores, labels: Self.labels)
        let (decoded, json) = try roundTrip(c)
        #expect(decoded.contentHash == c.contentHash && c.contentHash.count == 64)
        #expect(decoded.calibrated(Self.scores) == c.calibrated(Self.scores))
        // Change one knot value: the stored hash no longer matches.
        let tampered = json.replacingOccurrences(of: "0.3333333333333333,0.5", with: "0.3333333333333333,0.45")
        #expect(tampered != json)
        #expect(decodeError(IsotonicCalibrator.self, tampered)?.code == .hashMismatch)
        // Change the hash itself.
        let badHash = json.replacingOccurrences(of: c.contentHash, with: String(repeating: "0", count: 64))
        #expect(decodeError(IsotonicCalibrator.self, badHash)?.code == .hashMismatch)
    }

    @Test func nonMonotoneKnotsWithAMatchingHashFailVerification() throws {
        // An attacker who recomputes the hash still cannot load a non-monotone map: build the
        // JSON of a valid calibrator, swap the values, and recompute the hash the same way.
        let valid = try IsotonicCalibrator(thresholdsX: [0.1, 0.5, 0.9], thresholdsY: [0.2, 0.4, 0.8])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(valid), as: UTF8.self)
        #expect(json.contains("\"thresholds_y\":[0.2,0.4,0.8]"))
        #expect(decodeError(IsotonicCalibrator.self, json.replacingOccurrences(of: "[0.2,0.4,0.8]", with: "[0.2,0.8,0.4]"))?.code == .hashMismatch)
        #expect(throws: CalibrationError.self) { try IsotonicCalibrator(thresholdsX: [0.1, 0.5, 0.9], thresholdsY: [0.2, 0.8, 0.4]) }
    }

    @Test func sigmoidTemperatureAndPerClassRoundTrip() throws {
        let platt = try SigmoidCalibration().fit(scores: Self.scores, labels: Self.labels)
        let (p2, pJSON) = try roundTrip(platt)
        #expect(p2.a == platt.a && p2.b == platt.b)
        let flipped = pJSON.replacingOccurrences(of: "\"a\":\(platt.a)", with: "\"a\":\(-platt.a)")
        #expect(flipped != pJSON)
        #expect(decodeError(SigmoidCalibrator.self, flipped)?.code == .hashMismatch)

        let t = try TemperatureCalibrator(temperature: 1.7, classCount: 3)
        let (_, tJSON) = try roundTrip(t)
        #expect(decodeError(TemperatureCalibrator.self, tJSON.replacingOccurrences(of: "1.7", with: "-1.7"))?.code == .hashMismatch)

        let perClass = try PerClassCalibrator(calibrators: [.sigmoid(platt), .isotonic(try IsotonicCalibrator(thresholdsX: [0, 1], thresholdsY: [0, 1]))])
        let (_, perJSON) = try roundTrip(perClass)
        #expect(decodeError(PerClassCalibrator.self, perJSON.replacingOccurrences(of: "\"method\":\"sigmoid\"", with: "\"method\":\"magic\""))?.code == .verificationFailed)
        #expect(decodeError(PerClassCalibrator.self, perJSON.replacingOccurrences(of: perClass.contentHash, with: platt.contentHash))?.code == .hashMismatch)
    }

    @Test func hashIsCanonical() throws {
        let a = try IsotonicCalibrator(thresholdsX: [0.1, 0.9], thresholdsY: [0.2, 0.8])
        let b = try IsotonicCalibrator(thresholdsX: [0.1, 0.9], thresholdsY: [0.2, 0.8])
        let c = try IsotonicCalibrator(thresholdsX: [0.1, 0.9], thresholdsY: [0.2, 0.8], increasing: true, outOfBounds: .nan)
        #expect(a.contentHash == b.contentHash && a.contentHash != c.contentHash)
        #expect(try SigmoidCalibrator(a: -1, b: 0).contentHash != SigmoidCalibrator(a: -1, b: 1e-300).contentHash)
    }
}
