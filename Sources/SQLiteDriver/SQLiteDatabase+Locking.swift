import DatabaseCore
#if canImport(Glibc)
import Glibc
#endif

/// The migration lock on SQLite: an exclusive `flock` on the database file itself.
///
/// Why the file itself: a lock derived from the path (the former `<path>.lock`) is two locks for one
/// database reached through a symbolic link, a hard link or another mount point, and two runs then
/// bridge the same file at once. `flock` locks the open file's inode, whatever name opened it, needs no
/// other writable location, and the kernel drops it when the process dies.
///
/// Why it does not disturb SQLite: SQLite's own locks are POSIX `fcntl` byte-range locks, which on Linux
/// are independent of `flock` locks. POSIX locks have one trap: closing *any* descriptor of the file
/// drops all of the process's POSIX locks on it. So the descriptor is opened before the first lock and
/// closed only in `deinit`, after SQLite has closed its handle. (On NFS Linux emulates `flock` with
/// POSIX locks; SQLite on NFS is unsupported by SQLite itself.)
extension SQLiteDatabase {
    public func tryAcquireMigrationLock() throws -> Bool {
        guard !path.isEmpty, path != ":memory:" else { return true }
        if lockDescriptor < 0 {
            // Read-write where possible: flock's NFS emulation needs it for an exclusive lock.
            var fd = open(path, O_RDWR | O_CLOEXEC)
            if fd < 0, errno == EACCES || errno == EROFS { fd = open(path, O_RDONLY | O_CLOEXEC) }
            guard fd >= 0 else { throw lockError("cannot open \(path) to lock it") }
            lockDescriptor = fd
        }
        if flock(lockDescriptor, LOCK_EX | LOCK_NB) == 0 { return true }
        if errno == EWOULDBLOCK || errno == EINTR { return false }
        throw lockError("cannot lock \(path)")
    }

    public func releaseMigrationLock() throws {
        guard lockDescriptor >= 0 else { return }
        guard flock(lockDescriptor, LOCK_UN) == 0 else { throw lockError("cannot unlock \(path)") }
    }

    func closeLockDescriptor() {
        guard lockDescriptor >= 0 else { return }
        close(lockDescriptor) // also releases the flock
        lockDescriptor = -1
    }

    private func lockError(_ what: String) -> DatabaseError {
        let code = errno
        return DatabaseError(kind: .cannotConnect, code: "errno \(code)", message: "\(what): \(String(cString: strerror(code)))")
    }
}

extension SQLiteDatabase {
    /// Whether a read-only connection to `path` would create `-wal` and `-shm` files it cannot remove: the
    /// file is in WAL mode (header bytes 18 and 19 are 2, SQLite file format §1.3.3), neither file exists
    /// yet, and we may write the database (otherwise a read-write open is no option).
    static func readOnlyOpenWouldLeaveWALFiles(_ path: String) -> Bool {
        guard !path.isEmpty, path != ":memory:", access(path, W_OK) == 0,
              access(path + "-wal", F_OK) != 0, access(path + "-shm", F_OK) != 0 else { return false }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: 20)
        guard pread(fd, &header, 20, 0) == 20 else { return false }
        return header[18] == 2 && header[19] == 2
    }
}
