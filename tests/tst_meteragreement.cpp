// SPDX-License-Identifier: GPL-3.0-or-later
// telemetry.meter-agreement and the meter's part of evidence.assurance: the provider's telemetry against an
// independent meter's, on hand-made bundles (every kind of disagreement at an exact scope) and on the demo bank's
// ground truth (faults.json).
#include "analytics/checkrunner.h"
#include "analytics/rulecatalog.h"
#include "casefixture.h"
#include "guitestcase.h"
#include "store/caseimporter.h"
#include "store/casestore.h"
#include "testsupport.h"
#include "util/jsonutil.h"
#include "util/timeutil.h"

#include <QJsonArray>
#include <QTest>

using namespace capaudit;
using namespace capaudit::analytics;
using namespace capaudit::test;

namespace {

constexpr int kSteps = 300;
constexpr int kEvery = 3; // the meter scrapes every third provider step (15 min)

// The provider's CSV as a meter would see it: every third step; node-2 at half capacity in steps [99, 199); node-3
// unreachable (no row at all) in steps [48, 78); 3 cores less allocated to tenant-0 on node-0 in steps [150, 210).
// Node-1's down steps are seen down by both.
QByteArray meterCsv(const QByteArray& providerCsv, bool faithful)
{
    QByteArray out;
    const QList<QByteArray> lines = providerCsv.split('\n');
    out += lines.first() + '\n';
    for (qsizetype i = 1; i < lines.size(); ++i) {
        QList<QByteArray> fields = lines.at(i).split(',');
        if (fields.size() != 8)
            continue;
        const qint64 step = (*parseUnixSeconds(fields.at(0)) - kStart) / kStep;
        if (step % kEvery != 0)
            continue;
        if (!faithful && fields.at(1) == "node-3" && step >= 48 && step < 78)
            continue;
        if (!faithful && fields.at(1) == "node-2" && fields.at(3).isEmpty() && step >= 99 && step < 199)
            fields[6] = "32";
        if (!faithful && fields.at(1) == "node-0" && fields.at(3) == "tenant-0" && step >= 150 && step < 210)
            fields[4] = QByteArray::number(fields.at(4).toDouble() - 3);
        out += fields.join(',') + '\n';
    }
    return out;
}

QList<Finding> ofRule(const CheckReport& report, const char* rule)
{
    QList<Finding> out;
    for (const Finding& f : report.findings)
        if (f.ruleId == QLatin1String(rule))
            out.append(f);
    return out;
}

CheckReport check(CaseStore& store)
{
    CheckOptions options;
    Result<CheckReport> report = runChecks(store, options);
    if (!report)
        qFatal("%s", qPrintable(report.error().toString()));
    return *report;
}

} // namespace

