// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobs/reportjob.h"

#include "reportcomposer.h"
#include "store/casestore.h"

#include <memory>

namespace capaudit {

ReportJob::ReportJob(QObject* parent)
    : QObject(parent)
{
    connect(&m_tracker, &JobTracker::progress, this, &ReportJob::progress);
}

ReportJob::~ReportJob() = default;

void ReportJob::cancel()
{
    m_tracker.cancel();
}

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
    auto progressOf = [](JobContext& job) {
        return reports::ProgressFn(
            [&job](double fraction, const QString& message) { job.progress(fraction, message); });
    };
    if (mode == Mode::Compose) {
        m_tracker.start(
            [casePath, options, progressOf](JobContext& job) -> Result<reports::ReportData> {
                Result<std::unique_ptr<CaseStore>> store = CaseStore::open(casePath);
                if (!store)
                    return store.error();
                return reports::composeReport(**store, options, progressOf(job), job.cancelFlag());
            },
            [this](const Result<reports::ReportData>& data) {
                m_data = data;
                Q_EMIT finished();
            });
        return;
    }
    m_tracker.start(
        [casePath, options, progressOf](JobContext& job) -> Result<reports::ReportResult> {
            Result<std::unique_ptr<CaseStore>> store = CaseStore::open(casePath);
            if (!store)
                return store.error();
            return reports::writeReport(**store, options, progressOf(job), job.cancelFlag());
        },
        [this](const Result<reports::ReportResult>& written) {
            m_written = written;
            Q_EMIT finished();
        });
}

} // namespace capaudit
