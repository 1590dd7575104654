// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobs/checkjob.h"

#include "analytics/policyselection.h"
#include "jobs/casereader.h"
#include "store/casestore.h"

#include <memory>

namespace capaudit {

CheckJob::CheckJob(QObject* parent)
    : BackgroundJob(parent)
{
}

CheckJob::~CheckJob() = default;

void CheckJob::start(const QString& casePath, const Period& period)
{
    Q_EMIT started();
    tracker().start(CaseReader::ownConnection(casePath,
                        [period](CaseStore& store, JobContext& job) -> Result<analytics::CheckReport> {
                            Result<analytics::Policy> policy = analytics::selectPolicy(store, QString());
                            if (!policy)
                                return policy.error();
                            analytics::CheckOptions options;
                            options.policy = *policy;
                            options.period = period;
                            options.cancel = job.cancelFlag();
                            options.progress = job.progressFunction();
                            return analytics::runChecks(store, options);
                        }),
        [this](const Result<analytics::CheckReport>& outcome) {
            m_wasCancelled = !outcome && tracker().isCancelled();
            m_result = outcome;
            Q_EMIT finished();
        });
}

} // namespace capaudit
