// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidence/tlogproof.h"

#include "crypto/digest.h"
#include "crypto/merkle.h"
#include "crypto/signednote.h"
#include "util/jsonutil.h"
#include "util/timeutil.h"

#include <QJsonArray>

namespace capaudit {

QByteArray tlogLeafData(const QDateTime& integratedTime, QByteArrayView envelopeBytes)
{
    return QByteArrayLiteral("capaudit-tlog-entry/v1\n") + formatTimestamp(integratedTime).toLatin1() + '\n'
        + crypto::sha256(envelopeBytes).toHex() + '\n';
}

namespace {

Result<QList<QByteArray>> hashList(const QJsonValue& value, const QString& fileName, const QString& field)
{
    if (!value.isArray())
        return Error(fileName, 0, field, QStringLiteral("must be an array of base64 SHA-256 hashes"));
    QList<QByteArray> out;
    const QJsonArray hashes = value.toArray();
    for (qsizetype i = 0; i < hashes.size(); ++i) {
        const auto h = decodeBase64Strict(hashes[i].toString().toLatin1());
        if (!h || h->size() != 32)
            return Error(fileName, 0, QStringLiteral("%1[%2]").arg(field).arg(i),
                QStringLiteral("must be a base64 SHA-256 hash"));
        out.append(*h);
    }
    return out;
}

// Only the form is checked here: whether a proof holds is a fact about the log's history, judged against the other
// checkpoints of the case (evidence/loghistory.h), never a reason to reject the bundle that carried it.
Result<QList<TlogConsistency>> parseConsistency(const QJsonValue& value, const QString& fileName)
{
    if (!value.isArray())
        return Error(fileName, 0, QStringLiteral("consistency"), QStringLiteral("must be an array of proofs"));
    QList<TlogConsistency> out;
    const QJsonArray proofs = value.toArray();
    for (qsizetype i = 0; i < proofs.size(); ++i) {
        const QString at = QStringLiteral("consistency[%1]").arg(i);
        if (!proofs[i].isObject())
            return Error(fileName, 0, at, QStringLiteral("must be an object"));
        const QJsonObject o = proofs[i].toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            if (it.key() != u"fromTreeSize" && it.key() != u"fromRootHash" && it.key() != u"hashes")
                return Error(fileName, 0, at + QLatin1Char('.') + it.key(), QStringLiteral("unexpected field"));
        const QJsonValue size = o.value(QStringLiteral("fromTreeSize"));
        if (!size.isDouble() || size.toDouble() < 1 || size.toDouble() != static_cast<double>(size.toInteger()))
            return Error(
                fileName, 0, at + QStringLiteral(".fromTreeSize"), QStringLiteral("must be a positive integer"));
        TlogConsistency c;
        c.fromTreeSize = static_cast<quint64>(size.toInteger());
        const auto root = decodeBase64Strict(o.value(QStringLiteral("fromRootHash")).toString().toLatin1());
        if (!root || root->size() != 32)
            return Error(
                fileName, 0, at + QStringLiteral(".fromRootHash"), QStringLiteral("must be a base64 SHA-256 hash"));
        c.fromRootHash = *root;
        auto hashes = hashList(o.value(QStringLiteral("hashes")), fileName, at + QStringLiteral(".hashes"));
        if (!hashes)
            return hashes.error();
        c.hashes = *hashes;
        out.append(c);
    }
    return out;
}

} // namespace

Result<TlogProof> parseTlogProof(const QByteArray& json, const QString& fileName)
{
    auto parsed = parseJsonObject(json, fileName);
    if (!parsed)
        return parsed.error();
    const QJsonObject& o = *parsed;
    const QStringList known { QStringLiteral("logOrigin"), QStringLiteral("integratedTime"),
        QStringLiteral("leafIndex"), QStringLiteral("treeSize"), QStringLiteral("hashes"), QStringLiteral("rootHash"),
        QStringLiteral("checkpoint"), QStringLiteral("consistency") };
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!known.contains(it.key()))
            return Error(fileName, 0, it.key(), QStringLiteral("unexpected field in the proof"));
    TlogProof p;
    p.logOrigin = o.value(QStringLiteral("logOrigin")).toString();
    if (p.logOrigin.isEmpty())
        return Error(fileName, 0, QStringLiteral("logOrigin"), QStringLiteral("required field is missing"));
    const auto time = parseTimestamp(o.value(QStringLiteral("integratedTime")).toString());
    if (!time)
        return Error(fileName, 0, QStringLiteral("integratedTime"), QStringLiteral("must be an RFC 3339 timestamp"));
    p.integratedTime = *time;
    const auto count = [&](const char* key, quint64& out) -> Status {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isDouble() || v.toDouble() < 0 || v.toDouble() != static_cast<double>(v.toInteger()))
            return Error(fileName, 0, QLatin1String(key), QStringLiteral("must be a non-negative integer"));
        out = static_cast<quint64>(v.toInteger());
        return {};
    };
    if (Status s = count("leafIndex", p.leafIndex); !s)
        return s.error();
    if (Status s = count("treeSize", p.treeSize); !s)
        return s.error();
    const auto root = decodeBase64Strict(o.value(QStringLiteral("rootHash")).toString().toLatin1());
    if (!root || root->size() != 32)
        return Error(fileName, 0, QStringLiteral("rootHash"), QStringLiteral("must be a base64 SHA-256 hash"));
    p.rootHash = *root;
    const QJsonArray hashes = o.value(QStringLiteral("hashes")).toArray();
    for (qsizetype i = 0; i < hashes.size(); ++i) {
        const auto h = decodeBase64Strict(hashes[i].toString().toLatin1());
        if (!h)
            return Error(fileName, 0, QStringLiteral("hashes[%1]").arg(i), QStringLiteral("not valid base64"));
        p.hashes.append(*h);
    }
    p.checkpoint = o.value(QStringLiteral("checkpoint")).toString().toUtf8();
    if (p.checkpoint.isEmpty())
        return Error(fileName, 0, QStringLiteral("checkpoint"), QStringLiteral("required field is missing"));
    if (o.contains(QStringLiteral("consistency"))) {
        auto consistency = parseConsistency(o.value(QStringLiteral("consistency")), fileName);
        if (!consistency)
            return consistency.error();
        p.consistency = *consistency;
    }
    return p;
}

