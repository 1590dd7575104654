// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/splitview.h"

#include "evidence/dsse.h"
#include "evidence/statement.h"
#include "evidence/tlogproof.h"
#include "util/jsonutil.h"
#include "util/timeutil.h"

#include <QDir>
#include <QFile>

namespace capaudit::demo {

namespace {

Result<QByteArray> readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(path, file.errorString());
    return file.readAll();
}

// The claimed signing time: logging the envelope at that instant keeps the bundle's signing time what it was.
Result<QDateTime> signedAtOf(const QByteArray& envelopeBytes, const QString& path)
{
    auto envelope = parseDsseEnvelope(envelopeBytes, path);
    if (!envelope)
        return envelope.error();
    auto statement = parseStatement(envelope->payload, path);
    if (!statement)
        return statement.error();
    const auto time = parseTimestamp(statement->predicate.value(QStringLiteral("signedAt")).toString());
    if (!time)
        return Error(path, 0, QStringLiteral("signedAt"), QStringLiteral("missing or not RFC 3339"));
    return *time;
}

} // namespace

Result<SplitViewTruth> writeSplitView(const QString& outDir, const QStringList& dirs, const crypto::PrivateKey& logKey)
{
    if (dirs.size() != 2)
        return Error(QStringLiteral("log-split-view"), QStringLiteral("needs two bundles, got %1").arg(dirs.size()));
    SplitViewTruth truth;
    truth.bundles = dirs;
    const QString origin = QLatin1String(kDemoLogOrigin);
    for (qsizetype i = 0; i < dirs.size(); ++i) {
        const QString dir = QDir(outDir).filePath(dirs[i]);
        const QString envelopePath = dir + QStringLiteral("/envelope.dsse.json");
        auto envelope = readFile(envelopePath);
        if (!envelope)
            return envelope.error();
        auto signedAt = signedAtOf(*envelope, envelopePath);
        if (!signedAt)
            return signedAt.error();
        // A fresh log per bundle with the same first entry: the second is the fork another reader is shown.
        TransparencyLogWriter log(origin, logKey);
        log.append(*signedAt, "capaudit demo log: first entry");
        const quint64 leaf = log.append(*signedAt, *envelope);
        auto proof = log.proof(leaf);
        if (!proof)
            return proof.error();
        if (!QDir().mkpath(dir + QStringLiteral("/tlog")))
            return Error(dir + QStringLiteral("/tlog"), QStringLiteral("cannot create directory"));
        if (Status s = writeFileAtomically(dir + QStringLiteral("/tlog/proof.json"), proof->toJson()); !s)
            return s.error();
        truth.treeSize = proof->treeSize;
        truth.rootHashes.append(QString::fromLatin1(proof->rootHash.toHex()));
    }
    return truth;
}

} // namespace capaudit::demo
