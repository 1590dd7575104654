// SPDX-License-Identifier: GPL-3.0-or-later
// The PDF compliance report and the exports, checked from the outside with poppler-utils and the openssl CLI: every
// section, bundle digest and finding id is in the text, charts are vector, PDF/A metadata, a stable manifest digest,
// a detached signature that openssl verifies, and the export columns.
#include "analytics/checkrunner.h"
#include "analytics/rulecatalog.h"
#include "crypto/digest.h"
#include "crypto/publickey.h"
#include "demo/demogenerator.h"
#include "pagewriter.h"
#include "reportexport.h"
#include "reportmanifest.h"
#include "reportrenderer.h"
#include "reporttext.h"
#include "reportwriter.h"
#include "store/caseimporter.h"
#include "store/casestore.h"
#include "testsupport.h"
#include "util/jsonutil.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QPageSize>
#include <QPdfWriter>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace capaudit;
using namespace capaudit::reports;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
};

Run run(const QString& program, const QStringList& args)
{
    QProcess p;
    p.start(program, args);
    p.waitForFinished(120000);
    return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
        QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError()) };
}

// pdftotext output without any whitespace: wrapped digests and ids are found whatever the line breaks.
QString pdfText(const QString& pdf)
{
    QString text =
        run(QStringLiteral("pdftotext"), { QStringLiteral("-enc"), QStringLiteral("UTF-8"), pdf, QStringLiteral("-") })
            .out;
    // Not normalised: the report sets no ligatures (PageWriter::font), so an id like capacity.delivered/5ffecf580f must
    // come out letter for letter; reportContents checks that no U+FB00..U+FB06 is left.
    return text.remove(QRegularExpression(QStringLiteral("\\s+")));
}

QString squeeze(QString s)
{
    return s.remove(QRegularExpression(QStringLiteral("\\s+")));
}

// pdftotext gives some ideographs as the Kangxi radical or CJK radical-supplement character that shares their glyph
// ("⼀" U+2F00 for "一", "⼾" U+2FBE for "户"), and the translations use full-width punctuation: the text keeps the
// radicals and has everything else NFKC-folded ("（" -> "("), and cjkPattern() lets any radical stand for an ideograph.
QString cjkFolded(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text)
        out += c.unicode() >= 0x2E80 && c.unicode() <= 0x2FDF ? QString(c)
                                                              : QString(c).normalized(QString::NormalizationForm_KC);
    return out;
}

QRegularExpression cjkPattern(const QString& expected)
{
    QString pattern;
    for (const QChar c : cjkFolded(squeeze(expected)))
        pattern += c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF ? QStringLiteral("[%1\\x{2E80}-\\x{2FDF}]").arg(c)
                                                                  : QRegularExpression::escape(QString(c));
    return QRegularExpression(pattern);
}

int pdfPages(const QString& pdf)
{
    const QRegularExpressionMatch m =
        QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(run(QStringLiteral("pdfinfo"), { pdf }).out);
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}

} // namespace

