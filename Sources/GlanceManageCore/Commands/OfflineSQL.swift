import DatabaseCore
import GlanceRevisions
import MigrationEngine
import SQLiteDriver

/// `--sql`: the exact statements an upgrade would run, printed instead of run.
///
/// On SQLite the upgrade really runs, against an in-memory copy made with the online backup API, because
/// table rebuilds depend on the live shape of the table; the file itself is only read. On PostgreSQL
/// rendering is pure, starting from the current version rows.
enum OfflineSQL {
    static func print(url: ConnectionURL, target: String) throws {
        let migrator = Migrator(map: GlanceRevisions.map)
        let source = try url.open(.readOnly)
        switch url.dialect {
        case .sqlite:
            let scratch = try SQLiteDatabase(path: ":memory:")
            if let source = source as? SQLiteDatabase { try source.backup(to: scratch) }
            let observer = MigrationObserver(
                revisionStarted: { Output.line("-- " + MigrationObserver.runningLine($0)) },
                statementExecuted: { Output.line($0 + ";") })
            try migrator.upgrade(scratch, to: target, observer: observer)
        case .postgresql:
            let heads = try source.map { try migrator.currentHeads(in: $0) } ?? []
            for statement in try migrator.offlineSQL(from: heads, to: target, dialect: .postgresql) {
                Output.line(statement.hasPrefix("--") ? statement : statement + ";")
            }
        }
    }
}
