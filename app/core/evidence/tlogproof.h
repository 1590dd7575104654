// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/publickey.h"
#include "util/result.h"

#include <QDateTime>
#include <QList>

namespace capaudit {

// An RFC 9162 section 2.1.4 consistency proof from an earlier checkpoint of the same log (size and root) to the
// checkpoint of the proof that carries it. It proves the log only grew in between; it needs no signature of its own,
// since both ends are signed checkpoints (docs/bundle-format.md "Consistency proofs").
struct TlogConsistency {
    quint64 fromTreeSize = 0;
    QByteArray fromRootHash;
    QList<QByteArray> hashes;
};

// tlog/proof.json: an RFC 9162 inclusion proof that a bundle's envelope was logged, with the log's signed checkpoint.
// The leaf binds the envelope bytes to the log's integration time, so a verified proof also proves the signing time
// was no later than integratedTime (see docs/bundle-format.md "Transparency proof").
struct TlogProof {
    QString logOrigin; // the checkpoint origin line
    QDateTime integratedTime;
    quint64 leafIndex = 0;
    quint64 treeSize = 0;
    QList<QByteArray> hashes;
    QByteArray rootHash;
    QByteArray checkpoint; // C2SP signed note text
    QList<TlogConsistency> consistency; // optional: from earlier checkpoints of this log to this one

    QByteArray toJson() const;
};

Result<TlogProof> parseTlogProof(const QByteArray& json, const QString& fileName);

// "capaudit-tlog-entry/v1\n<integratedTime RFC 3339>\n<sha256 hex of the envelope file>\n"
QByteArray tlogLeafData(const QDateTime& integratedTime, QByteArrayView envelopeBytes);

// A transparency log the demo and tests append envelopes to (an in-memory Merkle tree).
class TransparencyLogWriter {
public:
    TransparencyLogWriter(QString origin, crypto::PrivateKey key);
    quint64 append(const QDateTime& integratedTime, QByteArrayView envelopeBytes); // returns the leaf index
    // Proof for LEAF against the current tree, with a freshly signed checkpoint and a consistency proof from each
    // earlier tree size in CONSISTENCYFROM.
    Result<TlogProof> proof(quint64 leaf, const QList<quint64>& consistencyFrom = {}) const;
    quint64 size() const
    {
        return quint64(m_leaves.size());
    }

private:
    QString m_origin;
    crypto::PrivateKey m_key;
    QList<QByteArray> m_leaves;
    QList<QDateTime> m_times;
};

} // namespace capaudit
