import ArgumentParser

/// Options of every command that changes the database.
struct WriteOptions: ParsableArguments {
    @Option(help: ArgumentHelp("SQLite only: copy the database to PATH (SQLite's online backup API) before any change; refused if PATH exists.", valueName: "PATH"))
    var backup: String?
}
