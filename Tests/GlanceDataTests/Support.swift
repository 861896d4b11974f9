import DatabaseCore
import Foundation
import GlanceData
import GlanceRevisions
import MigrationEngine
import TestSupport

/// A scratch database at Glance's head schema (what `db sync` gives), with a connection. The database is
/// removed when this goes away, so tests hold it for their whole body.
final class SyncedScratch {
    let scratch: ScratchDatabase
    let db: any Database

    init(_ backend: TestBackend) throws {
        scratch = try backend.makeScratch()
        db = try scratch.connect()
        try Migrator(map: GlanceRevisions.map).upgrade(db, to: "heads")
    }
}

/// Collects what the library logs, for assertions.
final class LogRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(LogLevel, String)] = []

    var sink: LogSink { { level, text in self.lock.withLock { self.entries.append((level, text)) } } }
    var lines: [String] { lock.withLock { entries.map { "\($0.0.rawValue) \($0.1)" } } }

    func contains(_ level: LogLevel, _ fragment: String) -> Bool {
        lock.withLock { entries.contains { $0.0 == level && $0.1.contains(fragment) } }
    }
}

/// A fixed clock: 2024-05-01 10:00:00.25 UTC.
let fixedNow = Date(timeIntervalSince1970: 1_714_557_600.25)
