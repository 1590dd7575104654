// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobs/jobtracker.h"
#include "util/result.h"

#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace capaudit;

// The background-job helper every page and job of the GUI uses: what reaches the GUI thread, and when it must not.
class TestJobTracker : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void deliversOnGuiThread();
    void staleResultDropped();
    void newestWinsOneAtATime();
    void receiverDestroyedMidJob();
    void cancelDeliversCancelledOutcome();
    void cancelDropsQueuedJob();
    void discardDropsEverything();
    void progressThrottledAndCurrentOnly();
    void postedCallsDroppedWhenStale();
    void destructorWaitsForWorker();
};

// A gate the work functions wait at, so a test decides when a job returns.
struct Gate {
    QSemaphore entered;
    QSemaphore release;
    void pass()
    {
        entered.release();
        release.acquire();
    }
};

void TestJobTracker::deliversOnGuiThread()
{
    QObject receiver;
    JobTracker tracker(&receiver);
    QThread* worker = nullptr;
    QThread* delivered = nullptr;
    int value = 0;
    tracker.start(
        [&worker](JobContext&) {
            worker = QThread::currentThread();
            return 42;
        },
        [&](int v) {
            delivered = QThread::currentThread();
            value = v;
        });
    QVERIFY(tracker.isBusy());
    QTRY_COMPARE(value, 42);
    QVERIFY(!tracker.isBusy());
    QVERIFY(worker != QThread::currentThread());
    QCOMPARE(delivered, QThread::currentThread());
}

void TestJobTracker::staleResultDropped()
{
    QObject receiver;
    JobTracker tracker(&receiver);
    auto gate = std::make_shared<Gate>();
    QList<int> delivered;
    bool firstSawCancel = false;
    tracker.start(
        [gate, &firstSawCancel](JobContext& job) {
            gate->pass();
            firstSawCancel = job.isCancelled();
            return 1;
        },
        [&](int v) { delivered.append(v); });
    gate->entered.acquire();
    const quint64 second = tracker.start([](JobContext&) { return 2; }, [&](int v) { delivered.append(v); });
    QCOMPARE(tracker.currentId(), second);
    gate->release.release();
    QTRY_VERIFY(!tracker.isBusy());
    QTest::qWait(20);
    QCOMPARE(delivered, QList<int> { 2 }); // the superseded job's answer never arrives
    QVERIFY(firstSawCancel);
}

void TestJobTracker::newestWinsOneAtATime()
{
    QObject receiver;
    JobTracker tracker(&receiver);
    auto gate = std::make_shared<Gate>();
    std::atomic<int> running { 0 };
    std::atomic<int> maxRunning { 0 };
    QList<int> delivered;
    auto work = [&](int v, bool wait) {
        return [&, v, wait, gate](JobContext&) {
            maxRunning = std::max(maxRunning.load(), ++running);
            if (wait)
                gate->pass();
            --running;
            return v;
        };
    };
    tracker.start(work(1, true), [&](int v) { delivered.append(v); });
    gate->entered.acquire();
    tracker.start(work(2, false), [&](int v) { delivered.append(v); });
    tracker.start(work(3, false), [&](int v) { delivered.append(v); });
    QVERIFY(tracker.isBusy());
    gate->release.release();
    QTRY_COMPARE(delivered, QList<int> { 3 });
    QCOMPARE(maxRunning.load(), 1);
}

void TestJobTracker::receiverDestroyedMidJob()
{
    auto* receiver = new QObject;
    JobTracker tracker(receiver);
    auto gate = std::make_shared<Gate>();
    bool delivered = false;
    bool progressed = false;
    connect(&tracker, &JobTracker::progress, this, [&] { progressed = true; });
    tracker.start(
        [gate](JobContext& job) {
            gate->pass();
            job.progress(0.5, QStringLiteral("half"));
            return 1;
        },
        [&](int) { delivered = true; });
    gate->entered.acquire();
    delete receiver;
    gate->release.release();
    QTRY_VERIFY(!tracker.isBusy());
    QTest::qWait(20);
    QVERIFY(!delivered);
    QVERIFY(!progressed);
}

void TestJobTracker::cancelDeliversCancelledOutcome()
{
    QObject receiver;
    JobTracker tracker(&receiver);
    auto gate = std::make_shared<Gate>();
    std::optional<Result<int>> outcome;
    tracker.start(
        [gate](JobContext& job) -> Result<int> {
            gate->pass();
            // As the core does: it polls the flag it was given and fails with "cancelled".
            if (job.cancelFlag()->load())
                return Error(QString(), QStringLiteral("cancelled"));
            return 1;
        },
        [&](const Result<int>& r) { outcome = r; });
    gate->entered.acquire();
    tracker.cancel();
    QVERIFY(tracker.isCancelled());
    gate->release.release();
    QTRY_VERIFY(outcome.has_value());
    QVERIFY(!*outcome);
    QVERIFY(tracker.isCancelled());
}

