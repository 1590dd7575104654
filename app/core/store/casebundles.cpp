// SPDX-License-Identifier: GPL-3.0-or-later
// CaseStore: stored bundles, their files and blobs.
#include "evidence/authorization.h"
#include "store/casestore.h"

#include <QJsonDocument>

namespace capaudit {

namespace {

constexpr const char* kSelectBundles =
    "SELECT b.id, b.digest, b.source_path, b.kind, p.name, b.meter, b.verdict, b.verdict_json, b.predicate_json, "
    "b.signer_subject, b.signer_fingerprint, b.signer_algorithm, b.signing_time, b.period_start, b.period_end, "
    "b.resolution, b.imported_at, b.import_seq, b.row_count, b.rows_digest "
    "FROM bundles b JOIN providers p ON p.id = b.provider WHERE ?1 IS NULL OR b.digest = ?1 ORDER BY b.id";

StoredBundle bundleFromRow(const sql::Statement& row)
{
    StoredBundle b;
    b.id = row.int64(0);
    b.digest = row.text(1);
    b.sourcePath = row.text(2);
    b.kind = bundleKindFromName(row.text(3));
    b.provider = row.text(4);
    b.claimedMeter = row.text(5);
    b.verdict = verdictFromName(row.text(6));
    b.details = Verdict::fromJson(QJsonDocument::fromJson(row.blobView(7).toByteArray()).object());
    // The statement's word on who metered is believed only when its signer was authorized to say it.
    b.details.verdict = b.verdict;
    b.meter = authorizedMeter(b.claimedMeter, b.details);
    b.predicate = QJsonDocument::fromJson(row.blobView(8).toByteArray()).object();
    b.signerSubject = row.text(9);
    if (b.signerSubject.isEmpty()) // keyless signers: shown by SAN and OIDC issuer (the column keeps the DN)
        b.signerSubject = b.details.signer.displayName();
    b.signerFingerprint = row.text(10);
    b.signerAlgorithm = row.text(11);
    b.signingTime = row.text(12);
    b.period = { row.isNull(13) ? 0 : row.int64(13), row.isNull(14) ? 0 : row.int64(14) };
    b.resolutionSeconds = row.isNull(15) ? 0 : row.int64(15);
    b.importedAt = row.text(16);
    b.importSeq = row.int64(17);
    b.rowCount = row.int64(18);
    b.rowsDigest = row.text(19);
    return b;
}

Result<QList<StoredBundle>> selectBundles(sql::Database& db, const QString& digest)
{
    sql::Statement* select = db.prepare(kSelectBundles);
    if (!select)
        return db.lastError();
    select->bind(1, digest);
    QList<StoredBundle> out;
    while (select->next())
        out.append(bundleFromRow(*select));
    if (select->failed())
        return select->error();
    return out;
}

} // namespace

Result<QList<StoredBundle>> CaseStore::bundles()
{
    return selectBundles(m_db, QString());
}

Result<std::optional<StoredBundle>> CaseStore::bundleByDigest(const QString& digest)
{
    Result<QList<StoredBundle>> found = selectBundles(m_db, digest.isNull() ? QStringLiteral("") : digest);
    if (!found)
        return found.error();
    if (found->isEmpty())
        return std::optional<StoredBundle>();
    return std::optional<StoredBundle>(found->first());
}

Result<QList<BundleFileRef>> CaseStore::bundleFiles(qint64 bundleId)
{
    sql::Statement* select = m_db.prepare("SELECT f.path, b.id, b.sha256, b.size FROM bundle_files f "
                                          "JOIN blobs b ON b.id = f.blob WHERE f.bundle = ? ORDER BY f.path");
    if (!select)
        return m_db.lastError();
    select->bind(1, bundleId);
    QList<BundleFileRef> out;
    while (select->next())
        out.append({ select->text(0), select->int64(1), select->text(2), select->int64(3) });
    if (select->failed())
        return select->error();
    return out;
}

Status CaseStore::readBlob(qint64 blobId, const std::function<Status(QByteArrayView)>& write)
{
    // A private statement: WRITE may itself query the case.
    std::unique_ptr<sql::Statement> select =
        m_db.prepareOnce(QStringLiteral("SELECT chunk, bytes FROM blob_chunks WHERE blob = ? ORDER BY chunk"));
    if (!select)
        return m_db.lastError();
    select->bind(1, blobId);
    qint64 expected = 0;
    while (select->next()) {
        if (select->int64(0) != expected)
            return Error(m_db.path(), 0, QStringLiteral("blob_chunks"),
                QStringLiteral("blob %1: chunk %2 missing").arg(blobId).arg(expected));
        ++expected;
        if (Status s = write(select->blobView(1)); !s)
            return s;
    }
    if (select->failed())
        return select->error();
    return {};
}

} // namespace capaudit
