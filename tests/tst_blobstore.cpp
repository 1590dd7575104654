// SPDX-License-Identifier: GPL-3.0-or-later
// Evidence bytes stored compressed (schema 7): each chunk zstd-compressed unless that saves nothing, read back
// byte-exact and only after the whole blob matched its SHA-256. Chunks of a case from schema 6 stay raw and keep
// working. A damaged, truncated or forged chunk is a clear error naming the case file, the bundle file and the reason
// (verify-case reports it as tampering), never a crash or an allocation of what a hostile row declares.
#include "casefixture.h"
#include "crypto/digest.h"
#include "evidence/bundlewriter.h"
#include "store/blobcodec.h"
#include "store/caseimporter.h"
#include "store/casestore.h"
#include "store/caseverifier.h"
#include "store/schema.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QTest>

#include <sqlite3.h>

using namespace capaudit;
using namespace capaudit::test;

namespace {

QByteArray randomBytes(qsizetype size)
{
    QRandomGenerator generator(4711); // seeded: reruns build the same inputs
    QByteArray out(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        out[i] = char(generator.bounded(256));
    return out;
}

QString hex(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

} // namespace

class TestBlobStore : public QObject, protected CaseFixture {
    Q_OBJECT
    static constexpr int kSteps = 2100;
    QByteArray m_bigCsv, m_noise;
    QString m_bigBundle;

    // A case NAME holding the big bundle: a multi-chunk CSV (compressed) and a random file (kept raw).
    QString importBig(const QString& name, QString* digest = nullptr)
    {
        std::unique_ptr<CaseStore> store = newCase(name);
        if (!store)
            return {};
        const ImportResult r = CaseImporter(*store).importBundle(m_bigBundle);
        if (r.outcome != ImportOutcome::Imported) {
            qWarning() << r.error.toString() << r.verdict.summary();
            return {};
        }
        if (digest)
            *digest = r.digest;
        return path(name);
    }

    // The stored file PATH of the case at FILE, read through CaseStore::readBlob.
    static Result<QByteArray> storedFile(const QString& file, const QString& path)
    {
        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(file);
        if (!store)
            return store.error();
        Result<QList<StoredBundle>> bundles = (*store)->bundles();
        if (!bundles)
            return bundles.error();
        for (const StoredBundle& b : *bundles) {
            Result<QList<BundleFileRef>> files = (*store)->bundleFiles(b.id);
            if (!files)
                return files.error();
            for (const BundleFileRef& f : *files) {
                if (f.path != path)
                    continue;
                QByteArray bytes;
                const Status read = (*store)->readBlob(
                    f.blobId,
                    [&](QByteArrayView chunk) {
                        bytes += chunk;
                        return Status();
                    },
                    f.path);
                if (!read)
                    return read.error();
                return bytes;
            }
        }
        return Error(path, QStringLiteral("not stored"));
    }

    static qint64 blobOf(const QString& file, const QString& path)
    {
        return scalar(file, QStringLiteral("SELECT blob FROM bundle_files WHERE path = '%1'").arg(path));
    }

    // Replaces chunk CHUNK of the blob of PATH behind the app's back (triggers dropped): SET is the SQL assignment.
    static QString tamper(const QString& file, const QString& path, int chunk, const QString& set)
    {
        return execSql(file,
            dropTriggersSql()
                + QStringLiteral("UPDATE blob_chunks SET %1 WHERE blob = %2 AND chunk = %3")
                      .arg(set)
                      .arg(blobOf(file, path))
                      .arg(chunk));
    }

    // Flips bit 0x20 of byte OFFSET of chunk CHUNK of the blob of PATH, as someone with a hex editor would.
    static QString flipByte(const QString& file, const QString& path, int chunk, qsizetype offset)
    {
        sqlite3* db = nullptr;
        sqlite3_open_v2(file.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr);
        sqlite3_stmt* select = nullptr;
        sqlite3_prepare_v2(db, "SELECT bytes FROM blob_chunks WHERE blob = ? AND chunk = ?", -1, &select, nullptr);
        sqlite3_bind_int64(select, 1, blobOf(file, path));
        sqlite3_bind_int(select, 2, chunk);
        QByteArray bytes;
        if (sqlite3_step(select) == SQLITE_ROW)
            bytes =
                QByteArray(static_cast<const char*>(sqlite3_column_blob(select, 0)), sqlite3_column_bytes(select, 0));
        sqlite3_finalize(select);
        sqlite3_close(db);
        if (bytes.size() <= offset)
            return QStringLiteral("chunk %1 has only %2 bytes").arg(chunk).arg(bytes.size());
        bytes[offset] = char(bytes[offset] ^ 0x20);
        return tamper(file, path, chunk, QStringLiteral("bytes = x'%1'").arg(hex(bytes)));
    }

    // verify-case on the tampered case at FILE must not be intact and must name the bundle and file PATH with REASON.
    static void expectTampered(const QString& file, const QString& digest, const QString& path, const QString& reason)
    {
        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(file);
        QVERIFY2(store, qPrintable(store ? QString() : store.error().toString()));
        const CaseVerification v = verifyCase(**store);
        QVERIFY(!v.intact());
        bool named = false;
        for (const CaseProblem& p : v.problems) {
            const QString text = p.toString();
            named = named
                || (text.contains(digest) && text.contains(path) && text.contains(file)
                    && text.contains(reason, Qt::CaseInsensitive));
        }
        QVERIFY2(named, qPrintable(QStringLiteral("%1 / %2 not named in:\n%3").arg(path, reason, listed(v.problems))));
        // Reading the file is refused with the same reason, nothing of it handed out.
        Result<QByteArray> bytes = storedFile(file, path);
        QVERIFY(!bytes);
        QVERIFY2(bytes.error().toString().contains(file) && bytes.error().toString().contains(path)
                && bytes.error().reason.contains(reason, Qt::CaseInsensitive),
            qPrintable(bytes.error().toString()));
    }

private slots:
    void initTestCase()
    {
        initFixture();
        m_bigCsv = usageCsv(kStart, kSteps, 8, 3); // ~3.5 MB: four chunks, the last one partial
        QVERIFY(m_bigCsv.size() > 3 * blobcodec::kMaxChunk && m_bigCsv.size() < 4 * blobcodec::kMaxChunk);
        m_noise = randomBytes(blobcodec::kMaxChunk + 4096); // incompressible, two chunks
        BundleSpec spec;
        spec.kind = BundleKind::Telemetry;
        spec.predicate = { { QStringLiteral("provider"), QStringLiteral("provider-a") },
            { QStringLiteral("meter"), QStringLiteral("provider") },
            { QStringLiteral("period"),
                QJsonObject {
                    { QStringLiteral("start"), QDateTime::fromSecsSinceEpoch(kStart, Qt::UTC).toString(Qt::ISODate) },
                    { QStringLiteral("end"),
                        QDateTime::fromSecsSinceEpoch(kStart + kSteps * kStep, Qt::UTC).toString(Qt::ISODate) } } },
            { QStringLiteral("resolutionSeconds"), kStep },
            { QStringLiteral("payloads"),
                QJsonArray { QJsonObject { { QStringLiteral("path"), QStringLiteral("data/usage.csv") },
                    { QStringLiteral("format"), QStringLiteral("capaudit-usage-csv/v1") } } } } };
        spec.files = { { QStringLiteral("usage.csv"), m_bigCsv }, { QStringLiteral("noise.bin"), m_noise } };
        spec.key = m_provider.signerKey;
        spec.chain = { m_provider.signer };
        spec.signedAt = QDateTime::fromSecsSinceEpoch(kStart + 86400 * 40, Qt::UTC);
        m_bigBundle = path(QStringLiteral("big"));
        const Status written = writeBundle(spec, m_bigBundle);
        QVERIFY2(written, qPrintable(written ? QString() : written.error().toString()));
    }

    void codecRoundTrip_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<bool>("compressed");
        QTest::newRow("csv") << usageCsv(kStart, 200, 4, 3) << true;
        QTest::newRow("full chunk") << m_bigCsv.left(blobcodec::kMaxChunk) << true;
        QTest::newRow("random") << randomBytes(100000) << false;
        QTest::newRow("tiny") << QByteArray("ab") << false;
        QTest::newRow("empty") << QByteArray() << false;
    }
    void codecRoundTrip()
    {
        QFETCH(QByteArray, raw);
        QFETCH(bool, compressed);
        const blobcodec::StoredChunk stored = blobcodec::encode(raw);
        QCOMPARE(stored.codec, compressed ? blobcodec::Codec::Zstd : blobcodec::Codec::Raw);
        QCOMPARE(stored.rawSize, raw.size());
        QVERIFY(compressed ? stored.bytes.size() < raw.size() / 4 : stored.bytes == raw);
        QByteArray scratch;
        Result<QByteArrayView> back = blobcodec::decode(stored.bytes, qint64(stored.codec), stored.rawSize, scratch);
        QVERIFY2(back, qPrintable(back ? QString() : back.error().reason));
        QCOMPARE(back->toByteArray(), raw);
    }

    // Rows a hostile case file could hold: each refused with its reason before anything of the declared size is
    // allocated or anything past the stored bytes is read.
    void codecRefusesHostileChunks_data()
    {
        const QByteArray raw = usageCsv(kStart, 200, 4, 3);
        const QByteArray frame = blobcodec::encode(raw).bytes;
        QByteArray flipped = frame;
        flipped[frame.size() / 2] = char(flipped[frame.size() / 2] ^ 0x20);
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<qint64>("codec");
        QTest::addColumn<qint64>("rawSize");
        QTest::addColumn<QString>("reason");
        QTest::newRow("raw length forged huge") << frame << qint64(1) << (qint64(1) << 40) << "invalid raw length";
        QTest::newRow("raw length negative") << frame << qint64(1) << qint64(-1) << "invalid raw length";
        QTest::newRow("raw length forged one less") << frame << qint64(1) << qint64(raw.size() - 1) << "declares";
        QTest::newRow("truncated frame") << frame.left(frame.size() - 7) << qint64(1) << qint64(raw.size())
                                         << "truncated";
        QTest::newRow("header only") << frame.left(6) << qint64(1) << qint64(raw.size()) << "truncated";
        QTest::newRow("trailing bytes") << frame + "xyz" << qint64(1) << qint64(raw.size()) << "after the zstd frame";
        QTest::newRow("flipped byte") << flipped << qint64(1) << qint64(raw.size()) << "corrupt";
        QTest::newRow("not a frame") << raw.left(1000) << qint64(1) << qint64(1000) << "not a zstd frame";
        QTest::newRow("unknown codec") << frame << qint64(2) << qint64(raw.size()) << "unknown codec";
        QTest::newRow("raw length wrong") << raw.left(1000) << qint64(0) << qint64(999) << "recorded as";
        QTest::newRow("raw chunk too large")
            << QByteArray(blobcodec::kMaxChunk + 1, 'x') << qint64(0) << qint64(blobcodec::kMaxChunk + 1) << "at most";
    }
    void codecRefusesHostileChunks()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(qint64, codec);
        QFETCH(qint64, rawSize);
        QFETCH(QString, reason);
        QByteArray scratch;
        Result<QByteArrayView> back = blobcodec::decode(bytes, codec, rawSize, scratch);
        QVERIFY(!back);
        QVERIFY2(back.error().reason.contains(reason, Qt::CaseInsensitive), qPrintable(back.error().reason));
        QVERIFY(scratch.capacity() <= blobcodec::kMaxChunk);
    }

