import ArgumentParser

/// oslo.config's and oslo.log's options, as Glance 33.0.0's `glance-manage --help` lists them, with the same
/// meaning. Declared on the root command so `--help`, the man page and the completion scripts show them;
/// `Invocation` picks them out of the command line wherever they stand (Glance takes them before the action,
/// glance-bridge anywhere), so the subcommands never see them.
struct CommonOptions: ParsableArguments {
    @Option(name: .customLong("config-dir"), help: ArgumentHelp(
        "A directory whose *.conf files are read in sorted order, after the --config-file options before it "
            + "(so they win); repeatable. (--config-file is listed with each action.)", valueName: "DIR"))
    var configDirectories: [String] = []

    @Flag(name: [.customLong("debug"), .customShort("d")], help: "Log at DEBUG instead of INFO.")
    var debug = false
    @Flag(name: .customLong("nodebug"), help: "The inverse of --debug.")
    var nodebug = false

    @Option(name: [.customLong("log-config-append"), .customLong("log-config"), .customLong("log_config")],
            help: ArgumentHelp("A Python logging configuration file; when set, the other logging options are "
                + "ignored (see README).", valueName: "PATH"))
    var logConfigAppend: String?

    @Option(name: .customLong("log-date-format"), help: ArgumentHelp(
        "strftime format of the time stamp in log lines (default %Y-%m-%d %H:%M:%S).", valueName: "DATE_FORMAT"))
    var logDateFormat: String?

    @Option(name: [.customLong("log-dir"), .customLong("logdir")], help: ArgumentHelp(
        "Directory for a relative --log-file (alone: LOG_DIR/glance-manage.log).", valueName: "LOG_DIR"))
    var logDir: String?

    @Option(name: [.customLong("log-file"), .customLong("logfile")], help: ArgumentHelp(
        "Append log lines to this file (and to stderr unless [DEFAULT] use_stderr = false).", valueName: "PATH"))
    var logFile: String?

    @Flag(name: .customLong("nouse-journal"), help: "The inverse of --use-journal.")
    var nouseJournal = false
    @Flag(name: .customLong("nouse-json"), help: "The inverse of --use-json.")
    var nouseJSON = false
    @Flag(name: .customLong("nouse-syslog"), help: "The inverse of --use-syslog.")
    var nouseSyslog = false

    @Option(name: .customLong("shell_completion"), help: ArgumentHelp(
        "Print a shell completion script. Allowed values: bash, zsh.", valueName: "SHELL_COMPLETION"))
    var shellCompletion: String?

    @Option(name: .customLong("syslog-log-facility"), help: ArgumentHelp(
        "Syslog facility for log lines (default LOG_USER).", valueName: "SYSLOG_LOG_FACILITY"))
    var syslogLogFacility: String?

    @Flag(name: .customLong("use-journal"), help: "Also send log records to journald (native protocol).")
    var useJournal = false
    @Flag(name: .customLong("use-json"), help: "Write log records as JSON lines (no progress display).")
    var useJSON = false
    @Flag(name: .customLong("use-syslog"), help: "Also send log records to syslog.")
    var useSyslog = false

    @Flag(name: .customLong("version"), help: "Print glance-bridge's version and the Glance chain it carries.")
    var version = false
}
