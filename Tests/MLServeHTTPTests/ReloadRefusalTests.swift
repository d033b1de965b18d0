import Foundation
import Synchronization
import MLServe
import MLTesting
import Testing

@testable import MLServeHTTP

/// A reload can never take the server down (issue #12): the served model file is replaced
/// by each file that breaks the loaders' cost contract (`HostileModelFiles`) and reloaded
/// through `POST /admin/reload` while clients score on live connections. Every reload is
/// refused with `reload_failed` and the loader's reason (no path), every request is answered
/// 200 by the old model, and putting the good file back reloads normally.
@Suite struct ReloadRefusalTests {
    @Test func hostileFilesAreRefusedAndTheOldModelKeepsServing() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reload-refusal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let served = directory.appendingPathComponent("model.json").path
        let good = try Data(contentsOf: URL(fileURLWithPath: Fixtures.xgbBinary))
        try good.write(to: URL(fileURLWithPath: served))
        let rows = try Fixtures.rows()
        let expected = try Fixtures.expected()
        let hostile = HostileModelFiles.all

        try await withLiveServer(.singleFile(served)) { port, engine in
            let version = try #require(engine.models().first?.version)
            let stop = Stop()
            // The clients stop when the admin task is done, however it ends (a thrown admin
            // task used to leave them looping, and the group waiting on them, forever), and
            // after two minutes in any case.
            let deadline = Date().addingTimeInterval(120)
            let (answered, wrong) = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
                // Blocking sockets stay off the cooperative pool, which the router needs.
                for c in 0..<4 {
                    group.addTask { try await offCooperativePool {
                        let connection = try RawHTTPConnection(port: port)
                        var answered = 0
                        var wrong = 0
                        var i = c
                        while (!stop.isSet || answered < 50) && Date() < deadline {
                            try connection.send(rawScoreRequest(featuresBody(rows[i % rows.count])))
                            let response = try #require(try connection.responses(1).first)
                            answered += 1
                            let score = Self.score(in: response.body)
                            let right = response.status == 200 && response.body.contains(version)
                                && score.map { abs($0 - expected[i % rows.count]) < 1e-6 } == true
                            if !right { wrong += 1 }
                            i += 4
                        }
                        return (answered, wrong)
                    } }
                }
                do {
                defer { stop.set() }
                try await offCooperativePool {
                let admin = try RawHTTPConnection(port: port)
                for (name, bytes) in hostile {
                    try Data(bytes).write(to: URL(fileURLWithPath: served))
                    try admin.send("POST /admin/reload HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer s3cret\r\nContent-Length: 0\r\n\r\n")
                    let answer = try #require(try admin.responses(1).first)
                    #expect(answer.status == 500, "\(name): \(answer.status) \(answer.body)")
                    #expect(answer.body.contains(#""code":"reload_failed""#), "\(name): \(answer.body)")
                    #expect(answer.body.contains("previous one is still served: "), "\(name): no reason in \(answer.body)")
                    #expect(!answer.body.contains(directory.path), "\(name): the answer names the path")
                    #expect(engine.models().first?.version == version, "\(name) replaced the model")
                }
                }
                }
                return try await group.reduce((0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
            }
            #expect(answered >= 200)
            #expect(wrong == 0)

            // The good file back: the reload succeeds and serves the same model again.
            try good.write(to: URL(fileURLWithPath: served))
            let status = try await offCooperativePool {
                let admin = try RawHTTPConnection(port: port)
                try admin.send("POST /admin/reload HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer s3cret\r\nContent-Length: 0\r\n\r\n")
                return try admin.responses(1).first?.status
            }
            #expect(status == 200)
            #expect(engine.models().first?.version == version)
        }
    }

    @Test func theReasonNamesTheLoadersRefusal() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reload-reason-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let served = directory.appendingPathComponent("model.txt").path
        try Data(contentsOf: URL(fileURLWithPath: Fixtures.lgbmBinary)).write(to: URL(fileURLWithPath: served))
        try await withLiveServer(.singleFile(served)) { port, _ in
            try Data(HostileModelFiles.lightGBMDeclaredFeatures()).write(to: URL(fileURLWithPath: served))
            let response = try await offCooperativePool {
                let admin = try RawHTTPConnection(port: port)
                try admin.send("POST /admin/reload HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer s3cret\r\nContent-Length: 0\r\n\r\n")
                return try admin.responses(1).first
            }
            let answer = try #require(response)
            #expect(answer.status == 500)
            #expect(answer.body.contains("limitExceeded: key 'max_feature_idx'"), "\(answer.body)")
            #expect(answer.body.contains("268435454 features"), "\(answer.body)")
        }
    }

    static func score(in body: String) -> Double? {
        guard let range = body.range(of: #""score":"#) else { return nil }
        let rest = body[range.upperBound...]
        return Double(rest.prefix { $0 != "," && $0 != "}" })
    }
}

/// A flag the admin task raises when the clients may stop.
private final class Stop: Sendable {
    private let flag = Atomic<Bool>(false)
    var isSet: Bool { flag.load(ordering: .acquiring) }
    func set() { flag.store(true, ordering: .releasing) }
}
