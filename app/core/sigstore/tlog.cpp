// SPDX-License-Identifier: GPL-3.0-or-later
#include "sigstore/tlog.h"

#include "crypto/merkle.h"
#include "crypto/signature.h"
#include "crypto/signednote.h"
#include "util/timeutil.h"

namespace capaudit::sigstore {

namespace {

QString id(const char* checkId)
{
    return QString::fromLatin1(checkId);
}

const LogKey* findLog(const QList<LogKey>& logs, const QByteArray& logId)
{
    for (const LogKey& log : logs) {
        if (log.logId == logId)
            return &log;
    }
    return nullptr;
}

bool originMatches(const QString& origin, const QString& expected)
{
    // Rekor v1 shards append " - <tree id>" to the host name.
    return expected.isEmpty() || origin == expected || origin.startsWith(expected + QStringLiteral(" - "));
}

SigstoreCheck checkLog(const TlogEntry& entry, const LogKey* log, const QList<QDateTime>& timestamps)
{
    if (!log)
        return failCheck(id(tlogcheck::kLog),
            QStringLiteral("log id %1 is not a transparency log of the trusted root")
                .arg(QString::fromLatin1(entry.logId.toBase64())));
    if (log->key.isNull())
        return failCheck(id(tlogcheck::kLog),
            QStringLiteral("the trusted key of log %1 is unusable: %2").arg(log->baseUrl, log->keyProblem));
    if (!entry.integratedTime) {
        for (const QDateTime& time : timestamps) {
            if (!log->validity.contains(time))
                return failCheck(id(tlogcheck::kLog),
                    QStringLiteral("timestamp %1 is outside the validity %2 of log %3")
                        .arg(formatTimestamp(time), log->validity.toString(), log->baseUrl));
        }
        return passCheck(id(tlogcheck::kLog),
            timestamps.isEmpty()
                ? QStringLiteral("log %1 is trusted (no integrated time, no timestamp)").arg(log->baseUrl)
                : QStringLiteral("log %1, key valid at the timestamped time").arg(log->baseUrl));
    }
    const QDateTime time = QDateTime::fromSecsSinceEpoch(*entry.integratedTime, Qt::UTC);
    if (!log->validity.contains(time))
        return failCheck(id(tlogcheck::kLog),
            QStringLiteral("integrated time %1 is outside the validity %2 of log %3")
                .arg(formatTimestamp(time), log->validity.toString(), log->baseUrl));
    return passCheck(
        id(tlogcheck::kLog), QStringLiteral("log %1, key valid at %2").arg(log->baseUrl, formatTimestamp(time)));
}

SigstoreCheck checkInclusion(const TlogEntry& entry)
{
    const InclusionProof& proof = *entry.inclusionProof;
    if (proof.logIndex >= proof.treeSize)
        return failCheck(id(tlogcheck::kInclusion),
            QStringLiteral("proof log index %1 is not inside tree size %2").arg(proof.logIndex).arg(proof.treeSize));
    const QByteArray leaf = crypto::merkleLeafHash(entry.canonicalizedBody);
    const crypto::MerkleCheck result =
        crypto::verifyInclusion(quint64(proof.logIndex), quint64(proof.treeSize), leaf, proof.hashes, proof.rootHash);
    if (!result.ok)
        return failCheck(id(tlogcheck::kInclusion),
            QStringLiteral("inclusion proof for index %1 in tree %2: %3")
                .arg(proof.logIndex)
                .arg(proof.treeSize)
                .arg(result.reason));
    return passCheck(id(tlogcheck::kInclusion),
        QStringLiteral("leaf %1 of tree %2 is included").arg(proof.logIndex).arg(proof.treeSize));
}

SigstoreCheck checkCheckpoint(const TlogEntry& entry, const LogKey& log, BundleVersion version)
{
    const InclusionProof& proof = *entry.inclusionProof;
    // v0.1 predates checkpoints in bundles: there the inclusion promise vouches for the entry.
    if (proof.checkpoint.isEmpty() && version == BundleVersion::V0_1 && !entry.signedEntryTimestamp.isEmpty())
        return skipCheck(id(tlogcheck::kCheckpoint), QStringLiteral("v0.1 bundle without a checkpoint"));
    if (proof.checkpoint.isEmpty())
        return failCheck(id(tlogcheck::kCheckpoint), QStringLiteral("the inclusion proof has no signed checkpoint"));
    auto checkpoint = crypto::parseCheckpoint(proof.checkpoint);
    if (!checkpoint)
        return failCheck(
            id(tlogcheck::kCheckpoint), QStringLiteral("checkpoint: %1").arg(checkpoint.error().toString()));
    if (!originMatches(checkpoint->origin, log.origin))
        return failCheck(id(tlogcheck::kCheckpoint),
            QStringLiteral("checkpoint origin '%1' is not log '%2'").arg(checkpoint->origin, log.origin));
    const crypto::NoteVerification signature = crypto::verifyCheckpoint(*checkpoint, log.key, log.origin);
    if (!signature.ok)
        return failCheck(id(tlogcheck::kCheckpoint), signature.reason);
    if (checkpoint->treeSize != quint64(proof.treeSize))
        return failCheck(id(tlogcheck::kCheckpoint),
            QStringLiteral("checkpoint tree size %1 differs from the proof's %2")
                .arg(checkpoint->treeSize)
                .arg(proof.treeSize));
    if (checkpoint->rootHash != proof.rootHash)
        return failCheck(id(tlogcheck::kCheckpoint),
            QStringLiteral("checkpoint root %1 differs from the proof's root %2")
                .arg(QString::fromLatin1(checkpoint->rootHash.toHex()), QString::fromLatin1(proof.rootHash.toHex())));
    return passCheck(id(tlogcheck::kCheckpoint),
        QStringLiteral("checkpoint '%1' size %2 signed by the log key")
            .arg(checkpoint->origin)
            .arg(checkpoint->treeSize));
}

SigstoreCheck checkPromise(const TlogEntry& entry, const LogKey& log)
{
    if (entry.signedEntryTimestamp.isEmpty())
        return skipCheck(id(tlogcheck::kPromise), QStringLiteral("no inclusion promise in the entry"));
    if (!entry.integratedTime)
        return failCheck(id(tlogcheck::kPromise), QStringLiteral("an inclusion promise without an integrated time"));
    crypto::SignatureParams params;
    params.hash = crypto::HashAlgorithm::Sha256;
    params.ecdsaEncoding = crypto::EcdsaEncoding::Der;
    const crypto::SignatureResult result =
        crypto::verifySignature(log.key, signedEntryTimestampPayload(entry), entry.signedEntryTimestamp, params);
    if (!result.ok())
        return failCheck(id(tlogcheck::kPromise),
            QStringLiteral("signed entry timestamp does not verify with the key of %1: %2")
                .arg(log.baseUrl, result.reason));
    return passCheck(
        id(tlogcheck::kPromise), QStringLiteral("signed entry timestamp verified (%1)").arg(result.algorithm));
}

} // namespace

std::optional<QDateTime> signedIntegratedTime(const TlogEntry& entry, const QList<SigstoreCheck>& checks)
{
    if (!entry.integratedTime)
        return std::nullopt;
    for (const SigstoreCheck& check : checks)
        if (check.id == QLatin1String(tlogcheck::kPromise) && check.passed())
            return QDateTime::fromSecsSinceEpoch(*entry.integratedTime, Qt::UTC);
    return std::nullopt;
}

QByteArray signedEntryTimestampPayload(const TlogEntry& entry)
{
    // Keys in lexical order, compact, integers unquoted: what Rekor signed. Built by hand so no JSON writer can
    // reorder, escape or float-format anything.
    QByteArray json = "{\"body\":\"";
    json += entry.canonicalizedBody.toBase64();
    json += "\",\"integratedTime\":";
    json += QByteArray::number(entry.integratedTime.value_or(0));
    json += ",\"logID\":\"";
    json += entry.logId.toHex();
    json += "\",\"logIndex\":";
    json += QByteArray::number(entry.logIndex);
    json += '}';
    return json;
}

QList<SigstoreCheck> verifyTlogEntry(
    const TlogEntry& entry, const QList<LogKey>& logs, const SigstoreBundle& bundle, const TlogExpectations& expected)
{
    QList<SigstoreCheck> checks;
    const LogKey* log = findLog(logs, entry.logId);
    checks.append(checkLog(entry, log, expected.timestamps));
    checks.append(checkEntryBody(entry, bundle, expected));

    const bool usable = log && !log->key.isNull();
    if (entry.inclusionProof) {
        checks.append(checkInclusion(entry));
        checks.append(usable ? checkCheckpoint(entry, *log, bundle.version)
                             : skipCheck(id(tlogcheck::kCheckpoint), QStringLiteral("no trusted key for this log")));
    } else if (bundle.version != BundleVersion::V0_1) {
        checks.append(failCheck(id(tlogcheck::kInclusion),
            QStringLiteral("v%1 bundles must carry an inclusion proof; none for log index %2")
                .arg(bundleVersionName(bundle.version))
                .arg(entry.logIndex)));
    } else if (entry.signedEntryTimestamp.isEmpty()) {
        checks.append(failCheck(id(tlogcheck::kInclusion),
            QStringLiteral("neither an inclusion proof nor an inclusion promise for log index %1")
                .arg(entry.logIndex)));
    } else {
        checks.append(
            skipCheck(id(tlogcheck::kInclusion), QStringLiteral("v0.1 bundle: the inclusion promise stands in")));
    }
    checks.append(usable ? checkPromise(entry, *log)
                         : skipCheck(id(tlogcheck::kPromise), QStringLiteral("no trusted key for this log")));

    if (entry.integratedTime) {
        const QDateTime now = expected.now.isValid() ? expected.now : QDateTime::currentDateTimeUtc();
        const QDateTime time = QDateTime::fromSecsSinceEpoch(*entry.integratedTime, Qt::UTC);
        if (time > now)
            checks.append(failCheck(id(tlogcheck::kTime),
                QStringLiteral("integrated time %1 is in the future (now %2)")
                    .arg(formatTimestamp(time), formatTimestamp(now))));
        else
            checks.append(passCheck(id(tlogcheck::kTime),
                entry.signedEntryTimestamp.isEmpty()
                    ? QStringLiteral("claims integration at %1 (no inclusion promise signs it: not used as a "
                                     "signing time)")
                          .arg(formatTimestamp(time))
                    : QStringLiteral("integrated at %1").arg(formatTimestamp(time))));
    } else {
        checks.append(skipCheck(id(tlogcheck::kTime), QStringLiteral("entry has no integrated time (Rekor v2)")));
    }
    return checks;
}

} // namespace capaudit::sigstore
