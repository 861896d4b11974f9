import DatabaseCore
#if canImport(Glibc)
import Glibc
#endif

/// The migration lock on Galera: one row of `glance_bridge_lock` (`MigrationLockTable`) naming its holder
/// (host, pid, node, a random token) with a lease: `expires_at` on the server's clock and `beats`, a count
/// its heartbeat raises at every renewal. The row is written in a transaction of its own on a connection of
/// its own, so every node certifies it: two runs on two nodes that both find the lock free both write row 1,
/// and Galera commits one and aborts the other with error 1213 (or the second finds the row, 1062) -- a lost
/// race the caller's wait loop retries, never an error. The heartbeat thread renews every quarter lease; a
/// holder killed with SIGKILL (or whose node dies) stops renewing, and a waiter takes the row over once it has
/// seen it unchanged for a whole lease.
///
/// A long TOI statement (an ALTER of a large table) holds up every write of the cluster, the renewal too, so a
/// live holder can look dead. Three things keep a waiter from taking the lock then:
/// * the waiter's clock, not the row's `expires_at` alone, decides: the renewal's `NOW(6)` is taken when the
///   UPDATE runs, not when its commit finally gets through, so a renewal delayed by TOI may land already
///   "expired". The waiter needs the same (token, beats) for a whole lease of its own observation, and a poll
///   that was itself held up (longer than a quarter lease) starts that observation again: it was blocked by
///   the same statement that blocked the holder;
/// * the lock connection sets `wsrep_sync_wait`, so the takeover UPDATE first waits until this node has applied
///   everything the cluster ordered before it, the holder's delayed renewal included;
/// * the takeover names the (token, beats) it saw, so a renewal certified first makes it match nothing or fail
///   certification; after writing, the waiter reads the row again and holds the lock only if its token is there.
/// A holder that loses its row anyway (its renewal matches nothing) kills its migrating session, so it fails
/// rather than carrying on beside the next run.
///
/// The lease is `GLANCE_BRIDGE_GALERA_LEASE_SECONDS` (default 30) seconds, shorter for the tests. Nodes' clocks
/// only decide together with the waiter's own, so modest skew between nodes is harmless.
///
/// The table exists only while the lock is held (or a killed holder's row waits to be taken over): a run
/// creates it when it finds it missing (1146) and, releasing, drops it while its row is still there and
/// freshly renewed. Dropping with the row in place, not after deleting it, is what makes the drop safe: a
/// waiter writes only into a table without a row (a fresh one it or another waiter created, ordered after the
/// drop by Galera's total order) or takes over an expired row, and a row just renewed for a whole lease is not
/// expired. So a command that changes nothing, or refuses its input, leaves no trace of the lock. A waiter
/// whose table vanishes under a poll (1146) creates it again and tries once more; it never reports that.
final class GaleraLease: @unchecked Sendable {
    static let leaseEnvironmentKey = "GLANCE_BRIDGE_GALERA_LEASE_SECONDS"
    static let defaultLeaseSeconds = 30.0

    private let connection: MySQLDatabase
    private let holderConnectionID: Int64
    private let leaseMicroseconds: Int64
    private let token: String
    private let host: String
    private let node: String
    private let table = Dialect.mysql.quote(MigrationLockTable.name)
    private(set) var isHeld = false
    private let clock = ContinuousClock()
    private let lease: Duration
    /// The holder's row as this waiter last saw it, and since when (on this process's clock) unchanged.
    private var observed: Observation?

    private struct Observation {
        let token: String
        let beats: Int64
        let since: ContinuousClock.Instant
    }

    private var mutex = pthread_mutex_t()
    private var wakeUp = pthread_cond_t()
    private var stopping = false
    private var heartbeat: pthread_t?

