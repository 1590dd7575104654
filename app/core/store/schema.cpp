// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/schema.h"

#include "store/scopemigration.h"
#include "store/sqlitedb.h"

#include <QDateTime>

#include <string_view>

namespace capaudit::schema {

namespace {

struct Migration {
    int version;
    const char* description;
    const char* sql;
};

// Version 1: the whole case file. Rows that are evidence reference the bundle they came from; "seq" columns keep the
// order in which the importer produced them, which is the order the rows digest is computed in.
constexpr const char* kSchemaV1 = R"SQL(
CREATE TABLE schema_migrations (
    version     INTEGER PRIMARY KEY,
    description TEXT NOT NULL,
    applied_at  TEXT NOT NULL
);
CREATE TABLE case_info (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    case_uuid  TEXT NOT NULL,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE audit_trail (
    seq       INTEGER PRIMARY KEY,
    time      TEXT NOT NULL,
    os_user   TEXT NOT NULL,
    action    TEXT NOT NULL,
    details   TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE TABLE trust_anchors (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    label       TEXT NOT NULL,
    role        TEXT NOT NULL,
    origin      TEXT NOT NULL,
    subject     TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    content     BLOB NOT NULL,
    added_seq   INTEGER NOT NULL REFERENCES audit_trail(seq)
);
CREATE TABLE trust_anchor_removals (
    anchor      INTEGER PRIMARY KEY REFERENCES trust_anchors(id),
    removed_seq INTEGER NOT NULL REFERENCES audit_trail(seq)
);
CREATE TABLE blobs (
    id     INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    size   INTEGER NOT NULL
);
CREATE TABLE blob_chunks (
    blob  INTEGER NOT NULL REFERENCES blobs(id),
    chunk INTEGER NOT NULL,
    bytes BLOB NOT NULL,
    PRIMARY KEY (blob, chunk)
);
CREATE TABLE providers (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE resource_classes (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE tenants (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
INSERT INTO tenants (id, name) VALUES (0, '');
CREATE TABLE nodes (
    id       INTEGER PRIMARY KEY,
    provider INTEGER NOT NULL REFERENCES providers(id),
    name     TEXT NOT NULL,
    UNIQUE (provider, name)
);
CREATE TABLE bundles (
    id                 INTEGER PRIMARY KEY,
    digest             TEXT NOT NULL UNIQUE,
    source_path        TEXT NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('telemetry', 'attestation', 'billing')),
    provider           INTEGER NOT NULL REFERENCES providers(id),
    meter              TEXT NOT NULL,
    verdict            TEXT NOT NULL CHECK (verdict IN ('verified', 'untrusted')),
    untrusted          INTEGER GENERATED ALWAYS AS (verdict = 'untrusted') VIRTUAL,
    verdict_json       TEXT NOT NULL,
    predicate_type     TEXT NOT NULL,
    predicate_json     TEXT NOT NULL,
    signer_subject     TEXT NOT NULL,
    signer_fingerprint TEXT NOT NULL,
    signer_algorithm   TEXT NOT NULL,
    signing_time       TEXT NOT NULL,
    period_start       INTEGER,
    period_end         INTEGER,
    resolution         INTEGER,
    imported_at        TEXT NOT NULL,
    import_seq         INTEGER NOT NULL REFERENCES audit_trail(seq),
    row_count          INTEGER NOT NULL,
    rows_digest        TEXT NOT NULL
);
CREATE TABLE bundle_files (
    bundle INTEGER NOT NULL REFERENCES bundles(id) DEFERRABLE INITIALLY DEFERRED,
    path   TEXT NOT NULL,
    blob   INTEGER NOT NULL REFERENCES blobs(id),
    PRIMARY KEY (bundle, path)
) WITHOUT ROWID;
CREATE TABLE samples (
    bundle    INTEGER NOT NULL,
    seq       INTEGER NOT NULL,
    payload   INTEGER NOT NULL,
    line      INTEGER NOT NULL,
    time      INTEGER NOT NULL,
    provider  INTEGER NOT NULL,
    node      INTEGER NOT NULL,
    resource  INTEGER NOT NULL,
    tenant    INTEGER NOT NULL,
    allocated REAL,
    used      REAL,
    capacity  REAL,
    state     INTEGER NOT NULL,
    PRIMARY KEY (bundle, seq)
) WITHOUT ROWID;
CREATE TABLE billing_records (
    bundle              INTEGER NOT NULL REFERENCES bundles(id) DEFERRABLE INITIALLY DEFERRED,
    seq                 INTEGER NOT NULL,
    payload             INTEGER NOT NULL,
    line                INTEGER NOT NULL,
    provider            INTEGER NOT NULL REFERENCES providers(id),
    resource            INTEGER REFERENCES resource_classes(id),
    tenant              INTEGER REFERENCES tenants(id),
    charge_period_start INTEGER NOT NULL,
    charge_period_end   INTEGER NOT NULL,
    charge_category     TEXT NOT NULL,
    billed_cost         REAL NOT NULL,
    effective_cost      REAL NOT NULL,
    consumed_quantity   REAL,
    consumed_unit       TEXT NOT NULL,
    currency            TEXT NOT NULL,
    record_json         TEXT NOT NULL,
    PRIMARY KEY (bundle, seq)
) WITHOUT ROWID;
CREATE INDEX billing_by_period ON billing_records (provider, charge_period_start);
CREATE TABLE attestation_contracts (
    bundle                INTEGER PRIMARY KEY REFERENCES bundles(id) DEFERRABLE INITIALLY DEFERRED,
    provider              INTEGER NOT NULL REFERENCES providers(id),
    contract_id           TEXT NOT NULL,
    buyer                 TEXT NOT NULL,
    currency              TEXT NOT NULL,
    period_start          INTEGER NOT NULL,
    period_end            INTEGER NOT NULL,
    allowed_jurisdictions TEXT NOT NULL
);
CREATE TABLE attestation_sla (
    bundle                 INTEGER PRIMARY KEY REFERENCES bundles(id) DEFERRABLE INITIALLY DEFERRED,
    availability_target    REAL NOT NULL,
    measurement_window     INTEGER NOT NULL,
    credit_percent         REAL NOT NULL
);
CREATE TABLE attestation_tenants (
    bundle INTEGER NOT NULL REFERENCES bundles(id) DEFERRABLE INITIALLY DEFERRED,
    seq    INTEGER NOT NULL,
    tenant INTEGER NOT NULL REFERENCES tenants(id),
    name   TEXT NOT NULL,
    PRIMARY KEY (bundle, seq)
) WITHOUT ROWID;
CREATE TABLE attestation_commitments (
    bundle           INTEGER NOT NULL REFERENCES bundles(id) DEFERRABLE INITIALLY DEFERRED,
    seq              INTEGER NOT NULL,
    provider         INTEGER NOT NULL REFERENCES providers(id),
    resource         INTEGER NOT NULL REFERENCES resource_classes(id),
    region           TEXT NOT NULL,
    unit             TEXT NOT NULL,
    quantity         REAL NOT NULL,
    overcommit_limit REAL NOT NULL,
    period_start     INTEGER NOT NULL,
    period_end       INTEGER NOT NULL,
    PRIMARY KEY (bundle, seq)
) WITHOUT ROWID;
CREATE TABLE attestation_nodes (
    bundle         INTEGER NOT NULL REFERENCES bundles(id) DEFERRABLE INITIALLY DEFERRED,
    seq            INTEGER NOT NULL,
    node           INTEGER NOT NULL REFERENCES nodes(id),
    hardware_class TEXT NOT NULL,
    region         TEXT NOT NULL,
    jurisdiction   TEXT NOT NULL,
    capacity       TEXT NOT NULL,
    PRIMARY KEY (bundle, seq)
) WITHOUT ROWID;
CREATE TABLE attestation_prices (
    bundle   INTEGER NOT NULL REFERENCES bundles(id) DEFERRABLE INITIALLY DEFERRED,
    seq      INTEGER NOT NULL,
    resource INTEGER NOT NULL REFERENCES resource_classes(id),
    unit     TEXT NOT NULL,
    price    REAL NOT NULL,
    currency TEXT NOT NULL,
    PRIMARY KEY (bundle, seq)
) WITHOUT ROWID;
CREATE TABLE rollups (
    level         INTEGER NOT NULL,
    provider      INTEGER NOT NULL,
    resource      INTEGER NOT NULL,
    bucket        INTEGER NOT NULL,
    tenant        INTEGER NOT NULL,
    bundle        INTEGER NOT NULL REFERENCES bundles(id) DEFERRABLE INITIALLY DEFERRED,
    samples       INTEGER NOT NULL,
    steps         INTEGER NOT NULL,
    sum_allocated REAL,
    sum_used      REAL,
    sum_capacity  REAL,
    max_allocated REAL,
    max_used      REAL,
    max_capacity  REAL,
    PRIMARY KEY (level, provider, resource, bucket, tenant, bundle)
) WITHOUT ROWID;
CREATE INDEX rollups_by_bundle ON rollups (bundle);
CREATE TABLE coverage (
    level    INTEGER NOT NULL,
    provider INTEGER NOT NULL,
    bucket   INTEGER NOT NULL,
    bundle    INTEGER NOT NULL REFERENCES bundles(id) DEFERRABLE INITIALLY DEFERRED,
    steps     INTEGER NOT NULL,
    first_seq INTEGER NOT NULL,
    last_seq  INTEGER NOT NULL,
    PRIMARY KEY (level, provider, bucket, bundle)
) WITHOUT ROWID;
CREATE INDEX coverage_by_bundle ON coverage (bundle);
)SQL";

// Version 2: reviewer documents (applied policy, comparison weights, what-if scenarios). Versions are appended, never
// rewritten, so the trail entry of each save keeps pointing at the exact content it describes.
constexpr const char* kSchemaV2 = R"SQL(
CREATE TABLE case_documents (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL CHECK (kind IN ('policy', 'weights', 'scenario')),
    name      TEXT NOT NULL,
    content   TEXT NOT NULL,
    digest    TEXT NOT NULL,
    saved_at  TEXT NOT NULL,
    trail_seq INTEGER NOT NULL REFERENCES audit_trail(seq)
);
CREATE INDEX case_documents_by_kind ON case_documents (kind, name, id);
CREATE TRIGGER case_documents_no_update BEFORE UPDATE ON case_documents
BEGIN SELECT RAISE(ABORT, 'case_documents is append-only: UPDATE refused'); END;
CREATE TRIGGER case_documents_no_delete BEFORE DELETE ON case_documents
BEGIN SELECT RAISE(ABORT, 'case_documents is append-only: DELETE refused'); END;
)SQL";

// Version 3: per node, class, payload and hour aggregates of telemetry, written at import, so the compliance checks
// need not decode every raw sample. Derived like the rollups, so append-only too and rebuilt by verify-case. A bundle
// imported before version 3 has no row in node_hours_built; the check then reads its raw samples.
constexpr const char* kSchemaV3 = R"SQL(
CREATE TABLE node_hours (
    bundle             INTEGER NOT NULL REFERENCES bundles(id) DEFERRABLE INITIALLY DEFERRED,
    payload            INTEGER NOT NULL,
    node               INTEGER NOT NULL,
    resource           INTEGER NOT NULL,
    hour               INTEGER NOT NULL,
    rows               INTEGER NOT NULL,
    first_seq          INTEGER NOT NULL,
    last_seq           INTEGER NOT NULL,
    min_time           INTEGER NOT NULL,
    max_time           INTEGER NOT NULL,
    sum_allocated      REAL,
    node_steps         INTEGER NOT NULL,
    node_first         INTEGER NOT NULL,
    node_first_seq     INTEGER NOT NULL,
    node_last          INTEGER NOT NULL,
    node_last_seq      INTEGER NOT NULL,
    spacing            INTEGER NOT NULL,
    state              INTEGER NOT NULL,
    capacity           REAL,
    max_step_allocated REAL,
    regular            INTEGER NOT NULL,
    PRIMARY KEY (bundle, payload, node, resource, hour)
) WITHOUT ROWID;
CREATE TABLE node_hours_built (
    bundle INTEGER PRIMARY KEY REFERENCES bundles(id) DEFERRABLE INITIALLY DEFERRED
);
)SQL";

// Version 4: who may say what. Each trust anchor gets a scope (a JSON array of the provider names it may speak for)
// and an optional keyless signer identity (Fulcio SAN and OIDC issuer). An anchor's scope changes only by removing it
// and adding it again, both recorded in the trail. Anchors of an older case get the scope inferred from the bundles
// imported under them (store/scopemigration.h), recorded in the trail as a migration entry.
constexpr const char* kSchemaV4 = R"SQL(
ALTER TABLE trust_anchors ADD COLUMN providers TEXT NOT NULL DEFAULT '[]';
ALTER TABLE trust_anchors ADD COLUMN identity_san TEXT NOT NULL DEFAULT '';
ALTER TABLE trust_anchors ADD COLUMN identity_issuer TEXT NOT NULL DEFAULT '';
)SQL";

// Version 5: transparency-log history. Every checkpoint a verified bundle carried (its signed note as carried, so
// verify-case can re-derive each row from the stored bundle files) and every consistency proof, per log origin, so
// the log's history can be judged across bundles (evidence.log-consistency). Self-contained: renumbering it only
// changes the version in kMigrations and kFirstV5Table's neighbours.
constexpr const char* kSchemaV5 = R"SQL(
CREATE TABLE tlog_checkpoints (
    bundle    INTEGER NOT NULL REFERENCES bundles(id) DEFERRABLE INITIALLY DEFERRED,
    seq       INTEGER NOT NULL,
    origin    TEXT NOT NULL,
    tree_size INTEGER NOT NULL,
    root_hash TEXT NOT NULL,
    note      TEXT NOT NULL,
    file      TEXT NOT NULL,
    PRIMARY KEY (bundle, seq)
) WITHOUT ROWID;
CREATE INDEX tlog_checkpoints_by_origin ON tlog_checkpoints (origin, tree_size);
CREATE TABLE tlog_consistency (
    bundle    INTEGER NOT NULL REFERENCES bundles(id) DEFERRABLE INITIALLY DEFERRED,
    seq       INTEGER NOT NULL,
    origin    TEXT NOT NULL,
    from_size INTEGER NOT NULL,
    from_root TEXT NOT NULL,
    to_size   INTEGER NOT NULL,
    to_root   TEXT NOT NULL,
    hashes    TEXT NOT NULL,
    file      TEXT NOT NULL,
    PRIMARY KEY (bundle, seq)
) WITHOUT ROWID;
CREATE INDEX tlog_consistency_by_origin ON tlog_consistency (origin, to_size);
)SQL";

// Version 6: invoice evidence (issue 18). An EN 16931 invoice bundle is a fourth kind, so the bundles table is rebuilt
// with the widened kind CHECK (SQLite cannot alter a CHECK in place, and the defensive connection forbids editing
// sqlite_master); rows and ids are copied unchanged, the append-only triggers re-created. Self-contained: it touches
// nothing but bundles and its own two tables, so another step can be ordered before or after it.
constexpr const char* kSchemaV6 = R"SQL(
CREATE TEMP TABLE bundles_v4 AS SELECT id, digest, source_path, kind, provider, meter, verdict, verdict_json,
    predicate_type, predicate_json, signer_subject, signer_fingerprint, signer_algorithm, signing_time, period_start,
    period_end, resolution, imported_at, import_seq, row_count, rows_digest FROM main.bundles;
DROP TABLE main.bundles;
CREATE TABLE bundles (
    id                 INTEGER PRIMARY KEY,
    digest             TEXT NOT NULL UNIQUE,
    source_path        TEXT NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('telemetry', 'attestation', 'billing', 'invoice')),
    provider           INTEGER NOT NULL REFERENCES providers(id),
    meter              TEXT NOT NULL,
    verdict            TEXT NOT NULL CHECK (verdict IN ('verified', 'untrusted')),
    untrusted          INTEGER GENERATED ALWAYS AS (verdict = 'untrusted') VIRTUAL,
    verdict_json       TEXT NOT NULL,
    predicate_type     TEXT NOT NULL,
    predicate_json     TEXT NOT NULL,
    signer_subject     TEXT NOT NULL,
    signer_fingerprint TEXT NOT NULL,
    signer_algorithm   TEXT NOT NULL,
    signing_time       TEXT NOT NULL,
    period_start       INTEGER,
    period_end         INTEGER,
    resolution         INTEGER,
    imported_at        TEXT NOT NULL,
    import_seq         INTEGER NOT NULL REFERENCES audit_trail(seq),
    row_count          INTEGER NOT NULL,
    rows_digest        TEXT NOT NULL
);
INSERT INTO main.bundles (id, digest, source_path, kind, provider, meter, verdict, verdict_json, predicate_type,
    predicate_json, signer_subject, signer_fingerprint, signer_algorithm, signing_time, period_start, period_end,
    resolution, imported_at, import_seq, row_count, rows_digest) SELECT * FROM temp.bundles_v4 ORDER BY id;
