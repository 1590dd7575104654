// SPDX-License-Identifier: GPL-3.0-or-later
// SamplePipeline: samples parsed on a worker thread arrive complete and in order; an error on either side ends the
// import promptly with that error, also while the parser is blocked on a full queue. Several payloads are parsed at
// once, yet reach the target whole and in payload order, and errors are reported in payload order; the built-in
// profile those parsers share is safe to use from two threads.
#include "crypto/backgroundhasher.h"
#include "crypto/digest.h"
#include "ingest/payloadimport.h"
#include "store/blobtee.h"
#include "store/samplepipeline.h"
#include "store/schema.h"
#include "store/sqlitedb.h"
#include "testsupport.h"

#include <QBuffer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

using namespace capaudit;

namespace {

// Sends COUNT samples, one per line of the input it reads, failing at FAILAT (1-based) when set.
struct LineParser {
    qint64 failAt = 0;
    std::function<Status()> before; // runs on the worker before it reads
    std::function<void()> after; // runs on the worker once every line was handed to the sink
    Status operator()(QIODevice& in, UsageSink& sink) const
    {
        if (before)
            if (Status s = before(); !s)
                return s;
        qint64 line = 0;
        QByteArray pending;
        for (;;) {
            const QByteArray block = in.read(1 << 16);
            if (block.isEmpty())
                break;
            pending += block;
            qsizetype start = 0;
            for (qsizetype end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n', start)) {
                ++line;
                if (line == failAt)
                    return Error(
                        QStringLiteral("data/usage.csv"), line, QStringLiteral("allocated"), QStringLiteral("bad"));
                UsageSample s;
                s.line = line;
                s.time = QByteArrayView(pending).sliced(start, end - start).toLongLong();
                s.node = QStringLiteral("n");
                if (Status st = sink.addSample(s); !st)
                    return st;
                start = end + 1;
            }
            pending.remove(0, start);
        }
        if (after)
            after();
        return {};
    }
};

LineParser failingAt(qint64 line)
{
    LineParser parser;
    parser.failAt = line;
    return parser;
}

// A one-shot signal between two workers, with a timeout so a pipeline that runs them one after the other fails the
// test instead of hanging it.
class Latch {
public:
    void open()
    {
        std::lock_guard lock(m_mutex);
        m_open = true;
        m_changed.notify_all();
    }
    bool wait()
    {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, std::chrono::seconds(20), [&] { return m_open; });
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_open = false;
};

struct RecordingSink final : UsageSink {
    QList<qint64> times;
    qint64 failAt = 0;
    Status addSample(const UsageSample& s) override
    {
        if (failAt && times.size() + 1 == failAt)
            return Error(QStringLiteral("import cancelled"));
        times.append(s.time);
        return {};
    }
};

} // namespace

