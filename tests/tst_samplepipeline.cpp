// SPDX-License-Identifier: GPL-3.0-or-later
// SamplePipeline: samples parsed on a worker thread arrive complete and in order; an error on either side ends the
// import promptly with that error, also while the parser is blocked on a full queue.
#include "crypto/digest.h"
#include "store/blobtee.h"
#include "store/samplepipeline.h"
#include "store/schema.h"
#include "store/sqlitedb.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace capaudit;

namespace {

// Sends COUNT samples, one per line of the input it reads, failing at FAILAT (1-based) when set.
struct LineParser {
    qint64 failAt = 0;
    Status operator()(QIODevice& in, UsageSink& sink) const
    {
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
        return {};
    }
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
    }

    void run(const LineParser& parser, RecordingSink& target, Result<qint64>& result, qint64& chunks)
    {
        QVERIFY(m_db.exec("SAVEPOINT t").ok()); // each run starts from an empty blob store
        BlobTee tee(m_db, m_file, QStringLiteral("data/usage.csv"), m_sha);
        QVERIFY(tee.start().ok());
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
        run(LineParser { 250000 }, target, result, chunks);
        QVERIFY(!result);
        QCOMPARE(result.error().line, qint64(250000));
        QCOMPARE(result.error().field, QStringLiteral("allocated"));
        // At most what came before the bad line (the last partial batch is dropped: the import fails anyway), in order.
        QVERIFY(target.times.size() > 200000 && target.times.size() < 250000);
        for (qsizetype i = 0; i < target.times.size(); ++i)
            QCOMPARE(target.times.at(i), 1000000 + i);
    }
};

QTEST_GUILESS_MAIN(TestSamplePipeline)
#include "tst_samplepipeline.moc"
