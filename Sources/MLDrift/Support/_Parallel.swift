import Dispatch
import MLCore
import Synchronization

/// Runs independent per-column work on several threads with deterministic results: each item is
/// computed by itself (no shared accumulator), results are stored by index, and when items fail
/// the error of the lowest index is thrown — the same outcome whatever the thread count.
enum _Parallel {
    static var processorCount: Int { _Platform.onlineProcessors ?? 1 }

    static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], maximumThreads: Int?, _ body: @Sendable (Item) throws -> Result
    ) throws -> [Result] {
        try _ParallelMap.map(items, maximumThreads: maximumThreads ?? processorCount, body)
    }

    /// As ``map(_:maximumThreads:_:)``, giving each worker thread its own sort workspace, reused
    /// for every item that worker computes.
    static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], maximumThreads: Int?, _ body: @Sendable (Item, _SortWorkspace) throws -> Result
    ) throws -> [Result] {
        let count = items.count
        if count == 0 { return [] }
        let threads = min(max(1, maximumThreads ?? processorCount), count)
        if threads == 1 {
            let workspace = _SortWorkspace()
            return try items.map { try body($0, workspace) }
        }
        let results = Mutex<[Swift.Result<Result, any Error>?]>(Array(repeating: nil, count: count))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            let workspace = _SortWorkspace()
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if index >= count { break }
                let outcome: Swift.Result<Result, any Error>
                do { outcome = .success(try body(items[index], workspace)) } catch { outcome = .failure(error) }
                results.withLock { $0[index] = outcome }
            }
        }
        let collected = results.withLock { $0 }
        var out: [Result] = []
        out.reserveCapacity(count)
        for slot in collected {
            switch slot {
            case .success(let value): out.append(value)
            case .failure(let error): throw error
            case nil: preconditionFailure("internal: a parallel item was not computed")
            }
        }
        return out
    }
}
