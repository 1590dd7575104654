// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jobs/jobtracker.h"

#include <QObject>

namespace capaudit {

// What every job object of the GUI shares (CheckJob, ImportJob, ReportJob, DemoBankJob): one JobTracker, cancel,
// whether it runs, and the progress and finished signals. A subclass says what to run and keeps the outcome.
class BackgroundJob : public QObject {
    Q_OBJECT
public:
    ~BackgroundJob() override = default;

    virtual void cancel()
    {
        m_tracker.cancel();
    }
    bool isRunning() const
    {
        return m_tracker.isBusy();
    }
    // Whether the last run was asked to stop.
    virtual bool wasCancelled() const
    {
        return m_tracker.isCancelled();
    }

Q_SIGNALS:
    void progress(double fraction, const QString& message);
    void finished();

protected:
    explicit BackgroundJob(QObject* parent)
        : QObject(parent)
    {
        connect(&m_tracker, &JobTracker::progress, this, &BackgroundJob::progress);
    }
    JobTracker& tracker()
    {
        return m_tracker;
    }

private:
    JobTracker m_tracker { this };
};

} // namespace capaudit