class TestSamplePipeline : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    sql::Database m_db;
    QString m_file;
    QByteArray m_sha;
    qint64 m_compressed = 0;
    static constexpr qint64 kLines = 300000; // ~2 MB: several file chunks and ~70 batches, more than the queue holds
    // Three payloads: 0 as above, 1 small enough to be held whole ahead of its turn, 2 empty.
    QStringList m_files;
    QList<QByteArray> m_shas;
    static constexpr qint64 kLines1 = 60000;

    static QByteArray numbers(qint64 first, qint64 count)
    {
        QByteArray bytes;
        for (qint64 i = 0; i < count; ++i)
            bytes += QByteArray::number(first + i) + '\n';
        return bytes;
    }

    // Runs PARSERS over the three payloads; returns the run's status and logs begin/end calls as "b0", "e0", ...
    Status runJobs(const QList<LineParser>& parsers, RecordingSink& target, QStringList& calls)
    {
        if (!m_db.exec("SAVEPOINT t"))
            return Error(QStringLiteral("savepoint"));
        std::vector<std::unique_ptr<BlobTee>> tees;
        std::vector<SamplePipeline::Job> jobs;
        for (qsizetype i = 0; i < parsers.size(); ++i) {
            // A payload beyond the three files is one that is not there.
            const bool there = i < m_files.size();
            tees.push_back(
                std::make_unique<BlobTee>(m_db, there ? m_files.at(i) : m_dir.filePath(QStringLiteral("gone")),
                    QStringLiteral("data/p%1.csv").arg(i), there ? m_shas.at(i) : QByteArray(32, '\0')));
            jobs.push_back({ tees.back().get(), parsers.at(i) });
        }
        const Status s = SamplePipeline::run(
            jobs, target,
            [&](qint64 blob, qint64 chunk, const blobcodec::StoredChunk& stored) {
                return BlobTee::insertChunk(m_db, blob, chunk, stored);
            },
            {}, [&](qsizetype i) { calls << QStringLiteral("b%1").arg(i); },
            [&](qsizetype i, qint64 blob) {
                calls << QStringLiteral("e%1").arg(i);
                return blob > 0 ? Status() : Status(Error(QStringLiteral("no blob")));
            });
        for (auto& tee : tees)
            tee->close();
        const Status rolledBack = m_db.exec("ROLLBACK TO t; RELEASE t");
        return s ? rolledBack : s;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_db.open(m_dir.filePath(QStringLiteral("p.capcase")), sql::Database::Mode::Create).ok());
        QVERIFY(schema::configureConnection(m_db).ok());
        QVERIFY(schema::migrate(m_db).ok());
        m_file = m_dir.filePath(QStringLiteral("usage.csv"));
        QByteArray bytes;
        for (qint64 i = 0; i < kLines; ++i)
            bytes += QByteArray::number(1000000 + i) + '\n';
        QFile f(m_file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
        f.close();
        m_sha = crypto::sha256(bytes);
        const QList<QByteArray> payloads { bytes, numbers(2000000, kLines1), QByteArray() };
        for (qsizetype i = 0; i < payloads.size(); ++i) {
            m_files << m_dir.filePath(QStringLiteral("p%1.csv").arg(i));
            QFile p(m_files.last());
            QVERIFY(p.open(QIODevice::WriteOnly));
            p.write(payloads.at(i));
            m_shas << crypto::sha256(payloads.at(i));
        }
    }

    void run(const LineParser& parser, RecordingSink& target, Result<qint64>& result, qint64& chunks)
    {
        QVERIFY(m_db.exec("SAVEPOINT t").ok()); // each run starts from an empty blob store
        BlobTee tee(m_db, m_file, QStringLiteral("data/usage.csv"), m_sha);
        chunks = 0;
        result = SamplePipeline::run(tee, parser, target,
            [&](qint64 blob, qint64 chunk, const blobcodec::StoredChunk& stored) {
                ++chunks;
                // Compressed before the hand-over, on the parser thread (this list of numbers compresses well).
                if (stored.codec == blobcodec::Codec::Zstd && stored.bytes.size() < stored.rawSize)
                    ++m_compressed;
                return BlobTee::insertChunk(m_db, blob, chunk, stored);
            },
            {});
        tee.close();
        QVERIFY(m_db.exec("ROLLBACK TO t; RELEASE t").ok());
    }

    void everySampleArrivesInOrder()
    {
        RecordingSink target;
        Result<qint64> result = qint64(0);
        qint64 chunks = 0;
        m_compressed = 0;
        run(LineParser {}, target, result, chunks);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        QCOMPARE(target.times.size(), qsizetype(kLines));
        for (qint64 i = 0; i < kLines; ++i)
            QCOMPARE(target.times.at(i), 1000000 + i);
        QVERIFY(chunks >= 2); // file chunks were handed to this thread and stored here
        QCOMPARE(m_compressed, chunks);
    }

    void consumerErrorStopsTheParser()
    {
        RecordingSink target;
        target.failAt = 5000;
        Result<qint64> result = qint64(0);
        qint64 chunks = 0;
        run(LineParser {}, target, result, chunks);
        QVERIFY(!result);
        QCOMPARE(result.error().reason, QStringLiteral("import cancelled"));
        QCOMPARE(target.times.size(), qsizetype(4999));
    }

    void parserErrorIsReturned()
    {
        RecordingSink target;
        Result<qint64> result = qint64(0);
        qint64 chunks = 0;
        run(failingAt(250000), target, result, chunks);
        QVERIFY(!result);
        QCOMPARE(result.error().line, qint64(250000));
        QCOMPARE(result.error().field, QStringLiteral("allocated"));
        // At most what came before the bad line (the last partial batch is dropped: the import fails anyway), in order.
        QVERIFY(target.times.size() > 200000 && target.times.size() < 250000);
        for (qsizetype i = 0; i < target.times.size(); ++i)
            QCOMPARE(target.times.at(i), 1000000 + i);
    }
    // A payload stored in more than one chunk is hashed by a thread of its own, chunk by chunk (BlobTee; the run
    // above passes only if that digest is the verified one): bytes that are not the verified ones still fail.
    void chunkedPayloadIsHashedAsideAndHeldToItsDigest()
    {
        crypto::BackgroundHasher hasher; // more chunks than it queues, empty ones among them
        QByteArray all;
        for (int i = 0; i < 3 * int(crypto::BackgroundHasher::kMaxQueued); ++i) {
            const QByteArray chunk = i % 5 == 4 ? QByteArray() : QByteArray(1000 + i, char('a' + i % 26));
            all += chunk;
            hasher.add(chunk);
        }
        QCOMPARE(hasher.finish(), crypto::sha256(all));

        QVERIFY(m_db.exec("SAVEPOINT t").ok());
        BlobTee tee(m_db, m_file, QStringLiteral("data/usage.csv"), crypto::sha256("other bytes"));
        RecordingSink target;
        const Result<qint64> result = SamplePipeline::run(tee, LineParser {}, target,
            [&](qint64 blob, qint64 chunk, const blobcodec::StoredChunk& stored) {
                return BlobTee::insertChunk(m_db, blob, chunk, stored);
            },
            {});
        tee.close();
        QVERIFY(m_db.exec("ROLLBACK TO t; RELEASE t").ok());
        QVERIFY(!result);
        QVERIFY2(result.error().reason.contains(QLatin1String("no longer match the verified digest")),
            qPrintable(result.error().toString()));
        QCOMPARE(target.times.size(), qsizetype(kLines)); // parsed to the end: the digest is known only then
    }

    // A built-in profile is built once per process and shared by the parsers of one import, which run at once: its
    // dcgm-exporter "not a node" patterns are matched from two threads here (run under ThreadSanitizer in CI).
    void builtInProfileIsSharedByParsersAtOnce()
    {
        const QByteArray body = test::readAll(test::ingestFixture(QStringLiteral("dcgm-k80-pod-hostname.prom.txt")));
        TelemetryPayload p;
        p.path = QStringLiteral("data/k80.prom");
        p.format = QStringLiteral("prometheus-text");
        p.profile = QStringLiteral("dcgm-exporter");
        p.scrapeTime = test::kIngestStart;
        p.defaultNode = QStringLiteral("k80-node-2"); // the Hostname is the exporter's pod, which the pattern says
        auto importMany = [&](qsizetype& samples, QString& failure) {
            for (int i = 0; i < 20 && failure.isEmpty(); ++i) {
                QByteArray bytes = body;
                QBuffer in(&bytes);
                in.open(QIODevice::ReadOnly);
                UsageCollector sink;
                if (Status s = importTelemetryPayload(p, in, {}, sink); !s)
                    failure = s.error().toString();
                for (const UsageSample& sample : sink.samples)
                    if (sample.node != p.defaultNode)
                        failure = QStringLiteral("sample on node %1").arg(sample.node);
                samples += sink.samples.size();
            }
        };
        qsizetype samplesA = 0, samplesB = 0;
        QString failureA, failureB;
        std::thread a([&] { importMany(samplesA, failureA); });
        std::thread b([&] { importMany(samplesB, failureB); });
        a.join();
        b.join();
        QVERIFY2(failureA.isEmpty(), qPrintable(failureA));
        QVERIFY2(failureB.isEmpty(), qPrintable(failureB));
        QVERIFY(samplesA > 0);
        QCOMPARE(samplesB, samplesA);
    }

    void payloadsAreParsedAtOnceAndStoredInOrder()
    {
        // Payload 0 does not start until payload 1 has been parsed to its end: one parser after the other would wait
        // here until the latch times out.
        Latch secondParsed;
        LineParser first, second, third;
        first.before = [&]() -> Status {
            if (!secondParsed.wait())
                return Error(QStringLiteral("data/p0.csv"), QStringLiteral("payload 1 was not parsed beside it"));
            return {};
        };
        second.after = [&] { secondParsed.open(); };
        RecordingSink target;
        QStringList calls;
        const Status s = runJobs({ first, second, third }, target, calls);
        QVERIFY2(s, qPrintable(s ? QString() : s.error().toString()));
        QCOMPARE(calls, QStringList({ "b0", "e0", "b1", "e1", "b2", "e2" }));
        QCOMPARE(target.times.size(), qsizetype(kLines + kLines1));
        for (qint64 i = 0; i < kLines; ++i)
            QCOMPARE(target.times.at(i), 1000000 + i);
        for (qint64 i = 0; i < kLines1; ++i)
            QCOMPARE(target.times.at(kLines + i), 2000000 + i);
    }

    void errorsAreReportedInPayloadOrder()
    {
        // Payload 1 fails at once, payload 0 late: the error of payload 0 is the one reported, as if parsed in turn.
        RecordingSink target;
        QStringList calls;
        Status s = runJobs({ failingAt(250000), failingAt(1), LineParser {} }, target, calls);
        QVERIFY(!s);
        QCOMPARE(s.error().file, QStringLiteral("data/usage.csv"));
        QCOMPARE(s.error().line, qint64(250000));
        QCOMPARE(calls, QStringList({ "b0" }));

        // Payload 0 is fine: it is stored whole, then payload 1's error ends the run.
        RecordingSink target2;
        calls.clear();
        s = runJobs({ LineParser {}, failingAt(1), LineParser {} }, target2, calls);
        QVERIFY(!s);
        QCOMPARE(s.error().line, qint64(1));
        QCOMPARE(calls, QStringList({ "b0", "e0", "b1" }));
        QCOMPARE(target2.times.size(), qsizetype(kLines));
    }

    void aPayloadIsOpenedOnlyWhenItsWorkerStarts()
    {
        // The fourth payload's file is not there. Its worker starts when the second payload is stored, so the first
        // two are stored whole before the error; opening every file up front would fail before any sample.
        RecordingSink target;
        QStringList calls;
        const Status s = runJobs({ LineParser {}, LineParser {}, LineParser {}, LineParser {} }, target, calls);
        QVERIFY(!s);
        QCOMPARE(s.error().file, QStringLiteral("data/p3.csv"));
        QCOMPARE(calls, QStringList({ "b0", "e0", "b1", "e1", "b2" }));
        QCOMPARE(target.times.size(), qsizetype(kLines + kLines1));
    }

    void consumerErrorStopsAWorkerWaitingForItsTurn()
    {
        // Payload 1 holds its batches and waits for a turn that never comes; the run still ends, with the error.
        RecordingSink target;
        target.failAt = 1000;
        QStringList calls;
        const Status s = runJobs({ LineParser {}, LineParser {}, LineParser {} }, target, calls);
        QVERIFY(!s);
        QCOMPARE(s.error().reason, QStringLiteral("import cancelled"));
        QCOMPARE(calls, QStringList({ "b0" }));
        QCOMPARE(target.times.size(), qsizetype(999));
    }
};

QTEST_GUILESS_MAIN(TestSamplePipeline)
#include "tst_samplepipeline.moc"
