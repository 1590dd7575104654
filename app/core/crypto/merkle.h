// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace capaudit::crypto {

// RFC 9162 (RFC 6962) Merkle tree hashing with SHA-256.
QByteArray merkleLeafHash(QByteArrayView leafData); // SHA256(0x00 || data)
QByteArray merkleNodeHash(QByteArrayView left, QByteArrayView right); // SHA256(0x01 || l || r)
QByteArray merkleRootHash(const QList<QByteArray>& leafData); // MTH of a whole list (tests, demo logs)
QList<QByteArray> merkleInclusionProof(const QList<QByteArray>& leafData, quint64 index); // for the demo log
// RFC 9162 section 2.1.4.1 PROOF(size1, D[n]): the first SIZE1 leaves are a prefix of the whole list (demo logs,
// tests). Empty when SIZE1 is 0 or beyond the list.
QList<QByteArray> merkleConsistencyProof(const QList<QByteArray>& leafData, quint64 size1);

struct MerkleCheck {
    bool ok = false;
    QString reason;
};

// RFC 9162 section 2.1.3.2.
MerkleCheck verifyInclusion(quint64 leafIndex, quint64 treeSize, QByteArrayView leafHash,
    const QList<QByteArray>& proof, QByteArrayView rootHash);
// RFC 9162 section 2.1.4.2, plus size1 == 0 rejection and the size1 == size2 empty-proof rule.
MerkleCheck verifyConsistency(
    quint64 size1, quint64 size2, QByteArrayView root1, QByteArrayView root2, const QList<QByteArray>& proof);
// Inclusion of LEAFINDEX in the subtree [START, END) of a larger tree (transparency-dev "subtree" proofs, as used by
// Merkle Tree Certificates): valid subtrees have START a multiple of the smallest power of two >= END - START, and
// the proof is an ordinary RFC 9162 path inside that subtree.
MerkleCheck verifySubtreeInclusion(quint64 leafIndex, quint64 start, quint64 end, QByteArrayView leafHash,
    const QList<QByteArray>& proof, QByteArrayView subtreeRoot);

} // namespace capaudit::crypto