DROP TABLE temp.bundles_v4;
CREATE TABLE invoices (
    bundle          INTEGER NOT NULL REFERENCES bundles(id) DEFERRABLE INITIALLY DEFERRED,
    seq             INTEGER NOT NULL,
    provider        INTEGER NOT NULL REFERENCES providers(id),
    path            TEXT NOT NULL,
    syntax          TEXT NOT NULL,
    invoice_id      TEXT NOT NULL,
    type_code       TEXT NOT NULL,
    credit_note     INTEGER NOT NULL,
    issue_date      INTEGER NOT NULL,
    currency        TEXT NOT NULL,
    period_start    INTEGER,
    period_end      INTEGER,
    seller          TEXT NOT NULL,
    buyer           TEXT NOT NULL,
    line_total      REAL NOT NULL,
    tax_exclusive   REAL NOT NULL,
    tax_total       REAL,
    tax_inclusive   REAL NOT NULL,
    payable         REAL NOT NULL,
    document_json   TEXT NOT NULL,
    PRIMARY KEY (bundle, seq)
) WITHOUT ROWID;
CREATE TABLE invoice_lines (
    bundle        INTEGER NOT NULL REFERENCES bundles(id) DEFERRABLE INITIALLY DEFERRED,
    seq           INTEGER NOT NULL,
    invoice       INTEGER NOT NULL,
    source_line   INTEGER NOT NULL,
    line_id       TEXT NOT NULL,
    item          TEXT NOT NULL,
    resource      INTEGER REFERENCES resource_classes(id),
    tenant        INTEGER REFERENCES tenants(id),
    quantity      REAL NOT NULL,
    unit_code     TEXT NOT NULL,
    price         REAL NOT NULL,
    line_amount   REAL NOT NULL,
    period_start  INTEGER,
    period_end    INTEGER,
    PRIMARY KEY (bundle, seq)
) WITHOUT ROWID;
CREATE INDEX invoices_by_provider ON invoices (provider, period_start);
)SQL";

