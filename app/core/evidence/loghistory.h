// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace capaudit {

// Where a checkpoint or proof was seen: the bundle that carried it.
struct LogCarrier {
    QString bundleDigest;
    QString bundlePath;
    QString provider;
    QString file; // inside the bundle
};

struct CheckpointSighting {
    QString origin;
    quint64 treeSize = 0;
    QByteArray rootHash;
    LogCarrier carrier;
};

struct ConsistencyClaim {
    QString origin;
    quint64 fromSize = 0;
    QByteArray fromRoot;
    quint64 toSize = 0;
    QByteArray toRoot;
    QList<QByteArray> hashes;
    LogCarrier carrier;
};

// One distinct (origin, size, root) and every bundle that carried it (sorted by bundle digest).
struct LogCheckpointRef {
    quint64 treeSize = 0;
    QByteArray rootHash;
    QList<LogCarrier> carriers;
    QString describe() const; // "size 42, root 3f2a… (bundles 1a2b…, 9c8d…)"
};

// Two checkpoints of one log that cannot both be honest views of it.
struct LogBreak {
    enum class Kind {
        SplitView, // same size, different roots
        Unproven, // different sizes, no verified consistency proof links them (missing or wrong)
    };
    Kind kind = Kind::Unproven;
    QString origin;
    LogCheckpointRef earlier, later; // by (size, root): never by import order
    QString reason;
    QString kindName() const; // "split-view", "unproven"
};

struct RejectedProof {
    ConsistencyClaim claim;
    QString reason;
};

struct LogHistory {
    QStringList origins; // sorted
    qint64 checkpoints = 0; // distinct (origin, size, root)
    qint64 proofsVerified = 0;
    QList<RejectedProof> rejectedProofs; // proofs whose hashes do not lead from their start to their end
    QList<LogBreak> breaks; // sorted by origin, then earlier, then later
};

// Judges every checkpoint seen against every other one of its log (docs/analytics.md "evidence.log-consistency").
// The distinct checkpoints of an origin are ordered by (size, root); a size seen with two roots is a split view, and
// each pair of checkpoints at consecutive sizes must be linked by RFC 9162 consistency proofs: A and B (A smaller)
// are consistent when some checkpoint C (B itself included) is reachable from both through verified proofs, since
// a prefix of C of A's size and one of B's size make A a prefix of B. The result depends only on the sets of
// sightings and claims, never on their order.
LogHistory analyzeLogHistory(const QList<CheckpointSighting>& sightings, const QList<ConsistencyClaim>& claims);

} // namespace capaudit
