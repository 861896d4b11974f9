import DatabaseCore
import MigrationEngine

extension LegacyScripts {
    /// `013_add_protected.py`: adds `images.protected`, false for existing images.
    static let v013 = LegacyScript(13, "add_protected", .allDialects([
        .addColumn(table: "images", Column("protected", .boolean)),
        .sql("UPDATE images SET protected = FALSE"), // Data: existing images are not protected.
    ]), residue: PerDialect(sqlite: [], postgresql: [], mysql: [Residue("images", because:
        "013 adds images.protected by ALTER TABLE, which gives a Boolean no CHECK on MySQL; liberty_initial "
            + "creates it with one (CONSTRAINT_3)")]))
}
