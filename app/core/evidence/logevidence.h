// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "evidence/verdict.h"
#include "util/result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace capaudit {

class BundleSource;

// A transparency-log checkpoint a bundle carried, whose signature the bundle's verification accepted.
struct LoggedCheckpoint {
    QString origin;
    quint64 treeSize = 0;
    QByteArray rootHash; // raw 32 bytes
    QByteArray note; // the C2SP signed note exactly as carried: what verify-case re-parses
    QString file; // where in the bundle: "tlog/proof.json", "envelope.sigstore.json"

    bool operator==(const LoggedCheckpoint&) const = default;
};

// An RFC 9162 consistency proof a bundle carried: (fromSize, fromRoot) is a prefix of (toSize, toRoot) of ORIGIN.
// Not judged here: whether it holds is decided by the log history (evidence/loghistory.h).
struct LoggedConsistency {
    QString origin;
    quint64 fromSize = 0;
    QByteArray fromRoot;
    quint64 toSize = 0;
    QByteArray toRoot;
    QList<QByteArray> hashes;
    QString file;

    bool operator==(const LoggedConsistency&) const = default;
};

struct BundleLogEvidence {
    QList<LoggedCheckpoint> checkpoints;
    QList<LoggedConsistency> proofs;
    bool isEmpty() const
    {
        return checkpoints.isEmpty() && proofs.isEmpty();
    }
};

// The checkpoints and consistency proofs of SOURCE, given its VERDICT: only when the verdict's transparency check
// passed (the checkpoint's signature verified with a trusted log key), from tlog/proof.json or from the first entry of
// a Sigstore envelope (the one the verifier judged). Import and verify-case both derive them with this function, so
// the stored rows can be re-derived from the stored bundle files.
Result<BundleLogEvidence> bundleLogEvidence(const BundleSource& source, const Verdict& verdict);
// The same over the bundle's FILES read through READ (the importer reads them back from what it stored).
using BundleFileReader = std::function<Result<QByteArray>(const QString& relative)>;
Result<BundleLogEvidence> bundleLogEvidence(
    const QStringList& files, const BundleFileReader& read, const Verdict& verdict);

} // namespace capaudit
