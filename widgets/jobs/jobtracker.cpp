// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobs/jobtracker.h"

namespace capaudit {

void JobContext::progress(double fraction, const QString& message) const
{
    const int percent = int(fraction * 100);
    if (m_state->lastPercent.exchange(percent) == percent)
        return;
    JobTracker* tracker = m_tracker;
    QMetaObject::invokeMethod(
        tracker,
        [tracker, id = m_state->id, fraction, message] {
            if (tracker->isCurrent(id))
                Q_EMIT tracker->progress(fraction, message);
        },
        Qt::QueuedConnection);
}

void JobContext::post(std::function<void()> fn) const
{
    JobTracker* tracker = m_tracker;
    QMetaObject::invokeMethod(
        tracker,
        [tracker, id = m_state->id, fn = std::move(fn)] {
            if (tracker->isCurrent(id))
                fn();
        },
        Qt::QueuedConnection);
}

JobTracker::JobTracker(QObject* receiver, QThreadPool* pool)
    : m_receiver(receiver)
    , m_pool(pool ? pool : QThreadPool::globalInstance())
{
}

JobTracker::~JobTracker()
{
    discard();
    // The worker posts to this object; Qt drops those events with it, but the worker itself must not outlive it.
    m_future.waitForFinished();
}

quint64 JobTracker::schedule(Launcher launcher)
{
    auto state = std::make_shared<detail::JobState>();
    state->id = ++m_lastId;
    if (m_current)
        m_current->cancel = true;
    m_current = state;
    if (m_running) {
        // The running worker is for older inputs: it stops, and this job starts when it has returned.
        m_queued = std::move(launcher);
        return state->id;
    }
    launch(std::move(launcher), state);
    return state->id;
}

void JobTracker::launch(Launcher launcher, std::shared_ptr<detail::JobState> state)
{
    m_running = true;
    m_runningState = state;
    m_future = launcher(std::move(state));
}

void JobTracker::cancel()
{
    if (m_queued) {
        m_queued = nullptr;
        m_current = m_runningState;
    }
    if (m_current)
        m_current->cancel = true;
}

void JobTracker::discard()
{
    m_queued = nullptr;
    if (m_current)
        m_current->cancel = true;
    // A fresh state that no worker carries: whatever is in flight is no longer current.
    m_current = std::make_shared<detail::JobState>();
    m_current->id = ++m_lastId;
}

bool JobTracker::isCurrent(quint64 id) const
{
    return m_receiver && m_current && m_current->id == id;
}

bool JobTracker::finishJob(quint64 id)
{
    m_running = false;
    if (m_queued) {
        Launcher next = std::move(m_queued);
        m_queued = nullptr;
        launch(std::move(next), m_current);
        return false;
    }
    return isCurrent(id);
}

} // namespace capaudit