    // Compressible chunks are stored compressed, incompressible ones raw; both read back byte for byte, and the case
    // verifies intact.
    void storesCompressedAndRawChunks()
    {
        const QString file = importBig(QStringLiteral("big.capcase"));
        QVERIFY(!file.isEmpty());
        const qint64 csvBlob = blobOf(file, QStringLiteral("data/usage.csv"));
        const qint64 noiseBlob = blobOf(file, QStringLiteral("data/noise.bin"));
        const QString chunksOf = QStringLiteral("SELECT count(*) FROM blob_chunks WHERE blob = %1 AND codec = %2");
        QCOMPARE(scalar(file, chunksOf.arg(csvBlob).arg(1)), qint64(4));
        QCOMPARE(scalar(file, chunksOf.arg(noiseBlob).arg(0)), qint64(2));
        QCOMPARE(scalar(file, QStringLiteral("SELECT sum(raw_size) FROM blob_chunks WHERE blob = %1").arg(csvBlob)),
            qint64(m_bigCsv.size()));
        QVERIFY(scalar(file, QStringLiteral("SELECT sum(length(bytes)) FROM blob_chunks WHERE blob = %1").arg(csvBlob))
            < m_bigCsv.size() / 4);
        QCOMPARE(scalar(file, QStringLiteral("SELECT count(*) FROM blob_chunks WHERE raw_size IS NULL")), qint64(0));

        Result<QByteArray> csv = storedFile(file, QStringLiteral("data/usage.csv"));
        QVERIFY2(csv, qPrintable(csv ? QString() : csv.error().toString()));
        QCOMPARE(hex(crypto::sha256(*csv)), hex(crypto::sha256(m_bigCsv)));
        QCOMPARE(*csv, m_bigCsv);
        Result<QByteArray> noise = storedFile(file, QStringLiteral("data/noise.bin"));
        QVERIFY2(noise, qPrintable(noise ? QString() : noise.error().toString()));
        QCOMPARE(*noise, m_noise);

        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(file);
        QVERIFY(store);
        const CaseVerification v = verifyCase(**store);
        QVERIFY2(v.intact(), qPrintable(listed(v.problems)));
    }

