// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "evidence/verdict.h"
#include "util/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <optional>

namespace capaudit {

class CaseStore;

enum class ImportOutcome {
    Imported,
    AlreadyPresent, // same bundle digest already in the case: nothing changed
    Rejected, // verification failed: not imported, the attempt is in the trail
    UntrustedRefused, // signer not trusted and allowUntrusted not set: not imported, the attempt is in the trail
    Failed, // I/O or parse error: everything rolled back, the attempt is in the trail
    Cancelled, // the cancel flag was raised: everything rolled back
    RolledBack, // done (or about to be) inside a batch that was rolled back: nothing of it is in the case
};
QString importOutcomeName(ImportOutcome outcome); // "imported", "already-present", "rejected", …

struct ImportOptions {
    bool allowUntrusted = false;
    // FRACTION in [0, 1]. Called from the importing thread.
    std::function<void(double fraction, const QString& message)> progress;
    // Checked between chunks of rows; when it becomes true the import is rolled back (ImportOutcome::Cancelled).
    const std::atomic<bool>* cancel = nullptr;
};

struct ImportResult {
    ImportOutcome outcome = ImportOutcome::Failed;
    QString path;
    QString digest; // bundle digest, when verification got that far
    BundleKind kind = BundleKind::Unknown;
    QString provider; // stored bundles: the bundle's; refused ones: the provider the statement claims, if any
    Verdict verdict;
    qint64 rows = 0; // rows parsed and stored (samples, billing records, attestation rows)
    qint64 bundleId = 0; // Imported / AlreadyPresent
    qint64 trailSeq = 0; // trail entry written for this attempt, 0 when none
    Error error; // Failed / Cancelled: the cause; Rejected / UntrustedRefused: the first failed check
    // Imported: transparency-log checkpoints of the bundle that break the log's stored history (split view, no
    // valid consistency proof from the latest stored checkpoint). The bundle is imported all the same.
    QStringList logWarnings;
    bool ok() const
    {
        return outcome == ImportOutcome::Imported || outcome == ImportOutcome::AlreadyPresent;
    }
    QJsonObject toJson() const;
};

// Verifies a bundle against the case's trust anchors and imports it: files byte for byte, parsed rows, rollups, rows
// digest, bundle row and trail entry, all in one transaction (all or nothing, even if the process is killed).
class CaseImporter {
public:
    explicit CaseImporter(CaseStore& store);
    ImportResult importBundle(const QString& bundlePath, const ImportOptions& options = {});

private:
    // One import; with DEFER, std::nullopt when the outcome must be decided by a verification in full.
    std::optional<ImportResult> attempt(const QString& bundlePath, const ImportOptions& options, bool defer);

    CaseStore& m_store;
};

} // namespace capaudit
