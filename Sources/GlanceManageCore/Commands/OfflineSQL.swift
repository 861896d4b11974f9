import DatabaseCore
import DatabaseDrivers
import GlanceRevisions
import LegacyBridge
import MigrationEngine

/// `--sql`: the exact statements an upgrade would run, printed instead of run.
///
/// The dialect says how (`offlineSQLStrategy`): on SQLite the upgrade really runs, against a private
/// in-memory copy, because table rebuilds depend on the live shape of the table; the file itself is only
/// read. On PostgreSQL rendering is pure, starting from the current version rows.
enum OfflineSQL {
    static func print(url: ConnectionURL, target: String, force: Bool) throws {
        let migrator = Migrator(map: GlanceRevisions.map)
        switch url.dialect.offlineSQLStrategy {
        case .runOnPrivateCopy:
            let scratch = try url.openPrivateCopy()
            let observer = MigrationObserver(
                revisionStarted: { Output.line("-- " + MigrationObserver.runningLine($0)) },
                statementExecuted: { Output.line($0 + ";") })
            let copy = GlanceDatabase(connection: scratch)
            let plan = try copy.bridge(force: force, announce: false)
            if plan != .none { Output.line("-- bridge: " + plan.summary) }
            try migrator.upgrade(scratch, to: target, observer: observer)
        case .renderFromVersionRows:
            let source = try url.open(.readOnly)
            var heads: [String] = []
            if let source {
                let detection = try Detection.read(source)
                let plan = try Bridge().plan(for: source, detection: detection, force: force)
                if plan != .none { Output.line("-- bridge: " + plan.summary) }
                heads = try plan.headsAfter(detection, in: migrator.map)
            }
            for statement in try migrator.offlineSQL(from: heads, to: target, dialect: url.dialect) {
                Output.line(statement.hasPrefix("--") ? statement : statement + ";")
            }
        }
    }
}