    // A schema-6 case (raw chunks, no codec columns) is migrated on open: its chunks stay raw and readable, bundles
    // imported afterwards are compressed beside them, and verify-case finds the case intact.
    void migratedVersion6CaseKeepsRawChunks()
    {
        const QString file = importBig(QStringLiteral("v6.capcase"));
        QVERIFY(!file.isEmpty());
        QCOMPARE(downgradeToVersion6(file), QString());
        QCOMPARE(scalar(file, QStringLiteral("PRAGMA user_version")), qint64(6));
        const qint64 rawBytes = scalar(file, QStringLiteral("SELECT sum(length(bytes)) FROM blob_chunks"));
        const qint64 rawChunks = scalar(file, QStringLiteral("SELECT count(*) FROM blob_chunks"));
        QVERIFY(rawChunks >= 6);
        {
            Result<std::unique_ptr<CaseStore>> store = CaseStore::open(file);
            QVERIFY2(store, qPrintable(store ? QString() : store.error().toString()));
            QCOMPARE(CaseImporter(**store).importBundle(m_bundle).outcome, ImportOutcome::Imported);
            const CaseVerification v = verifyCase(**store);
            QVERIFY2(v.intact(), qPrintable(listed(v.problems)));
        }
        QCOMPARE(scalar(file, QStringLiteral("PRAGMA user_version")), qint64(schema::currentVersion()));
        QCOMPARE(scalar(file, QStringLiteral("SELECT count(*) FROM blob_chunks WHERE codec = 0 AND raw_size IS NULL")),
            rawChunks);
        QCOMPARE(scalar(file, QStringLiteral("SELECT sum(length(bytes)) FROM blob_chunks WHERE raw_size IS NULL")),
            rawBytes);
        QVERIFY(scalar(file, QStringLiteral("SELECT count(*) FROM blob_chunks WHERE codec = 1")) > 0);
        Result<QByteArray> csv = storedFile(file, QStringLiteral("data/usage.csv"));
        QVERIFY2(csv, qPrintable(csv ? QString() : csv.error().toString()));
        QCOMPARE(*csv, m_bigCsv);
        QVERIFY(
            execSql(file, QStringLiteral("UPDATE blob_chunks SET codec = 1")).contains(QLatin1String("append-only")));
    }