void TestJobTracker::cancelDropsQueuedJob()
{
    QObject receiver;
    JobTracker tracker(&receiver);
    auto gate = std::make_shared<Gate>();
    QList<int> delivered;
    bool queuedRan = false;
    tracker.start(
        [gate](JobContext& job) {
            gate->pass();
            return job.isCancelled() ? -1 : 1;
        },
        [&](int v) { delivered.append(v); });
    gate->entered.acquire();
    tracker.start(
        [&queuedRan](JobContext&) {
            queuedRan = true;
            return 2;
        },
        [&](int v) { delivered.append(v); });
    tracker.cancel();
    gate->release.release();
    // Exactly one outcome: the running job's, cancelled; the queued one never starts.
    QTRY_COMPARE(delivered, QList<int> { -1 });
    QTest::qWait(20);
    QCOMPARE(delivered, QList<int> { -1 });
    QVERIFY(!queuedRan);
    QVERIFY(!tracker.isBusy());
}

void TestJobTracker::discardDropsEverything()
{
    QObject receiver;
    JobTracker tracker(&receiver);
    auto gate = std::make_shared<Gate>();
    bool delivered = false;
    bool sawCancel = false;
    tracker.start(
        [gate, &sawCancel](JobContext& job) {
            gate->pass();
            sawCancel = job.isCancelled();
            return 1;
        },
        [&](int) { delivered = true; });
    gate->entered.acquire();
    tracker.discard();
    QVERIFY(tracker.isBusy()); // the worker has not returned yet
    gate->release.release();
    QTRY_VERIFY(!tracker.isBusy());
    QTest::qWait(20);
    QVERIFY(!delivered);
    QVERIFY(sawCancel);
}

void TestJobTracker::progressThrottledAndCurrentOnly()
{
    QObject receiver;
    JobTracker tracker(&receiver);
    QSignalSpy progress(&tracker, &JobTracker::progress);
    bool done = false;
    tracker.start(
        [](JobContext& job) {
            for (int i = 0; i <= 1000; ++i)
                job.progress(i / 1000.0, QStringLiteral("step %1").arg(i));
            return 0;
        },
        [&](int) { done = true; });
    QTRY_VERIFY(done);
    // Whole percents only: 0 … 100.
    QCOMPARE(progress.count(), 101);
    QCOMPARE(progress.first().at(0).toDouble(), 0.0);
    QCOMPARE(progress.last().at(0).toDouble(), 1.0);

    // A superseded job's progress is dropped.
    progress.clear();
    auto gate = std::make_shared<Gate>();
    tracker.start(
        [gate](JobContext& job) {
            gate->pass();
            job.progress(0.5, QStringLiteral("stale"));
            return 1;
        },
        [](int) {});
    gate->entered.acquire();
    done = false;
    tracker.start([](JobContext&) { return 2; }, [&](int) { done = true; });
    gate->release.release();
    QTRY_VERIFY(done);
    for (const QList<QVariant>& args : progress)
        QVERIFY(args.at(1).toString() != QLatin1String("stale"));
}

void TestJobTracker::postedCallsDroppedWhenStale()
{
    QObject receiver;
    JobTracker tracker(&receiver);
    auto gate = std::make_shared<Gate>();
    QStringList posted;
    tracker.start(
        [gate, &posted](JobContext& job) {
            job.post([&posted] { posted.append(QStringLiteral("before")); });
            gate->pass();
            job.post([&posted] { posted.append(QStringLiteral("after")); });
            return 0;
        },
        [](int) {});
    gate->entered.acquire();
    QTRY_COMPARE(posted, QStringList { QStringLiteral("before") });
    tracker.discard();
    gate->release.release();
    QTRY_VERIFY(!tracker.isBusy());
    QTest::qWait(20);
    QCOMPARE(posted, QStringList { QStringLiteral("before") });
}

void TestJobTracker::destructorWaitsForWorker()
{
    QObject receiver;
    auto gate = std::make_shared<Gate>();
    std::atomic_bool finished { false };
    bool sawCancel = false;
    {
        JobTracker tracker(&receiver);
        tracker.start(
            [gate, &finished, &sawCancel](JobContext& job) {
                gate->pass();
                QThread::msleep(100); // the destructor runs meanwhile
                sawCancel = job.isCancelled();
                finished = true;
                return 0;
            },
            [](int) { QFAIL("delivered after the tracker was destroyed"); });
        gate->entered.acquire();
        gate->release.release();
    }
    QVERIFY(finished.load());
    QVERIFY(sawCancel);
    QTest::qWait(20);
}

QTEST_GUILESS_MAIN(TestJobTracker)
#include "tst_jobtracker.moc"
