// SPDX-License-Identifier: GPL-3.0-or-later
#include "casefixture.h"

#include "crypto/certificatebuilder.h"
#include "evidence/bundlewriter.h"
#include "store/blobcodec.h"
#include "store/sampleblocks.h"
#include "store/schema.h"

#include <QDateTime>
#include <QDebug>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <sqlite3.h>

#include <algorithm>
#include <optional>

namespace capaudit::test {

namespace {

QString iso(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(Qt::ISODate);
}

QJsonObject period(qint64 start, qint64 end)
{
    return { { QStringLiteral("start"), iso(start) }, { QStringLiteral("end"), iso(end) } };
}

} // namespace

Pki makePki(const QString& name, const QString& provider)
{
    Pki pki;
    pki.rootKey = *crypto::PrivateKey::generate(crypto::KeyType::EcP256);
    pki.signerKey = *crypto::PrivateKey::generate(crypto::KeyType::EcP256);
    crypto::CertificateRequest root;
    root.commonName = name + QStringLiteral(" Root CA");
    root.isCa = true;
    root.keyCertSign = true;
    root.notBefore = QDateTime::fromSecsSinceEpoch(kStart - 86400 * 365, Qt::UTC);
    root.notAfter = QDateTime::fromSecsSinceEpoch(kStart + 86400 * 3650, Qt::UTC);
    pki.root = *crypto::issueCertificate(root, pki.rootKey.publicKey(), pki.rootKey);
    crypto::CertificateRequest signer;
    signer.commonName = name + QStringLiteral(" Meter");
    signer.notBefore = root.notBefore;
    signer.notAfter = root.notAfter;
    pki.signer = *crypto::issueCertificate(signer, pki.signerKey.publicKey(), pki.rootKey, pki.root);
    pki.anchor = *TrustStore::anchorFromBytes(name.toLower() + QStringLiteral("-root.pem"), pki.root.toPem(),
        name + QStringLiteral(" root"), QLatin1String(roles::kProvider));
    pki.anchor.providers = { provider };
    return pki;
}

QByteArray usageCsv(qint64 start, int steps, int nodes, int tenants)
{
    QByteArray csv = "time,node,resource_class,tenant,allocated,used,capacity,state\n";
    for (int s = 0; s < steps; ++s) {
        const QByteArray time = iso(start + s * kStep).toLatin1();
        for (int n = 0; n < nodes; ++n) {
            const QByteArray node = "node-" + QByteArray::number(n);
            csv += time + ',' + node + ",cpu,,,,64," + (s % 97 == 5 && n == 1 ? "down" : "up") + '\n';
            for (int t = 0; t < tenants; ++t) {
                const double allocated = 4 + (s * 7 + n * 3 + t) % 11;
                csv += time + ',' + node + ",cpu,tenant-" + QByteArray::number(t) + ',' + QByteArray::number(allocated)
                    + ',' + QByteArray::number(allocated * 0.75, 'f', 2) + ",,\n";
            }
        }
    }
    return csv;
}

QString writeTelemetry(const Pki& pki, const QString& out, const QString& provider, const QByteArray& csv, qint64 start,
    int steps, const QDateTime& signedAt, const QString& meter, qint64 resolution)
{
    BundleSpec spec;
    spec.kind = BundleKind::Telemetry;
    spec.predicate = { { QStringLiteral("provider"), provider }, { QStringLiteral("meter"), meter },
        { QStringLiteral("period"), period(start, start + steps * kStep) },
        { QStringLiteral("resolutionSeconds"), resolution > 0 ? resolution : kStep },
        { QStringLiteral("payloads"),
            QJsonArray { QJsonObject { { QStringLiteral("path"), QStringLiteral("data/usage.csv") },
                { QStringLiteral("format"), QStringLiteral("capaudit-usage-csv/v1") } } } } };
    spec.files = { { QStringLiteral("usage.csv"), csv } };
    spec.key = pki.signerKey;
    spec.chain = { pki.signer };
    spec.signedAt = signedAt.isValid() ? signedAt : QDateTime::fromSecsSinceEpoch(kStart + 86400 * 40, Qt::UTC);
    const Status written = writeBundle(spec, out);
    if (!written)
        qWarning() << written.error().toString();
    return out;
}

QJsonObject attestationPredicate(const QString& provider)
{
    const QJsonObject contract { { QStringLiteral("id"), QStringLiteral("C-1") },
        { QStringLiteral("buyer"), QStringLiteral("Buyer GmbH") },
        { QStringLiteral("currency"), QStringLiteral("EUR") },
        { QStringLiteral("period"), period(kStart, kStart + 86400 * 31) },
        { QStringLiteral("allowedJurisdictions"), QJsonArray { QStringLiteral("DE") } } };
    return {
        { QStringLiteral("provider"), provider },
        { QStringLiteral("contract"), contract },
        { QStringLiteral("tenants"),
            QJsonArray { QJsonObject { { QStringLiteral("id"), QStringLiteral("tenant-0") },
                { QStringLiteral("name"), QStringLiteral("Research") } } } },
        { QStringLiteral("commitments"),
            QJsonArray { QJsonObject { { QStringLiteral("resourceClass"), QStringLiteral("cpu") },
                { QStringLiteral("region"), QStringLiteral("eu-central") },
                { QStringLiteral("unit"), QStringLiteral("cores") }, { QStringLiteral("quantity"), 100 },
                { QStringLiteral("overcommitLimit"), 1.25 } } } },
        { QStringLiteral("nodes"),
            QJsonArray { QJsonObject { { QStringLiteral("id"), QStringLiteral("node-0") },
                { QStringLiteral("hardwareClass"), QStringLiteral("cpu-epyc") },
                { QStringLiteral("region"), QStringLiteral("eu-central") },
                { QStringLiteral("jurisdiction"), QStringLiteral("DE") },
                { QStringLiteral("capacity"), QJsonObject { { QStringLiteral("cpu"), 64 } } } } } },
        { QStringLiteral("sla"),
            QJsonObject { { QStringLiteral("availabilityTarget"), 0.995 },
                { QStringLiteral("measurementWindow"), QStringLiteral("P30D") },
                { QStringLiteral("creditPercent"), 10 } } },
        { QStringLiteral("prices"),
            QJsonArray { QJsonObject { { QStringLiteral("resourceClass"), QStringLiteral("cpu") },
                { QStringLiteral("unit"), QStringLiteral("core-hour") }, { QStringLiteral("unitPrice"), 0.04 },
                { QStringLiteral("currency"), QStringLiteral("EUR") } } } },
    };
}

QString writeAttestation(const Pki& pki, const QString& out, const QString& provider)
{
    return writeAttestation(
        pki, out, attestationPredicate(provider), QDateTime::fromSecsSinceEpoch(kStart + 86400 * 2, Qt::UTC));
}

QString writeAttestation(const Pki& pki, const QString& out, const QJsonObject& predicate, const QDateTime& signedAt)
{
    BundleSpec spec;
    spec.kind = BundleKind::Attestation;
    spec.predicate = predicate;
    spec.files = { { QStringLiteral("contract.txt"), QByteArray("Master services agreement C-1\n") } };
    spec.key = pki.signerKey;
    spec.chain = { pki.signer };
    spec.signedAt = signedAt;
    const Status written = writeBundle(spec, out);
    if (!written)
        qWarning() << written.error().toString();
    return out;
}

QString listed(const QList<CaseProblem>& problems)
{
    QStringList out;
    for (const CaseProblem& p : problems)
        out.append(p.toString());
    return out.join(QLatin1Char('\n'));
}

bool names(const QList<CaseProblem>& problems, const QString& needle)
{
    return std::any_of(
        problems.cbegin(), problems.cend(), [&](const CaseProblem& p) { return p.toString().contains(needle); });
}

qint64 scalar(const QString& path, const QString& sql)
{
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* stmt = nullptr;
    qint64 value = -1;
    if (sqlite3_prepare_v2(db, sql.toUtf8().constData(), -1, &stmt, nullptr) == SQLITE_OK
        && sqlite3_step(stmt) == SQLITE_ROW)
        value = sqlite3_column_int64(stmt, 0);
    else
        qWarning() << "query failed:" << sql << sqlite3_errmsg(db);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
}

QString execSql(const QString& path, const QString& sql)
{
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr);
    char* message = nullptr;
    QString error;
    if (sqlite3_exec(db, sql.toUtf8().constData(), nullptr, nullptr, &message) != SQLITE_OK)
        error = QString::fromUtf8(message ? message : "error");
    sqlite3_free(message);
    sqlite3_close(db);
    return error;
}

