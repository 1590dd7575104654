// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobs/importjob.h"

#include "store/casestore.h"
#include "store/sqlitedb.h"

#include <QDir>
#include <QFileInfo>

namespace capaudit {

namespace {

bool looksLikeBundleDirectory(const QDir& dir)
{
    // A bundle directory holds its signed envelope at the top (docs/bundle-format.md).
    return !dir.entryList({ QStringLiteral("*.dsse.json"), QStringLiteral("*.sigstore.json"),
                              QStringLiteral("*.intoto.jsonl") },
                   QDir::Files)
                .isEmpty();
}

} // namespace

ImportJob::ImportJob(QObject* parent)
    : BackgroundJob(parent)
{
    connect(this, &BackgroundJob::progress, this,
        [this](double fraction, const QString& message) { Q_EMIT bundleProgress(m_bundle, fraction, message); });
}

ImportJob::~ImportJob() = default;

QStringList ImportJob::expandBundlePaths(const QStringList& paths)
{
    QStringList out;
    for (const QString& path : paths) {
        const QFileInfo info(path);
        const QDir dir(path);
        if (!info.isDir() || looksLikeBundleDirectory(dir)) {
            out.append(info.absoluteFilePath());
            continue;
        }
        const QFileInfoList entries = dir.entryInfoList(QDir::Dirs | QDir::Files | QDir::NoDotAndDotDot, QDir::Name);
        bool any = false;
        for (const QFileInfo& e : entries) {
            const QString name = e.fileName();
            const bool archive = name.endsWith(QLatin1String(".tar.gz")) || name.endsWith(QLatin1String(".tgz"))
                || name.endsWith(QLatin1String(".tar")) || name.endsWith(QLatin1String(".zip"));
            if ((e.isDir() && looksLikeBundleDirectory(QDir(e.absoluteFilePath()))) || (e.isFile() && archive)) {
                out.append(e.absoluteFilePath());
                any = true;
            }
        }
        // Not a folder of bundles either: let the importer say what is wrong with it.
        if (!any)
            out.append(info.absoluteFilePath());
    }
    return out;
}

void ImportJob::start(const QString& casePath, const QStringList& bundlePaths, bool allowUntrusted)
{
    Q_ASSERT(!isRunning());
    m_paths = bundlePaths;
    m_results.clear();
    m_bundle = -1;
    tracker().start([this, casePath, bundlePaths, allowUntrusted](
                        JobContext& job) { return run(job, casePath, bundlePaths, allowUntrusted); },
        [this](bool rolledBack) {
            if (rolledBack)
                for (ImportResult& r : m_results)
                    if (r.outcome == ImportOutcome::Imported || r.outcome == ImportOutcome::Rejected
                        || r.outcome == ImportOutcome::UntrustedRefused) {
                        r.outcome = ImportOutcome::Cancelled;
                        r.error = Error(r.path, tr("rolled back: the import was cancelled"));
                    }
            Q_EMIT finished();
        });
}

// On the worker thread: touches no member; what the GUI sees goes through JOB. Returns whether the batch was rolled
// back.
bool ImportJob::run(JobContext& job, const QString& casePath, const QStringList& bundlePaths, bool allowUntrusted)
{
    Result<std::unique_ptr<CaseStore>> store = CaseStore::open(casePath);
    // The whole batch is one transaction (each bundle a savepoint inside it): cancelling leaves the case exactly as it
    // was, including the trail entries of rejected attempts made before the cancel.
    std::optional<sql::Transaction> batch;
    if (store)
        batch.emplace((*store)->database());
    for (int i = 0; i < bundlePaths.size(); ++i) {
        const QString path = bundlePaths.at(i);
        job.post([this, i, path] {
            m_bundle = i;
            Q_EMIT bundleStarted(i, path);
        });
        ImportResult result;
        if (!store) {
            result.path = path;
            result.error = store.error();
        } else if (job.isCancelled()) {
            result.path = path;
            result.outcome = ImportOutcome::Cancelled;
            result.error = Error(path, tr("cancelled before it started"));
        } else {
            ImportOptions options;
            options.allowUntrusted = allowUntrusted;
            options.cancel = job.cancelFlag();
            options.progress = job.progressFunction();
            CaseImporter importer(**store);
            result = importer.importBundle(path, options);
        }
        job.post([this, i, result] {
            m_results.append(result);
            Q_EMIT bundleFinished(i, result);
        });
    }
    bool rolledBack = false;
    if (batch) {
        if (job.isCancelled()) {
            batch->rollback();
            rolledBack = true;
        } else if (Status committed = batch->commit(); !committed) {
            rolledBack = true;
        }
    }
    return rolledBack;
}

} // namespace capaudit
