/// A table rebuild's copy of rows (`MigrationObserver.rowsCopied`): on a terminal the progress line
/// (`Rebuilding images  150000/400000 rows  37%  …`), otherwise one log record per report. The engine
/// reports only copies long enough to be made in ranges, first with 0 rows copied, last with all of them.
final class RebuildProgress {
    private var display: ProgressDisplay?

    func report(table: String, copied: Int, rows: Int) {
        let label = "Rebuilding \(table)"
        if copied == 0 || display?.label != label { display = ProgressDisplay(label: label, total: rows) }
        display?.update(done: copied, logLine: "Rebuilding table \(table): \(copied) of \(rows) rows copied",
                        logger: "glance.db.migration")
        if copied >= rows {
            display?.finish()
            display = nil
        }
    }
}