QString dropTriggersSql()
{
    QString sql;
    for (const char* const* t = schema::evidenceTables(); *t; ++t)
        sql += QStringLiteral("DROP TRIGGER %1_no_update; DROP TRIGGER %1_no_delete;").arg(QLatin1String(*t));
    return sql;
}

void CaseFixture::initFixture()
{
    QVERIFY(m_dir.isValid());
    m_provider = makePki(QStringLiteral("Provider A"), QStringLiteral("provider-a"));
    m_stranger = makePki(QStringLiteral("Stranger"), QStringLiteral("provider-s"));
    m_csv = usageCsv(kStart, 300, 4, 3); // 300 steps x 4 nodes x (1 + 3) rows, spans two days
    m_bundle = writeTelemetry(
        m_provider, path(QStringLiteral("telemetry.tar.gz")), QStringLiteral("provider-a"), m_csv, kStart, 300);
    m_attestation = writeAttestation(m_provider, path(QStringLiteral("attestation")), QStringLiteral("provider-a"));
    m_untrusted = writeTelemetry(m_stranger, path(QStringLiteral("stranger")), QStringLiteral("provider-s"),
        usageCsv(kStart, 10, 1, 1), kStart, 10);
    m_tampered = writeTelemetry(m_provider, path(QStringLiteral("tampered")), QStringLiteral("provider-a"),
        usageCsv(kStart, 10, 1, 1), kStart, 10);
    QByteArray edited = usageCsv(kStart, 10, 1, 1);
    edited.replace(",up\n", ",down\n");
    QFile payload(m_tampered + QStringLiteral("/data/usage.csv"));
    QVERIFY(payload.open(QIODevice::WriteOnly));
    payload.write(edited);
    payload.close();
    QByteArray bad = usageCsv(kStart, 20, 2, 2);
    bad.insert(bad.indexOf('\n', 500) + 1, "2026-01-01T00:10:00Z,node-0,cpu,tenant-0,lots,1,,\n");
    m_badRow =
        writeTelemetry(m_provider, path(QStringLiteral("badrow")), QStringLiteral("provider-a"), bad, kStart, 20);
}

