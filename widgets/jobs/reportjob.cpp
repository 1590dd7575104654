// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobs/reportjob.h"

#include "jobs/casereader.h"
#include "reportcomposer.h"
#include "reportwriter.h"
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

void ReportJob::cancel()
{
    m_renderCancel = true;
    BackgroundJob::cancel();
}

bool ReportJob::wasCancelled() const
{
    return m_renderCancel.load() || BackgroundJob::wasCancelled();
}

void ReportJob::start(Mode mode, const QString& casePath, const reports::ReportOptions& options)
{
    Q_ASSERT(!isRunning());
    m_mode = mode;
    m_data.reset();
    m_written.reset();
    m_renderCancel = false;
    // Writing composes first: the first 60 % of its progress.
    const double share = mode == Mode::Compose ? 1.0 : 0.6;
    auto compose = CaseReader::ownConnection(casePath, [options, share](CaseStore& store, JobContext& job) {
        const auto progress = job.progressFunction();
        return reports::composeReport(
            store, options, [progress, share](double f, const QString& m) { progress(f * share, m); },
            job.cancelFlag());
    });
    if (mode == Mode::Compose) {
        tracker().start(std::move(compose), [this](const Result<reports::ReportData>& data) {
            m_data = data;
            Q_EMIT finished();
        });
        return;
    }
    tracker().start(std::move(compose),
        [this, casePath, options](const Result<reports::ReportData>& data) { write(casePath, options, data); });
}

void ReportJob::write(
    const QString& casePath, const reports::ReportOptions& options, const Result<reports::ReportData>& data)
{
    if (!data) {
        m_written = data.error();
        Q_EMIT finished();
        return;
    }
    // The trail entry goes through a connection of this thread's own, like the worker's would have.
    Result<std::unique_ptr<CaseStore>> store = CaseStore::open(casePath);
    if (!store) {
        m_written = store.error();
        Q_EMIT finished();
        return;
    }
    m_written = reports::writeComposedReport(
        **store, *data, options, [this](double f, const QString& m) { Q_EMIT progress(0.6 + 0.4 * f, m); },
        &m_renderCancel);
    Q_EMIT finished();
}

} // namespace capaudit
