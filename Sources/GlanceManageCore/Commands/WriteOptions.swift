import ArgumentParser

/// Options of every command that changes the database.
struct WriteOptions: ParsableArguments {
    @Option(help: ArgumentHelp("""
        SQLite only: copy the database to PATH (SQLite's online backup API, with the database's file mode) \
        before any change; refused if PATH is empty, exists or is a symbolic link.
        """, valueName: "PATH"))
    var backup: String?
}