class TestReport : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_case;
    QStringList m_bundleDigests; // from the case itself, not from the report
    QStringList m_findingIds; // from a run of the checks, not from the report
    QList<analytics::Finding> m_findings; // the same run: their evidence notes and units
    QSet<QString> m_findingRules;

    QString path(const QString& name) const
    {
        return m_dir.filePath(name);
    }
    std::unique_ptr<CaseStore> open()
    {
        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(m_case);
        if (!store)
            qWarning() << store.error().toString();
        return store ? std::move(*store) : nullptr;
    }
    ReportOptions options(const QString& out) const
    {
        ReportOptions o;
        o.outputPath = path(out);
        o.reviewer = QStringLiteral("R. Reviewer");
        o.engagement = QStringLiteral("ENG-42");
        return o;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        for (const char* tool : { "pdfinfo", "pdftotext", "pdfimages", "openssl" })
            if (QStandardPaths::findExecutable(QLatin1String(tool)).isEmpty())
                QSKIP("poppler-utils and openssl are needed (scripts/install-deps.sh)");
        demo::DemoConfig config;
        config.days = 14;
        config.stepSeconds = 900;
        config.nodesPerProvider = 4;
        config.faults = demo::allFaultKinds();
        const QString demoDir = path(QStringLiteral("demo"));
        Result<demo::DemoSummary> summary = demo::generateDemo(config, demoDir);
        QVERIFY2(summary.ok(), qPrintable(summary.error().toString()));
        Result<TrustStore> trust = TrustStore::loadDirectory(demoDir + QStringLiteral("/trust"));
        QVERIFY(trust.ok());
        m_case = path(QStringLiteral("demo.capcase"));
        Result<std::unique_ptr<CaseStore>> store =
            CaseStore::create(m_case, QStringLiteral("Demo bank"), trust->anchors());
        QVERIFY(store.ok());
        CaseImporter importer(**store);
        int imported = 0;
        for (const demo::DemoBundle& b : summary->bundles)
            imported += importer.importBundle(demoDir + QLatin1Char('/') + b.path).ok() ? 1 : 0;
        QVERIFY(imported >= 9);
        Result<QList<StoredBundle>> bundles = (*store)->bundles();
        QVERIFY(bundles.ok());
        for (const StoredBundle& b : *bundles)
            m_bundleDigests.append(b.digest);
        Result<analytics::CheckReport> checks = analytics::runChecks(**store, {});
        QVERIFY(checks.ok());
        m_findings = checks->findings;
        for (const analytics::Finding& f : checks->findings)
            m_findingRules.insert(f.ruleId);
        for (const analytics::Finding& f : checks->findings)
            m_findingIds.append(f.id);
        QVERIFY2(m_findingIds.size() >= 5, "a demo with every fault must produce findings");
    }

    void reportContents()
    {
        auto store = open();
        QVERIFY(store);
        Result<ReportResult> r = writeReport(*store, options(QStringLiteral("report.pdf")));
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        const QString pdf = r->path;
        QVERIFY(QFile::exists(pdf));
        QVERIFY(QFile::exists(pdf + QStringLiteral(".manifest.json")));

        const QString info = run(QStringLiteral("pdfinfo"), { pdf }).out;
        QVERIFY2(info.contains(QLatin1String("Title:")) && info.contains(QLatin1String("Compliance report: Demo bank")),
            qPrintable(info));
        QVERIFY(pdfPages(pdf) > 10);
        QCOMPARE(pdfPages(pdf), r->pages);

        const QString text = pdfText(pdf);
        const QStringList titles { QStringLiteral("Compliance report"), QStringLiteral("Contents"),
            QStringLiteral("Executive summary"), QStringLiteral("Evidence inventory"),
            QStringLiteral("Resource allocation"), QStringLiteral("Findings"), QStringLiteral("Billing reconciliation"),
            QStringLiteral("Three-way match"), QStringLiteral("Idle and unallocated capacity"),
            QStringLiteral("Capacity forecast"), QStringLiteral("Bid comparison"), QStringLiteral("Methodology"),
            QStringLiteral("Appendix: audit trail and provenance") };
        for (const QString& t : titles)
            QVERIFY2(text.contains(squeeze(t)), qPrintable(t));
        QVERIFY(text.contains(squeeze(QStringLiteral("Page 3 of %1").arg(r->pages))));
        for (const QString& d : std::as_const(m_bundleDigests))
            QVERIFY2(text.contains(d), qPrintable(d));
        for (const QString& id : std::as_const(m_findingIds))
            QVERIFY2(text.contains(id), qPrintable(id));
        // No typographic ligature anywhere: "ff" in a hex id must copy out as two letters (U+FB00 broke citations).
        for (QChar ligature = QChar(0xFB00); ligature <= QChar(0xFB06); ligature = QChar(ligature.unicode() + 1))
            QVERIFY2(!text.contains(ligature), qPrintable(QString::number(ligature.unicode(), 16)));
        QVERIFY(text.contains(r->manifestDigest));

        // Vector charts: no raster image at all (pdfimages prints two header lines only).
        const QStringList imageLines = run(QStringLiteral("pdfimages"), { QStringLiteral("-list"), pdf })
                                           .out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(imageLines.size(), 2);

        // Provenance: the trail records the manifest digest and the SHA-256 of the bytes on disk.
        Result<QList<TrailEntry>> trail = store->trail();
        QVERIFY(trail.ok());
        const TrailEntry& last = trail->last();
        QCOMPARE(last.action, QStringLiteral("report-exported"));
        QCOMPARE(last.details.value(QStringLiteral("manifestDigest")).toString(), r->manifestDigest);
        Result<QByteArray> onDisk = crypto::hashFile(pdf);
        QVERIFY(onDisk.ok());
        QCOMPARE(last.details.value(QStringLiteral("pdfSha256")).toString(), QString::fromLatin1(onDisk->toHex()));
        // The manifest file beside the PDF hashes (canonically) to the printed digest.
        Result<QJsonObject> manifest = parseJsonObject(test::readAll(pdf + QStringLiteral(".manifest.json")), pdf);
        QVERIFY(manifest.ok());
        QCOMPARE(crypto::sha256Hex(canonicalJson(*manifest)), r->manifestDigest);
        QStringList listed;
        for (const QJsonValue& v : manifest->value(QStringLiteral("bundles")).toArray())
            listed.append(v.toString());
        QStringList expected = m_bundleDigests;
        expected.sort();
        QCOMPARE(listed, expected);
    }

    void manifestStable()
    {
        auto store = open();
        QVERIFY(store);
        Result<ReportResult> a = writeReport(*store, options(QStringLiteral("a.pdf")));
        Result<ReportResult> b = writeReport(*store, options(QStringLiteral("b.pdf")));
        QVERIFY(a.ok() && b.ok());
        QCOMPARE(a->manifestDigest, b->manifestDigest);
        // The trail grew between the two, and Qt stamps a time and a random /ID: the PDF bytes differ, the
        // manifest does not.
        QVERIFY(a->pdfSha256 != b->pdfSha256);
        ReportOptions other = options(QStringLiteral("c.pdf"));
        other.reviewer = QStringLiteral("Someone else");
        Result<ReportResult> c = writeReport(*store, other);
        QVERIFY(c.ok());
        QVERIFY(c->manifestDigest != a->manifestDigest);
    }

    void pdfa()
    {
        auto store = open();
        QVERIFY(store);
        ReportOptions o = options(QStringLiteral("pdfa.pdf"));
        o.pdfa = true;
        o.paper = Paper::Letter;
        o.sections = { Section::Summary, Section::Allocation };
        Result<ReportResult> r = writeReport(*store, o);
        QVERIFY(r.ok());
        const QString info = run(QStringLiteral("pdfinfo"), { r->path }).out;
        QVERIFY2(info.contains(QLatin1String("Metadata Stream: yes")), qPrintable(info));
        QVERIFY2(info.contains(QLatin1String("612 x 792")), qPrintable(info)); // Letter
        const QString meta = run(QStringLiteral("pdfinfo"), { QStringLiteral("-meta"), r->path }).out;
        QVERIFY2(meta.contains(QLatin1String("pdfaid:part")), qPrintable(meta));
        QVERIFY(meta.contains(QLatin1String("pdfaid:conformance")));
        const QString text = pdfText(r->path);
        QVERIFY(text.contains(QLatin1String("Resourceallocation")));
        QVERIFY(!text.contains(QLatin1String("Billingreconciliation"))); // not requested
    }

    void signature_data()
    {
        QTest::addColumn<int>("keyType");
        QTest::newRow("ecdsa-p256") << int(crypto::KeyType::EcP256);
        QTest::newRow("rsa") << int(crypto::KeyType::Rsa);
        QTest::newRow("ed25519") << int(crypto::KeyType::Ed25519);
    }

    void signature()
    {
        QFETCH(int, keyType);
        const auto type = crypto::KeyType(keyType);
        Result<crypto::PrivateKey> key = crypto::PrivateKey::generate(type, 2048);
        QVERIFY(key.ok());
        const QString tag = QString::number(keyType);
        const QString keyPath = path(QStringLiteral("sign-%1.key.pem").arg(tag));
        const QString pubPath = path(QStringLiteral("sign-%1.pub.pem").arg(tag));
        writeFile(keyPath, key->toPem());
        writeFile(pubPath, key->publicKey().toPem());
        auto store = open();
        QVERIFY(store);
        ReportOptions o = options(QStringLiteral("signed-%1.pdf").arg(tag));
        o.sections = { Section::Summary };
        o.signKeyPath = keyPath;
        Result<ReportResult> r = writeReport(*store, o);
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        QCOMPARE(r->signaturePath, r->path + QStringLiteral(".sig"));

        // The commands docs/report.md gives.
        auto verify = [&](const QString& pdf) {
            if (type == crypto::KeyType::Ed25519)
                return run(QStringLiteral("openssl"),
                    { QStringLiteral("pkeyutl"), QStringLiteral("-verify"), QStringLiteral("-pubin"),
                        QStringLiteral("-inkey"), pubPath, QStringLiteral("-rawin"), QStringLiteral("-in"), pdf,
                        QStringLiteral("-sigfile"), r->signaturePath });
            return run(QStringLiteral("openssl"),
                { QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-verify"), pubPath,
                    QStringLiteral("-signature"), r->signaturePath, pdf });
        };
        const Run good = verify(r->path);
        QVERIFY2(good.exitCode == 0, qPrintable(good.out));
        QByteArray bytes = test::readAll(r->path);
        bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x01);
        const QString tampered = path(QStringLiteral("tampered-%1.pdf").arg(tag));
        writeFile(tampered, bytes);
        const Run bad = verify(tampered);
        QVERIFY2(bad.exitCode != 0, qPrintable(bad.out));
    }

    void exports()
    {
        auto store = open();
        QVERIFY(store);
        ExportOptions o;
        o.what = ExportWhat::Findings;
        o.format = ExportFormat::Csv;
        o.outputPath = path(QStringLiteral("findings.csv"));
        Result<int> rows = writeExport(*store, o);
        QVERIFY(rows.ok());
        QCOMPARE(*rows, int(m_findingIds.size()));
        const QByteArray csv = test::readAll(o.outputPath);
        // The documented columns (docs/report.md), in order.
        QVERIFY(csv.startsWith("id,rule,severity,title,provider,node,tenant,resource_class,region,start,end,measured,"
                               "expected,unit,amount,currency,evidence\r\n"));
        for (const QString& id : std::as_const(m_findingIds))
            QVERIFY(csv.contains("\r\n" + id.toUtf8() + ','));

        o.what = ExportWhat::Reconciliation;
        o.format = ExportFormat::Json;
        o.outputPath = path(QStringLiteral("reconciliation.json"));
        rows = writeExport(*store, o);
        QVERIFY(rows.ok() && *rows > 0);
        Result<QJsonObject> json = parseJsonObject(test::readAll(o.outputPath), o.outputPath);
        QVERIFY(json.ok());
        QCOMPARE(json->value(QStringLiteral("rows")).toArray().size(), *rows);
        const QJsonObject first = json->value(QStringLiteral("rows")).toArray().first().toObject();
        for (const char* column : { "provider", "invoice_id", "tenant", "resource_class", "billed_quantity",
                 "measured_quantity", "difference", "amount", "within_tolerance", "bundle" })
            QVERIFY2(first.contains(QLatin1String(column)), column);
        QVERIFY(first.value(QStringLiteral("billed_quantity")).isDouble());
        QVERIFY(first.value(QStringLiteral("within_tolerance")).isBool());
        // Issue 18: the three-way match follows the billing lines, with its idle capacity lines.
        QSet<QString> kinds;
        for (const QJsonValue& row : json->value(QStringLiteral("rows")).toArray())
            kinds.insert(row.toObject().value(QStringLiteral("line")).toString());
        QVERIFY(kinds.contains(QStringLiteral("billing")));
        QVERIFY(kinds.contains(QStringLiteral("three-way:match")));
        QVERIFY(kinds.contains(QStringLiteral("three-way:idle")));

        o.what = ExportWhat::Comparison;
        o.format = ExportFormat::Csv;
        o.outputPath = path(QStringLiteral("comparison.csv"));
        rows = writeExport(*store, o);
        QVERIFY(rows.ok() && *rows > 0);
        QVERIFY(test::readAll(o.outputPath).startsWith("provider,rank,criterion,title,weight,value,score,total\r\n"));
    }

    void cancelLeavesNothing()
    {
        auto store = open();
        QVERIFY(store);
        std::atomic_bool cancel { true };
        Result<ReportResult> r = writeReport(*store, options(QStringLiteral("cancelled.pdf")), {}, &cancel);
        QVERIFY(!r.ok());
        QVERIFY(!QFile::exists(path(QStringLiteral("cancelled.pdf"))));
    }

    // The GUI runs the export on a worker thread: QCustomPlot and the PDF painter must work there.
    void workerThread()
    {
        Result<ReportResult> r = Error(QStringLiteral("not run"));
        std::thread worker([&] {
            auto store = open();
            if (store)
                r = writeReport(*store, options(QStringLiteral("thread.pdf")));
        });
        worker.join();
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        const QString text = pdfText(r->path);
        QVERIFY(text.contains(QLatin1String("Resourceallocation")));
        QCOMPARE(
            run(QStringLiteral("pdfimages"), { QStringLiteral("-list"), r->path }).out.count(QLatin1Char('\n')), 2);
    }

    // A zh_CN reader gets the verdict's severity in Chinese, not the core's English id ("最严重的为 high").
    void chineseVerdictNamesTheSeverityInChinese()
    {
        QString why;
        QVERIFY2(loadReportTranslation(QStringLiteral("zh_CN"), &why), qPrintable(why));
        auto store = open();
        QVERIFY(store);
        ReportOptions o = options(QStringLiteral("zh.pdf"));
        o.language = QStringLiteral("zh_CN");
        o.sections = { Section::Summary };
        Result<ReportResult> r = writeReport(*store, o);
        QVERIFY(loadReportTranslation(QStringLiteral("en"), &why));
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        const QString text = pdfText(r->path);
        QVERIFY2(text.contains(QStringLiteral("最严重的为")), qPrintable(text.left(2000)));
        static const QRegularExpression english(QStringLiteral("最严重的为\\s*(critical|high|medium|low|info)"));
        QVERIFY2(!english.match(text).hasMatch(), qPrintable(english.match(text).captured(0)));
    }

    // Issue 16: a zh_CN report says the core's catalogue in Chinese too: every rule's title (in the methodology and
    // beside the rule id of each finding), the methods, the thresholds' meanings, the evidence notes and the rules'
    // own units; the English the JSON keeps must not show.
    void chineseReportSaysCatalogueAndNotesInChinese()
    {
        QString why;
        QVERIFY2(loadReportTranslation(QStringLiteral("zh_CN"), &why), qPrintable(why));
        auto store = open();
        QVERIFY(store);
        ReportOptions o = options(QStringLiteral("zh-catalogue.pdf"));
        o.language = QStringLiteral("zh_CN");
        o.sections = { Section::Findings, Section::Methodology };
        Result<ReportResult> r = writeReport(*store, o);
        // What the reader should see, taken while the translation is installed.
        QList<std::pair<QString, QString>> titles; // English, Chinese
        QStringList meanings, chineseMeanings;
        for (const analytics::RuleInfo& rule : analytics::ruleCatalog()) {
            titles.append({ rule.title, analytics::localizedTitle(rule) });
            for (const analytics::ThresholdInfo& t : rule.thresholds) {
                meanings << t.meaning;
                chineseMeanings << analytics::localizedMeaning(t);
            }
        }
        const QString coveringNote = QStringLiteral("telemetry covering the period");
        const QString coveringChinese = analytics::localizedNote(coveringNote);
        QSet<QString> notes, units;
        for (const analytics::Finding& f : std::as_const(m_findings)) {
            for (const analytics::EvidenceRef& e : f.evidence)
                if (analytics::localizedNote(e.note) != e.note)
                    notes.insert(e.note);
            if (analytics::localizedUnit(f.unit) != f.unit)
                units.insert(f.unit);
        }
        QVERIFY(loadReportTranslation(QStringLiteral("en"), &why));
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        const QString text = cjkFolded(pdfText(r->path));
        const auto has = [&](const QString& expected) { return cjkPattern(expected).match(text).hasMatch(); };

        const QList<analytics::RuleInfo>& catalog = analytics::ruleCatalog();
        for (qsizetype i = 0; i < catalog.size(); ++i) {
            const auto& [english, chinese] = titles.at(i);
            const QString id = catalog.at(i).id;
            QVERIFY2(chinese != english, qPrintable(id));
            QVERIFY2(has(QStringLiteral("%1 (%2)").arg(chinese, id)), qPrintable(chinese));
            QVERIFY2(
                has(QStringLiteral("%1 (%2)").arg(id, chinese)) || !m_findingRules.contains(id), qPrintable(chinese));
            QVERIFY2(!text.contains(squeeze(QStringLiteral("%1 (%2)").arg(english, id))), qPrintable(english));
            QVERIFY2(!text.contains(squeeze(QStringLiteral("%1 (%2)").arg(id, english))), qPrintable(english));
        }
        for (qsizetype i = 0; i < meanings.size(); ++i) {
            QVERIFY2(chineseMeanings.at(i) != meanings.at(i), qPrintable(meanings.at(i)));
            QVERIFY2(!text.contains(squeeze(meanings.at(i))), qPrintable(meanings.at(i)));
        }
        QVERIFY2(has(QStringLiteral("(%1)").arg(coveringChinese)), qPrintable(coveringChinese));
        QVERIFY2(notes.contains(coveringNote), "the demo's findings cite the telemetry covering their period");
        for (const QString& note : std::as_const(notes))
            QVERIFY2(!text.contains(QStringLiteral("(%1)").arg(squeeze(note))), qPrintable(note));
        for (const QString& unit : std::as_const(units))
            if (unit.contains(QLatin1Char(' ')))
                QVERIFY2(!text.contains(squeeze(unit)), qPrintable(unit));
    }

    // The layout engine alone: a long table continues over pages with its header repeated on each.
    void longTableRepeatsHeader()
    {
        const QString pdf = path(QStringLiteral("table.pdf"));
        QPdfWriter writer(pdf);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        int pages = 0;
        {
            PageWriter pw(&writer, true, { { QStringLiteral("DejaVu Sans") }, { QStringLiteral("DejaVu Sans Mono") } });
            QList<PageWriter::Row> rows;
            for (int i = 0; i < 300; ++i)
                rows.append(PageWriter::Row({ QStringLiteral("row%1").arg(i), QString(64, QLatin1Char('a' + i % 6)) }));
            pw.table(
                { { QStringLiteral("ColumnHeaderOne"), 1 }, { QStringLiteral("ColumnHeaderTwo"), 3, true } }, rows);
            pw.finish();
            pages = pw.page();
        }
        QVERIFY(pages >= 3);
        QCOMPARE(pdfPages(pdf), pages);
        const QString text = pdfText(pdf);
        QCOMPARE(text.count(QLatin1String("ColumnHeaderOne")), pages);
        QVERIFY(text.contains(QLatin1String("row0")) && text.contains(QLatin1String("row299")));
        // Long cell text wraps inside its column instead of being cut.
        QVERIFY(text.contains(QString(64, QLatin1Char('c'))));
    }
};

QTEST_MAIN(TestReport)
#include "tst_report.moc"
