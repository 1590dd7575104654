// SPDX-License-Identifier: GPL-3.0-or-later
// What payload text may not smuggle in (issue 12): impossible time offsets, names that read like other names
// (control, bidirectional and zero-width characters), quantities that overflow sums, and cells a spreadsheet would
// evaluate when an export is opened. Each test fails when its defence is removed.
#include "casefixture.h"
#include "ingest/identifiers.h"
#include "ingest/payloadimport.h"
#include "ingest/sinks.h"
#include "reportexport.h"
#include "store/caseimporter.h"
#include "store/casestore.h"
#include "testpki.h"
#include "testsupport.h"
#include "util/csvcell.h"
#include "util/timeutil.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTest>

using namespace capaudit;
using namespace capaudit::test;

class TestInputLimits : public QObject, public CaseFixture {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        initFixture();
    }

    // 7. Inputs: offsets, identifiers, quantities.
    void impossibleOffsetsAreRefused()
    {
        for (const char* bad : { "2026-01-01T00:00:00+99:99", "2026-01-01T00:00:00+24:00", "2026-01-01T00:00:00-00:60",
                 "2026-01-01T00:00:00+25:00" })
            QVERIFY2(!parseTimestamp(QString::fromLatin1(bad)), bad);
        QCOMPARE(parseTimestamp(QStringLiteral("2026-01-01T23:59:00+23:59"))->toSecsSinceEpoch(),
            utc("2026-01-01T00:00:00Z").toSecsSinceEpoch());
        QVERIFY(parseTimestamp(QStringLiteral("2026-01-01T00:00:00-00:00")));
    }

    void identifiersRefuseInvisibleAndControlCharacters_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("NUL") << QStringLiteral("node") + QChar(0) + QStringLiteral("1");
        QTest::newRow("C0") << QStringLiteral("node\x01");
        QTest::newRow("DEL") << QStringLiteral("node\x7f");
        QTest::newRow("C1") << QStringLiteral("node") + QChar(0x85);
        QTest::newRow("RLO") << QStringLiteral("node") + QChar(0x202E) + QStringLiteral("1-");
        QTest::newRow("LRI") << QStringLiteral("node") + QChar(0x2066);
        QTest::newRow("PDI") << QStringLiteral("node") + QChar(0x2069);
        QTest::newRow("ZWSP") << QStringLiteral("node") + QChar(0x200B) + QStringLiteral("1");
        QTest::newRow("RLM") << QStringLiteral("node") + QChar(0x200F);
        QTest::newRow("BOM inside") << QStringLiteral("no") + QChar(0xFEFF) + QStringLiteral("de");
    }
    void identifiersRefuseInvisibleAndControlCharacters()
    {
        QFETCH(QString, name);
        QVERIFY(!ingest::identifierProblem(QStringView(name)).isEmpty());
        QVERIFY(!ingest::identifierProblem(QByteArrayView(name.toUtf8())).isEmpty());
        // Through an importer: the error names file, line and field.
        QByteArray csv = "time,node,resource_class,tenant,allocated,used,capacity,state\n"
                         "2026-01-01T00:00:00Z,node-0,cpu,,,,64,up\n"
                         "2026-01-01T00:00:00Z,"
            + name.toUtf8() + ",cpu,,,,64,up\n";
        QBuffer buffer(&csv);
        buffer.open(QIODevice::ReadOnly);
        UsageCollector sink;
        TelemetryPayload payload { QStringLiteral("data/usage.csv"), QStringLiteral("capaudit-usage-csv/v1"), {}, {} };
        const Status s = importTelemetryPayload(payload, buffer, {}, sink);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().file, QStringLiteral("data/usage.csv"));
        QCOMPARE(s.error().line, 3);
        QCOMPARE(s.error().field, QStringLiteral("node"));
    }

    void identifiersAllowOrdinaryNames()
    {
        for (const QString& ok : { QStringLiteral("node-0"), QStringLiteral("Rechenzentrum Süd"),
                 QStringLiteral("東京-gpu-01"), QStringLiteral("provider (EU)") })
            QVERIFY2(ingest::identifierProblem(QStringView(ok)).isEmpty(), qPrintable(ok));
    }

    void implausibleQuantitiesAreRefused()
    {
        QByteArray csv = "time,node,resource_class,tenant,allocated,used,capacity,state\n"
                         "2026-01-01T00:00:00Z,node-0,cpu,,,,64,up\n"
                         "2026-01-01T00:00:00Z,node-0,cpu,t,1e300,1,,\n";
        QBuffer buffer(&csv);
        buffer.open(QIODevice::ReadOnly);
        UsageCollector sink;
        TelemetryPayload payload { QStringLiteral("data/usage.csv"), QStringLiteral("capaudit-usage-csv/v1"), {}, {} };
        const Status s = importTelemetryPayload(payload, buffer, {}, sink);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().line, 3);
        QCOMPARE(s.error().field, QStringLiteral("allocated"));
        QVERIFY(s.error().reason.contains(QLatin1String("maximum")));
        QVERIFY(ingest::quantityProblem(ingest::kMaxQuantity).isEmpty());
        QVERIFY(!ingest::quantityProblem(-ingest::kMaxQuantity * 10).isEmpty());
    }

    // 8b. End to end: a node named like a formula is signed, imported, and exported by capaudit-cli as inert text.
    void formulaNodeIsNeutralisedInCliExport()
    {
        const QByteArray evil = "=SUM(1;2)+HYPERLINK(A1)";
        QByteArray csv = "time,node,resource_class,tenant,allocated,used,capacity,state\n";
        for (int s : { 0, 1, 2, 40, 41, 42 }) // a 37-step telemetry gap: a coverage finding on the node
            csv += QDateTime::fromSecsSinceEpoch(kStart + s * kStep, Qt::UTC).toString(Qt::ISODate).toLatin1() + ','
                + evil + ",cpu,,,,64,up\n";
        const QString bundle =
            writeTelemetry(m_provider, path(QStringLiteral("formula")), QStringLiteral("provider-a"), csv, kStart, 43);
        auto store = newCase(QStringLiteral("formula.capcase"));
        QVERIFY(store);
        const ImportResult imported = CaseImporter(*store).importBundle(bundle);
        QVERIFY2(imported.outcome == ImportOutcome::Imported, qPrintable(imported.error.toString()));
        store.reset();

        const QString out = path(QStringLiteral("findings.csv"));
        QProcess cli;
        cli.start(QStringLiteral(CAPAUDIT_CLI_PATH),
            { QStringLiteral("export"), path(QStringLiteral("formula.capcase")), QStringLiteral("--what"),
                QStringLiteral("findings"), QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--out"),
                out });
        QVERIFY(cli.waitForFinished(120000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        const QByteArray written = test::readAll(out);
        QVERIFY2(written.contains(",\"'" + evil + "\","), written.constData());
        // No cell of the export starts like a formula.
        for (const QByteArray& line : written.split('\n'))
            for (const QByteArray& cell : line.split(','))
                QVERIFY2(!cell.startsWith('=') && !cell.startsWith('+') && !cell.startsWith('@'), cell.constData());
    }

    // 8. CSV cells that a spreadsheet would evaluate are neutralised; numbers stay numbers.
    void csvCellsAreNeutralised()
    {
        QCOMPARE(csvCell(QStringLiteral("=SUM(1;2)+HYPERLINK(A1)")), QByteArray("\"'=SUM(1;2)+HYPERLINK(A1)\""));
        for (const char* lead : { "=", "+", "-", "@", "\t", "\r" }) {
            const QString value = QLatin1String(lead) + QStringLiteral("cmd|' /C calc'!A0");
            QVERIFY2(csvCell(value).startsWith("\"'"), lead);
        }
        QCOMPARE(csvCell(QStringLiteral("node-0")), QByteArray("node-0"));
        QCOMPARE(csvCell(QStringLiteral("-3.5"), CsvCell::Number), QByteArray("-3.5"));
        QCOMPARE(csvCell(QStringLiteral("a,b")), QByteArray("\"a,b\""));

        reports::ExportTable table;
        table.columns = reports::exportColumns(reports::ExportWhat::Findings);
        QStringList row;
        for (const QString& c : table.columns)
            row.append(c == u"node"  ? QStringLiteral("=SUM(1;2)+HYPERLINK(A1)")
                    : c == u"amount" ? QStringLiteral("-3.5")
                    : c == u"title"  ? QStringLiteral("@evil")
                                     : QString());
        table.rows.append(row);
        const QByteArray csv = reports::toCsv(table);
        QVERIFY2(csv.contains(",\"'=SUM(1;2)+HYPERLINK(A1)\","), csv.constData());
        QVERIFY(csv.contains(",\"'@evil\","));
        QVERIFY(csv.contains(",-3.5,"));
        for (const QByteArray& line : csv.split('\n'))
            for (const QByteArray& cell : line.split(','))
                QVERIFY2(!cell.startsWith('=') && !cell.startsWith('@') && !cell.startsWith('+'), cell.constData());
    }
};

QTEST_GUILESS_MAIN(TestInputLimits)
#include "tst_inputlimits.moc"
