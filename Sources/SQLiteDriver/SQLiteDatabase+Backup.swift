import CSQLite
import DatabaseCore
#if canImport(Glibc)
import Glibc
#endif

/// `--backup` on SQLite: the online backup API into a new file, written so that a failure leaves nothing.
///
/// The copy goes to `<path>.partial-<pid>` beside the target (created exclusively, never through a
/// symbolic link), gets the source's permission bits (a 0600 database can hold credentials in its rows),
/// and is linked into place only when complete: `link` refuses an existing name, so a path that appears
/// meanwhile is never overwritten. A failure (a full disk, a file size limit) removes the partial file and
/// any journal SQLite wrote beside it, so a retry starts clean.
extension SQLiteDatabase {
    public func backUp(toNewFile target: String) throws {
        guard !target.isEmpty else { throw BackupError.emptyPath }
        var info = stat()
        if lstat(target, &info) == 0 {
            throw (info.st_mode & S_IFMT) == S_IFLNK ? BackupError.symbolicLink(target) : BackupError.exists(target)
        }
        let temporary = target + ".partial-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw BackupError.failed(path: target, reason: "cannot create \(temporary): \(errnoText())") }
        let mode = sourceMode()
        let chmodFailed = fchmod(fd, mode) != 0 ? errnoText() : nil
        close(fd)
        do {
            if let chmodFailed { throw BackupError.failed(path: target, reason: "cannot set the file mode: \(chmodFailed)") }
            do {
                // The destination connection closes at the end of this scope, before the link.
                let destination = try SQLiteDatabase(path: temporary, mustExist: true)
                try backup(to: destination)
            } catch let error as DatabaseError {
                throw BackupError.failed(path: target, reason: error.message)
            }
            guard link(temporary, target) == 0 else {
                let code = errno
                if code == EEXIST { throw BackupError.exists(target) }
                throw BackupError.failed(path: target, reason: "cannot move the copy into place: \(String(cString: strerror(code)))")
            }
            unlink(temporary)
            syncDirectory(of: target)
        } catch {
            for suffix in ["", "-journal", "-wal", "-shm"] { unlink(temporary + suffix) }
            throw error
        }
    }

    /// The source file's permission bits; an in-memory database's copy is private to its owner.
    private func sourceMode() -> mode_t {
        var info = stat()
        guard !path.isEmpty, path != ":memory:", stat(path, &info) == 0 else { return 0o600 }
        return info.st_mode & 0o777
    }

    /// Makes the new name durable: the copy's data was synced by SQLite's commit, its directory entry not.
    private func syncDirectory(of file: String) {
        let directory = file.contains("/") ? String(file[..<file.lastIndex(of: "/")!]) : "."
        let fd = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    private func errnoText() -> String { String(cString: strerror(errno)) }
}
