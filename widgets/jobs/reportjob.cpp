// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobs/reportjob.h"

#include "jobs/casereader.h"
#include "reportcomposer.h"
#include "store/casestore.h"

#include <memory>

namespace capaudit {

ReportJob::ReportJob(QObject* parent)
    : BackgroundJob(parent)
{
}

ReportJob::~ReportJob() = default;

QString ReportJob::errorText() const
{
    if (m_mode == Mode::Compose && m_data && !*m_data)
        return m_data->error().toString();
    if (m_mode == Mode::Write && m_written && !*m_written)
        return m_written->error().toString();
    return {};
}

void ReportJob::start(Mode mode, const QString& casePath, const reports::ReportOptions& options)
{
    Q_ASSERT(!isRunning());
    m_mode = mode;
    m_data.reset();
    m_written.reset();
    // composeReport and writeReport take the same arguments; only where the outcome goes differs.
    const auto work = [&casePath, &options](auto step) {
        return CaseReader::ownConnection(casePath, [options, step](CaseStore& store, JobContext& job) {
            return step(store, options, job.progressFunction(), job.cancelFlag());
        });
    };
    const auto into = [this](auto& slot) {
        return [this, &slot](const auto& outcome) {
            slot = outcome;
            Q_EMIT finished();
        };
    };
    if (mode == Mode::Compose)
        tracker().start(work(&reports::composeReport), into(m_data));
    else
        tracker().start(work(&reports::writeReport), into(m_written));
}

} // namespace capaudit