    void tamperedChunkIsReported_data()
    {
        QTest::addColumn<QString>("set");
        QTest::addColumn<QString>("reason");
        QTest::newRow("raw length forged huge")
            << QStringLiteral("raw_size = 1 << 40") << QStringLiteral("invalid raw length");
        QTest::newRow("raw length forged") << QStringLiteral("raw_size = raw_size - 1") << QStringLiteral("declares");
        QTest::newRow("truncated frame") << QStringLiteral("bytes = substr(bytes, 1, length(bytes) - 9)")
                                         << QStringLiteral("truncated");
        QTest::newRow("codec cleared") << QStringLiteral("codec = 0") << QStringLiteral("recorded as");
        QTest::newRow("chunk swapped") << QStringLiteral(
            "bytes = (SELECT bytes FROM blob_chunks c WHERE c.blob = blob_chunks.blob AND c.chunk = 2), raw_size = "
            "(SELECT raw_size FROM blob_chunks c WHERE c.blob = blob_chunks.blob AND c.chunk = 2)")
                                       << QStringLiteral("SHA-256");
    }
    void tamperedChunkIsReported()
    {
        QFETCH(QString, set);
        QFETCH(QString, reason);
        QString digest;
        const QString name =
            QStringLiteral("tamper-%1.capcase").arg(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'_'));
        const QString file = importBig(name, &digest);
        QVERIFY(!file.isEmpty());
        const QString csv = QStringLiteral("data/usage.csv");
        QCOMPARE(
            scalar(file,
                QStringLiteral("SELECT codec FROM blob_chunks WHERE blob = %1 AND chunk = 1").arg(blobOf(file, csv))),
            qint64(1));
        QCOMPARE(tamper(file, csv, 1, set), QString());
        expectTampered(file, digest, csv, reason);
    }

    // One flipped byte inside a compressed chunk's data (past the frame header): the frame's checksum fails, or it
    // decodes to other bytes and the blob's SHA-256 does; either way verify-case names the file.
    void flippedByteInCompressedChunkIsReported_data()
    {
        QTest::addColumn<int>("offset");
        QTest::newRow("early") << 200;
        QTest::newRow("middle") << -1; // half its length
        QTest::newRow("checksum") << -2; // in the frame's last four bytes: its content checksum
    }
    void flippedByteInCompressedChunkIsReported()
    {
        QFETCH(int, offset);
        QString digest;
        const QString name = QStringLiteral("flip-%1.capcase").arg(QString::fromLatin1(QTest::currentDataTag()));
        const QString file = importBig(name, &digest);
        QVERIFY(!file.isEmpty());
        const QString csv = QStringLiteral("data/usage.csv");
        const qint64 length = scalar(file,
            QStringLiteral("SELECT length(bytes) FROM blob_chunks WHERE blob = %1 AND chunk = 1 AND codec = 1")
                .arg(blobOf(file, csv)));
        QVERIFY(length > 1000);
        QCOMPARE(flipByte(file, csv, 1, offset >= 0 ? offset : offset == -1 ? length / 2 : length - 2), QString());
        expectTampered(file, digest, csv, QStringLiteral("chunk 1"));
    }

    // A blob beyond what readBlob keeps in memory (16 MiB) is decoded and checked in full before its first byte is
    // handed out, then streamed: the round trip is exact, and a damaged last chunk hands out nothing.
    void largeBlobIsCheckedBeforeItIsStreamed()
    {
        QByteArray big;
        const QByteArray line = "2026-01-01T00:00:00Z node-17 kernel: cpu 3 throttled, temperature above threshold\n";
        while (big.size() < 17 * blobcodec::kMaxChunk + 12345)
            big += QByteArray::number(big.size()) + ' ' + line;
        BundleSpec spec;
        spec.kind = BundleKind::Telemetry;
        spec.predicate = { { QStringLiteral("provider"), QStringLiteral("provider-a") },
            { QStringLiteral("meter"), QStringLiteral("provider") },
            { QStringLiteral("period"),
                QJsonObject {
                    { QStringLiteral("start"), QDateTime::fromSecsSinceEpoch(kStart, Qt::UTC).toString(Qt::ISODate) },
                    { QStringLiteral("end"),
                        QDateTime::fromSecsSinceEpoch(kStart + 300 * kStep, Qt::UTC).toString(Qt::ISODate) } } },
            { QStringLiteral("resolutionSeconds"), kStep },
            { QStringLiteral("payloads"),
                QJsonArray { QJsonObject { { QStringLiteral("path"), QStringLiteral("data/usage.csv") },
                    { QStringLiteral("format"), QStringLiteral("capaudit-usage-csv/v1") } } } } };
        spec.files = { { QStringLiteral("usage.csv"), m_csv }, { QStringLiteral("syslog.txt"), big } };
        spec.key = m_provider.signerKey;
        spec.chain = { m_provider.signer };
        spec.signedAt = QDateTime::fromSecsSinceEpoch(kStart + 86400 * 40, Qt::UTC);
        const QString bundle = path(QStringLiteral("large"));
        QVERIFY(writeBundle(spec, bundle).ok());
        QString digest;
        {
            std::unique_ptr<CaseStore> store = newCase(QStringLiteral("large.capcase"));
            QVERIFY(store);
            const ImportResult r = CaseImporter(*store).importBundle(bundle);
            QVERIFY2(r.outcome == ImportOutcome::Imported, qPrintable(r.error.toString()));
            digest = r.digest;
            const CaseVerification v = verifyCase(*store);
            QVERIFY2(v.intact(), qPrintable(listed(v.problems)));
        }
        const QString file = path(QStringLiteral("large.capcase"));
        const QString syslog = QStringLiteral("data/syslog.txt");
        QCOMPARE(scalar(file,
                     QStringLiteral("SELECT count(*) FROM blob_chunks WHERE blob = %1 AND codec = 1")
                         .arg(blobOf(file, syslog))),
            qint64(18));
        Result<QByteArray> back = storedFile(file, syslog);
        QVERIFY2(back, qPrintable(back ? QString() : back.error().toString()));
        QCOMPARE(back->size(), big.size());
        QVERIFY(*back == big);

        const qint64 length = scalar(file,
            QStringLiteral("SELECT length(bytes) FROM blob_chunks WHERE blob = %1 AND chunk = 17")
                .arg(blobOf(file, syslog)));
        QCOMPARE(flipByte(file, syslog, 17, length - 2), QString());
        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(file);
        QVERIFY(store);
        qint64 handedOut = 0;
        const Status read = (*store)->readBlob(blobOf(file, syslog), [&](QByteArrayView chunk) {
            handedOut += chunk.size();
            return Status();
        });
        QVERIFY(!read);
        QVERIFY2(read.error().reason.contains(QLatin1String("chunk 17")), qPrintable(read.error().toString()));
        QCOMPARE(handedOut, qint64(0));
        store->reset();
        expectTampered(file, digest, syslog, QStringLiteral("chunk 17"));
    }

    // A flipped byte in a raw chunk (one kept raw, or one from before schema 7) is caught by the blob's SHA-256.
    void tamperedRawChunkIsReported()
    {
        QString digest;
        const QString file = importBig(QStringLiteral("tamper-raw.capcase"), &digest);
        QVERIFY(!file.isEmpty());
        const QString noise = QStringLiteral("data/noise.bin");
        QCOMPARE(flipByte(file, noise, 0, 1000), QString());
        expectTampered(file, digest, noise, QStringLiteral("SHA-256"));
    }
};

QTEST_GUILESS_MAIN(TestBlobStore)

#include "tst_blobstore.moc"