QString CaseFixture::path(const QString& name) const
{
    return m_dir.filePath(name);
}

std::unique_ptr<CaseStore> CaseFixture::newCase(const QString& name)
{
    Result<std::unique_ptr<CaseStore>> store =
        CaseStore::create(path(name), QStringLiteral("Test case"), { m_provider.anchor });
    if (!store)
        qWarning() << store.error().toString();
    return store ? std::move(store).value() : nullptr;
}

QString downgradeToVersion7(const QString& path)
{
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return QStringLiteral("cannot open %1").arg(path);
    }
    QString error;
    auto fail = [&](const QString& what) {
        if (error.isEmpty())
            error = what + QStringLiteral(": ") + QString::fromUtf8(sqlite3_errmsg(db));
    };
    if (sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK)
        fail(QStringLiteral("begin"));
    sqlite3_stmt* select = nullptr;
    sqlite3_stmt* insert = nullptr;
    if (sqlite3_prepare_v2(db,
            "SELECT bundle, first_seq, last_seq, codec, raw_size, bytes FROM sample_blocks ORDER BY bundle, first_seq",
            -1, &select, nullptr)
            != SQLITE_OK
        || sqlite3_prepare_v2(
               db, "INSERT INTO samples VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &insert, nullptr)
            != SQLITE_OK)
        fail(QStringLiteral("prepare"));
    std::vector<StoredSample> rows;
    QByteArray scratch;
    while (error.isEmpty() && sqlite3_step(select) == SQLITE_ROW) {
        const qint64 bundle = sqlite3_column_int64(select, 0);
        const QByteArrayView stored(
            static_cast<const char*>(sqlite3_column_blob(select, 5)), sqlite3_column_bytes(select, 5));
        Result<QByteArrayView> raw =
            blobcodec::decode(stored, sqlite3_column_int64(select, 3), sqlite3_column_int64(select, 4), scratch);
        if (!raw) {
            error = raw.error().reason;
            break;
        }
        if (Status s = sampleblocks::decode(
                *raw, bundle, sqlite3_column_int64(select, 1), sqlite3_column_int64(select, 2), rows);
            !s) {
            error = s.error().reason;
            break;
        }
        for (const StoredSample& r : rows) {
            const qint64 ints[] = { bundle, r.seq, r.payload, r.line, r.time, r.provider, r.node, r.resource,
                r.tenant };
            for (int i = 0; i < 9; ++i)
                sqlite3_bind_int64(insert, i + 1, ints[i]);
            const double reals[] = { r.allocated, r.used, r.capacity };
            for (int i = 0; i < 3; ++i) {
                if (isMissing(reals[i]))
                    sqlite3_bind_null(insert, 10 + i);
                else
                    sqlite3_bind_double(insert, 10 + i, reals[i]);
            }
            sqlite3_bind_int64(insert, 13, r.state);
            if (sqlite3_step(insert) != SQLITE_DONE)
                fail(QStringLiteral("insert"));
            sqlite3_reset(insert);
        }
    }
    sqlite3_finalize(select);
    sqlite3_finalize(insert);
    if (error.isEmpty()
        && sqlite3_exec(db,
               "DROP TABLE sample_blocks; DELETE FROM schema_migrations WHERE version >= 8; PRAGMA user_version = 7; "
               "COMMIT;",
               nullptr, nullptr, nullptr)
            != SQLITE_OK)
        fail(QStringLiteral("finish"));
    if (!error.isEmpty())
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return error;
}

