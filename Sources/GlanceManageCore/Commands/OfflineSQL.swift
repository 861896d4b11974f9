import DatabaseCore
import DatabaseDrivers
import GlanceRevisions
import LegacyBridge
import MigrationEngine

/// `--sql`: the exact statements an upgrade would run, printed instead of run.
///
/// Where the driver offers a private copy (`openPrivateCopy`, SQLite: table rebuilds depend on the live
/// shape of the table), the upgrade really runs against it; the database itself is only read. Elsewhere
/// rendering is pure, starting from the current version rows.
enum OfflineSQL {
    static func print(url: ConnectionURL, target: String, force: Bool) throws {
        let migrator = Migrator(map: GlanceRevisions.map)
        if let scratch = try url.openPrivateCopy() {
            try runOnCopy(scratch, target: target, force: force, migrator: migrator)
        } else {
            try render(url: url, target: target, force: force, migrator: migrator)
        }
    }

    private static func runOnCopy(_ scratch: any Database, target: String, force: Bool, migrator: Migrator) throws {
        let observer = MigrationObserver(
            revisionStarted: { Output.line("-- " + MigrationObserver.runningLine($0)) },
            statementExecuted: { Output.line($0 + ";") })
        let copy = GlanceDatabase(connection: scratch)
        let plan = try copy.bridge(force: force, announce: false)
        if plan != .none { Output.line("-- bridge: " + plan.summary) }
        try migrator.upgrade(scratch, to: target, observer: observer)
    }

    private static func render(url: ConnectionURL, target: String, force: Bool, migrator: Migrator) throws {
        var heads: [String] = []
        let source = try url.open(.readOnly)
        if let source {
            let detection = try Detection.read(source)
            let plan = try Bridge().plan(for: source, detection: detection, force: force)
            if plan != .none { Output.line("-- bridge: " + plan.summary) }
            heads = try plan.headsAfter(detection, in: migrator.map)
        }
        // Revisions fuse as the upgrade would fuse them, which depends on which tables hold rows.
        let hasRows = source.map { source in { (table: String) in try Migrator.hasRows(table, in: source) } }
        for statement in try migrator.offlineSQL(from: heads, to: target, dialect: url.dialect, tableHasRows: hasRows) {
            Output.line(statement.hasPrefix("--") ? statement : statement + ";")
        }
    }
}