// Version 7: compressed evidence bytes (issue 15). A chunk is stored zstd-compressed (codec 1) or raw (codec 0: the
// rows of older cases, and chunks compression would not shrink); raw_size is the chunk's length before compression,
// which a reader checks the frame against before it allocates anything. Rows written before version 7 keep codec 0
// and a NULL raw_size (their length is the stored length): evidence is never rewritten, so nothing is recompressed.
constexpr const char* kSchemaV7 = R"SQL(
ALTER TABLE blob_chunks ADD COLUMN codec INTEGER NOT NULL DEFAULT 0;
ALTER TABLE blob_chunks ADD COLUMN raw_size INTEGER;
)SQL";

// Version 8: samples in compressed column blocks (issue 15; docs/case-file.md "Sample blocks"). One row per up to
// 8,192 consecutive samples of a bundle instead of one row per sample (no foreign key, as samples: blocks are written
// before their bundle row; verify-case names orphans): a rowid table, because its rows are tens of
// kilobytes, with the key a reader looks blocks up by as a unique index. The samples table stays for cases imported
// before; `case upgrade` moves their rows into blocks.
constexpr const char* kSchemaV8 = R"SQL(
CREATE TABLE sample_blocks (
    id        INTEGER PRIMARY KEY,
    bundle    INTEGER NOT NULL,
    first_seq INTEGER NOT NULL,
    last_seq  INTEGER NOT NULL,
    codec     INTEGER NOT NULL,
    raw_size  INTEGER NOT NULL,
    bytes     BLOB NOT NULL
);
CREATE UNIQUE INDEX sample_blocks_by_seq ON sample_blocks (bundle, first_seq);
)SQL";