QByteArray TlogProof::toJson() const
{
    const auto base64List = [](const QList<QByteArray>& list) {
        QJsonArray array;
        for (const QByteArray& h : list)
            array.append(QString::fromLatin1(h.toBase64()));
        return array;
    };
    QJsonObject json { { QStringLiteral("logOrigin"), logOrigin },
        { QStringLiteral("integratedTime"), formatTimestamp(integratedTime) },
        { QStringLiteral("leafIndex"), static_cast<qint64>(leafIndex) },
        { QStringLiteral("treeSize"), static_cast<qint64>(treeSize) }, { QStringLiteral("hashes"), base64List(hashes) },
        { QStringLiteral("rootHash"), QString::fromLatin1(rootHash.toBase64()) },
        { QStringLiteral("checkpoint"), QString::fromUtf8(checkpoint) } };
    if (!consistency.isEmpty()) {
        QJsonArray proofs;
        for (const TlogConsistency& c : consistency)
            proofs.append(QJsonObject { { QStringLiteral("fromTreeSize"), static_cast<qint64>(c.fromTreeSize) },
                { QStringLiteral("fromRootHash"), QString::fromLatin1(c.fromRootHash.toBase64()) },
                { QStringLiteral("hashes"), base64List(c.hashes) } });
        json.insert(QStringLiteral("consistency"), proofs);
    }
    return prettyJson(json);
}

TransparencyLogWriter::TransparencyLogWriter(QString origin, crypto::PrivateKey key)
    : m_origin(std::move(origin))
    , m_key(std::move(key))
{
}

quint64 TransparencyLogWriter::append(const QDateTime& integratedTime, QByteArrayView envelopeBytes)
{
    m_leaves.append(tlogLeafData(integratedTime, envelopeBytes));
    m_times.append(integratedTime);
    return static_cast<quint64>(m_leaves.size() - 1);
}

Result<TlogProof> TransparencyLogWriter::proof(quint64 leaf, const QList<quint64>& consistencyFrom) const
{
    if (leaf >= static_cast<quint64>(m_leaves.size()))
        return Error(QStringLiteral("no leaf %1 in a log of %2").arg(leaf).arg(m_leaves.size()));
    TlogProof p;
    p.logOrigin = m_origin;
    p.integratedTime = m_times[static_cast<qsizetype>(leaf)];
    p.leafIndex = leaf;
    p.treeSize = static_cast<quint64>(m_leaves.size());
    p.hashes = crypto::merkleInclusionProof(m_leaves, leaf);
    p.rootHash = crypto::merkleRootHash(m_leaves);
    const QByteArray body =
        m_origin.toUtf8() + '\n' + QByteArray::number(p.treeSize) + '\n' + p.rootHash.toBase64() + '\n';
    auto note = crypto::signNote(body, m_origin, m_key);
    if (!note)
        return note.error();
    p.checkpoint = *note;
    for (const quint64 from : consistencyFrom) {
        if (from == 0 || from > p.treeSize)
            return Error(QStringLiteral("no consistency proof from size %1 in a log of %2").arg(from).arg(p.treeSize));
        p.consistency.append({ from, crypto::merkleRootHash(m_leaves.first(qsizetype(from))),
            crypto::merkleConsistencyProof(m_leaves, from) });
    }
    return p;
}

} // namespace capaudit
