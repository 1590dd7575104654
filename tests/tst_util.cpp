// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/csvcell.h"
#include "util/jsonutil.h"
#include "util/parallel.h"
#include "util/result.h"
#include "util/strictjson.h"
#include "util/timeutil.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace capaudit;

// The base layer every other library stands on: errors, time, JSON, base64, CSV cells, atomic writes, parallelFor.
class TestUtil : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void errorText();
    void resultAndStatus();
    void timestamps_data();
    void timestamps();
    void unixSecondsMatchesTimestamp();
    void formatting();
    void durations();
    void canonicalJsonIsSortedAndCompact();
    void strictJsonRefusesAmbiguity_data();
    void strictJsonRefusesAmbiguity();
    void parseJsonObjectNamesLine();
    void base64();
    void csvCells_data();
    void csvCells();
    void atomicWrite();
    void parallelForCoversEveryIndex();
};

void TestUtil::errorText()
{
    QCOMPARE(Error(QStringLiteral("usage.csv"), 12, QStringLiteral("used"), QStringLiteral("not a number")).toString(),
        QStringLiteral("usage.csv:12: field 'used': not a number"));
    QCOMPARE(Error(QStringLiteral("b.tar.gz"), QStringLiteral("cancelled")).toString(),
        QStringLiteral("b.tar.gz: cancelled"));
    QCOMPARE(Error(QStringLiteral("plain")).toString(), QStringLiteral("plain"));
}

void TestUtil::resultAndStatus()
{
    Result<int> good = 7;
    QVERIFY(good.ok());
    QCOMPARE(*good, 7);
    Result<int> bad = Error(QStringLiteral("f"), QStringLiteral("why"));
    QVERIFY(!bad);
    QCOMPARE(bad.error().reason, QStringLiteral("why"));
    QVERIFY(Status::success().ok());
    const Status failed = Error(QStringLiteral("no"));
    QVERIFY(!failed);
    QCOMPARE(failed.error().reason, QStringLiteral("no"));
}

void TestUtil::timestamps_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expected"); // -1: refused
    QTest::newRow("utc") << "2026-01-02T03:04:05Z" << qint64(1767323045);
    QTest::newRow("fraction") << "2026-01-02T03:04:05.250Z" << qint64(1767323045);
    QTest::newRow("offset") << "2026-01-02T04:04:05+01:00" << qint64(1767323045);
    QTest::newRow("billing export") << "2026-01-02 03:04:05" << qint64(1767323045);
    QTest::newRow("garbage") << "yesterday" << qint64(-1);
    QTest::newRow("empty") << "" << qint64(-1);
    QTest::newRow("month 13") << "2026-13-02T03:04:05Z" << qint64(-1);
}

void TestUtil::timestamps()
{
    QFETCH(QString, text);
    QFETCH(qint64, expected);
    const std::optional<QDateTime> parsed = parseTimestamp(text);
    if (expected < 0) {
        QVERIFY(!parsed);
        return;
    }
    QVERIFY(parsed);
    QCOMPARE(parsed->toSecsSinceEpoch(), expected);
}

void TestUtil::unixSecondsMatchesTimestamp()
{
    // The fast path of the parsers must agree with the general one.
    for (const char* text : { "2026-01-02T03:04:05Z", "2024-02-29T23:59:59Z", "1970-01-01T00:00:00Z" }) {
        const std::optional<qint64> fast = parseUnixSeconds(QByteArrayView(text));
        const std::optional<QDateTime> slow = parseTimestamp(QString::fromLatin1(text));
        QVERIFY2(fast && slow, text);
        QCOMPARE(*fast, slow->toSecsSinceEpoch());
    }
    QVERIFY(!parseUnixSeconds(QByteArrayView("not a time")));
}

void TestUtil::formatting()
{
    QCOMPARE(formatUnixSeconds(1767323045), QStringLiteral("2026-01-02T03:04:05Z"));
    QCOMPARE(
        formatTimestamp(QDateTime::fromSecsSinceEpoch(1767323045, Qt::UTC)), QStringLiteral("2026-01-02T03:04:05Z"));
}

void TestUtil::durations()
{
    QCOMPARE(parseDuration(u"300s"), std::optional<qint64>(300));
    QCOMPARE(parseDuration(u"5m"), std::optional<qint64>(300));
    QCOMPARE(parseDuration(u"1h"), std::optional<qint64>(3600));
    QCOMPARE(parseDuration(u"2d"), std::optional<qint64>(172800));
    QVERIFY(!parseDuration(u"soon"));
}