    /// Opens the lease's own connection to the database `holder` migrates; `holder` is killed if the lease is lost.
    init(for holder: MySQLDatabase) throws {
        connection = try MySQLDatabase(parameters: holder.parameters)
        // No information_schema query on this connection: under wsrep_sync_wait one crashed MariaDB 10.11.19
        // here once (signal 11 creating the schema table's temporary table). A missing table shows as 1146.
        // 7 = reads, UPDATE/DELETE and INSERT each wait until this node has caught up with the cluster.
        try connection.executeScript("SET SESSION wsrep_sync_wait = 7")
        holderConnectionID = try holder.connectionID()
        let seconds = getenv(Self.leaseEnvironmentKey).flatMap { Double(String(cString: $0)) }
            .flatMap { $0 > 0 ? $0 : nil } ?? Self.defaultLeaseSeconds
        leaseMicroseconds = Int64(seconds * 1_000_000)
        lease = .microseconds(leaseMicroseconds)
        token = (0..<2).map { _ in
            let hex = String(UInt64.random(in: .min ... .max), radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
        var name = [CChar](repeating: 0, count: 256)
        host = gethostname(&name, name.count - 1) == 0 ? String(cString: name) : "unknown"
        node = try connection.query("SELECT @@wsrep_node_name AS node").first?["node"].stringValue ?? ""
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&wakeUp, nil)
    }

    deinit {
        pthread_cond_destroy(&wakeUp)
        pthread_mutex_destroy(&mutex)
    }

    /// Takes the lock if it is free or its lease has run out; returns at once either way. A missing table is
    /// created and the attempt made again at once, so that the first run does not count as waiting.
    func tryAcquire() throws -> Bool {
        if isHeld { return true }
        do {
            return try attempt()
        } catch let error as DatabaseError where Self.missingTable(error) {
            // `CREATE TABLE` is TOI even when the table exists, so it is sent only when the table is missing.
            try connection.executeScript(Self.createTable)
            do {
                return try attempt()
            } catch let error as DatabaseError where Self.missingTable(error) {
                return false   // dropped again by a holder releasing in between: the next poll creates it
            }
        }
    }

    private func attempt() throws -> Bool {
        do {
            let asked = clock.now
            let row = try connection.query(
                "SELECT token, beats, expires_at <= NOW(6) AS expired FROM \(table) WHERE id = 1").first
            let answered = clock.now
            if let row {
                let seen = Observation(token: row["token"].stringValue ?? "", beats: row["beats"].intValue ?? 0,
                                       since: answered)
                // A changed row, or a poll held up by a statement that holds up the holder too, starts over.
                guard let observed, observed.token == seen.token, observed.beats == seen.beats,
                      answered - asked < lease / 4 else {
                    self.observed = seen
                    return false
                }
                guard answered - observed.since >= lease, row["expired"].intValue == 1 else { return false }
                let taken = try connection.execute("""
                    UPDATE \(table) SET token = ?, beats = 0, host = ?, pid = ?, node = ?, acquired_at = NOW(6),
                    expires_at = NOW(6) + INTERVAL ? MICROSECOND WHERE id = 1 AND token = ? AND beats = ?
                    """, [.text(token), .text(host), .integer(Int64(getpid())), .text(node),
                          .integer(leaseMicroseconds), .text(seen.token), .integer(seen.beats)])
                self.observed = nil
                guard taken == 1 else { return false }
            } else {
                try connection.execute("""
                    INSERT INTO \(table) (id, token, beats, host, pid, node, acquired_at, expires_at)
                    VALUES (1, ?, 0, ?, ?, ?, NOW(6), NOW(6) + INTERVAL ? MICROSECOND)
                    """, [.text(token), .text(host), .integer(Int64(getpid())), .text(node),
                          .integer(leaseMicroseconds)])
            }
            // The write may have waited behind a TOI statement: hold the lock only if the row is ours now.
            guard try connection.query("SELECT token FROM \(table) WHERE id = 1").first?["token"].stringValue
                == token else { return false }
        } catch let error as DatabaseError where Self.lostRace(error) {
            observed = nil
            return false
        } catch let error as DatabaseError where Self.missingTable(error) {
            observed = nil
            throw error
        }
        isHeld = true
        startHeartbeat()
        return true
    }

    /// Stops the heartbeat and, if this lease holds the row, drops the table with it. Safe to call more than
    /// once. The row is renewed for a whole lease first, and the table dropped only if that renewal found it
    /// ours: no waiter takes over a row that fresh, so the drop removes no other run's row (see the type's
    /// comment). Should the drop fail, the row is deleted instead (the empty table is then left behind).
    func end() {
        stopHeartbeat()
        guard isHeld else { return }
        isHeld = false
        for _ in 0..<10 {
            do {
                guard try renewal() == 1 else { return }   // taken over: the table is the new holder's
                try connection.executeScript("DROP TABLE IF EXISTS \(table)")
                return
            } catch let error as DatabaseError where Self.lostRace(error) {
                usleep(20_000)
            } catch {
                break
            }
        }
        // The connection is gone (then the lease runs out on its own) or the drop was refused.
        _ = try? connection.execute("DELETE FROM \(table) WHERE id = 1 AND token = ?", [.text(token)])
    }

    /// Pushes this holder's lease out by a whole lease; the number of rows renewed (0: the row is not ours).
    private func renewal() throws -> Int {
        try connection.execute(
            "UPDATE \(table) SET beats = beats + 1, expires_at = NOW(6) + INTERVAL ? MICROSECOND "
                + "WHERE id = 1 AND token = ?",
            [.integer(leaseMicroseconds), .text(token)])
    }

    /// A certification conflict (1213), a lock wait (1205) or a row another run inserted first (1062).
    private static func lostRace(_ error: DatabaseError) -> Bool {
        error.kind == .busy || error.kind == .uniqueViolation
    }

    /// ER_NO_SUCH_TABLE: no run holds the lock, or the last holder dropped the table as it let go.
    private static func missingTable(_ error: DatabaseError) -> Bool { error.code == "1146" }

    private static let createTable = """
        CREATE TABLE IF NOT EXISTS \(Dialect.mysql.quote(MigrationLockTable.name)) (
            id INTEGER NOT NULL, token VARCHAR(32) NOT NULL, beats BIGINT NOT NULL, host VARCHAR(255) NOT NULL,
            pid INTEGER NOT NULL, node VARCHAR(255) NOT NULL, acquired_at DATETIME(6) NOT NULL,
            expires_at DATETIME(6) NOT NULL, PRIMARY KEY (id)
        ) ENGINE=InnoDB
        """

    // MARK: - Heartbeat

    private func startHeartbeat() {
        stopping = false
        var thread = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        let started = pthread_create(&thread, nil, { context in
            let lease = Unmanaged<GaleraLease>.fromOpaque(context!).takeRetainedValue()
            lease.beat()
            return nil
        }, context)
        if started == 0 {
            heartbeat = thread
        } else {
            Unmanaged<GaleraLease>.fromOpaque(context).release()
        }
    }

    private func stopHeartbeat() {
        guard let thread = heartbeat else { return }
        pthread_mutex_lock(&mutex)
        stopping = true
        pthread_cond_signal(&wakeUp)
        pthread_mutex_unlock(&mutex)
        pthread_join(thread, nil)
        heartbeat = nil
    }

    /// Renews the lease every quarter lease until stopped or lost.
    private func beat() {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        while !stopping {
            var deadline = timespec()
            clock_gettime(CLOCK_REALTIME, &deadline)
            let nanoseconds = Int64(deadline.tv_nsec) + leaseMicroseconds / 4 * 1000
            deadline.tv_sec += Int(nanoseconds / 1_000_000_000)
            deadline.tv_nsec = Int(nanoseconds % 1_000_000_000)
            while !stopping, pthread_cond_timedwait(&wakeUp, &mutex, &deadline) == 0 {}
            if stopping { return }
            pthread_mutex_unlock(&mutex)
            let kept = renew()
            pthread_mutex_lock(&mutex)
            if !kept { return }
        }
    }

    /// Pushes the lease's end out by a whole lease. Returns false when another run has taken the row: the
    /// migrating session is then killed, so that this run fails instead of carrying on beside the next.
    private func renew() -> Bool {
        do {
            if try renewal() == 1 { return true }
            _ = try? connection.execute("KILL CONNECTION \(holderConnectionID)")
            return false
        } catch let error as DatabaseError where Self.missingTable(error) {
            // The row went with its table: no holder drops a table that holds another's row, but the lock is
            // lost all the same.
            _ = try? connection.execute("KILL CONNECTION \(holderConnectionID)")
            return false
        } catch {
            // A lost certification race with a waiter's read is retried at the next beat; a connection gone
            // with its node took the migrating session with it.
            return true
        }
    }
}
