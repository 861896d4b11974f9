#if canImport(Glibc)
import Glibc
#endif

/// `glance-manage --help` as ArgumentParser renders it at 80 columns (its width when stdout is not a
/// terminal), printed without building the parser's command tree: that reflection was most of `--help`'s
/// start-up (BENCHMARKS.md). `RootHelpTests` fails when this text and the parser's rendering differ; paste
/// the parser's text from its failure message. Any other width goes through the parser.
enum RootHelp {
    static let width = 80

    /// The width ArgumentParser would wrap at: `COLUMNS`, else the terminal's, else 80.
    static func currentWidth() -> Int {
        if let columns = ProcessEnvironment.value("COLUMNS").flatMap(Int.init) { return columns }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return width
    }

    static let text = """
    OVERVIEW: Manage OpenStack Glance databases (SQLite, PostgreSQL, MySQL and
    MariaDB).

    The common options (oslo.config, oslo.log) are accepted before or after the
    action.

    USAGE: glance-manage <options> <subcommand>

    COMMON OPTIONS:
      --config-dir <DIR>      A directory whose *.conf files are read in sorted
                              order, after the --config-file options before it (so
                              they win); repeatable. (--config-file is listed with
                              each action.)
      -d, --debug             Log at DEBUG instead of INFO.
      --nodebug               The inverse of --debug.
      --log-config-append, --log-config, --log_config <PATH>
                              A Python logging configuration file; when set, the
                              other logging options are ignored (see README).
      --log-date-format <DATE_FORMAT>
                              strftime format of the time stamp in log lines
                              (default %Y-%m-%d %H:%M:%S).
      --log-dir, --logdir <LOG_DIR>
                              Directory for a relative --log-file (alone:
                              LOG_DIR/glance-manage.log).
      --log-file, --logfile <PATH>
                              Append log lines to this file (and to stderr unless
                              [DEFAULT] use_stderr = false).
      --nouse-journal         The inverse of --use-journal.
      --nouse-json            The inverse of --use-json.
      --nouse-syslog          The inverse of --use-syslog.
      --shell_completion <SHELL_COMPLETION>
                              Print a shell completion script. Allowed values:
                              bash, zsh.
      --syslog-log-facility <SYSLOG_LOG_FACILITY>
                              Syslog facility for log lines (default LOG_USER).
      --use-journal           Also send log records to journald (native protocol).
      --use-json              Write log records as JSON lines (no progress display).
      --use-syslog            Also send log records to syslog.
      --version               Print glance-bridge's version and the Glance chain it
                              carries.

    OPTIONS:
      -h, --help              Show help information.

    SUBCOMMANDS:
      db                      Database management actions.

      See 'glance-manage help <subcommand>' for detailed help.
    """
}
