// SPDX-License-Identifier: GPL-3.0-or-later
#include "reportjob.h"

#include "reportcomposer.h"
#include "store/casestore.h"

#include <QtConcurrent/QtConcurrentRun>

#include <memory>

namespace capaudit {

ReportJob::ReportJob(QObject* parent)
    : QObject(parent)
{
}

ReportJob::~ReportJob()
{
    m_cancel = true;
    m_future.waitForFinished();
}

void ReportJob::cancel()
{
    m_cancel = true;
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
    Q_ASSERT(!m_running);
    m_mode = mode;
    m_cancel = false;
    m_running = true;
    m_data.reset();
    m_written.reset();
    m_future = QtConcurrent::run([this, mode, casePath, options] {
        // Results reach the GUI thread as queued calls; the job outlives the future (see the destructor).
        auto post = [this](auto fn) { QMetaObject::invokeMethod(this, fn, Qt::QueuedConnection); };
        auto last = std::make_shared<int>(-1);
        const reports::ProgressFn progressFn = [this, post, last](double fraction, const QString& message) {
            const int percent = int(fraction * 100);
            if (percent == *last)
                return;
            *last = percent;
            post([this, fraction, message] { Q_EMIT progress(fraction, message); });
        };
        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(casePath);
        if (mode == Mode::Compose) {
            Result<reports::ReportData> data =
                store ? reports::composeReport(**store, options, progressFn, &m_cancel) : store.error();
            post([this, data] {
                m_data = data;
                m_running = false;
                Q_EMIT finished();
            });
            return;
        }
        Result<reports::ReportResult> written =
            store ? reports::writeReport(**store, options, progressFn, &m_cancel) : store.error();
        post([this, written] {
            m_written = written;
            m_running = false;
            Q_EMIT finished();
        });
    });
}

} // namespace capaudit