QString rowLayoutCopy(const QString& path)
{
    static int counter = 0;
    const QString copy = path + QStringLiteral(".rows%1").arg(++counter);
    QFile::remove(copy);
    QString error = execSql(path, QStringLiteral("VACUUM INTO '%1'").arg(copy));
    if (error.isEmpty())
        error = downgradeToVersion7(copy);
    if (!error.isEmpty()) {
        qWarning() << "rowLayoutCopy" << path << error;
        return {};
    }
    return copy;
}

QString downgradeToVersion6(const QString& path)
{
    if (QString error = downgradeToVersion7(path); !error.isEmpty())
        return error;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return QStringLiteral("cannot open %1").arg(path);
    }
    QString error;
    auto fail = [&](const QString& what) {
        if (error.isEmpty())
            error = what + QStringLiteral(": ") + QString::fromUtf8(sqlite3_errmsg(db));
    };
    // Every chunk as version 6 stored it: its raw bytes.
    struct Chunk {
        qint64 blob, chunk;
        QByteArray raw;
    };
    QList<Chunk> chunks;
    sqlite3_stmt* select = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT blob, chunk, bytes, codec, raw_size FROM blob_chunks ORDER BY blob, chunk", -1,
            &select, nullptr)
        != SQLITE_OK)
        fail(QStringLiteral("select"));
    while (error.isEmpty() && sqlite3_step(select) == SQLITE_ROW) {
        const QByteArrayView stored(
            static_cast<const char*>(sqlite3_column_blob(select, 2)), sqlite3_column_bytes(select, 2));
        const std::optional<qint64> rawSize = sqlite3_column_type(select, 4) == SQLITE_NULL
            ? std::nullopt
            : std::optional<qint64>(sqlite3_column_int64(select, 4));
        QByteArray scratch;
        Result<QByteArrayView> raw = blobcodec::decode(stored, sqlite3_column_int64(select, 3), rawSize, scratch);
        if (!raw)
            error = raw.error().reason;
        else
            chunks.append({ sqlite3_column_int64(select, 0), sqlite3_column_int64(select, 1), raw->toByteArray() });
    }
    sqlite3_finalize(select);
    // The CREATE statement exactly as schema version 1 wrote it (the schema check compares it, whitespace aside).
    const QString rebuild = QStringLiteral(R"SQL(
BEGIN;
DROP TABLE blob_chunks;
CREATE TABLE blob_chunks (
    blob  INTEGER NOT NULL REFERENCES blobs(id),
    chunk INTEGER NOT NULL,
    bytes BLOB NOT NULL,
    PRIMARY KEY (blob, chunk)
);
)SQL");
    if (error.isEmpty() && sqlite3_exec(db, rebuild.toUtf8().constData(), nullptr, nullptr, nullptr) != SQLITE_OK)
        fail(QStringLiteral("rebuild"));
    sqlite3_stmt* insert = nullptr;
    if (error.isEmpty()
        && sqlite3_prepare_v2(db, "INSERT INTO blob_chunks (blob, chunk, bytes) VALUES (?, ?, ?)", -1, &insert, nullptr)
            != SQLITE_OK)
        fail(QStringLiteral("insert"));
    for (const Chunk& c : std::as_const(chunks)) {
        if (!error.isEmpty())
            break;
        sqlite3_bind_int64(insert, 1, c.blob);
        sqlite3_bind_int64(insert, 2, c.chunk);
        sqlite3_bind_blob(insert, 3, c.raw.constData(), int(c.raw.size()), SQLITE_TRANSIENT);
        if (sqlite3_step(insert) != SQLITE_DONE)
            fail(QStringLiteral("insert"));
        sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    const QString finish = schema::evidenceTrigger(QStringLiteral("blob_chunks"), QStringLiteral("UPDATE"))
        + schema::evidenceTrigger(QStringLiteral("blob_chunks"), QStringLiteral("DELETE"))
        + QStringLiteral("DELETE FROM schema_migrations WHERE version >= 7; PRAGMA user_version = 6; COMMIT;");
    if (error.isEmpty() && sqlite3_exec(db, finish.toUtf8().constData(), nullptr, nullptr, nullptr) != SQLITE_OK)
        fail(QStringLiteral("finish"));
    if (!error.isEmpty())
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return error;
}

