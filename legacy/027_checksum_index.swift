import MigrationEngine

extension LegacyScripts {
    /// `027_checksum_index.py`: indexes `images.checksum`.
    static let v027 = LegacyScript(27, "checksum_index", .allDialects([.createIndex(Index("checksum_image_idx", on: "images", ["checksum"]))]))
}
