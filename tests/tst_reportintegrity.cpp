// SPDX-License-Identifier: GPL-3.0-or-later
// Every output states the case's integrity from a real verify-case: the PDF report's first line and manifest, the
// CSV export's first line and the JSON export say "NOT intact" for a case whose samples were edited, and "intact"
// for an untouched one. Checked from the outside with pdftotext.
#include "casefixture.h"
#include "reportexport.h"
#include "reportwriter.h"
#include "store/caseimporter.h"
#include "store/casestore.h"
#include "util/jsonutil.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace capaudit;
using namespace capaudit::reports;
using namespace capaudit::test;

namespace {

QString firstLine(const QString& text)
{
    for (const QString& line : text.split(QLatin1Char('\n')))
        if (!line.trimmed().isEmpty())
            return line.trimmed();
    return {};
}

QString pdfText(const QString& pdf)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), { QStringLiteral("-enc"), QStringLiteral("UTF-8"), pdf, QStringLiteral("-") });
    p.waitForFinished(120000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestReportIntegrity : public QObject, protected CaseFixture {
    Q_OBJECT

    QString m_intact, m_tampered;

    std::unique_ptr<CaseStore> open(const QString& file)
    {
        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(file);
        if (!store)
            qWarning() << store.error().toString();
        return store ? std::move(*store) : nullptr;
    }

private slots:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QSKIP("poppler-utils are needed (scripts/install-deps.sh)");
        initFixture();
        if (QTest::currentTestFailed())
            return;
        for (const QString& name : { QStringLiteral("intact.capcase"), QStringLiteral("tampered.capcase") }) {
            std::unique_ptr<CaseStore> store = newCase(name);
            QVERIFY(store);
            for (const QString& bundle : { m_bundle, m_attestation })
                QCOMPARE(CaseImporter(*store).importBundle(bundle).outcome, ImportOutcome::Imported);
        }
        m_intact = path(QStringLiteral("intact.capcase"));
        m_tampered = path(QStringLiteral("tampered.capcase"));
        // The samples edited behind the application's back (as the rows of a case before schema 8 stored them), the
        // guard put back so nothing but the edit shows.
        QCOMPARE(downgradeToVersion7(m_tampered), QString());
        QCOMPARE(execSql(m_tampered,
                     QStringLiteral("DROP TRIGGER samples_no_update; UPDATE samples SET allocated = 0 WHERE seq < 40; "
                                    "CREATE TRIGGER samples_no_update BEFORE UPDATE ON samples BEGIN SELECT "
                                    "RAISE(ABORT, 'samples is append-only evidence: UPDATE refused'); END;")),
            QString());
    }

    void reportStatesIntegrity_data()
    {
        QTest::addColumn<bool>("tampered");
        QTest::newRow("intact") << false;
        QTest::newRow("tampered") << true;
    }
    void reportStatesIntegrity()
    {
        QFETCH(bool, tampered);
        auto store = open(tampered ? m_tampered : m_intact);
        QVERIFY(store);
        ReportOptions options;
        options.outputPath = path(tampered ? QStringLiteral("tampered.pdf") : QStringLiteral("intact.pdf"));
        Result<ReportResult> r = writeReport(*store, options);
        QVERIFY2(r, qPrintable(r.error().toString()));
        const QString first = firstLine(pdfText(r->path));
        const QByteArray manifest = readAll(r->manifestPath);
        Result<QJsonObject> parsed = parseJsonObject(manifest, r->manifestPath);
        QVERIFY(parsed);
        const QString verdict =
            parsed->value(QStringLiteral("integrity")).toObject().value(QStringLiteral("verifyCase")).toString();
        if (tampered) {
            QVERIFY2(first.startsWith(QLatin1String("CASE NOT INTACT")), qPrintable(first));
            QCOMPARE(verdict, QStringLiteral("NOT intact"));
            QVERIFY(!pdfText(r->path).contains(QLatin1String("Case integrity: intact")));
        } else {
            QVERIFY2(first.startsWith(QLatin1String("Case integrity: intact")), qPrintable(first));
            QCOMPARE(verdict, QStringLiteral("intact"));
        }
    }

    void exportStatesIntegrity_data()
    {
        QTest::addColumn<bool>("tampered");
        QTest::addColumn<bool>("csv");
        QTest::newRow("intact csv") << false << true;
        QTest::newRow("tampered csv") << true << true;
        QTest::newRow("intact json") << false << false;
        QTest::newRow("tampered json") << true << false;
    }
    void exportStatesIntegrity()
    {
        QFETCH(bool, tampered);
        QFETCH(bool, csv);
        auto store = open(tampered ? m_tampered : m_intact);
        QVERIFY(store);
        ExportOptions options;
        options.format = csv ? ExportFormat::Csv : ExportFormat::Json;
        options.outputPath = path(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'.'));
        Result<int> rows = writeExport(*store, options);
        QVERIFY2(rows, qPrintable(rows.error().toString()));
        const QByteArray bytes = readAll(options.outputPath);
        if (csv) {
            const QByteArray first = bytes.left(bytes.indexOf("\r\n"));
            QCOMPARE(first.startsWith("# CASE NOT INTACT"), tampered);
            if (!tampered)
                QVERIFY2(first.startsWith("finding_id") || !first.startsWith('#'), first.constData());
        } else {
            Result<QJsonObject> doc = parseJsonObject(bytes, options.outputPath);
            QVERIFY(doc);
            const QJsonObject integrity = doc->value(QStringLiteral("integrity")).toObject();
            QCOMPARE(integrity.value(QStringLiteral("intact")).toBool(), !tampered);
            QCOMPARE(integrity.value(QStringLiteral("statement")).toString().startsWith(QLatin1String("CASE NOT")),
                tampered);
        }
    }
};

QTEST_MAIN(TestReportIntegrity)

#include "tst_reportintegrity.moc"
