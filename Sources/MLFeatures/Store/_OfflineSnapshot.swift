import Dispatch
import MLCore
import Synchronization

/// A view's offline segments loaded for reading: each segment with an index from entity key to
/// its position, and the point-in-time search over all of them.
struct _OfflineSnapshot: Sendable {
    struct Indexed: Sendable {
        let segment: _OfflineSegment
        let index: [String: Int]
    }

    let segments: [Indexed]
    let width: Int

    init(segments: [_OfflineSegment], width: Int) {
        self.width = width
        self.segments = segments.map { segment in
            var index: [String: Int] = [:]
            index.reserveCapacity(segment.entities.count)
            for (k, key) in segment.entities.enumerated() { index[key] = k }
            return Indexed(segment: segment, index: index)
        }
    }

    /// The row a read of `entity` at `time` uses, as (segment, row), or nil when there is none:
    /// the latest event ≤ `time` (and created ≤ `time` when `asOfCreated`); equal (event,
    /// created) resolve to the later segment, and within a segment to the later row.
    @inline(__always)
    func find(_ entity: String, at time: Int64, asOfCreated: Bool) -> (segment: Int, row: Int)? {
        var best: (segment: Int, row: Int, event: Int64, created: Int64)?
        for (s, indexed) in segments.enumerated() {
            guard let k = indexed.index[entity] else { continue }
            let segment = indexed.segment
            let range = segment.rows(ofEntity: k)
            let found: Int? = segment.eventTimes.withUnsafeBufferPointer { events in
                // The first row with event > time, then step back.
                var low = range.lowerBound
                var high = range.upperBound
                while low < high {
                    let mid = (low + high) >> 1
                    if events[mid] <= time { low = mid + 1 } else { high = mid }
                }
                var row = low - 1
                if asOfCreated {
                    segment.createdTimes.withUnsafeBufferPointer { created in
                        while row >= range.lowerBound, created[row] > time { row -= 1 }
                    }
                }
                return row >= range.lowerBound ? row : nil
            }
            guard let row = found else { continue }
            let key = (segment.eventTimes[row], segment.createdTimes[row])
            if let current = best, key < (current.event, current.created) { continue }
            best = (s, row, key.0, key.1)
        }
        return best.map { ($0.segment, $0.row) }
    }

    /// Point-in-time reads of `entities[i]` at `times[i]`, on up to `threads` threads (each
    /// request is independent, so the result is the same for any count).
    func retrieve(
        entities: [String], times: [Int64], columns: [Int], names: [String], ttl: Int64?, asOfCreated: Bool,
        threads: Int
    ) -> PointInTimeResult {
        let count = entities.count
        let width = columns.count
        var values = [Double](repeating: .nan, count: count * width)
        var statuses = [FeatureStatus](repeating: .missing, count: count)
        var eventTimes = [Int64?](repeating: nil, count: count)
        let blockSize = 16_384
        let blocks = (count + blockSize - 1) / blockSize
        values.withUnsafeMutableBufferPointer { valuesOut in
            statuses.withUnsafeMutableBufferPointer { statusOut in
                eventTimes.withUnsafeMutableBufferPointer { eventOut in
                    let out = _RetrievalBuffers(values: valuesOut, statuses: statusOut, events: eventOut)
                    let work: @Sendable (Int) -> Void = { block in
                        let lower = block * blockSize
                        for i in lower..<min(count, lower + blockSize) {
                            let time = times[i]
                            guard let (s, row) = self.find(entities[i], at: time, asOfCreated: asOfCreated) else { continue }
                            let segment = self.segments[s].segment
                            let event = segment.eventTimes[row]
                            out.events[i] = event
                            if let ttl, time - event > ttl {
                                out.statuses[i] = .expired
                                continue
                            }
                            out.statuses[i] = .present
                            segment.values.withUnsafeBufferPointer { source in
                                let base = row * segment.width
                                for (j, column) in columns.enumerated() { out.values[i * width + j] = source[base + column] }
                            }
                        }
                    }
                    let workers = max(1, min(threads, blocks))
                    if workers == 1 {
                        for block in 0..<blocks { work(block) }
                    } else {
                        let next = Atomic<Int>(0)
                        DispatchQueue.concurrentPerform(iterations: workers) { _ in
                            while true {
                                let block = next.wrappingAdd(1, ordering: .relaxed).oldValue
                                if block >= blocks { break }
                                work(block)
                            }
                        }
                    }
                }
            }
        }
        return PointInTimeResult(features: names, values: values, statuses: statuses, eventTimes: eventTimes)
    }
}

/// The output buffers the workers of one retrieval share. `@unchecked Sendable` is safe: each
/// worker writes only its own block of requests, and `concurrentPerform` returns before the
/// arrays behind the buffers can change.
struct _RetrievalBuffers: @unchecked Sendable {
    let values: UnsafeMutableBufferPointer<Double>
    let statuses: UnsafeMutableBufferPointer<FeatureStatus>
    let events: UnsafeMutableBufferPointer<Int64?>
}
