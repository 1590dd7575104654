// SPDX-License-Identifier: GPL-3.0-or-later
#include "checkjob.h"

#include "analytics/policyselection.h"
#include "store/casestore.h"

#include <QtConcurrent/QtConcurrentRun>

#include <memory>

namespace capaudit {

CheckJob::CheckJob(QObject* parent)
    : QObject(parent)
{
}

CheckJob::~CheckJob()
{
    m_cancel = true;
    m_future.waitForFinished();
}

void CheckJob::cancel()
{
    m_queued.reset();
    m_cancel = true;
}

void CheckJob::start(const QString& casePath, const Period& period)
{
    if (m_running) {
        // The running pass is for older inputs: stop it, and start again when it has returned.
        m_queued = std::make_pair(casePath, period);
        m_cancel = true;
        return;
    }
    launch(casePath, period);
}

void CheckJob::launch(const QString& casePath, const Period& period)
{
    m_cancel = false;
    m_running = true;
    const quint64 generation = ++m_generation;
    Q_EMIT started();
    m_future = QtConcurrent::run([this, casePath, period, generation] {
        // Results reach the GUI thread as queued calls; the job outlives the future (see the destructor).
        auto post = [this](auto fn) { QMetaObject::invokeMethod(this, fn, Qt::QueuedConnection); };
        Result<analytics::CheckReport> outcome = [&]() -> Result<analytics::CheckReport> {
            Result<std::unique_ptr<CaseStore>> store = CaseStore::open(casePath);
            if (!store)
                return store.error();
            Result<analytics::Policy> policy = analytics::selectPolicy(**store, QString());
            if (!policy)
                return policy.error();
            analytics::CheckOptions options;
            options.policy = *policy;
            options.period = period;
            options.cancel = &m_cancel;
            // The rules report per chunk of rows from several threads; whole percents are enough for a progress bar.
            auto last = std::make_shared<std::atomic<int>>(-1);
            options.progress = [this, post, last, generation](double fraction, const QString& message) {
                const int percent = int(fraction * 100);
                if (last->exchange(percent) == percent)
                    return;
                post([this, fraction, message, generation] {
                    if (generation == m_generation)
                        Q_EMIT progress(fraction, message);
                });
            };
            return analytics::runChecks(**store, options);
        }();
        post([this, outcome, generation] {
            if (generation != m_generation)
                return;
            m_running = false;
            if (m_queued) {
                const auto [path, queuedPeriod] = *m_queued;
                m_queued.reset();
                launch(path, queuedPeriod);
                return;
            }
            m_wasCancelled = !outcome && m_cancel.load();
            m_result = outcome;
            Q_EMIT finished();
        });
    });
}

} // namespace capaudit