QString downgradeToVersion4Sql()
{
    const QString columns = QStringLiteral(
        "id, digest, source_path, kind, provider, meter, verdict, verdict_json, predicate_type, predicate_json, "
        "signer_subject, signer_fingerprint, signer_algorithm, signing_time, period_start, period_end, resolution, "
        "imported_at, import_seq, row_count, rows_digest");
    // The CREATE statement exactly as schema version 1 wrote it (the schema check compares it, whitespace aside).
    const QString bundlesV1 = QStringLiteral(R"SQL(
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
)SQL");
    return QStringLiteral("DROP TABLE invoice_lines; DROP TABLE invoices; DROP TABLE tlog_checkpoints; "
                          "DROP TABLE tlog_consistency;"
                          "CREATE TEMP TABLE bundles_v5 AS SELECT %1 FROM main.bundles;"
                          "DROP TABLE main.bundles;")
               .arg(columns)
        + bundlesV1
        + QStringLiteral("INSERT INTO main.bundles (%1) SELECT %1 FROM temp.bundles_v5; DROP TABLE temp.bundles_v5;")
              .arg(columns)
        + schema::evidenceTrigger(QStringLiteral("bundles"), QStringLiteral("UPDATE"))
        + schema::evidenceTrigger(QStringLiteral("bundles"), QStringLiteral("DELETE"))
        + QStringLiteral("DELETE FROM schema_migrations WHERE version >= 5; PRAGMA user_version = 4;");
}

} // namespace capaudit::test
