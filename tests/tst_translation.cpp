// SPDX-License-Identifier: GPL-3.0-or-later
// The translation machinery (app/core/util/translation.h) and the quality of the shipped zh_CN catalogue.
#include "analytics/comparison.h"
#include "analytics/comparisontext.h"
#include "analytics/finding.h"
#include "analytics/rulecatalog.h"
#include "testsupport.h"
#include "util/translation.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QXmlStreamReader>
#include <QtTest>

using namespace capaudit;

namespace {

QString translated(const char* context, const char* source)
{
    return QCoreApplication::translate(context, source);
}

struct Message {
    QString context;
    QString source;
    QStringList translations; // one, or the numerus forms
    bool unfinished = false;
};

QList<Message> readTs(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<Message> messages;
    QString context;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("message")) {
            Message m;
            m.context = context;
            while (xml.readNextStartElement()) {
                if (xml.name() == QLatin1String("source")) {
                    m.source = xml.readElementText();
                } else if (xml.name() == QLatin1String("translation")) {
                    m.unfinished = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
                    QString text;
                    while (
                        xml.readNext() != QXmlStreamReader::EndElement || xml.name() != QLatin1String("translation")) {
                        if (xml.isCharacters())
                            text += xml.text();
                        else if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
                            m.translations.append(xml.readElementText());
                    }
                    if (m.translations.isEmpty())
                        m.translations.append(text);
                } else {
                    xml.skipCurrentElement();
                }
            }
            messages.append(m);
        }
    }
    if (xml.hasError())
        qWarning("%s:%lld: %s", qPrintable(path), xml.lineNumber(), qPrintable(xml.errorString()));
    return xml.hasError() ? QList<Message> {} : messages;
}

// %1…%99 and %n: QString::arg() and tr()'s plural argument must find every one in the translation.
QSet<QString> placeholders(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("%(\\d{1,2}|n)"));
    QSet<QString> found;
    for (const QRegularExpressionMatch& m : re.globalMatch(text))
        found.insert(m.captured(0));
    return found;
}

} // namespace

