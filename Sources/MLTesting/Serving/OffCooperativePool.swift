import Foundation

/// Runs blocking work (a ``RawHTTPConnection`` waiting in `recv`, a `usleep`) on a thread of
/// its own, off Swift's cooperative pool. A server running in the same process (``ServingHarness``)
/// has its tasks on that pool: a test blocked there starves them and deadlocks. The work
/// stays the test's task (a task-executor preference), so its expectations are the test's.
///
/// ```swift
/// let status = try await offCooperativePool {
///     let connection = try RawHTTPConnection(port: server.port)
///     try connection.send("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n")
///     return try connection.responses(1).first?.status
/// }
/// ```
public func offCooperativePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withTaskExecutorPreference(_ThreadPerJobExecutor()) { try work() }
}

/// Runs each job on a new thread (a test's few jobs may block for seconds).
final class _ThreadPerJobExecutor: TaskExecutor {
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        Thread { job.runSynchronously(on: executor) }.start()
    }
}
