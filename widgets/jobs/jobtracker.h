// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFuture>
#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <functional>
#include <memory>
#include <type_traits>

namespace capaudit {

class JobTracker;

namespace detail {
struct JobState {
    quint64 id = 0;
    std::atomic_bool cancel { false };
    std::atomic<int> lastPercent { -1 };
};
} // namespace detail

// What a job's work function sees on its worker thread: whether it should stop, a way to report progress and a way
// to hand intermediate results to the GUI thread. Everything it posts is dropped once the job is no longer current.
class JobContext {
public:
    bool isCancelled() const
    {
        return m_state->cancel.load();
    }
    // For the core's options (ImportOptions::cancel, CheckOptions::cancel, …).
    const std::atomic_bool* cancelFlag() const
    {
        return &m_state->cancel;
    }
    // Thread-safe; throttled to whole percents, since the core reports per chunk of rows (from several threads).
    void progress(double fraction, const QString& message) const;
    // progress() as the core's options take it (ImportOptions::progress, CheckOptions::progress, …).
    std::function<void(double, const QString&)> progressFunction() const
    {
        return [context = *this](double fraction, const QString& message) { context.progress(fraction, message); };
    }
    // Runs FN on the GUI thread, if the job is still current and its receiver alive by then.
    void post(std::function<void()> fn) const;

private:
    friend class JobTracker;
    JobContext(JobTracker* tracker, std::shared_ptr<detail::JobState> state)
        : m_tracker(tracker)
        , m_state(std::move(state))
    {
    }
    JobTracker* m_tracker;
    std::shared_ptr<detail::JobState> m_state;
};

// Background work for one receiver (a page or a job object), in the spirit of KDAB hotspot's JobTracker. Every
// start() makes a new current job and supersedes the previous one: that one is told to cancel, its outcome and
// progress are dropped, and the new job waits until it has returned (one worker at a time per tracker, newest wins).
// An outcome reaches the GUI thread only if its job is still current and the receiver still alive. Lives on the GUI
// thread; the destructor cancels and waits, so work functions may use what the receiver owns only by value.
class JobTracker : public QObject {
    Q_OBJECT
public:
    explicit JobTracker(QObject* receiver, QThreadPool* pool = nullptr);
    ~JobTracker() override;

    // Runs WORK(JobContext&) -> T on the pool, then THEN(const T&) on the GUI thread. Returns the job's id.
    template <typename Work, typename Then> quint64 start(Work work, Then then)
    {
        using T = std::decay_t<std::invoke_result_t<Work&, JobContext&>>;
        return schedule(
            [this, work = std::move(work), then = std::move(then)](std::shared_ptr<detail::JobState> state) mutable {
                return QtConcurrent::run(m_pool, [this, state, work, then]() mutable {
                    JobContext context(this, state);
                    T outcome = work(context);
                    QMetaObject::invokeMethod(
                        this,
                        [this, id = state->id, outcome = std::move(outcome), then]() mutable {
                            if (finishJob(id))
                                then(outcome);
                        },
                        Qt::QueuedConnection);
                });
            });
    }

    // Asks the current job to stop; its outcome is still delivered (the work decides what a cancelled run returns).
    // A job waiting for its turn is dropped, and the one it was to replace becomes current again.
    void cancel();
    // Cancels and forgets: nothing of the current job reaches the receiver any more.
    void discard();
    // From start() until the outcome is delivered (or, after discard(), until the worker has returned).
    bool isBusy() const
    {
        return m_running || m_queued;
    }
    // Whether the current (or last delivered) job was asked to stop.
    bool isCancelled() const
    {
        return m_current && m_current->cancel.load();
    }
    quint64 currentId() const
    {
        return m_current ? m_current->id : 0;
    }
    void waitForFinished()
    {
        m_future.waitForFinished();
    }

Q_SIGNALS:
    void progress(double fraction, const QString& message); // the current job's, on the GUI thread

private:
    friend class JobContext;
    using Launcher = std::function<QFuture<void>(std::shared_ptr<detail::JobState>)>;
    quint64 schedule(Launcher launcher);
    void launch(Launcher launcher, std::shared_ptr<detail::JobState> state);
    bool isCurrent(quint64 id) const;
    bool finishJob(quint64 id); // the worker of ID has returned; true when its outcome is to be delivered

    QPointer<QObject> m_receiver;
    QThreadPool* m_pool;
    QFuture<void> m_future;
    quint64 m_lastId = 0;
    std::shared_ptr<detail::JobState> m_current; // the job whose outcome the receiver waits for
    std::shared_ptr<detail::JobState> m_runningState; // the job whose worker runs (or ran last)
    bool m_running = false;
    Launcher m_queued; // the current job, waiting for the superseded one to return
};

} // namespace capaudit
