// SPDX-License-Identifier: GPL-3.0-or-later
// RFC 9162 Merkle inclusion and consistency verification, differentially: CapAudit implements the RFC's iterative
// algorithms (sections 2.1.3.2 and 2.1.4.2); the reference here instead inverts the recursive definitions PATH and
// SUBPROOF (section 2.1.3.1, 2.1.4.1) - it walks the tree shape that (index, size) or (size1, size2) dictate, hashing
// with QCryptographicHash rather than CapAudit's OpenSSL wrapper. The input picks a tree of real leaves, a claim
// (sizes may exceed the tree, be 0 or be out of order) and a tampering of a correct proof; the two must agree on
// every input. Hashes are opaque to a verifier, so "agree" is the property, not "matches the tree the input built":
// a proof for a 44-leaf tree is a valid proof for the same leaf in *some* 45-leaf tree (the first finding, which was
// the harness's, not CapAudit's).
#include "crypto/merkle.h"
#include "fuzzsupport.h"

#include <QCryptographicHash>

#include <optional>

using namespace capaudit;

namespace {

using Hashes = QList<QByteArray>;

QByteArray sha(char prefix, QByteArrayView a, QByteArrayView b = {})
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(QByteArrayView(&prefix, 1));
    h.addData(a);
    h.addData(b);
    return h.result();
}

quint64 splitPoint(quint64 n) // largest power of two < n (n >= 2)
{
    quint64 k = 1;
    while (k * 2 < n)
        k *= 2;
    return k;
}

QByteArray mth(const Hashes& leaves, quint64 from, quint64 to)
{
    const quint64 n = to - from;
    if (n == 1)
        return sha(0, leaves[qsizetype(from)]);
    const quint64 k = splitPoint(n);
    return sha(1, mth(leaves, from, from + k), mth(leaves, from + k, to));
}

Hashes path(quint64 m, const Hashes& leaves, quint64 from, quint64 to)
{
    const quint64 n = to - from;
    if (n == 1)
        return {};
    const quint64 k = splitPoint(n);
    if (m < k)
        return path(m, leaves, from, from + k) << mth(leaves, from + k, to);
    return path(m - k, leaves, from + k, to) << mth(leaves, from, from + k);
}

Hashes subproof(quint64 m, const Hashes& leaves, quint64 from, quint64 to, bool complete)
{
    const quint64 n = to - from;
    if (m == n)
        return complete ? Hashes {} : Hashes { mth(leaves, from, to) };
    const quint64 k = splitPoint(n);
    if (m <= k)
        return subproof(m, leaves, from, from + k, complete) << mth(leaves, from + k, to);
    return subproof(m - k, leaves, from + k, to, false) << mth(leaves, from, from + k);
}

// Root from an inclusion proof, by the shape of PATH(m, D[n]): the last proof element is the sibling at the top.
std::optional<QByteArray> rootFromPath(quint64 m, quint64 n, const QByteArray& leafHash, Hashes proof)
{
    if (n == 1)
        return proof.isEmpty() ? std::optional(leafHash) : std::nullopt;
    if (proof.isEmpty() || proof.last().size() != 32)
        return std::nullopt;
    const QByteArray sibling = proof.takeLast();
    const quint64 k = splitPoint(n);
    if (m < k) {
        const auto left = rootFromPath(m, k, leafHash, proof);
        return left ? std::optional(sha(1, *left, sibling)) : std::nullopt;
    }
    const auto right = rootFromPath(m - k, n - k, leafHash, proof);
    return right ? std::optional(sha(1, sibling, *right)) : std::nullopt;
}

bool referenceInclusion(
    quint64 index, quint64 size, const QByteArray& leafHash, const Hashes& proof, const QByteArray& root)
{
    if (size == 0 || index >= size)
        return false;
    const auto computed = rootFromPath(index, size, leafHash, proof);
    return computed && *computed == root;
}

// (old root, new root) from a consistency proof, by the shape of SUBPROOF(m, D[n], b). OLDROOT stands for the
// subtree the old tree is whole in (b true, m == n), which the proof leaves out.
std::optional<std::pair<QByteArray, QByteArray>> rootsFromSubproof(
    quint64 m, quint64 n, bool complete, Hashes proof, const QByteArray& oldRoot)
{
    if (m == n) {
        if (complete)
            return proof.isEmpty() ? std::optional(std::pair(oldRoot, oldRoot)) : std::nullopt;
        if (proof.size() != 1 || proof.first().size() != 32)
            return std::nullopt;
        return std::pair(proof.first(), proof.first());
    }
    if (proof.isEmpty() || proof.last().size() != 32)
        return std::nullopt;
    const QByteArray sibling = proof.takeLast();
    const quint64 k = splitPoint(n);
    if (m <= k) {
        const auto inner = rootsFromSubproof(m, k, complete, proof, oldRoot);
        return inner ? std::optional(std::pair(inner->first, sha(1, inner->second, sibling))) : std::nullopt;
    }
    const auto inner = rootsFromSubproof(m - k, n - k, false, proof, oldRoot);
    return inner ? std::optional(std::pair(sha(1, sibling, inner->first), sha(1, sibling, inner->second)))
                 : std::nullopt;
}

