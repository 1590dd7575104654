// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobs/importjob.h"

#include "store/casestore.h"

namespace capaudit {

ImportJob::ImportJob(QObject* parent)
    : BackgroundJob(parent)
{
    connect(this, &BackgroundJob::progress, this,
        [this](double fraction, const QString& message) { Q_EMIT bundleProgress(m_bundle, fraction, message); });
}

ImportJob::~ImportJob() = default;

void ImportJob::start(const QString& casePath, const QStringList& paths, bool allowUntrusted, bool commitEach)
{
    Q_ASSERT(!isRunning());
    m_paths = paths;
    m_batch = {};
    m_bundle = -1;
    // On the worker thread: touches no member; what the GUI sees goes through JOB.
    auto work = [this, casePath, paths, allowUntrusted, commitEach](JobContext& job) {
        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(casePath);
        if (!store) {
            BatchImportResult failed;
            failed.rolledBack = true;
            failed.error = store.error();
            for (const QString& path : expandBundlePaths(paths)) {
                ImportResult r;
                r.path = path;
                r.error = store.error();
                failed.results.append(r);
            }
            return failed;
        }
        BatchImportOptions options;
        options.allowUntrusted = allowUntrusted;
        options.commitEach = commitEach;
        options.cancel = job.cancelFlag();
        const auto progress = job.progressFunction();
        options.progress = [progress](
                               int, int, double fraction, const QString& message) { progress(fraction, message); };
        options.started = [this, &job](int index, int count, const QString& path) {
            job.post([this, index, count, path] {
                m_bundle = index;
                Q_EMIT bundleStarted(index, count, path);
            });
        };
        options.finished = [this, &job](int index, int, const ImportResult& result) {
            job.post([this, index, result] { Q_EMIT bundleFinished(index, result); });
        };
        return importBundles(**store, paths, options);
    };
    tracker().start(std::move(work), [this](const BatchImportResult& batch) {
        m_batch = batch;
        Q_EMIT finished();
    });
}

} // namespace capaudit
