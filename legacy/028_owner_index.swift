import MigrationEngine

extension LegacyScripts {
    /// `028_owner_index.py`: indexes `images.owner`.
    static let v028 = LegacyScript(28, "owner_index", .allDialects([.createIndex(Index("owner_image_idx", on: "images", ["owner"]))]))
}
