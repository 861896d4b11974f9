import DatabaseCore
import MigrationEngine

extension LegacyScripts {
    /// `017_quote_encrypted_swift_credentials.py`: with `metadata_encryption_key` set, Glance decrypted every
    /// location (AES-CBC), quoted its swift credentials and re-encrypted it; without the key it did nothing.
    /// glance-bridge has no key and no AES: plain locations need nothing from 017, but a location that is not a
    /// URI is an encrypted one, which this step cannot treat safely, so the upgrade stops before any change.
    /// (017's `legacy_parse_uri` is 015's, line for line; a decrypted location would go through
    /// `SwiftLocation.quoted`, the Python 2.6 empty-netloc form included.)
    static let v017 = LegacyScript(17, "quote_encrypted_swift_credentials", precondition: { database in
        guard try columnExists(database, "images", "location") else { return nil }
        let rows = try database.query("SELECT id FROM images WHERE location IS NOT NULL AND location NOT LIKE '%://%'")
        guard let first = rows.first else { return nil }
        return "legacy 017 would have to re-encrypt the locations of \(rows.count) image(s) (first: \(first["id"])), which are encrypted with Glance's metadata_encryption_key; run versions up to 017 with Glance (Grizzly) and its key first"
    })
}
