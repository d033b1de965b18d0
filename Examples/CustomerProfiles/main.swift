// CustomerProfiles: per-customer spending profiles as fraud features, point in time.
//
// A card payment arrives; before scoring it we want to know how this customer usually spends:
// how many payments in the last hour and day, their mean and spread, the largest, how many
// different merchants, and how this payment compares with the customer's own mean. The features
// must be *point in time*: computed only from payments strictly before this one, or a model
// trained on them learns from the future. This story computes them over a history (the batch form,
// for training), then payment by payment (the streaming form, for serving), checkpoints the stream
// and shows the two forms agree bit for bit.
import Foundation
import MLCore
import MLFeatures

// MARK: Cell 1 — a day of payments
// Three customers; times as ISO-8601 text. "carol" makes three payments in the same second (a
// card-testing burst), then a large one.
struct Payment {
    let customer: String
    let time: String
    let amount: Double
    let merchant: String
}
let payments = [
    Payment(customer: "alice", time: "2024-03-01T08:05:00Z", amount: 4.20, merchant: "bakery"),
    Payment(customer: "bob", time: "2024-03-01T08:40:00Z", amount: 55.00, merchant: "fuel"),
    Payment(customer: "alice", time: "2024-03-01T12:30:00Z", amount: 12.50, merchant: "lunch"),
    Payment(customer: "carol", time: "2024-03-01T13:00:00Z", amount: 1.00, merchant: "web-a"),
    Payment(customer: "carol", time: "2024-03-01T13:00:00Z", amount: 1.00, merchant: "web-b"),
    Payment(customer: "carol", time: "2024-03-01T13:00:00Z", amount: 1.00, merchant: "web-c"),
    Payment(customer: "alice", time: "2024-03-01T13:10:00Z", amount: 9.80, merchant: "coffee"),
    Payment(customer: "carol", time: "2024-03-01T13:02:30Z", amount: 950.00, merchant: "electronics"),
    Payment(customer: "bob", time: "2024-03-01T18:15:00Z", amount: 61.30, merchant: "fuel"),
    Payment(customer: "alice", time: "2024-03-01T19:45:00Z", amount: 38.00, merchant: "dinner"),
]
let times = payments.map { EventTime.nanoseconds(parsing: $0.time) ?? 0 }

// MARK: Cell 2 — the profile
// Windows of one hour and one day; for each: count, mean, std, max, distinct merchants, and the
// ratio of this payment to the window's mean; plus seconds since the customer's previous payment.
let profile = try EntityAggregation(
    windows: AggregationWindow.list(parsing: "1h,24h"),
    aggregates: [.count, .mean, .std, .max, .distinct, .ratio],
    recency: true)
let names = profile.featureNames(value: "amount")
print("features (\(names.count)): \(names.joined(separator: ", "))")

// MARK: Cell 3 — the batch form, for a training set
// One call over the whole history; rows come back in input order.
let batch = try profile.compute(
    entities: .string(payments.map(\.customer)), times: times, values: payments.map(\.amount),
    categories: .string(payments.map(\.merchant)))
@MainActor
func feature(_ row: Int, _ name: String) -> Double {
    guard let j = names.firstIndex(of: name) else { return .nan }
    return batch.elements[row * batch.columns + j]
}
func show(_ x: Double) -> String { x.isNaN ? "—" : String(format: "%.2f", x) }
for (row, p) in payments.enumerated() {
    print(
        "\(p.time)  \(p.customer.padding(toLength: 6, withPad: " ", startingAt: 0)) \(show(p.amount).padding(toLength: 7, withPad: " ", startingAt: 0))"
            + "  1h count \(show(feature(row, "amount_count_1h")))  24h mean \(show(feature(row, "amount_mean_24h")))"
            + "  ratio \(show(feature(row, "amount_ratio_24h")))  merchants 1h \(show(feature(row, "amount_distinct_1h")))"
            + "  since last \(show(feature(row, "seconds_since_last")))")
}

// MARK: Cell 4 — point in time
// The three payments of carol at 13:00:00 do not see each other (count 0 each; the second and
// third are 0 s after the previous), and the 950.00 payment 150 s later sees all three: its
// ratio to carol's hourly mean is 950.
let burst = (3...5).map { feature($0, "amount_count_1h") }
print("carol's burst sees: \(burst.map { Int($0) }) earlier payments; the large one: count \(Int(feature(7, "amount_count_1h"))), ratio \(show(feature(7, "amount_ratio_1h")))")

// A simple rule on the features: a payment over 20 times the customer's hourly mean after at least 3 payments in the hour.
for (row, p) in payments.enumerated() where feature(row, "amount_count_1h") >= 3 && feature(row, "amount_ratio_1h") > 20 {
    print("flag: \(p.customer) \(show(p.amount)) at \(p.time)")
}

// MARK: Cell 5 — the streaming form, for serving, with a checkpoint
// Push payments one by one (in time order per customer). Halfway, save the state as JSON — as a
// service would before a restart — restore it and go on.
let order = payments.indices.sorted { (times[$0], $0) < (times[$1], $1) }
var stream = EntityAggregator<String, String>(profile)
var resumedFeatures = [[Double]](repeating: [], count: payments.count)
for (k, i) in order.enumerated() {
    if k == order.count / 2 {
        let checkpoint = try JSONEncoder().encode(stream)
        print("checkpoint: \(checkpoint.count) bytes for \(stream.entityCount) customers")
        stream = try JSONDecoder().decode(EntityAggregator<String, String>.self, from: checkpoint)
    }
    let p = payments[i]
    resumedFeatures[i] = try stream.push(entity: p.customer, time: times[i], value: p.amount, category: p.merchant)
}
var uninterrupted = EntityAggregator<String, String>(profile)
var plainFeatures = [[Double]](repeating: [], count: payments.count)
for i in order {
    let p = payments[i]
    plainFeatures[i] = try uninterrupted.push(entity: p.customer, time: times[i], value: p.amount, category: p.merchant)
}
func bits(_ rows: [[Double]]) -> [UInt64] { rows.flatMap { $0.map(\.bitPattern) } }
print("resumed stream equals the uninterrupted one: \(bits(resumedFeatures) == bits(plainFeatures))")
let batchRows = (0..<batch.rows).map { Array(batch.elements[$0 * batch.columns..<($0 + 1) * batch.columns]) }
print("streaming equals batch: \(bits(plainFeatures) == bits(batchRows))")

// MARK: Cell 6 — a late event is refused
// A payment of alice older than her last one cannot be scored point in time by the stream.
do {
    _ = try stream.push(entity: "alice", time: times[0], value: 1, category: "late")
} catch let error as FeatureError where error.code == .outOfOrder {
    print("refused: event out of order (\(error.message.prefix(60))…)")
}