void TestUtil::canonicalJsonIsSortedAndCompact()
{
    QJsonObject o;
    o.insert(QStringLiteral("b"), 1);
    o.insert(QStringLiteral("a"), QJsonArray { QStringLiteral("x"), true });
    QCOMPARE(canonicalJson(o), QByteArray(R"({"a":["x",true],"b":1})"));
    QCOMPARE(canonicalJson(QJsonArray { 1, 2 }), QByteArray("[1,2]"));
    QVERIFY(prettyJson(o).contains('\n'));
}

void TestUtil::strictJsonRefusesAmbiguity_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("plain") << QByteArray(R"({"a":1,"b":[true,null]})") << true;
    QTest::newRow("duplicate key") << QByteArray(R"({"a":1,"a":2})") << false;
    QTest::newRow("nested duplicate") << QByteArray(R"({"x":{"k":1,"k":1}})") << false;
    QTest::newRow("lone surrogate") << QByteArray(R"({"a":"\ud800"})") << false;
    QTest::newRow("invalid utf-8") << QByteArray("{\"a\":\"\xff\"}") << false;
    QTest::newRow("NaN") << QByteArray(R"({"a":NaN})") << false;
    QTest::newRow("too deep") << QByteArray(100, '[') + QByteArray(100, ']') << false;
}

void TestUtil::strictJsonRefusesAmbiguity()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, accepted);
    const Status s = checkStrictJson(json, QStringLiteral("doc.json"));
    QCOMPARE(s.ok(), accepted);
    if (!accepted)
        QCOMPARE(s.error().file, QStringLiteral("doc.json"));
}

void TestUtil::parseJsonObjectNamesLine()
{
    QVERIFY(parseJsonObject(R"({"a":1})", QStringLiteral("f.json")).ok());
    const Result<QJsonObject> broken = parseJsonObject("{\n\"a\":1,\n\"b\" 2}", QStringLiteral("f.json"));
    QVERIFY(!broken);
    QCOMPARE(broken.error().file, QStringLiteral("f.json"));
    QCOMPARE(broken.error().line, qint64(3));
    QVERIFY(!parseJsonObject("[1]", QStringLiteral("f.json")).ok()); // an array is not an object
}

void TestUtil::base64()
{
    // "hi?" is aGk/ in the standard alphabet and aGk_ in the URL-safe one; DSSE accepts both, padded or not.
    QCOMPARE(decodeBase64Any("aGk/"), std::optional<QByteArray>("hi?"));
    QCOMPARE(decodeBase64Any("aGk_"), std::optional<QByteArray>("hi?"));
    QCOMPARE(decodeBase64Any("aGk"), std::optional<QByteArray>("hi"));
    QCOMPARE(decodeBase64Strict("aGk="), std::optional<QByteArray>("hi"));
    QCOMPARE(decodeBase64Strict("aGk"), std::optional<QByteArray>("hi"));
    // "aGl=" decodes to "hi" too, but only by ignoring set trailing bits: not canonical.
    QVERIFY(!decodeBase64Strict("aGl="));
    QVERIFY(!decodeBase64Strict("aGk=="));
    QVERIFY(!decodeBase64Strict("a*k="));
}

void TestUtil::csvCells_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("number");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("plain") << "gpu" << false << QByteArray("gpu");
    QTest::newRow("comma") << "a,b" << false << QByteArray("\"a,b\"");
    QTest::newRow("quote") << "say \"x\"" << false << QByteArray("\"say \"\"x\"\"\"");
    QTest::newRow("formula") << "=1+1" << false << QByteArray("\"'=1+1\"");
    QTest::newRow("negative text") << "-3" << false << QByteArray("\"'-3\"");
    QTest::newRow("negative number") << "-3.5" << true << QByteArray("-3.5");
}

void TestUtil::csvCells()
{
    QFETCH(QString, value);
    QFETCH(bool, number);
    QFETCH(QByteArray, expected);
    QCOMPARE(csvCell(value, number ? CsvCell::Number : CsvCell::Text), expected);
}

void TestUtil::atomicWrite()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("out.json"));
    QVERIFY(writeFileAtomically(path, "first").ok());
    QVERIFY(writeFileAtomically(path, "second").ok());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("second"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList { QStringLiteral("out.json") }); // no leftovers
    QVERIFY(!writeFileAtomically(dir.filePath(QStringLiteral("missing/out.json")), "x").ok());
}

void TestUtil::parallelForCoversEveryIndex()
{
    constexpr qsizetype n = 10000;
    std::vector<std::atomic<int>> hits(n);
    parallelFor(n, 0, [&](qsizetype i) { ++hits[size_t(i)]; });
    for (qsizetype i = 0; i < n; ++i)
        QCOMPARE(hits[size_t(i)].load(), 1);
    parallelFor(0, 4, [](qsizetype) { QFAIL("no work for zero items"); });
}

QTEST_GUILESS_MAIN(TestUtil)
#include "tst_util.moc"
