// swift-tools-version:6.0
import PackageDescription

// Dependencies point one way: glance-manage → GlanceManageCore → LegacyBridge → GlanceRevisions → MigrationEngine
// → DatabaseCore; GlanceManageCore → GlanceData (metadefs, purge) → DatabaseCore.
// The drivers are leaves under DatabaseCore; only the CLI layer and the tests pick one.
let package = Package(
    name: "glance-bridge",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "glance-manage", targets: ["GlanceManage"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        // Headers only: PostgresDriver loads libpq with dlopen on first use (see LibPQ.swift).
        .systemLibrary(name: "CLibPQ", path: "Sources/CLibPQ", providers: [.apt(["libpq-dev"])]),
        // Headers only: MySQLDriver loads MariaDB Connector/C with dlopen on first use (see LibMariaDB.swift).
        .systemLibrary(name: "CMariaDB", path: "Sources/CMariaDB", providers: [.apt(["libmariadb-dev"])]),
        .target(name: "DatabaseCore"),
        .target(name: "SQLiteDriver", dependencies: ["DatabaseCore", "CSQLite"]),
        .target(name: "PostgresDriver", dependencies: ["DatabaseCore", "CLibPQ"]),
        .target(name: "MySQLDriver", dependencies: ["DatabaseCore", "CMariaDB"]),
        // The one module that maps a connection URL to its driver; everything above it uses `Database`.
        .target(name: "DatabaseDrivers", dependencies: ["DatabaseCore", "SQLiteDriver", "PostgresDriver", "MySQLDriver"]),
        .target(name: "MigrationEngine", dependencies: ["DatabaseCore"]),
        .target(name: "GlanceRevisions", dependencies: ["MigrationEngine"], path: "alembic_equivalents"),
        .target(name: "LegacyScripts", dependencies: ["GlanceRevisions", "MigrationEngine", "DatabaseCore"], path: "legacy"),
        .target(name: "LegacyBridge", dependencies: ["LegacyScripts", "GlanceRevisions", "MigrationEngine", "DatabaseCore"]),
        .target(name: "GlanceData", dependencies: ["DatabaseCore"]),
        .target(name: "SchemaAudit", dependencies: ["LegacyBridge", "LegacyScripts", "GlanceRevisions", "MigrationEngine", "DatabaseCore"]),
        .target(name: "GlanceManageCore", dependencies: [
            "GlanceData", "SchemaAudit", "LegacyBridge", "GlanceRevisions", "MigrationEngine", "DatabaseCore", "DatabaseDrivers",
            // Only MigrationLock.swift and Backup.swift still name a driver; they move behind `Database` next.
            "SQLiteDriver", "PostgresDriver", "MySQLDriver",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "GlanceManage", dependencies: ["GlanceManageCore"]),
        // The benchmark harness runs the built glance-manage as a subprocess; nothing depends on it.
        .executableTarget(name: "GlanceBench", dependencies: ["DatabaseCore", "SQLiteDriver", "PostgresDriver", "MySQLDriver"],
                          path: "Benchmarks",
                          exclude: ["floor"]),
        .testTarget(name: "DatabaseCoreTests", dependencies: ["DatabaseCore", "SQLiteDriver", "PostgresDriver", "MySQLDriver",
                                                     "TestSupport"]),
        .testTarget(name: "MigrationEngineTests", dependencies: ["MigrationEngine", "DatabaseCore", "TestSupport"]),
        .testTarget(name: "GlanceRevisionsTests", dependencies: ["GlanceRevisions", "MigrationEngine", "DatabaseCore", "TestSupport"]),
        .testTarget(name: "LegacyBridgeTests", dependencies: ["LegacyBridge", "LegacyScripts", "GlanceRevisions", "MigrationEngine", "DatabaseCore", "TestSupport"]),
        .testTarget(name: "GlanceDataTests", dependencies: ["GlanceData", "DatabaseCore", "GlanceRevisions", "MigrationEngine", "TestSupport"]),
        .testTarget(name: "SchemaAuditTests", dependencies: ["SchemaAudit", "LegacyBridge", "LegacyScripts", "DatabaseCore", "TestSupport"]),
        .testTarget(name: "GlanceManageTests", dependencies: ["GlanceManageCore", "TestSupport"]),
        .target(name: "TestSupport", dependencies: ["DatabaseCore", "SQLiteDriver", "PostgresDriver", "MySQLDriver"],
                path: "Tests/TestSupport"),
    ]
)
