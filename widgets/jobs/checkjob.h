// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/checkrunner.h"
#include "jobs/backgroundjob.h"

#include <QObject>

#include <optional>

namespace capaudit {

// Runs the compliance checks over a case on a worker thread, with its own connection to the case (CaseStore is not
// thread-safe). The policy is the case's (analytics::selectPolicy). Progress and the result reach the GUI thread as
// queued signals; a new start() while a run is going cancels it and runs again once it has stopped (JobTracker).
class CheckJob : public BackgroundJob {
    Q_OBJECT
public:
    explicit CheckJob(QObject* parent = nullptr);
    ~CheckJob() override;

    void start(const QString& casePath, const Period& period);
    // The last finished run: a report, or why there is none (cancelled, I/O).
    const std::optional<Result<analytics::CheckReport>>& result() const
    {
        return m_result;
    }
    // Cancelled before it had a report (a cancel that came too late leaves a report, and this false).
    bool wasCancelled() const override
    {
        return m_wasCancelled;
    }

Q_SIGNALS:
    void started(); // finished() follows; result() then holds the outcome

private:
    std::optional<Result<analytics::CheckReport>> m_result;
    bool m_wasCancelled = false;
};

} // namespace capaudit