class TestMeterAgreement : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    Pki m_provider, m_meter;
    QByteArray m_csv;
    QString m_telemetry;

    std::unique_ptr<CaseStore> caseWith(const QString& name, const QStringList& bundles)
    {
        Result<std::unique_ptr<CaseStore>> store =
            CaseStore::create(m_dir.filePath(name), name, { m_provider.anchor, m_meter.anchor });
        if (!store)
            qFatal("%s", qPrintable(store.error().toString()));
        CaseImporter importer(**store);
        for (const QString& b : bundles) {
            const ImportResult r = importer.importBundle(b);
            if (!r.ok())
                qWarning() << "import of" << b << "did not verify";
        }
        return std::move(store).value();
    }

    QString meterBundle(const QString& name, const QByteArray& csv, const Pki& signer)
    {
        return writeTelemetry(
            signer, m_dir.filePath(name), QStringLiteral("provider-a"), csv, kStart, kSteps, {}, "independent", 900);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_provider = makePki(QStringLiteral("Provider A"), QStringLiteral("provider-a"));
        m_meter = makePki(QStringLiteral("Meter"), QStringLiteral("provider-a"));
        m_meter.anchor.role = QLatin1String(roles::kIndependentMeter);
        m_csv = usageCsv(kStart, kSteps, 4, 2);
        m_telemetry = writeTelemetry(m_provider, m_dir.filePath(QStringLiteral("telemetry")),
            QStringLiteral("provider-a"), m_csv, kStart, kSteps);
    }

    void aFaithfulMeterRaisesNothingAndCoversEverything()
    {
        auto store = caseWith(QStringLiteral("faithful.capcase"),
            { m_telemetry, meterBundle(QStringLiteral("meter-faithful"), meterCsv(m_csv, true), m_meter) });
        const CheckReport report = check(*store);
        QVERIFY2(ofRule(report, rules::kMeterAgreement).isEmpty(),
            qPrintable(ofRule(report, rules::kMeterAgreement).value(0).title));
        QVERIFY(ofRule(report, rules::kEvidenceAssurance).isEmpty());
    }

    void everyDisagreementIsFoundAtItsScope()
    {
        auto store = caseWith(QStringLiteral("disagreeing.capcase"),
            { m_telemetry, meterBundle(QStringLiteral("meter-disagreeing"), meterCsv(m_csv, false), m_meter) });
        const QList<Finding> found = ofRule(check(*store), rules::kMeterAgreement);
        QCOMPARE(found.size(), 3);
        for (const Finding& f : found) {
            QCOMPARE(f.provider, QStringLiteral("provider-a"));
            QCOMPARE(f.resourceClass, QStringLiteral("cpu"));
            QCOMPARE(f.severity, Severity::High);
            QCOMPARE(f.evidence.size(), 2); // both bundles are named
            QVERIFY(f.evidence.at(0).note.contains(QStringLiteral("meter")));
            QVERIFY(f.evidence.at(1).note.contains(QStringLiteral("provider")));
        }
        auto on = [&](const char* node) {
            const auto it = std::find_if(
                found.begin(), found.end(), [&](const Finding& f) { return f.node == QLatin1String(node); });
            return it == found.end() ? Finding() : *it;
        };
        const Finding unreachable = on("node-3"), halved = on("node-2"), overAllocated = on("node-0");
        QCOMPARE(unreachable.node, QStringLiteral("node-3"));
        QCOMPARE(unreachable.details.value(QStringLiteral("disagreement")).toString(), QStringLiteral("unavailable"));
        QCOMPARE(unreachable.range.start, kStart + 48 * kStep);
        QCOMPARE(unreachable.range.end, kStart + 75 * kStep + 900);
        QCOMPARE(unreachable.details.value(QStringLiteral("unitHours")).toDouble(), 64 * 10 * 0.25);
        QCOMPARE(halved.node, QStringLiteral("node-2"));
        QCOMPARE(halved.details.value(QStringLiteral("disagreement")).toString(), QStringLiteral("capacity"));
        QCOMPARE(halved.range.start, kStart + 99 * kStep);
        QCOMPARE(halved.range.end, kStart + 198 * kStep + 900);
        QCOMPARE(halved.measured, 32.0);
        QCOMPARE(halved.expected, 64.0);
        QCOMPARE(halved.details.value(QStringLiteral("unitHours")).toDouble(), 32 * 34 * 0.25);
        QCOMPARE(overAllocated.details.value(QStringLiteral("disagreement")).toString(), QStringLiteral("allocation"));
        QCOMPARE(overAllocated.range.start, kStart + 150 * kStep);
        QCOMPARE(overAllocated.range.end, kStart + 207 * kStep + 900);
        QCOMPARE(overAllocated.expected - overAllocated.measured, 3.0);
        QCOMPARE(overAllocated.details.value(QStringLiteral("unitHours")).toDouble(), 3 * 20 * 0.25);
    }

    void aPartialMeterRaisesAssuranceOnlyForWhatItCovers()
    {
        QByteArray onlyNode0;
        for (const QByteArray& line : meterCsv(m_csv, true).split('\n'))
            if (line.startsWith("time") || line.contains(",node-0,"))
                onlyNode0 += line + '\n';
        auto store = caseWith(QStringLiteral("partial.capcase"),
            { m_telemetry, meterBundle(QStringLiteral("meter-partial"), onlyNode0, m_meter) });
        const CheckReport report = check(*store);
        const QList<Finding> assurance = ofRule(report, rules::kEvidenceAssurance);
        QCOMPARE(assurance.size(), 1);
        QCOMPARE(assurance.at(0).measured, 1.0);
        QCOMPARE(assurance.at(0).expected, 4.0);
        QVERIFY(
            assurance.at(0).details.value(QStringLiteral("uncovered")).toString().contains(QStringLiteral("node-3")));
        QVERIFY(ofRule(report, rules::kMeterAgreement).isEmpty());
    }

    void theProvidersOwnKeyCannotPlayTheMeter()
    {
        // Signed by the provider but claiming to be independent: refused at import (signer.authorized, see
        // tst_authorization), so it neither contradicts nor corroborates, and the provider stays "signed only by
        // itself".
        auto store = caseWith(QStringLiteral("selfmetered.capcase"),
            { m_telemetry, meterBundle(QStringLiteral("meter-self"), meterCsv(m_csv, false), m_provider) });
        const CheckReport report = check(*store);
        QVERIFY(ofRule(report, rules::kMeterAgreement).isEmpty());
        const QList<Finding> assurance = ofRule(report, rules::kEvidenceAssurance);
        QCOMPARE(assurance.size(), 1);
        QVERIFY(assurance.at(0).title.contains(QStringLiteral("signed only by")));
    }

    void demoBankGroundTruth()
    {
        for (const QString& faults : { QStringLiteral("meter-disagreement"), QStringLiteral("none") }) {
            QTemporaryDir dir;
            demo::DemoConfig config;
            config.seed = 5;
            config.days = 7;
            config.stepSeconds = 300;
            config.providers = 2;
            config.nodesPerProvider = 6;
            config.faults = *demo::parseFaultList(faults);
            Result<DemoCase> demoCase = makeDemoCase(dir.path(), config);
            QVERIFY2(demoCase, qPrintable(demoCase ? QString() : demoCase.error().toString()));
            Result<std::unique_ptr<CaseStore>> store = CaseStore::open(demoCase->casePath);
            QVERIFY(store);
            const QList<Finding> found = ofRule(check(**store), rules::kMeterAgreement);
            if (faults == QLatin1String("none")) {
                QVERIFY2(found.isEmpty(), qPrintable(found.value(0).title));
                continue;
            }
            Result<QJsonObject> truth =
                parseJsonObject(readAll(demoCase->demoDir + QStringLiteral("/faults.json")), QStringLiteral("faults"));
            QVERIFY(truth);
            const QJsonObject fault = truth->value(QStringLiteral("faults")).toArray().at(0).toObject();
            QCOMPARE(fault.value(QStringLiteral("rule")).toString(), QLatin1String(rules::kMeterAgreement));
            QCOMPARE(found.size(), 1);
            const Finding& f = found.at(0);
            QCOMPARE(f.provider, fault.value(QStringLiteral("provider")).toString());
            QCOMPARE(f.node, fault.value(QStringLiteral("node")).toString());
            QCOMPARE(f.resourceClass, fault.value(QStringLiteral("resourceClass")).toString());
            QCOMPARE(f.range.start, *parseUnixSeconds(fault.value(QStringLiteral("start")).toString().toUtf8()));
            QCOMPARE(f.range.end, *parseUnixSeconds(fault.value(QStringLiteral("end")).toString().toUtf8()));
            const QJsonObject expected = fault.value(QStringLiteral("expected")).toObject();
            QCOMPARE(f.expected, expected.value(QStringLiteral("providerCapacity")).toDouble());
            QCOMPARE(f.details.value(QStringLiteral("unitHours")).toDouble(),
                expected.value(QStringLiteral("unitHours")).toDouble());
        }
    }
};

QTEST_GUILESS_MAIN(TestMeterAgreement)
#include "tst_meteragreement.moc"