bool referenceConsistency(
    quint64 size1, quint64 size2, const QByteArray& root1, const QByteArray& root2, const Hashes& proof)
{
    if (size1 == 0 || size1 > size2)
        return false;
    const auto roots = rootsFromSubproof(size1, size2, true, proof, root1);
    return roots && roots->first == root1 && roots->second == root2;
}

// Applies one of a few tamperings chosen by the input; most leave the claim true only by accident (then the oracle
// below still decides).
void tamper(fuzz::Input& in, Hashes& proof, QByteArray& root)
{
    switch (in.byte() % 8) {
    case 0:
        break;
    case 1:
        if (!proof.isEmpty()) {
            QByteArray& h = proof[qsizetype(in.below(quint64(proof.size())))];
            const qsizetype at = qsizetype(in.below(quint64(h.size())));
            h[at] = char(h[at] ^ (in.byte() | 1));
        }
        break;
    case 2:
        if (!proof.isEmpty())
            proof.removeLast();
        break;
    case 3:
        proof << sha(1, in.take(4));
        break;
    case 4:
        root[qsizetype(in.below(32))] = char(root[0] ^ 0x55);
        break;
    case 5:
        if (proof.size() >= 2)
            proof.swapItemsAt(0, proof.size() - 1);
        break;
    case 6: // raw hashes from the input
        proof.clear();
        for (quint64 i = in.below(8); i > 0; --i)
            proof << in.take(32);
        break;
    case 7:
        if (!proof.isEmpty())
            proof.last().chop(qsizetype(in.below(3)));
        break;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    fuzz::Input in(data, size);
    const quint64 n = 1 + in.below(70);
    Hashes leaves;
    for (quint64 i = 0; i < n; ++i)
        leaves << QByteArray("leaf-") + QByteArray::number(i);
    const bool consistency = in.byte() & 1;
    if (!consistency) {
        const quint64 treeSize = in.below(n + 2); // may be 0 or exceed the leaves we have
        const quint64 index = in.below(treeSize + 2);
        const quint64 proofSize = std::clamp<quint64>(treeSize, 1, n);
        const quint64 proofIndex = std::min(index, proofSize - 1);
        Hashes proof = path(proofIndex, leaves, 0, proofSize);
        QByteArray root = mth(leaves, 0, proofSize);
        const QByteArray leafHash = sha(0, leaves[qsizetype(proofIndex)]);
        tamper(in, proof, root);
        const bool truth = referenceInclusion(index, treeSize, leafHash, proof, root);
        if (treeSize >= 1 && treeSize <= n && index < treeSize && proof == path(index, leaves, 0, treeSize)
            && root == mth(leaves, 0, treeSize) && leafHash == sha(0, leaves[qsizetype(index)]) && !truth)
            fuzz::fail("reference rejects a correct inclusion proof");
        const crypto::MerkleCheck check = crypto::verifyInclusion(index, treeSize, leafHash, proof, root);
        if (check.ok != truth)
            fuzz::fail(check.ok ? "inclusion proof accepted that the reference rejects"
                                : "inclusion proof rejected that the reference accepts",
                QStringLiteral("index %1 size %2 proof %3 hashes: %4")
                    .arg(index)
                    .arg(treeSize)
                    .arg(proof.size())
                    .arg(check.reason));
        return 0;
    }
    const quint64 size2 = 1 + in.below(n);
    const quint64 size1 = in.below(size2 + 2); // 0, equal and larger sizes are all claims to try
    const quint64 proofSize1 = std::clamp<quint64>(size1, 1, size2);
    Hashes proof = subproof(proofSize1, leaves, 0, size2, true);
    QByteArray root1 = mth(leaves, 0, proofSize1);
    QByteArray root2 = mth(leaves, 0, size2);
    tamper(in, proof, in.byte() & 1 ? root1 : root2);
    const bool truth = referenceConsistency(size1, size2, root1, root2, proof);
    // Sanity of the reference itself: the untampered proof of a true claim is accepted.
    if (size1 >= 1 && size1 <= size2 && proof == subproof(size1, leaves, 0, size2, true)
        && root1 == mth(leaves, 0, size1) && root2 == mth(leaves, 0, size2) && !truth)
        fuzz::fail("reference rejects a correct consistency proof");
    const crypto::MerkleCheck check = crypto::verifyConsistency(size1, size2, root1, root2, proof);
    if (check.ok != truth)
        fuzz::fail(check.ok ? "consistency proof accepted that the reference rejects"
                            : "consistency proof rejected that the reference accepts",
            QStringLiteral("size1 %1 size2 %2 proof %3 hashes: %4")
                .arg(size1)
                .arg(size2)
                .arg(proof.size())
                .arg(check.reason));
    return 0;
}