// Evidence is append-only; the trail records every change, so nothing here may be rewritten or removed.
constexpr const char* kEvidenceTables[] = { "case_info", "audit_trail", "trust_anchors", "trust_anchor_removals",
    "blobs", "blob_chunks", "providers", "resource_classes", "tenants", "nodes", "bundles", "bundle_files", "samples",
    "billing_records", "attestation_contracts", "attestation_sla", "attestation_tenants", "attestation_commitments",
    "attestation_nodes", "attestation_prices", "rollups", "coverage", "node_hours", "node_hours_built",
    "tlog_checkpoints", "tlog_consistency", "invoices", "invoice_lines", "sample_blocks", nullptr };
constexpr int kFirstV3Table = 22; // the tables from here on are created by migration 3
static_assert(std::string_view(kEvidenceTables[kFirstV3Table]) == "node_hours");
constexpr int kFirstV5Table = 24; // and from here on by migration 5
static_assert(std::string_view(kEvidenceTables[kFirstV5Table]) == "tlog_checkpoints");
constexpr int kFirstV6Table = 26; // and from here on by migration 6
static_assert(std::string_view(kEvidenceTables[kFirstV6Table]) == "invoices");
constexpr int kFirstV8Table = 28; // and from here on by migration 8
static_assert(std::string_view(kEvidenceTables[kFirstV8Table]) == "sample_blocks");
constexpr int kBundlesTable = 10; // re-created by migration 6
static_assert(std::string_view(kEvidenceTables[kBundlesTable]) == "bundles");

