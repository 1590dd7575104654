// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobs/demobankjob.h"

#include "demo/demogenerator.h"
#include "evidence/truststore.h"
#include "store/batchimport.h"
#include "store/casestore.h"

#include <QDir>
#include <QStandardPaths>

namespace capaudit {

DemoBankJob::DemoBankJob(QObject* parent)
    : BackgroundJob(parent)
{
}

DemoBankJob::~DemoBankJob() = default;

QString DemoBankJob::defaultDirectory()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
        .filePath(QStringLiteral("demo-bank"));
}

QString DemoBankJob::casePathIn(const QString& directory)
{
    return QDir(directory).filePath(QStringLiteral("demo.capcase"));
}

void DemoBankJob::start(const QString& directory, const demo::DemoConfig& config)
{
    if (isRunning())
        return;
    m_result.reset();
    tracker().start(
        [directory, config](JobContext& job) {
            Result<QString> outcome = run(job, directory, config);
            if (!outcome)
                QDir(directory).removeRecursively(); // half a bank would be opened next time as if it were whole
            return outcome;
        },
        [this](const Result<QString>& outcome) {
            m_result = outcome;
            Q_EMIT finished();
        });
}

Result<QString> DemoBankJob::run(JobContext& job, const QString& directory, const demo::DemoConfig& config)
{
    const auto report = job.progressFunction();
    const Error cancelled(directory, tr("cancelled"));
    QDir(directory).removeRecursively();
    const QString bankDir = QDir(directory).filePath(QStringLiteral("bank"));
    // Generation is about a third of the work; the bundle count is known only once it is done.
    report(0, tr("Generating the demo compute bank…"));
    int written = 0;
    Result<demo::DemoSummary> summary = demo::generateDemo(config, bankDir, [&](const QString& line) {
        ++written;
        report(std::min(0.3, 0.005 * written), tr("Generating: %1").arg(line));
    });
    if (!summary)
        return summary.error();
    if (job.isCancelled())
        return cancelled;
    Result<TrustStore> trust = TrustStore::loadDirectory(QDir(bankDir).filePath(QStringLiteral("trust")));
    if (!trust)
        return trust.error();
    const QString casePath = casePathIn(directory);
    Result<std::unique_ptr<CaseStore>> store = CaseStore::create(casePath, tr("Demo compute bank"), trust->anchors());
    if (!store)
        return store.error();
    QStringList bundles;
    for (const demo::DemoBundle& b : summary->bundles)
        bundles.append(QDir(bankDir).filePath(b.path));
    // The import of File > Import… and `capaudit-cli import`: one batch, all or nothing.
    BatchImportOptions options;
    options.cancel = job.cancelFlag();
    options.started = [&](int index, int count, const QString& path) {
        report(0.3 + 0.7 * index / std::max(1, count),
            tr("Importing bundle %1 of %2: %3").arg(index + 1).arg(count).arg(QDir(bankDir).relativeFilePath(path)));
    };
    const BatchImportResult batch = importBundles(**store, bundles, options);
    if (batch.cancelled)
        return cancelled;
    if (batch.rolledBack)
        return batch.error;
    // Two bundles are tampered with or expired on purpose: their rejection is part of the demo.
    for (const ImportResult& r : batch.results)
        if (r.outcome == ImportOutcome::Failed)
            return r.error;
    store->reset(); // close before the GUI opens it
    report(1, tr("Demo bank ready"));
    return casePath;
}

} // namespace capaudit
