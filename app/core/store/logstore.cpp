// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/logstore.h"

#include "store/sqlitedb.h"
#include "util/jsonutil.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace capaudit::logstore {

namespace {

QString hex(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

QByteArray hashesJson(const QList<QByteArray>& hashes)
{
    QJsonArray array;
    for (const QByteArray& h : hashes)
        array.append(QString::fromLatin1(h.toBase64()));
    return canonicalJson(array);
}

QList<QByteArray> hashesFrom(const QString& json)
{
    QList<QByteArray> out;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue& v : array)
        out.append(QByteArray::fromBase64(v.toString().toLatin1()));
    return out;
}

// Columns of the carrying bundle, joined in by every query that names it.
constexpr auto kCarrierJoin = "JOIN bundles b ON b.id = t.bundle LEFT JOIN providers p ON p.id = b.provider";

LogCarrier carrierOf(const sql::Statement& row, int first)
{
    return { row.text(first), row.text(first + 1), row.text(first + 2), row.text(first + 3) };
}

QJsonObject refJson(const LogCheckpointRef& ref)
{
    QJsonArray bundles;
    for (const LogCarrier& c : ref.carriers)
        bundles.append(c.bundleDigest);
    return { { QStringLiteral("treeSize"), qint64(ref.treeSize) }, { QStringLiteral("rootHash"), hex(ref.rootHash) },
        { QStringLiteral("bundles"), bundles } };
}

} // namespace

