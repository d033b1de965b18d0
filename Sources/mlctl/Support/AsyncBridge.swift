import Dispatch
import Synchronization

/// Runs async work from a synchronous `ParsableCommand.run()` (the command runner is
/// synchronous): the work runs on the concurrency pool while the main thread waits.
enum AsyncBridge {
    private final class Outcome: Sendable {
        let value = Mutex<Result<Void, any Error>?>(nil)
    }

    static func run(_ body: @escaping @Sendable () async throws -> Void) throws {
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await body()
                outcome.value.withLock { $0 = .success(()) }
            } catch {
                outcome.value.withLock { $0 = .failure(error) }
            }
            done.signal()
        }
        done.wait()
        try outcome.value.withLock { $0 ?? .success(()) }.get()
    }
}
