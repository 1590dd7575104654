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
    if (mode == Mode::Compose) {
        tracker().start(CaseReader::ownConnection(casePath,
                            [options](CaseStore& store, JobContext& job) {
                                return reports::composeReport(store, options, job.progressFunction(), job.cancelFlag());
                            }),
            [this](const Result<reports::ReportData>& data) {
                m_data = data;
                Q_EMIT finished();
            });
        return;
    }
    tracker().start(CaseReader::ownConnection(casePath,
                        [options](CaseStore& store, JobContext& job) {
                            return reports::writeReport(store, options, job.progressFunction(), job.cancelFlag());
                        }),
        [this](const Result<reports::ReportResult>& written) {
            m_written = written;
            Q_EMIT finished();
        });
}

} // namespace capaudit
