// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

namespace capaudit {

class CaseStore;

// One finding of verify-case: where (a bundle digest, a trail entry, a table) and what is wrong.
struct CaseProblem {
    QString area; // "integrity", "trail", "anchor", "bundle", "orphan"
    QString subject; // bundle digest, "trail entry 12", anchor fingerprint, table name
    QString path; // bundle source path or file inside the bundle, when there is one
    QString message;
    QString toString() const; // "bundle 3f2a…: data/usage.csv: stored bytes do not match their digest"
};

struct CaseVerification {
    qint64 trailEntries = 0;
    qint64 bundles = 0;
    qint64 rows = 0;
    QList<CaseProblem> problems;
    bool cancelled = false; // stopped before the end: proves nothing either way
    // The transparency-log history re-judged from the checkpoints re-derived from the stored bundles. A break there is
    // a fact about the log (a split view, an unproven growth), not about the case file: it does not make the case
    // "not intact" (tampering with the stored checkpoints does, as a problem above); it is reported alongside, and
    // evidence.log-consistency makes it a finding.
    qint64 logOrigins = 0;
    qint64 logCheckpoints = 0;
    QStringList logBreaks; // "origin: size …, root … (bundle …) and size …: reason"
    bool intact() const
    {
        return !cancelled && problems.isEmpty();
    }
    QJsonObject toJson() const;
};

// Re-derives everything the case claims from what it stores (docs/case-file.md "verify-case"), inside one read
// transaction (a consistent snapshot even while another process imports):
//   0. the schema against the one CapAudit creates for the case's version (area "schema");
//   1. PRAGMA integrity_check and foreign_key_check;
//   2. the trail's hash chain (first broken entry), and that each anchor, bundle row and reviewer document has its
//      trail entry (and each such entry its row); each document's content against its digest;
//   3. per bundle: blob bytes against their SHA-256, the bundle digest over the stored files, a fresh verification
//      of the files materialised in a private temporary directory with the anchors in force at import and at the
//      stored verification instant (the verdict must equal the stored one), every column of its bundles row against
//      that verification and its predicate, the rows digest (columns by name) and row count, and the rollups and
//      node-hour aggregates rebuilt from the raw samples;
//   4. rows that belong to no bundle;
//   5. the transparency-log checkpoints and consistency proofs of each bundle re-derived from its files (stored rows
//      must equal them) and the chain of checkpoints of each log re-judged (logBreaks).
// PROGRESS, when set, is called with a fraction in [0, 1] and a message. CANCEL, when set, is polled between bundles
// (verify-case of a large case takes minutes, and reports run it); a cancelled result is never intact.
CaseVerification verifyCase(CaseStore& store, const std::function<void(double, const QString&)>& progress = {},
    const std::atomic_bool* cancel = nullptr);

} // namespace capaudit
