// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobs/analysiscontroller.h"

#include "jobs/casesession.h"
#include "jobs/checkjob.h"

namespace capaudit {

AnalysisController::AnalysisController(CaseSession* session, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_job(new CheckJob(this))
{
    connect(m_job, &CheckJob::started, this, &AnalysisController::started);
    connect(m_job, &CheckJob::progress, this, &AnalysisController::progress);
    connect(m_job, &CheckJob::finished, this, &AnalysisController::onFinished);
    connect(m_session, &CaseSession::caseOpened, this, [this] { runChecks(m_session->period()); });
    connect(m_session, &CaseSession::bundlesChanged, this, [this] { runChecks(m_session->period()); });
    // The period selector drives every page: the verdicts follow it like the charts do.
    connect(m_session, &CaseSession::periodChanged, this, [this](const Period& period) { runChecks(period); });
    connect(m_session, &CaseSession::caseClosed, this, [this] {
        m_job->cancel();
        m_report = {};
        m_hasReport = false;
        Q_EMIT cleared();
    });
}

AnalysisController::~AnalysisController() = default;

bool AnalysisController::isRunning() const
{
    return m_job->isRunning();
}

void AnalysisController::runChecks(const Period& period)
{
    if (!m_session->isOpen())
        return;
    m_job->start(m_session->path(), period);
}

void AnalysisController::cancel()
{
    m_job->cancel();
}

void AnalysisController::onFinished()
{
    if (!m_session->isOpen())
        return;
    const Result<analytics::CheckReport>& result = *m_job->result();
    if (!result) {
        if (!m_job->wasCancelled())
            Q_EMIT failed(result.error().toString());
        return;
    }
    m_report = *result;
    m_hasReport = true;
    Q_EMIT reportChanged(m_report);
}

} // namespace capaudit