QString evidenceTriggers(int from, int to)
{
    QString sql;
    for (const char* const* table = kEvidenceTables + from; *table && table < kEvidenceTables + to; ++table)
        for (const char* op : { "UPDATE", "DELETE" })
            sql += evidenceTrigger(QString::fromLatin1(*table), QString::fromLatin1(op));
    return sql;
}

} // namespace

QString evidenceTrigger(const QString& table, const QString& verb)
{
    return QStringLiteral("CREATE TRIGGER %1_no_%2 BEFORE %3 ON %1 BEGIN SELECT RAISE(ABORT, "
                          "'%1 is append-only evidence: %4 refused'); END;\n")
        .arg(table, verb.toLower(), verb, verb);
}

namespace {

const Migration kMigrations[] = {
    { 1, "case file schema: evidence, dictionaries, rows, rollups, audit trail", kSchemaV1 },
    { 2, "reviewer documents: policies, comparison weights, scenarios", kSchemaV2 },
    { 3, "node-hour aggregates of telemetry for the compliance checks", kSchemaV3 },
    { 4, "trust anchor scopes and signer identities (who may say what)", kSchemaV4 },
    { 5, "transparency-log history: checkpoints and consistency proofs per log origin", kSchemaV5 },
    { 6, "invoice evidence: EN 16931 invoices and their lines", kSchemaV6 },
    { 7, "compressed evidence bytes: codec and raw length of each blob chunk", kSchemaV7 },
    { 8, "telemetry samples in compressed column blocks", kSchemaV8 },
};

Status applyMigrationStep(sql::Database& db, const Migration& migration)
{
    sql::Transaction transaction(db);
    if (!transaction.begun().ok())
        return transaction.begun().error();
    if (Status s = db.exec(migration.sql); !s)
        return s;
    if (migration.version == 3) {
        if (Status s = db.exec(evidenceTriggers(kFirstV3Table, kFirstV5Table)); !s)
            return s;
    }
    if (migration.version == 5) {
        if (Status s = db.exec(evidenceTriggers(kFirstV5Table, kFirstV6Table)); !s)
            return s;
    }
    if (migration.version == 6) {
        if (Status s = db.exec(evidenceTriggers(kBundlesTable, kBundlesTable + 1)); !s)
            return s;
        if (Status s = db.exec(evidenceTriggers(kFirstV6Table, kFirstV8Table)); !s)
            return s;
    }
    if (migration.version == 8) {
        if (Status s = db.exec(evidenceTriggers(kFirstV8Table, int(std::size(kEvidenceTables)))); !s)
            return s;
    }
    if (migration.version == 4) {
        if (Status s = inferAnchorScopes(db); !s)
            return s;
    }
    if (migration.version == 1) {
        if (Status s = db.exec(evidenceTriggers(0, kFirstV3Table)); !s)
            return s;
        if (Status s = db.exec(QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId)); !s)
            return s;
    }
    sql::Statement* record =
        db.prepare("INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)");
    if (!record)
        return db.lastError();
    record->bind(1, migration.version)
        .bind(2, QString::fromUtf8(migration.description))
        .bind(3, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    if (Status s = record->exec(); !s)
        return s;
    if (Status s = db.exec(QStringLiteral("PRAGMA user_version = %1").arg(migration.version)); !s)
        return s;
    return transaction.commit();
}

Status applyMigration(sql::Database& db, const Migration& migration)
{
    // Rebuilding a referenced table needs foreign keys off, which SQLite only accepts outside a transaction; the
    // copy keeps every id, so the references hold again when they are switched back on.
    if (migration.version != 6)
        return applyMigrationStep(db, migration);
    if (Status s = db.exec("PRAGMA foreign_keys = OFF"); !s)
        return s;
    const Status applied = applyMigrationStep(db, migration);
    const Status restored = db.exec("PRAGMA foreign_keys = ON");
    return applied ? restored : applied;
}

} // namespace

