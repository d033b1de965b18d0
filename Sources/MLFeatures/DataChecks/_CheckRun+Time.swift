/// The table-level checks (row count, freshness) and the leakage rules.
extension _CheckRun {
    func result(of check: RowCountCheck) -> DataCheckResult {
        let rows = table.rowCount
        var problems: [String] = []
        if let minimum = check.minimum, rows < minimum { problems.append("expected at least \(minimum)") }
        if let maximum = check.maximum, rows > maximum { problems.append("expected at most \(maximum)") }
        let bounds = [check.minimum.map { "min \($0)" }, check.maximum.map { "max \($0)" }].compactMap { $0 }
        return DataCheckResult(
            name: "row_count", column: nil, severity: check.severity,
            status: problems.isEmpty ? .pass : DataCheckStatus(failedAt: check.severity), failingRows: 0, examples: [],
            message: problems.isEmpty
                ? "\(rows) rows (\(bounds.joined(separator: ", ")))" : "\(rows) rows, " + problems.joined(separator: ", "))
    }

    mutating func result(of check: FreshnessCheck) throws -> DataCheckResult {
        let times = try timestamps(check.column, keyPath: "freshness.column")
        let highest: DataCheckSeverity = check.errorAfter != nil ? .error : .warn
        let bounds = [
            check.warnAfter.map { "warn after \(_CheckAge.describe($0))" },
            check.errorAfter.map { "error after \(_CheckAge.describe($0))" },
        ].compactMap { $0 }.joined(separator: ", ")
        var latestRow: Int?
        var latest = -Double.infinity
        for (row, time) in times.enumerated() where time > latest {
            latest = time
            latestRow = row
        }
        guard let latestRow else {
            return DataCheckResult(
                name: "freshness", column: check.column, severity: highest, status: DataCheckStatus(failedAt: highest),
                failingRows: 0, examples: [], message: "no timestamp in '\(check.column)' (\(bounds))")
        }
        let age = now - latest
        var severity = highest
        var status = DataCheckStatus.pass
        if let limit = check.errorAfter, age > _CheckAge.seconds(limit) {
            (severity, status) = (.error, .error)
        } else if let limit = check.warnAfter, age > _CheckAge.seconds(limit) {
            (severity, status) = (.warn, .warn)
        }
        let column = try column(check.column, keyPath: "freshness.column")
        return DataCheckResult(
            name: "freshness", column: check.column, severity: severity, status: status, failingRows: 0,
            examples: [DataCheckExample(row: latestRow + 1, value: _ColumnValues.text(column, latestRow))],
            message: "latest \(check.column) \(_CheckTimestamp.describe(latest)) is \(_CheckAge.describe(seconds: age)) old "
                + "at \(_CheckTimestamp.describe(now)) (\(bounds))")
    }

    mutating func result(of check: LeakageCheck) throws -> DataCheckResult {
        var failing = _Examples()
        let rows = table.rowCount
        let column: String
        let message: (Int) -> String
        switch check.rule {
        case .labelAfterPeriod(let labelName, let endName, let maxDelay):
            let labels = try timestamps(labelName, keyPath: check.keyPath + ".label_after_period.label_time")
            let ends = try timestamps(endName, keyPath: check.keyPath + ".label_after_period.period_end")
            let labelColumn = try self.column(labelName, keyPath: check.keyPath)
            let endColumn = try self.column(endName, keyPath: check.keyPath)
            let delay = _CheckAge.seconds(maxDelay)
            for row in 0..<min(labels.count, ends.count) where labels[row] > ends[row] + delay {
                failing.add(
                    row: row,
                    value: "\(labelName)=\(_ColumnValues.text(labelColumn, row)) "
                        + "\(endName)=\(_ColumnValues.text(endColumn, row))")
            }
            column = labelName
            let bound = maxDelay == .zero ? endName : "\(endName) + \(_CheckAge.describe(maxDelay))"
            message = {
                $0 == 0
                    ? "every label observed by \(bound)"
                    : "\($0) of \(rows) rows have \(labelName) later than \(bound): the label was not yet known "
                        + "when the period's training snapshot was taken"
            }
        case .future(let name, let tolerance):
            let times = try timestamps(name, keyPath: check.keyPath + ".future")
            let values = try self.column(name, keyPath: check.keyPath)
            let limit = now + _CheckAge.seconds(tolerance)
            for (row, time) in times.enumerated() where time > limit {
                failing.add(row: row, value: _ColumnValues.text(values, row))
            }
            column = name
            let bound =
                "now (\(_CheckTimestamp.describe(now)))" + (tolerance == .zero ? "" : " + \(_CheckAge.describe(tolerance))")
            message = { $0 == 0 ? "no \(name) later than \(bound)" : "\($0) of \(rows) rows have \(name) later than \(bound)" }
        }
        return DataCheckResult(
            name: check.name, column: column, severity: check.severity,
            status: failing.count == 0 ? .pass : DataCheckStatus(failedAt: check.severity), failingRows: failing.count,
            examples: failing.items, message: message(failing.count))
    }
}
