// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidence/loghistory.h"

#include "crypto/merkle.h"

#include <algorithm>
#include <map>
#include <set>

namespace capaudit {

namespace {

using Key = std::pair<quint64, QByteArray>; // (tree size, root): a checkpoint's identity within one origin

bool carrierLess(const LogCarrier& a, const LogCarrier& b)
{
    return std::tie(a.bundleDigest, a.file, a.bundlePath) < std::tie(b.bundleDigest, b.file, b.bundlePath);
}

bool claimLess(const ConsistencyClaim& a, const ConsistencyClaim& b)
{
    return std::tie(a.origin, a.fromSize, a.fromRoot, a.toSize, a.toRoot, a.hashes, a.carrier.bundleDigest)
        < std::tie(b.origin, b.fromSize, b.fromRoot, b.toSize, b.toRoot, b.hashes, b.carrier.bundleDigest);
}

QString shortDigest(const QString& digest)
{
    return digest.left(12);
}

// Everything one origin's proofs link, and which proofs failed between which checkpoints.
class OriginGraph {
public:
    void addEdge(const Key& from, const Key& to)
    {
        m_edges[from].insert(to);
    }
    void addFailure(const Key& from, const Key& to, const QString& reason)
    {
        m_failures.emplace(std::make_pair(from, to), reason); // the first in claim order: deterministic
    }
    QString failure(const Key& from, const Key& to) const
    {
        const auto it = m_failures.find(std::make_pair(from, to));
        return it == m_failures.end() ? QString() : it->second;
    }
    const std::set<Key>& reach(const Key& start)
    {
        if (const auto it = m_reach.find(start); it != m_reach.end())
            return it->second;
        std::set<Key> seen { start };
        QList<Key> todo { start };
        while (!todo.isEmpty()) {
            const Key k = todo.takeLast();
            const auto next = m_edges.find(k);
            if (next == m_edges.end())
                continue;
            for (const Key& to : next->second)
                if (seen.insert(to).second)
                    todo.append(to);
        }
        return m_reach.emplace(start, std::move(seen)).first->second;
    }
    // A is a prefix of B (A smaller) when both reach a common checkpoint through verified proofs.
    bool linked(const Key& a, const Key& b)
    {
        const std::set<Key>& fromA = reach(a);
        const std::set<Key>& fromB = reach(b);
        return std::any_of(fromB.begin(), fromB.end(), [&](const Key& k) { return fromA.count(k) > 0; });
    }

private:
    std::map<Key, std::set<Key>> m_edges;
    std::map<std::pair<Key, Key>, QString> m_failures;
    std::map<Key, std::set<Key>> m_reach;
};

} // namespace

QString LogCheckpointRef::describe() const
{
    QStringList bundles;
    for (const LogCarrier& c : carriers)
        bundles << shortDigest(c.bundleDigest);
    return QStringLiteral("size %1, root %2 (bundle %3)")
        .arg(treeSize)
        .arg(QString::fromLatin1(rootHash.toHex()), bundles.join(QStringLiteral(", ")));
}

QString LogBreak::kindName() const
{
    return kind == Kind::SplitView ? QStringLiteral("split-view") : QStringLiteral("unproven");
}

LogHistory analyzeLogHistory(const QList<CheckpointSighting>& sightings, const QList<ConsistencyClaim>& claims)
{
    LogHistory out;
    std::map<QString, std::map<Key, LogCheckpointRef>> nodes;
    for (const CheckpointSighting& s : sightings) {
        LogCheckpointRef& ref = nodes[s.origin][Key(s.treeSize, s.rootHash)];
        ref.treeSize = s.treeSize;
        ref.rootHash = s.rootHash;
        const bool known = std::any_of(ref.carriers.cbegin(), ref.carriers.cend(),
            [&](const LogCarrier& c) { return c.bundleDigest == s.carrier.bundleDigest && c.file == s.carrier.file; });
        if (!known)
            ref.carriers.append(s.carrier);
    }
    for (auto& origin : nodes)
        for (auto& node : origin.second)
            std::sort(node.second.carriers.begin(), node.second.carriers.end(), carrierLess);

    QList<ConsistencyClaim> ordered = claims;
    std::sort(ordered.begin(), ordered.end(), claimLess);
    std::map<QString, OriginGraph> graphs;
    for (const ConsistencyClaim& c : std::as_const(ordered)) {
        const crypto::MerkleCheck check =
            crypto::verifyConsistency(c.fromSize, c.toSize, c.fromRoot, c.toRoot, c.hashes);
        const Key from(c.fromSize, c.fromRoot), to(c.toSize, c.toRoot);
        if (check.ok) {
            ++out.proofsVerified;
            graphs[c.origin].addEdge(from, to);
        } else {
            out.rejectedProofs.append({ c, check.reason });
            graphs[c.origin].addFailure(from, to,
                QStringLiteral("the consistency proof from size %1 to size %2 carried by bundle %3 does not verify: %4")
                    .arg(c.fromSize)
                    .arg(c.toSize)
                    .arg(shortDigest(c.carrier.bundleDigest), check.reason));
        }
    }

    for (const auto& [origin, checkpoints] : nodes) {
        out.origins.append(origin);
        out.checkpoints += qint64(checkpoints.size());
        OriginGraph& graph = graphs[origin];
        // Levels of equal size, ascending; the roots within a level are in byte order (the map's).
        std::map<quint64, QList<const LogCheckpointRef*>> levels;
        for (const auto& node : checkpoints)
            levels[node.first.first].append(&node.second);
        const QList<const LogCheckpointRef*>* previous = nullptr;
        for (const auto& [size, level] : levels) {
            for (qsizetype i = 0; i < level.size(); ++i)
                for (qsizetype j = i + 1; j < level.size(); ++j)
                    out.breaks.append({ LogBreak::Kind::SplitView, origin, *level[i], *level[j],
                        QStringLiteral("the log signed two different trees of size %1: a split view").arg(size) });
            if (previous) {
                for (const LogCheckpointRef* a : *previous)
                    for (const LogCheckpointRef* b : level) {
                        const Key ka(a->treeSize, a->rootHash), kb(b->treeSize, b->rootHash);
                        if (graph.linked(ka, kb))
                            continue;
                        QString reason = graph.failure(ka, kb);
                        if (reason.isEmpty())
                            reason = QStringLiteral("no verified consistency proof links size %1 to size %2 (none "
                                                    "carried, and none derivable through other checkpoints)")
                                         .arg(a->treeSize)
                                         .arg(b->treeSize);
                        out.breaks.append({ LogBreak::Kind::Unproven, origin, *a, *b, reason });
                    }
            }
            previous = &level;
        }
    }
    return out;
}

} // namespace capaudit
