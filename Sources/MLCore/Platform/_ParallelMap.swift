import Dispatch
import Synchronization

/// `items.map(body)` on up to `maximumThreads` threads (the SDK's one parallel map over independent items): results by index, and when items fail the
/// error of the lowest index is thrown — the same outcome whatever the thread count.
package enum _ParallelMap {
    package static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], maximumThreads: Int, _ body: @Sendable (Item) throws -> Result
    ) throws -> [Result] {
        let threads = min(max(1, maximumThreads), items.count)
        if threads <= 1 { return try items.map(body) }
        let results = Mutex<[Swift.Result<Result, any Error>?]>(Array(repeating: nil, count: items.count))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if index >= items.count { break }
                let outcome: Swift.Result<Result, any Error>
                do { outcome = .success(try body(items[index])) } catch { outcome = .failure(error) }
                results.withLock { $0[index] = outcome }
            }
        }
        return try results.withLock { $0 }.map { slot in
            guard let slot else { preconditionFailure("internal: a parallel item was not computed") }
            return try slot.get()
        }
    }
}
