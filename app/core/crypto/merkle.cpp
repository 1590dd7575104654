// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/merkle.h"

#include "crypto/digest.h"

namespace capaudit::crypto {

namespace {

constexpr qsizetype kHashSize = 32;

bool lsb(quint64 value)
{
    return (value & 1U) != 0;
}

// Largest power of two strictly smaller than N (N >= 2): RFC 9162 section 2.1.1's split point.
quint64 splitPoint(quint64 n)
{
    quint64 k = 1;
    while (k << 1 < n)
        k <<= 1;
    return k;
}

QByteArray subtreeRoot(const QList<QByteArray>& leaves, quint64 begin, quint64 end)
{
    const quint64 n = end - begin;
    if (n == 0)
        return sha256({});
    if (n == 1)
        return merkleLeafHash(leaves.at(qsizetype(begin)));
    const quint64 k = splitPoint(n);
    return merkleNodeHash(subtreeRoot(leaves, begin, begin + k), subtreeRoot(leaves, begin + k, end));
}

// RFC 9162 section 2.1.3.1, PATH(m, D[n]) over LEAVES[begin, end).
void auditPath(const QList<QByteArray>& leaves, quint64 index, quint64 begin, quint64 end, QList<QByteArray>& out)
{
    const quint64 n = end - begin;
    if (n <= 1)
        return;
    const quint64 k = splitPoint(n);
    if (index < k) {
        auditPath(leaves, index, begin, begin + k, out);
        out.append(subtreeRoot(leaves, begin + k, end));
    } else {
        auditPath(leaves, index - k, begin + k, end, out);
        out.append(subtreeRoot(leaves, begin, begin + k));
    }
}

// RFC 9162 section 2.1.4.1, SUBPROOF(m, D[n], b) over LEAVES[begin, end).
void subproof(
    const QList<QByteArray>& leaves, quint64 m, quint64 begin, quint64 end, bool complete, QList<QByteArray>& out)
{
    const quint64 n = end - begin;
    if (m == n) {
        if (!complete)
            out.append(subtreeRoot(leaves, begin, end));
        return;
    }
    const quint64 k = splitPoint(n);
    if (m <= k) {
        subproof(leaves, m, begin, begin + k, complete, out);
        out.append(subtreeRoot(leaves, begin + k, end));
    } else {
        subproof(leaves, m - k, begin + k, end, false, out);
        out.append(subtreeRoot(leaves, begin, begin + k));
    }
}

MerkleCheck fail(const QString& reason)
{
    return { false, reason };
}

QString hex(QByteArrayView bytes)
{
    return QString::fromLatin1(bytes.toByteArray().toHex());
}

} // namespace

QByteArray merkleLeafHash(QByteArrayView leafData)
{
    Hasher hasher;
    hasher.add(QByteArrayView("\x00", 1));
    hasher.add(leafData);
    return hasher.finish();
}

QByteArray merkleNodeHash(QByteArrayView left, QByteArrayView right)
{
    Hasher hasher;
    hasher.add(QByteArrayView("\x01", 1));
    hasher.add(left);
    hasher.add(right);
    return hasher.finish();
}

QByteArray merkleRootHash(const QList<QByteArray>& leafData)
{
    return subtreeRoot(leafData, 0, quint64(leafData.size()));
}

QList<QByteArray> merkleInclusionProof(const QList<QByteArray>& leafData, quint64 index)
{
    QList<QByteArray> proof;
    if (index >= quint64(leafData.size()))
        return proof;
    auditPath(leafData, index, 0, quint64(leafData.size()), proof);
    return proof;
}

QList<QByteArray> merkleConsistencyProof(const QList<QByteArray>& leafData, quint64 size1)
{
    QList<QByteArray> proof;
    if (size1 == 0 || size1 > quint64(leafData.size()))
        return proof;
    subproof(leafData, size1, 0, quint64(leafData.size()), true, proof);
    return proof;
}

MerkleCheck verifyInclusion(quint64 leafIndex, quint64 treeSize, QByteArrayView leafHash,
    const QList<QByteArray>& proof, QByteArrayView rootHash)
{
    if (leafIndex >= treeSize)
        return fail(QStringLiteral("leaf index %1 is not inside a tree of size %2").arg(leafIndex).arg(treeSize));
    if (leafHash.size() != kHashSize)
        return fail(QStringLiteral("leaf hash is %1 bytes, expected 32").arg(leafHash.size()));
    if (rootHash.size() != kHashSize)
        return fail(QStringLiteral("root hash is %1 bytes, expected 32").arg(rootHash.size()));
    quint64 fn = leafIndex;
    quint64 sn = treeSize - 1;
    QByteArray r = leafHash.toByteArray();
    for (qsizetype i = 0; i < proof.size(); ++i) {
        const QByteArray& p = proof.at(i);
        if (p.size() != kHashSize)
            return fail(QStringLiteral("proof hash %1 is %2 bytes, expected 32").arg(i).arg(p.size()));
        if (sn == 0)
            return fail(QStringLiteral("proof has %1 hashes, more than the tree of size %2 needs")
                            .arg(proof.size())
                            .arg(treeSize));
        if (lsb(fn) || fn == sn) {
            r = merkleNodeHash(p, r);
            // The step public snippets forget: climb past the levels where this node is a left child with
            // no right sibling (the last, unbalanced subtree).
            while (!lsb(fn) && fn != 0) {
                fn >>= 1;
                sn >>= 1;
            }
        } else {
            r = merkleNodeHash(r, p);
        }
        fn >>= 1;
        sn >>= 1;
    }
    if (sn != 0)
        return fail(
            QStringLiteral("proof has %1 hashes, too few for a tree of size %2").arg(proof.size()).arg(treeSize));
    if (!equalConstantTime(r, rootHash))
        return fail(QStringLiteral("computed root %1 does not match expected root %2").arg(hex(r), hex(rootHash)));
    return { true, {} };
}

MerkleCheck verifyConsistency(
    quint64 size1, quint64 size2, QByteArrayView root1, QByteArrayView root2, const QList<QByteArray>& proof)
{
    if (size1 == 0)
        return fail(QStringLiteral("consistency from an empty tree is not provable (size1 = 0)"));
    if (size1 > size2)
        return fail(QStringLiteral("first tree size %1 is larger than second %2").arg(size1).arg(size2));
    if (size1 == size2) {
        if (!proof.isEmpty())
            return fail(QStringLiteral("trees of equal size need an empty proof, got %1 hashes").arg(proof.size()));
        if (!equalConstantTime(root1, root2))
            return fail(QStringLiteral("trees of equal size %1 have different roots").arg(size1));
        return { true, {} };
    }
    // Equal sizes compare the roots as given (transparency-dev semantics); real proofs need real hashes.
    if (root1.size() != kHashSize || root2.size() != kHashSize)
        return fail(QStringLiteral("root hashes must be 32 bytes (got %1 and %2)").arg(root1.size()).arg(root2.size()));
    if (proof.isEmpty())
        return fail(QStringLiteral("empty consistency proof for sizes %1 -> %2").arg(size1).arg(size2));
    for (qsizetype i = 0; i < proof.size(); ++i) {
        if (proof.at(i).size() != kHashSize)
            return fail(QStringLiteral("proof hash %1 is %2 bytes, expected 32").arg(i).arg(proof.at(i).size()));
    }

    QList<QByteArray> path = proof;
    if ((size1 & (size1 - 1)) == 0)
        path.prepend(root1.toByteArray());
    quint64 fn = size1 - 1;
    quint64 sn = size2 - 1;
    while (lsb(fn)) {
        fn >>= 1;
        sn >>= 1;
    }
    QByteArray fr = path.at(0);
    QByteArray sr = path.at(0);
    for (qsizetype i = 1; i < path.size(); ++i) {
        const QByteArray& c = path.at(i);
        if (sn == 0)
            return fail(QStringLiteral("proof has more hashes than sizes %1 -> %2 need").arg(size1).arg(size2));
        if (lsb(fn) || fn == sn) {
            fr = merkleNodeHash(c, fr);
            sr = merkleNodeHash(c, sr);
            while (!lsb(fn) && fn != 0) {
                fn >>= 1;
                sn >>= 1;
            }
        } else {
            sr = merkleNodeHash(sr, c);
        }
        fn >>= 1;
        sn >>= 1;
    }
    if (sn != 0)
        return fail(QStringLiteral("proof has too few hashes for sizes %1 -> %2").arg(size1).arg(size2));
    if (!equalConstantTime(fr, root1))
        return fail(QStringLiteral("proof does not reproduce the first root %1 (got %2)").arg(hex(root1), hex(fr)));
    if (!equalConstantTime(sr, root2))
        return fail(QStringLiteral("proof does not reproduce the second root %1 (got %2)").arg(hex(root2), hex(sr)));
    return { true, {} };
}

MerkleCheck verifySubtreeInclusion(quint64 leafIndex, quint64 start, quint64 end, QByteArrayView leafHash,
    const QList<QByteArray>& proof, QByteArrayView subtreeRoot)
{
    if (end <= start)
        return fail(QStringLiteral("empty or inverted subtree [%1, %2)").arg(start).arg(end));
    const quint64 size = end - start;
    constexpr quint64 kTopBit = quint64(1) << 63;
    quint64 width = 1;
    while (width < size && width < kTopBit)
        width <<= 1;
    // Past 2^63 leaves the aligned width would be 2^64: only a subtree starting at 0 qualifies.
    if (width < size ? start != 0 : start % width != 0)
        return fail(
            QStringLiteral("[%1, %2) is not a subtree: %1 is not a multiple of %3").arg(start).arg(end).arg(width));
    if (leafIndex < start || leafIndex >= end)
        return fail(QStringLiteral("leaf %1 is outside the subtree [%2, %3)").arg(leafIndex).arg(start).arg(end));
    return verifyInclusion(leafIndex - start, size, leafHash, proof, subtreeRoot);
}

} // namespace capaudit::crypto