Status write(sql::Database& db, qint64 bundleId, const BundleLogEvidence& evidence)
{
    sql::Statement* checkpoint = db.prepare("INSERT INTO tlog_checkpoints (bundle, seq, origin, tree_size, root_hash, "
                                            "note, file) VALUES (?, ?, ?, ?, ?, ?, ?)");
    sql::Statement* proof = db.prepare("INSERT INTO tlog_consistency (bundle, seq, origin, from_size, from_root, "
                                       "to_size, to_root, hashes, file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!checkpoint || !proof)
        return db.lastError();
    for (qsizetype i = 0; i < evidence.checkpoints.size(); ++i) {
        const LoggedCheckpoint& c = evidence.checkpoints.at(i);
        checkpoint->bind(1, bundleId)
            .bind(2, qint64(i))
            .bindString(3, c.origin)
            .bind(4, qint64(c.treeSize))
            .bindString(5, hex(c.rootHash))
            .bindText(6, c.note)
            .bindString(7, c.file);
        if (Status s = checkpoint->exec(); !s)
            return s;
    }
    for (qsizetype i = 0; i < evidence.proofs.size(); ++i) {
        const LoggedConsistency& p = evidence.proofs.at(i);
        proof->bind(1, bundleId)
            .bind(2, qint64(i))
            .bindString(3, p.origin)
            .bind(4, qint64(p.fromSize))
            .bindString(5, hex(p.fromRoot))
            .bind(6, qint64(p.toSize))
            .bindString(7, hex(p.toRoot))
            .bindText(8, hashesJson(p.hashes))
            .bindString(9, p.file);
        if (Status s = proof->exec(); !s)
            return s;
    }
    return {};
}

Result<BundleLogEvidence> read(sql::Database& db, qint64 bundleId)
{
    BundleLogEvidence out;
    sql::Statement* checkpoints = db.prepare(
        "SELECT origin, tree_size, root_hash, note, file FROM tlog_checkpoints WHERE bundle = ? ORDER BY seq");
    sql::Statement* proofs = db.prepare("SELECT origin, from_size, from_root, to_size, to_root, hashes, file FROM "
                                        "tlog_consistency WHERE bundle = ? ORDER BY seq");
    if (!checkpoints || !proofs)
        return db.lastError();
    checkpoints->bind(1, bundleId);
    while (checkpoints->next())
        out.checkpoints.append({ checkpoints->text(0), quint64(checkpoints->int64(1)),
            QByteArray::fromHex(checkpoints->text(2).toLatin1()), checkpoints->text(3).toUtf8(),
            checkpoints->text(4) });
    if (checkpoints->failed())
        return checkpoints->error();
    proofs->bind(1, bundleId);
    while (proofs->next())
        out.proofs.append({ proofs->text(0), quint64(proofs->int64(1)), QByteArray::fromHex(proofs->text(2).toLatin1()),
            quint64(proofs->int64(3)), QByteArray::fromHex(proofs->text(4).toLatin1()), hashesFrom(proofs->text(5)),
            proofs->text(6) });
    if (proofs->failed())
        return proofs->error();
    return out;
}

Result<StoredHistory> load(sql::Database& db, const QString& origin)
{
    StoredHistory out;
    const QString where = origin.isNull() ? QString() : QStringLiteral(" WHERE t.origin = ?");
    std::unique_ptr<sql::Statement> checkpoints =
        db.prepareOnce(QStringLiteral("SELECT t.origin, t.tree_size, t.root_hash, b.digest, b.source_path, p.name, "
                                      "t.file FROM tlog_checkpoints t %1%2")
                           .arg(QLatin1String(kCarrierJoin), where));
    std::unique_ptr<sql::Statement> proofs =
        db.prepareOnce(QStringLiteral("SELECT t.origin, t.from_size, t.from_root, t.to_size, t.to_root, t.hashes, "
                                      "b.digest, b.source_path, p.name, t.file FROM tlog_consistency t %1%2")
                           .arg(QLatin1String(kCarrierJoin), where));
    if (!checkpoints || !proofs)
        return db.lastError();
    if (!origin.isNull()) {
        checkpoints->bind(1, origin);
        proofs->bind(1, origin);
    }
    while (checkpoints->next())
        out.sightings.append({ checkpoints->text(0), quint64(checkpoints->int64(1)),
            QByteArray::fromHex(checkpoints->text(2).toLatin1()), carrierOf(*checkpoints, 3) });
    if (checkpoints->failed())
        return checkpoints->error();
    while (proofs->next())
        out.claims.append({ proofs->text(0), quint64(proofs->int64(1)), QByteArray::fromHex(proofs->text(2).toLatin1()),
            quint64(proofs->int64(3)), QByteArray::fromHex(proofs->text(4).toLatin1()), hashesFrom(proofs->text(5)),
            carrierOf(*proofs, 6) });
    if (proofs->failed())
        return proofs->error();
    return out;
}

Result<QJsonArray> judgeAtImport(
    sql::Database& db, const BundleLogEvidence& evidence, const LogCarrier& carrier, QStringList& warnings)
{
    QJsonArray out;
    for (const LoggedCheckpoint& checkpoint : evidence.checkpoints) {
        Result<StoredHistory> stored = load(db, checkpoint.origin);
        if (!stored)
            return stored.error();
        // The latest stored checkpoints (several when the log already split at its largest size).
        quint64 latestSize = 0;
        for (const CheckpointSighting& s : std::as_const(stored->sightings))
            latestSize = std::max(latestSize, s.treeSize);
        QList<CheckpointSighting> pair;
        for (const CheckpointSighting& s : std::as_const(stored->sightings))
            if (s.treeSize == latestSize)
                pair.append(s);
        QJsonObject judged { { QStringLiteral("origin"), checkpoint.origin },
            { QStringLiteral("treeSize"), qint64(checkpoint.treeSize) },
            { QStringLiteral("rootHash"), hex(checkpoint.rootHash) } };
        if (pair.isEmpty()) {
            judged.insert(QStringLiteral("status"), QStringLiteral("first"));
            out.append(judged);
            continue;
        }
        const CheckpointSighting latest = pair.first();
        pair.append({ checkpoint.origin, checkpoint.treeSize, checkpoint.rootHash, carrier });
        QList<ConsistencyClaim> claims = stored->claims;
        for (const LoggedConsistency& p : evidence.proofs)
            if (p.origin == checkpoint.origin)
                claims.append({ p.origin, p.fromSize, p.fromRoot, p.toSize, p.toRoot, p.hashes, carrier });
        const LogHistory history = analyzeLogHistory(pair, claims);
        QJsonArray breaks;
        for (const LogBreak& b : history.breaks) {
            breaks.append(
                QJsonObject { { QStringLiteral("kind"), b.kindName() }, { QStringLiteral("reason"), b.reason },
                    { QStringLiteral("earlier"), refJson(b.earlier) }, { QStringLiteral("later"), refJson(b.later) } });
            warnings.append(QStringLiteral("transparency log '%1': %2 and %3: %4")
                                .arg(checkpoint.origin, b.earlier.describe(), b.later.describe(), b.reason));
        }
        QString status;
        if (!history.breaks.isEmpty())
            status = history.breaks.first().kindName();
        else if (checkpoint.treeSize == latest.treeSize)
            status = QStringLiteral("same");
        else
            status = checkpoint.treeSize > latest.treeSize ? QStringLiteral("consistent")
                                                           : QStringLiteral("older-consistent");
        judged.insert(QStringLiteral("status"), status);
        judged.insert(QStringLiteral("latest"),
            QJsonObject { { QStringLiteral("treeSize"), qint64(latest.treeSize) },
                { QStringLiteral("rootHash"), hex(latest.rootHash) },
                { QStringLiteral("bundle"), latest.carrier.bundleDigest } });
        if (!breaks.isEmpty())
            judged.insert(QStringLiteral("breaks"), breaks);
        out.append(judged);
    }
    return out;
}

} // namespace capaudit::logstore