int currentVersion()
{
    return std::end(kMigrations)[-1].version;
}

const char* const* evidenceTables()
{
    return kEvidenceTables;
}

Status configureConnection(sql::Database& db)
{
    // WAL: readers (the GUI) never block the importer; synchronous=NORMAL is durable at checkpoints and never
    // corrupts, which is the guarantee a case needs (a crash may lose the last import, never half of one).
    return db.exec("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;"
                   "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;");
}

Status migrate(sql::Database& db)
{
    return migrateTo(db, currentVersion());
}

Status migrateTo(sql::Database& db, int target)
{
    Result<qint64> version = db.queryInt("PRAGMA user_version");
    if (!version)
        return version.error();
    if (*version > currentVersion())
        return Error(db.path(), 0, QStringLiteral("user_version"),
            QStringLiteral("case file schema version %1 is newer than this CapAudit (%2); upgrade CapAudit")
                .arg(*version)
                .arg(currentVersion()));
    for (const Migration& migration : kMigrations) {
        if (migration.version <= *version)
            continue;
        if (migration.version > target)
            break;
        if (Status s = applyMigration(db, migration); !s)
            return Error(db.path(), 0, QStringLiteral("migration %1").arg(migration.version), s.error().reason);
    }
    return {};
}

} // namespace capaudit::schema
