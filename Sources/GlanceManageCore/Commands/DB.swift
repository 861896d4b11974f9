import ArgumentParser

/// `glance-manage db <action>`.
struct DB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Database management actions.",
        subcommands: [Check.self, Compare.self, Contract.self, Correlate.self, Detect.self, Expand.self, ExportMetadefs.self, History.self,
                      LoadMetadefs.self, Migrate.self, Purge.self, PurgeImagesTable.self, Sync.self,
                      UnloadMetadefs.self, Upgrade.self, Version.self, VersionControl.self])

    /// Glance's action list (`glance-manage db` without an action), plus ours.
    static let actions: [(String, String)] = [
        ("check", "Report any pending database upgrades."),
        ("compare", "Compare a legacy script with its Alembic counterpart on scratch databases."),
        ("contract", "Run the contraction phase of a database migration."),
        ("correlate", "Show which legacy versions correspond to which Alembic revisions."),
        ("detect", "Show the database's version history, schema fingerprint and the plan sync would run."),
        ("expand", "Run the expansion phase of a database migration."),
        ("export_metadefs", "Export metadefinitions data from database to files"),
        ("history", "List the revision history and mark the current heads."),
        ("load_metadefs", "Load metadefinition json files to database"),
        ("migrate", "Run the data migration phase of a database migration."),
        ("purge", "Purge deleted rows older than a given age from glance tables."),
        ("purge_images_table", "Purge deleted rows older than a given age from images table."),
        ("sync", "Perform a complete (offline) database migration"),
        ("unload_metadefs", "Unload metadefinitions from database"),
        ("upgrade", "Upgrade the database's migration level"),
        ("version", "Print database's current migration level"),
        ("version_control", "Place a database under migration control"),
    ]

    static func printActions() {
        Output.line("Available actions for 'db':")
        for (name, help) in actions { Output.line("\t\(name) - \(help)") }
    }

    func run() throws {
        DB.printActions()
        throw CommandOutcome(status: .usage)
    }
}
