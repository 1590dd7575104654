// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobs/checkjob.h"

#include "analytics/policyselection.h"
#include "store/casestore.h"

#include <memory>

namespace capaudit {

CheckJob::CheckJob(QObject* parent)
    : QObject(parent)
{
    connect(&m_tracker, &JobTracker::progress, this, &CheckJob::progress);
}

CheckJob::~CheckJob() = default;

void CheckJob::cancel()
{
    m_tracker.cancel();
}

void CheckJob::start(const QString& casePath, const Period& period)
{
    Q_EMIT started();
    m_tracker.start(
        [casePath, period](JobContext& job) -> Result<analytics::CheckReport> {
            Result<std::unique_ptr<CaseStore>> store = CaseStore::open(casePath);
            if (!store)
                return store.error();
            Result<analytics::Policy> policy = analytics::selectPolicy(**store, QString());
            if (!policy)
                return policy.error();
            analytics::CheckOptions options;
            options.policy = *policy;
            options.period = period;
            options.cancel = job.cancelFlag();
            options.progress = [&job](double fraction, const QString& message) { job.progress(fraction, message); };
            return analytics::runChecks(**store, options);
        },
        [this](const Result<analytics::CheckReport>& outcome) {
            m_wasCancelled = !outcome && m_tracker.isCancelled();
            m_result = outcome;
            Q_EMIT finished();
        });
}

} // namespace capaudit
