// SPDX-License-Identifier: GPL-3.0-or-later
// The evidence viewer's source (store/evidencerows.h): the rows a finding cites, read from the case's stored copy of
// the bundle file and checked against its recorded digest, parsed as the importer parses them, with field statistics.
#include "casefixture.h"
#include "store/caseimporter.h"
#include "store/casestore.h"
#include "store/evidencerows.h"

#include <QTest>

using namespace capaudit;
using namespace capaudit::test;

class TestEvidenceRows : public QObject, protected CaseFixture {
    Q_OBJECT

    QString m_case;
    QString m_digest;

    std::unique_ptr<CaseStore> open()
    {
        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(m_case);
        if (!store)
            qWarning() << store.error().toString();
        return store ? std::move(*store) : nullptr;
    }

    QList<QByteArray> csvLines() const
    {
        return m_csv.split('\n');
    }

private slots:
    void initTestCase()
    {
        initFixture();
        if (QTest::currentTestFailed())
            return;
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("rows.capcase"));
        QVERIFY(store);
        const ImportResult r = CaseImporter(*store).importBundle(m_bundle);
        QCOMPARE(r.outcome, ImportOutcome::Imported);
        Result<QList<StoredBundle>> bundles = store->bundles();
        QVERIFY(bundles && bundles->size() == 1);
        m_digest = bundles->first().digest;
        m_case = store->info().path;
    }

    void citedRowsWithContext()
    {
        std::unique_ptr<CaseStore> store = open();
        QVERIFY(store);
        Result<EvidenceRows> rows = readEvidenceRows(*store, { m_digest, QStringLiteral("data/usage.csv"), 10, 12, 2 });
        QVERIFY2(rows, qPrintable(rows ? QString() : rows.error().toString()));
        QCOMPARE(rows->layout, EvidenceLayout::Csv);
        QCOMPARE(rows->format, QStringLiteral("capaudit-usage-csv/v1"));
        QCOMPARE(rows->columns.join(u','), QString::fromUtf8(csvLines().first()));
        QCOMPARE(rows->rows.size(), 7); // lines 8..14
        const QList<QByteArray> lines = csvLines();
        for (const EvidenceRow& row : rows->rows) {
            QCOMPARE(row.cited, row.line >= 10 && row.line <= 12);
            QCOMPARE(row.raw, QString::fromUtf8(lines.at(row.line - 1)));
            QCOMPARE(row.fields.join(u','), row.raw); // no quoting in this file
            QCOMPARE(row.fields.size(), rows->columns.size());
        }
        QCOMPARE(rows->rows.first().line, 8);
        QCOMPARE(rows->fileLines, qint64(lines.size() - 1)); // the file ends with a newline
        QVERIFY(!rows->truncated);
    }

    void headerIsNeverARow()
    {
        std::unique_ptr<CaseStore> store = open();
        QVERIFY(store);
        Result<EvidenceRows> rows = readEvidenceRows(*store, { m_digest, QStringLiteral("data/usage.csv"), 2, 2, 5 });
        QVERIFY(rows);
        QCOMPARE(rows->rows.first().line, 2);
        QVERIFY(rows->rows.first().cited);
    }

    void windowIsCutAtMaxRows()
    {
        std::unique_ptr<CaseStore> store = open();
        QVERIFY(store);
        EvidenceRowsQuery query { m_digest, QStringLiteral("data/usage.csv"), 2, 500, 0 };
        query.maxRows = 100;
        Result<EvidenceRows> rows = readEvidenceRows(*store, query);
        QVERIFY(rows);
        QCOMPARE(rows->rows.size(), 100);
        QVERIFY(rows->truncated);
        QCOMPARE(rows->rows.last().line, 101);
    }

    void fieldStatisticsOfCitedRows()
    {
        std::unique_ptr<CaseStore> store = open();
        QVERIFY(store);
        Result<EvidenceRows> rows = readEvidenceRows(*store, { m_digest, QStringLiteral("data/usage.csv"), 2, 9, 3 });
        QVERIFY(rows);
        const QList<FieldStatistics> stats = fieldStatistics(*rows, true);
        QCOMPARE(stats.size(), rows->columns.size());
        const qsizetype allocated = rows->columns.indexOf(QStringLiteral("allocated"));
        QVERIFY(allocated >= 0);
        double sum = 0, min = 1e300, max = -1e300;
        qint64 numeric = 0, empty = 0;
        QSet<QString> distinct;
        const QList<QByteArray> lines = csvLines();
        for (int line = 2; line <= 9; ++line) {
            const QByteArray value = lines.at(line - 1).split(',').at(allocated);
            if (value.isEmpty()) {
                ++empty;
                continue;
            }
            distinct.insert(QString::fromUtf8(value));
            sum += value.toDouble();
            min = qMin(min, value.toDouble());
            max = qMax(max, value.toDouble());
            ++numeric;
        }
        const FieldStatistics& s = stats.at(allocated);
        QCOMPARE(s.count, 8);
        QCOMPARE(s.empty, empty);
        QCOMPARE(s.numeric, numeric);
        QCOMPARE(s.distinct, qint64(distinct.size()));
        QCOMPARE(s.sum, sum);
        QCOMPARE(s.min, min);
        QCOMPARE(s.max, max);
        // Over all shown rows (context included) the count grows by the six context rows.
        QCOMPARE(fieldStatistics(*rows, false).at(allocated).count, 8 + 3);
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("digest");
        QTest::addColumn<QString>("file");
        QTest::addColumn<qint64>("line");
        QTest::addColumn<QString>("reason");
        QTest::newRow("unknown bundle") << QStringLiteral("ab12") << QStringLiteral("data/usage.csv") << qint64(1)
                                        << QStringLiteral("no bundle ab12");
        QTest::newRow("file not in bundle") << QString() << QStringLiteral("data/other.csv") << qint64(1)
                                            << QStringLiteral("has no file 'data/other.csv'");
        QTest::newRow("past the end") << QString() << QStringLiteral("data/usage.csv") << qint64(1000000)
                                      << QStringLiteral("past the end of 'data/usage.csv'");
    }

    void refusals()
    {
        QFETCH(QString, digest);
        QFETCH(QString, file);
        QFETCH(qint64, line);
        QFETCH(QString, reason);
        std::unique_ptr<CaseStore> store = open();
        QVERIFY(store);
        Result<EvidenceRows> rows =
            readEvidenceRows(*store, { digest.isEmpty() ? m_digest : digest, file, line, line, 0 });
        QVERIFY(!rows);
        QVERIFY2(rows.error().toString().contains(reason), qPrintable(rows.error().toString()));
        QVERIFY2(rows.error().toString().contains(m_case), qPrintable(rows.error().toString()));
    }

    // A case file edited after import must not show made-up rows as the bundle's.
    void storedBytesChangedAreRefused()
    {
        const QString copy = path(QStringLiteral("edited.capcase"));
        QVERIFY(QFile::copy(m_case, copy));
        QCOMPARE(execSql(copy, dropTriggersSql()), QString());
        // Overwrite one byte inside every chunk of the CSV's blob.
        QCOMPARE(execSql(copy,
                     QStringLiteral("UPDATE blob_chunks SET bytes = substr(bytes, 1, 40) || x'7a' || substr(bytes, 42) "
                                    "WHERE blob = (SELECT blob FROM bundle_files WHERE path = 'data/usage.csv')")),
            QString());
        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(copy);
        QVERIFY(store);
        Result<EvidenceRows> rows = readEvidenceRows(**store, { m_digest, QStringLiteral("data/usage.csv"), 2, 3, 0 });
        QVERIFY(!rows);
        QVERIFY2(
            rows.error().toString().contains(QStringLiteral("data/usage.csv")), qPrintable(rows.error().toString()));
    }

    void metricsLines_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QStringList>("fields");
        QTest::newRow("plain") << QStringLiteral("up 1") << QStringList { "up", "", "1", "" };
        QTest::newRow("labels and time") << QStringLiteral(
            "DCGM_FI_DEV_GPU_UTIL{gpu=\"0\",Hostname=\"n1\"} 87 1700000000000")
                                         << QStringList { "DCGM_FI_DEV_GPU_UTIL", "gpu=\"0\",Hostname=\"n1\"", "87",
                                                "1700000000000" };
        QTest::newRow("brace and space in a value")
            << QStringLiteral("kube_pod_info{pod=\"a} b\",x=\"q\\\"}\"} 1")
            << QStringList { "kube_pod_info", "pod=\"a} b\",x=\"q\\\"}\"", "1", "" };
        QTest::newRow("comment") << QStringLiteral("# TYPE up gauge") << QStringList();
        QTest::newRow("blank") << QStringLiteral("   ") << QStringList();
    }

    void metricsLines()
    {
        QFETCH(QString, line);
        QFETCH(QStringList, fields);
        QCOMPARE(splitMetricsLine(line), fields);
    }
};

QTEST_GUILESS_MAIN(TestEvidenceRows)
#include "tst_evidencerows.moc"
