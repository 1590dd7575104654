// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/checkrunner.h"

#include <QObject>

namespace capaudit {

class CaseSession;
class CheckJob;

// Keeps the compliance checks of the open case current: runs them in the background when a case opens, after an
// import, and on demand, and hands the latest report to the Findings, Timeline and Comparison pages.
class AnalysisController : public QObject {
    Q_OBJECT
public:
    explicit AnalysisController(CaseSession* session, QObject* parent = nullptr);
    ~AnalysisController() override;

    bool isRunning() const;
    bool hasReport() const
    {
        return m_hasReport;
    }
    const analytics::CheckReport& report() const
    {
        return m_report;
    }
    CheckJob* job() const
    {
        return m_job;
    }

public Q_SLOTS:
    // Checks PERIOD ({0, 0}: the whole case); the Analysis menu passes the timeline's selected period.
    void runChecks(const capaudit::Period& period = {});
    void cancel();

Q_SIGNALS:
    void started();
    void progress(double fraction, const QString& message);
    void reportChanged(const capaudit::analytics::CheckReport& report);
    void cleared(); // the case closed: no report
    void failed(const QString& message); // an I/O error; a cancelled run keeps the last report quietly

private:
    void onFinished();

    CaseSession* m_session;
    CheckJob* m_job;
    analytics::CheckReport m_report;
    bool m_hasReport = false;
};

} // namespace capaudit
