// SPDX-License-Identifier: GPL-3.0-or-later
// The translation machinery (app/core/util/translation.h) and the quality of the shipped zh_CN catalogue.
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

    void unknownLanguageFallsBackToEnglish()
    {
        QVERIFY(installTranslation(QStringLiteral("zh_CN")));
        QVERIFY(!installTranslation(QStringLiteral("de_DE")));
        QCOMPARE(installedLanguage(), QStringLiteral("en"));
        QCOMPARE(translated("capaudit::MainWindow", "&File"), QStringLiteral("&File"));
        QVERIFY(!installTranslation(QStringLiteral("not a language")));
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
