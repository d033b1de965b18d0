import Dispatch
import MLCore

/// A view's offline segments loaded for reading: each segment with an index from entity key to
/// its position, and the point-in-time search over all of them.
struct _OfflineSnapshot: Sendable {
    struct Indexed: Sendable {
        let segment: _OfflineSegment
        let index: [String: Int]
    }

    let segments: [Indexed]

    init(segments: [_OfflineSegment]) {
        self.segments = segments.map { segment in
            var index: [String: Int] = [:]
            index.reserveCapacity(segment.entities.count)
            for (k, key) in segment.entities.enumerated() { index[key] = k }
            return Indexed(segment: segment, index: index)
        }
    }

    /// Calls `body` with every segment's arrays as buffers (taken once, so a loop over requests
    /// does no reference counting).
    func withBuffers<R>(_ body: ([_SegmentBuffers]) -> R) -> R {
        func collect(_ k: Int, _ collected: [_SegmentBuffers]) -> R {
            guard k < segments.count else { return body(collected) }
            let indexed = segments[k]
            return indexed.segment.entityEnds.withUnsafeBufferPointer { ends in
                indexed.segment.eventTimes.withUnsafeBufferPointer { events in
                    indexed.segment.createdTimes.withUnsafeBufferPointer { created in
                        indexed.segment.values.withUnsafeBufferPointer { values in
                            collect(
                                k + 1,
                                collected + [
                                    _SegmentBuffers(
                                        index: indexed.index, ends: ends, events: events, created: created, values: values,
                                        width: indexed.segment.width)
                                ])
                        }
                    }
                }
            }
        }
        return collect(0, [])
    }

    /// The row a read of `entity` at `time` uses, as (segment, row), or nil when there is none:
    /// the latest event ≤ `time` (and created ≤ `time` when `asOfCreated`); equal (event,
    /// created) resolve to the later segment, and within a segment to the later row.
    @inline(__always)
    static func find(_ entity: String, at time: Int64, asOfCreated: Bool, in buffers: [_SegmentBuffers])
        -> (segment: Int, row: Int)?
    {
        var best: (segment: Int, row: Int, event: Int64, created: Int64)?
        for s in buffers.indices {
            let b = buffers[s]
            guard let k = b.index[entity] else { continue }
            let lower = k == 0 ? 0 : b.ends[k - 1]
            // The first row with event > time, then step back.
            var low = lower
            var high = b.ends[k]
            while low < high {
                let mid = (low + high) >> 1
                if b.events[mid] <= time { low = mid + 1 } else { high = mid }
            }
            var row = low - 1
            if asOfCreated {
                while row >= lower, b.created[row] > time { row -= 1 }
            }
            guard row >= lower else { continue }
            let key = (b.events[row], b.created[row])
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
        var values = [Double](unsafeUninitializedCapacity: count * width) { buffer, initialized in
            _Platform.adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
            buffer.initialize(repeating: .nan)
            initialized = buffer.count
        }
        var statuses = [FeatureStatus](repeating: .missing, count: count)
        var eventTimes = [Int64?](repeating: nil, count: count)
        let blockSize = 16_384
        let blocks = (count + blockSize - 1) / blockSize
        withBuffers { buffers in
            values.withUnsafeMutableBufferPointer { valuesOut in
                statuses.withUnsafeMutableBufferPointer { statusOut in
                    eventTimes.withUnsafeMutableBufferPointer { eventOut in
                        let out = _RetrievalBuffers(values: valuesOut, statuses: statusOut, events: eventOut)
                        let work: @Sendable (Int) -> Void = { block in
                            let lower = block * blockSize
                            columns.withUnsafeBufferPointer { columns in
                                for i in lower..<min(count, lower + blockSize) {
                                    let time = times[i]
                                    guard let (s, row) = Self.find(entities[i], at: time, asOfCreated: asOfCreated, in: buffers)
                                    else { continue }
                                    let b = buffers[s]
                                    let event = b.events[row]
                                    out.events[i] = event
                                    if FeatureView.isExpired(event: event, at: time, ttl: ttl) {
                                        out.statuses[i] = .expired
                                        continue
                                    }
                                    out.statuses[i] = .present
                                    let base = row * b.width
                                    for j in 0..<width { out.values[i * width + j] = b.values[base + columns[j]] }
                                }
                            }
                        }
                        _ = try? _ParallelMap.map(Array(0..<blocks), maximumThreads: threads, work)
                    }
                }
            }
        }
        return PointInTimeResult(features: names, values: values, statuses: statuses, eventTimes: eventTimes)
    }
}

/// One segment's arrays as buffers, for the duration of a ``_OfflineSnapshot/withBuffers(_:)`` call.
/// `@unchecked Sendable`: read-only views of arrays the snapshot keeps alive during the call.
struct _SegmentBuffers: @unchecked Sendable {
    let index: [String: Int]
    let ends: UnsafeBufferPointer<Int>
    let events: UnsafeBufferPointer<Int64>
    let created: UnsafeBufferPointer<Int64>
    let values: UnsafeBufferPointer<Double>
    let width: Int
}

/// The output buffers the workers of one retrieval share. `@unchecked Sendable` is safe: each
/// worker writes only its own block of requests, and `concurrentPerform` returns before the
/// arrays behind the buffers can change.
struct _RetrievalBuffers: @unchecked Sendable {
    let values: UnsafeMutableBufferPointer<Double>
    let statuses: UnsafeMutableBufferPointer<FeatureStatus>
    let events: UnsafeMutableBufferPointer<Int64?>
}