class TestTranslation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cleanup()
    {
        installTranslation(QStringLiteral("en"));
    }

    void chineseIsEmbeddedAndInstalled()
    {
        QVERIFY(installTranslation(QStringLiteral("zh_CN")));
        QCOMPARE(installedLanguage(), QStringLiteral("zh_CN"));
        QCOMPARE(translated("capaudit::MainWindow", "&File"), QStringLiteral("文件(&F)"));
        QCOMPARE(translated("capaudit::BundleModel", "Verified"), QStringLiteral("已验证"));
        QCOMPARE(translated("Report", "Executive summary"), QStringLiteral("执行摘要"));
    }

    void languageWithoutTerritoryFallsBack()
    {
        QVERIFY(installTranslation(QStringLiteral("zh")));
        QCOMPARE(translated("capaudit::MainWindow", "Overview"), QStringLiteral("概览"));
    }

    void englishRemovesTheTranslation()
    {
        QVERIFY(installTranslation(QStringLiteral("zh_CN")));
        QVERIFY(installTranslation(QStringLiteral("en")));
        QCOMPARE(installedLanguage(), QStringLiteral("en"));
        QCOMPARE(translated("capaudit::MainWindow", "&File"), QStringLiteral("&File"));
    }

    // English needs its plural forms from a catalogue too: without one, "%n finding(s)" prints as written.
    void englishSaysOneFindingAndTwoFindings()
    {
        for (const QString& lang : { QStringLiteral("en"), QStringLiteral("C"), QStringLiteral("de_DE") }) {
            installTranslation(lang);
            QCOMPARE(QCoreApplication::translate("Report", "%n finding(s)", nullptr, 1), QStringLiteral("1 finding"));
            QCOMPARE(QCoreApplication::translate("Report", "%n finding(s)", nullptr, 2), QStringLiteral("2 findings"));
            QCOMPARE(
                QCoreApplication::translate("Report", "%n provider(s)", nullptr, 0), QStringLiteral("0 providers"));
            QCOMPARE(QCoreApplication::translate("PeriodText", "%1 – %2 (%n day(s))", nullptr, 1),
                QStringLiteral("%1 – %2 (1 day)"));
            QCOMPARE(translated("capaudit::MainWindow", "&File"), QStringLiteral("&File"));
        }
        QVERIFY(installTranslation(QStringLiteral("zh_CN")));
        QCOMPARE(QCoreApplication::translate("Report", "%n finding(s)", nullptr, 2), QStringLiteral("2 个发现项"));
    }

    void unknownLanguageFallsBackToEnglish()
    {
        QVERIFY(installTranslation(QStringLiteral("zh_CN")));
        QVERIFY(!installTranslation(QStringLiteral("de_DE")));
        QCOMPARE(installedLanguage(), QStringLiteral("en"));
        QCOMPARE(translated("capaudit::MainWindow", "&File"), QStringLiteral("&File"));
        QVERIFY(!installTranslation(QStringLiteral("not a language")));
    }

    // A finding's sentence travels as an id, its English template and its arguments: the English title stays what
    // the JSON and the CSV show, and the GUI and the report say it in the installed language.
    void findingSentenceIsTranslatedAtTheEdge()
    {
        analytics::Finding f;
        f.say("meter.unavailable",
            QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                "The independent meter could not reach node %1 (%2) for %3 h while %4 reported it up with %5 %6"),
            { analytics::marg(QStringLiteral("a-gpu-01")), analytics::marg(QStringLiteral("gpu")),
                analytics::marg(24.0, 0, 'f', 1), analytics::marg(QStringLiteral("Aurora Compute")), analytics::marg(8),
                analytics::marg(QStringLiteral("GPU")) });
        const QString english = QStringLiteral("The independent meter could not reach node a-gpu-01 (gpu) for 24.0 h "
                                               "while Aurora Compute reported it up with 8 GPU");
        QCOMPARE(f.title, english);
        QVERIFY(installTranslation(QStringLiteral("zh_CN")));
        const QString chinese = analytics::localizedTitle(f);
        QCOMPARE(f.title, english); // the stored sentence does not change with the reader
        QVERIFY2(chinese != english && chinese.contains(QStringLiteral("独立计量方")), qPrintable(chinese));
        for (const char* value : { "a-gpu-01", "gpu", "24.0", "Aurora Compute", "8 GPU" })
            QVERIFY2(chinese.contains(QLatin1String(value)), qPrintable(chinese));
        // Words of the catalogue are translated with the sentence; evidence text is not.
        analytics::Finding w;
        w.say("sla.provider-below-target",
            QT_TRANSLATE_NOOP("capaudit::FindingMessage", "%1's %2 availability was %3 %, below the contracted %4 %"),
            { analytics::marg(QStringLiteral("node-weighted")),
                analytics::word(QT_TRANSLATE_NOOP("capaudit::FindingWord", "node-weighted")),
                analytics::marg(99.1, 0, 'f', 2), analytics::marg(99.5, 0, 'f', 2) });
        const QString sla = analytics::localizedTitle(w);
        QVERIFY2(sla.startsWith(QStringLiteral("node-weighted")) && sla.contains(QStringLiteral("按节点加权")),
            qPrintable(sla));
        // A finding read back from JSON keeps its message and is translated the same way.
        Result<analytics::Finding> back = analytics::Finding::fromJson([&] {
            analytics::Finding g = f;
            g.id = QStringLiteral("telemetry.meter-agreement/0123456789");
            g.ruleId = QStringLiteral("telemetry.meter-agreement");
            return g.toJson();
        }());
        QVERIFY(back);
        QCOMPARE(analytics::localizedTitle(*back), chinese);
        QVERIFY(installTranslation(QStringLiteral("en")));
        QCOMPARE(analytics::localizedTitle(f), english);
    }

    // Issue 16: the rule catalogue, the thresholds' meanings, the evidence notes and the rules' own units come out of
    // the core in English (the JSON keeps them) and are said in the reader's language at the edge.
    // The bid comparison's notes and verdict are composed from its facts at the edge; the core's English stays.
    void comparisonSentencesAreTranslatedAtTheEdge()
    {
        analytics::BidderScore b;
        b.provider = QStringLiteral("Aurora");
        b.rank = 2;
        b.unadjustedRank = 1;
        b.total = 50;
        b.unadjustedTotal = 70;
        analytics::CriterionScore delivery;
        delivery.unadjusted = 100;
        delivery.score = 60;
        b.criteria.insert(QStringLiteral("delivery"), delivery);
        analytics::ScoreAdjustment a;
        a.criterion = QStringLiteral("delivery");
        a.ruleId = QStringLiteral("capacity.delivered");
        a.severity = analytics::Severity::High;
        a.count = 1;
        a.points = 40;
        b.adjustments = { a };
        analytics::BidComparison c;
        c.bidders = { b };
        c.notes = { analytics::detail::adjustmentNote(b), QStringLiteral("another caveat") };
        c.stable = false;
        c.flips = { { QStringLiteral("cost"), 1.1, QStringLiteral("A"), QStringLiteral("B") },
            { QStringLiteral("cost"), 0.9, QStringLiteral("B"), QStringLiteral("A") } };

        QVERIFY(installTranslation(QStringLiteral("en")));
        QCOMPARE(analytics::localizedAdjustmentNote(b),
            QStringLiteral("Aurora: findings lowered Delivered vs claimed capacity 100.0 → 60.0 (capacity.delivered "
                           "high ×1: −40.0); total 70.0 → 50.0, rank 2 (1 without the findings)."));
        QCOMPARE(
            analytics::localizedVerdict(c), QStringLiteral("ranking sensitive to Effective cost per delivered unit"));

        QVERIFY(installTranslation(QStringLiteral("zh_CN")));
        const QStringList notes = analytics::localizedNotes(c);
        QCOMPARE(notes.size(), 2);
        QVERIFY2(notes.at(0).contains(QStringLiteral("发现项使")) && notes.at(0).contains(QStringLiteral("排名第 2"))
                && !notes.at(0).contains(QLatin1String("findings lowered"))
                && !notes.at(0).contains(QLatin1String("Delivered")),
            qPrintable(notes.at(0)));
        QCOMPARE(notes.at(1), QStringLiteral("another caveat"));
        const QString verdict = analytics::localizedVerdict(c);
        QVERIFY2(verdict.startsWith(QStringLiteral("排名对")) && !verdict.contains(QLatin1String("cost")),
            qPrintable(verdict));
        c.stable = true;
        QCOMPARE(analytics::localizedVerdict(c), QStringLiteral("排名稳定"));
        // The core's own text is untouched by the installed language: the JSON keeps it.
        QVERIFY(analytics::detail::adjustmentNote(b).contains(QLatin1String("findings lowered")));
    }

    void catalogueTextsAreTranslatedAtTheEdge()
    {
        QVERIFY(installTranslation(QStringLiteral("zh_CN")));
        QStringList english;
        for (const analytics::RuleInfo& rule : analytics::ruleCatalog()) {
            if (analytics::localizedTitle(rule) == rule.title)
                english << rule.id + QStringLiteral(" title: ") + rule.title;
            if (analytics::localizedMethod(rule) == rule.method)
                english << rule.id + QStringLiteral(" method");
            for (const analytics::ThresholdInfo& t : rule.thresholds)
                if (analytics::localizedMeaning(t) == t.meaning)
                    english << rule.id + QLatin1Char('.') + t.key + QStringLiteral(": ") + t.meaning;
        }
        for (const analytics::CriterionInfo& c : analytics::comparisonCriteria()) {
            if (analytics::localizedTitle(c) == c.title)
                english << c.id + QStringLiteral(" criterion title: ") + c.title;
            if (analytics::localizedMethod(c) == c.method)
                english << c.id + QStringLiteral(" criterion method");
        }
        QVERIFY2(english.isEmpty(), qPrintable(english.join(QLatin1Char('\n'))));
        QCOMPARE(
            analytics::findRule(QStringLiteral("invoice.sla-credit"))->title, QStringLiteral("SLA credit not given"));

        // A fixed note, and notes a rule filled in (from a check run or read back from older JSON).
        QCOMPARE(analytics::localizedNote(QStringLiteral("telemetry covering the period")),
            QStringLiteral("覆盖该时段的遥测"));
        QCOMPARE(analytics::localizedNote(QStringLiteral("trail entry 17")), QStringLiteral("审计记录 17"));
        QCOMPARE(analytics::localizedNote(QStringLiteral("import-failed, trail entry 3")),
            QStringLiteral("导入失败，审计记录 3"));
        QCOMPARE(analytics::localizedNote(QStringLiteral("checkpoint 'log.example/1' size 12 root ab%2cd")),
            QStringLiteral("检查点“log.example/1”，大小 12，根 ab%2cd"));
        // A catalogue word inside a note is translated with it; evidence text is not.
        QCOMPARE(analytics::localizedNote(QStringLiteral("independent meter: the capacity it saw")),
            QStringLiteral("独立计量方：其观测到的容量"));
        QCOMPARE(analytics::localizedNote(QStringLiteral("attestation signed 2026-03-01")),
            QStringLiteral("2026-03-01 签名的分配证明"));
        QCOMPARE(
            analytics::localizedNote(QStringLiteral("a note nobody wrote")), QStringLiteral("a note nobody wrote"));
        QCOMPARE(analytics::localizedUnit(QStringLiteral("hours billed twice")), QStringLiteral("重复计费小时"));
        QCOMPARE(analytics::localizedUnit(QStringLiteral("GPU")), QStringLiteral("GPU"));

        QVERIFY(installTranslation(QStringLiteral("en")));
        QCOMPARE(analytics::localizedNote(QStringLiteral("trail entry 17")), QStringLiteral("trail entry 17"));
        QCOMPARE(analytics::localizedTitle(*analytics::findRule(QStringLiteral("invoice.sla-credit"))),
            QStringLiteral("SLA credit not given"));
    }

    // One pass, as QString::arg reads placeholders (%10 is the tenth), and an argument holding "%2" stays as it is:
    // evidence text must never be able to pull another argument into the sentence.
    void placeholdersAreSubstitutedOnce()
    {
        QStringList args;
        for (int i = 1; i <= 10; ++i)
            args << QStringLiteral("a%1").arg(i);
        QCOMPARE(analytics::substitute(QStringLiteral("%1 %10 %2 %11 100 % done"), args),
            QStringLiteral("a1 a10 a2 a11 100 % done"));
        QCOMPARE(
            analytics::substitute(QStringLiteral("%1 then %2"), { QStringLiteral("node %2"), QStringLiteral("x") }),
            QStringLiteral("node %2 then x"));
    }

    // Every message of the shipped catalogue is translated and keeps the placeholders its code fills in: a lost
    // "%2" would silently drop a value from the UI or the report.
    void catalogueIsCompleteAndKeepsPlaceholders()
    {
        const QString path = test::testData(QStringLiteral("../../resources/translations/capaudit_zh_CN.ts"));
        const QList<Message> messages = readTs(path);
        QVERIFY2(messages.size() > 300, qPrintable(path));
        QStringList problems;
        for (const Message& m : messages) {
            const QString where = m.context + QStringLiteral(": ") + m.source.left(60);
            if (m.unfinished || m.translations.value(0).isEmpty()) {
                problems.append(QStringLiteral("untranslated: ") + where);
                continue;
            }
            for (const QString& t : m.translations) {
                if (placeholders(t) != placeholders(m.source))
                    problems.append(QStringLiteral("placeholders differ: ") + where);
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestTranslation)
#include "tst_translation.moc"
