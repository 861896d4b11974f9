import ArgumentParser
import FoundationEssentials
import GlanceData

/// `--age_in_days` / `--max_rows` of `db purge` and `db purge_images_table`, plus Glance's positional form
/// (`glance-manage db purge 30 100`), the only way to reach its "Invalid int value" messages.
struct PurgeOptions: ParsableArguments {
    // `.unconditional` so that `--max_rows -1` is a value, not an unknown option.
    @Option(name: .customLong("age_in_days"), parsing: .unconditional, help: "Purge rows deleted more than this many days ago.")
    var ageInDays: Int?
    @Option(name: .customLong("max_rows"), parsing: .unconditional, help: "Purge at most this many rows per table; -1 for all.")
    var maxRows: Int?
    /// argparse reads `purge -1` as a positional age (then refuses it as negative), so unrecognised words
    /// that look like options land here too and are sorted out in `validate()`.
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("Legacy positional form: age_in_days max_rows.", visibility: .hidden))
    var legacy: [String] = []

    func validate() throws {
        if let unknown = legacy.first(where: { $0.hasPrefix("-") && Int($0) == nil }) {
            throw ValidationError("Unknown option '\(unknown)'")
        }
        guard legacy.count <= 2 else { throw ValidationError("at most two positional arguments: age_in_days max_rows") }
        if ageInDays != nil && !legacy.isEmpty || maxRows != nil && legacy.count == 2 {
            throw ValidationError("give each value once, as an option or positionally")
        }
    }

    /// The checked request; `now` is the clock the cutoff is measured from.
    /// - Throws: `PurgeError` with Glance's message.
    func request(defaultAge: Int, now: Date) throws -> PurgeRequest {
        let age = try ageInDays ?? legacy.first.map { try PurgeRequest.integer($0, name: "age_in_days") } ?? defaultAge
        let rows = try maxRows ?? legacy.dropFirst().first.map { try PurgeRequest.integer($0, name: "max_rows") } ?? 100
        return try PurgeRequest(ageInDays: age, maxRows: rows, now: now)
    }
}
