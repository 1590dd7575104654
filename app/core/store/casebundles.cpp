// SPDX-License-Identifier: GPL-3.0-or-later
// CaseStore: stored bundles, their files and blobs.
#include "crypto/digest.h"
#include "evidence/authorization.h"
#include "store/blobcodec.h"
#include "store/casestore.h"

#include <QJsonDocument>

#include <optional>

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

namespace {

struct BlobRow {
    QString sha256; // hex
    qint64 size = 0;
    QString name; // for messages: "usage.csv (blob 7)"
};

Error blobFailure(const sql::Database& db, const BlobRow& blob, const QString& reason)
{
    return Error(db.path(), 0, QStringLiteral("blob_chunks"), blob.name + QStringLiteral(": ") + reason);
}

Result<BlobRow> blobRow(sql::Database& db, qint64 blobId, const QString& fileName)
{
    BlobRow row;
    row.name = fileName.isEmpty() ? QStringLiteral("blob %1").arg(blobId)
                                  : QStringLiteral("%1 (blob %2)").arg(fileName, QString::number(blobId));
    sql::Statement* blob = db.prepare("SELECT sha256, size FROM blobs WHERE id = ?");
    if (!blob)
        return db.lastError();
    blob->bind(1, blobId);
    if (!blob->next())
        return blob->failed() ? blob->error() : blobFailure(db, row, QStringLiteral("no such blob"));
    row.sha256 = blob->text(0);
    row.size = blob->int64(1);
    blob->reset();
    return row;
}

// One pass over the chunks of BLOBID in order, each decoded and checked, handed to SINK; at the end the bytes must
// have the row's size and SHA-256. Returns that SHA-256 (raw).
Result<QByteArray> chunkPass(
    sql::Database& db, qint64 blobId, const BlobRow& blob, const std::function<Status(QByteArrayView)>& sink)
{
    // A private statement: SINK may itself query the case.
    std::unique_ptr<sql::Statement> select = db.prepareOnce(
        QStringLiteral("SELECT chunk, bytes, codec, raw_size FROM blob_chunks WHERE blob = ? ORDER BY chunk"));
    if (!select)
        return db.lastError();
    select->bind(1, blobId);
    crypto::Hasher hasher;
    qint64 expected = 0;
    qint64 total = 0;
    QByteArray scratch;
    while (select->next()) {
        if (select->int64(0) != expected)
            return blobFailure(db, blob, QStringLiteral("chunk %1 missing").arg(expected));
        const std::optional<qint64> rawSize =
            select->isNull(3) ? std::nullopt : std::optional<qint64>(select->int64(3));
        Result<QByteArrayView> bytes = blobcodec::decode(select->blobView(1), select->int64(2), rawSize, scratch);
        if (!bytes)
            return blobFailure(
                db, blob, QStringLiteral("chunk %1: %2").arg(QString::number(expected), bytes.error().reason));
        ++expected;
        total += bytes->size();
        if (total > blob.size)
            return blobFailure(db, blob, QStringLiteral("more bytes stored than its recorded size %1").arg(blob.size));
        hasher.add(*bytes);
        if (Status s = sink(*bytes); !s)
            return s.error();
    }
    if (select->failed())
        return select->error();
    QByteArray digest = hasher.finish();
    if (total != blob.size || QString::fromLatin1(digest.toHex()) != blob.sha256)
        return blobFailure(db, blob,
            QStringLiteral("stored bytes do not match their recorded size %1 and SHA-256 %2")
                .arg(blob.size)
                .arg(blob.sha256));
    return digest;
}

} // namespace

Status CaseStore::readBlob(qint64 blobId, const std::function<Status(QByteArrayView)>& write, const QString& fileName)
{
    Result<BlobRow> blob = blobRow(m_db, blobId, fileName);
    if (!blob)
        return blob.error();
    // No byte leaves before the whole blob matched its SHA-256: small blobs are decoded once and kept, larger ones
    // (beyond kKeep, so memory stays flat) are decoded and hashed twice, the second time as they are handed out (and
    // checked again: evidence rows are append-only, so only someone editing the file could make the passes differ).
    constexpr qint64 kKeep = 16 * blobcodec::kMaxChunk;
    const bool keep = blob->size >= 0 && blob->size <= kKeep;
    QByteArray kept;
    if (keep)
        kept.reserve(blob->size);
    Result<QByteArray> checked = chunkPass(m_db, blobId, *blob, [&](QByteArrayView bytes) -> Status {
        if (keep)
            kept.append(bytes);
        return {};
    });
    if (!checked)
        return checked.error();
    if (!keep) {
        Result<QByteArray> delivered = chunkPass(m_db, blobId, *blob, write);
        return delivered ? Status() : Status(delivered.error());
    }
    for (qsizetype at = 0; at < kept.size(); at += blobcodec::kMaxChunk) {
        const qsizetype n = std::min<qsizetype>(blobcodec::kMaxChunk, kept.size() - at);
        if (Status s = write(QByteArrayView(kept).sliced(at, n)); !s)
            return s;
    }
    return {};
}

Result<QByteArray> CaseStore::copyBlob(
    qint64 blobId, const std::function<Status(QByteArrayView)>& write, const QString& fileName)
{
    Result<BlobRow> blob = blobRow(m_db, blobId, fileName);
    if (!blob)
        return blob.error();
    return chunkPass(m_db, blobId, *blob, write);
}

} // namespace capaudit
