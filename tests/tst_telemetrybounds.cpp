// SPDX-License-Identifier: GPL-3.0-or-later
// Telemetry bounded by itself and SLA as contracted (issue 13): the demo bank's telemetry tricks, each signed by the
// provider, are found at their exact scope and amount from faults.json; the honest bank raises none of it.
#include "analytics/rulecatalog.h"
#include "checksupport.h"
#include "guitestcase.h"
#include "testsupport.h"
#include "util/jsonutil.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace capaudit;
using namespace capaudit::analytics;
using test::bankConfig;
using test::check;
using test::dump;
using test::ofRule;
using test::policyFrom;
using test::seconds;

namespace {

const QStringList kBoundsFaults { QStringLiteral("declared-step"), QStringLiteral("duplicate-tenant-rows"),
    QStringLiteral("tenant-only-bundle"), QStringLiteral("capacity-above-attested"),
    QStringLiteral("outage-as-maintenance"), QStringLiteral("silent-node"), QStringLiteral("never-reporting-node") };

} // namespace

class TestTelemetryBounds : public QObject {
    Q_OBJECT

    QTemporaryDir m_faultyDir, m_cleanDir;
    test::DemoCase m_faulty, m_clean;
    QMap<QString, QJsonObject> m_faults; // by fault name
    CheckReport m_report;

    QJsonObject fault(const QString& name) const
    {
        return m_faults.value(name);
    }

    // The findings of RULE at FAULT's scope: provider, node (when given), class (when the finding has one) and range.
    QList<Finding> atScope(const QString& rule, const QJsonObject& fault, bool nodeScoped = true) const
    {
        QList<Finding> out;
        for (const Finding& f : ofRule(m_report, rule)) {
            if (f.provider != fault.value(QStringLiteral("provider")).toString())
                continue;
            if (nodeScoped && f.node != fault.value(QStringLiteral("node")).toString())
                continue;
            const QString cls = fault.value(QStringLiteral("resourceClass")).toString();
            if (!cls.isEmpty() && !f.resourceClass.isEmpty() && f.resourceClass != cls)
                continue;
            if (f.range.start != seconds(fault.value(QStringLiteral("start")))
                || f.range.end != seconds(fault.value(QStringLiteral("end"))))
                continue;
            out.append(f);
        }
        return out;
    }

private slots:
    void initTestCase()
    {
        // Every fault of the demo bank at once: the telemetry tricks must be found beside issue 5's faults.
        Result<test::DemoCase> faulty = test::makeDemoCase(m_faultyDir.path(), bankConfig(QStringLiteral("all"), 14));
        QVERIFY2(faulty, qPrintable(faulty ? QString() : faulty.error().toString()));
        m_faulty = *faulty;
        Result<test::DemoCase> clean = test::makeDemoCase(m_cleanDir.path(), bankConfig(QStringLiteral("none"), 7));
        QVERIFY2(clean, qPrintable(clean ? QString() : clean.error().toString()));
        m_clean = *clean;
        Result<QJsonObject> faults = parseJsonObject(
            test::readAll(m_faulty.demoDir + QStringLiteral("/faults.json")), QStringLiteral("faults.json"));
        QVERIFY(faults);
        for (const QJsonValue& v : faults->value(QStringLiteral("faults")).toArray())
            m_faults.insert(v.toObject().value(QStringLiteral("fault")).toString(), v.toObject());
        for (const QString& name : kBoundsFaults)
            QVERIFY2(m_faults.contains(name), qPrintable(name));
        m_report = check(m_faulty.casePath);
        QVERIFY(m_report.failed());
    }

    void declaredStepIsTheSamplesStep()
    {
        const QJsonObject f = fault(QStringLiteral("declared-step"));
        const QList<Finding> found = atScope(QLatin1String(rules::kTelemetryStep), f, false);
        QVERIFY2(found.size() == 1, qPrintable(dump(ofRule(m_report, QLatin1String(rules::kTelemetryStep)))));
        const QJsonObject expected = f.value(QStringLiteral("expected")).toObject();
        QCOMPARE(found.first().measured, expected.value(QStringLiteral("effectiveSeconds")).toDouble());
        QCOMPARE(found.first().expected, expected.value(QStringLiteral("declaredSeconds")).toDouble());
        QVERIFY(found.first().severity >= Severity::High);
        // Only that bundle: every other bundle's declared step is what its samples show.
        QCOMPARE(ofRule(m_report, QLatin1String(rules::kTelemetryStep)).size(), 1);
    }

    void repeatedKeysAreDoubleCounting_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("twoBundles");
        QTest::newRow("within one payload") << QStringLiteral("duplicate-tenant-rows") << false;
        QTest::newRow("second bundle of tenant rows") << QStringLiteral("tenant-only-bundle") << true;
    }

    void repeatedKeysAreDoubleCounting()
    {
        QFETCH(QString, name);
        QFETCH(bool, twoBundles);
        const QJsonObject f = fault(name);
        const QList<Finding> found = atScope(QLatin1String(rules::kTelemetryDuplicates), f);
        QVERIFY2(found.size() == 1, qPrintable(dump(ofRule(m_report, QLatin1String(rules::kTelemetryDuplicates)))));
        const Finding& d = found.first();
        const QJsonObject expected = f.value(QStringLiteral("expected")).toObject();
        QCOMPARE(d.measured, expected.value(QStringLiteral("duplicatedRows")).toDouble());
        QVERIFY(test::near(d.details.value(QStringLiteral("doubleCountedQuantity")).toDouble(),
            expected.value(QStringLiteral("doubleCountedQuantity")).toDouble()));
        QVERIFY(d.severity >= Severity::High);
        QCOMPARE(d.evidence.size(), 2);
        QVERIFY(d.evidence.at(0).firstLine > 0 && d.evidence.at(1).firstLine > 0);
        QCOMPARE(d.evidence.at(0).bundleDigest != d.evidence.at(1).bundleDigest, twoBundles);
    }

    void capacityAboveAttestedIsCapped()
    {
        const QJsonObject f = fault(QStringLiteral("capacity-above-attested"));
        const QJsonObject expected = f.value(QStringLiteral("expected")).toObject();
        const QList<Finding> found = atScope(QLatin1String(rules::kCapacityAttested), f);
        QVERIFY2(found.size() == 1, qPrintable(dump(ofRule(m_report, QLatin1String(rules::kCapacityAttested)))));
        QCOMPARE(found.first().measured, expected.value(QStringLiteral("reported")).toDouble());
        QCOMPARE(found.first().expected, expected.value(QStringLiteral("attested")).toDouble());
        QVERIFY(found.first().severity >= Severity::High);
        QCOMPARE(ofRule(m_report, QLatin1String(rules::kCapacityAttested)).size(), 1);
        // The over-commitment the inflated capacity hid is measured against the attested capacity.
        if (f.value(QStringLiteral("alsoTriggers")).toArray().contains(QStringLiteral("capacity.overcommit"))) {
            bool seen = false;
            for (const Finding& o : ofRule(m_report, QLatin1String(rules::kCapacityOvercommit)))
                if (o.node == f.value(QStringLiteral("node")).toString()
                    && o.range.start >= seconds(f.value(QStringLiteral("start")))
                    && o.range.end <= seconds(f.value(QStringLiteral("end")))) {
                    seen = true;
                    QVERIFY(o.measured <= expected.value(QStringLiteral("maxRatioToAttested")).toDouble() + 1e-3);
                }
            QVERIFY(seen);
        }
    }

    void everyAttestedStepIsAccountedFor_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("outage as maintenance") << QStringLiteral("outage-as-maintenance");
        QTest::newRow("silent for the last two days") << QStringLiteral("silent-node");
        QTest::newRow("never reports") << QStringLiteral("never-reporting-node");
    }

    void everyAttestedStepIsAccountedFor()
    {
        QFETCH(QString, name);
        const QJsonObject f = fault(name);
        const QJsonObject expected = f.value(QStringLiteral("expected")).toObject();
        const QList<Finding> sla = atScope(QLatin1String(rules::kSlaAvailability), f);
        QVERIFY2(sla.size() == 1, qPrintable(dump(ofRule(m_report, QLatin1String(rules::kSlaAvailability)))));
        QVERIFY(
            qAbs(sla.first().measured / 100 - expected.value(QStringLiteral("nodeAvailability")).toDouble()) < 0.0005);
        if (name == QLatin1String("outage-as-maintenance"))
            return;
        // Silence at the ends is a coverage gap, not only lost availability.
        const QList<Finding> gap = atScope(QLatin1String(rules::kTelemetryCoverage), f);
        QVERIFY2(gap.size() == 1, qPrintable(dump(ofRule(m_report, QLatin1String(rules::kTelemetryCoverage)))));
        QCOMPARE(gap.first().measured, expected.value(QStringLiteral("missingSteps")).toDouble());
    }

    void maintenanceAllowanceAndWeightingComeFromThePolicy()
    {
        const QJsonObject f = fault(QStringLiteral("outage-as-maintenance"));
        const CheckReport allowed = check(m_faulty.casePath,
            policyFrom(R"({"name":"p","rules":{"sla.availability":{"thresholds":{"maintenanceAllowanceHours":12}}}})"));
        for (const Finding& s : ofRule(allowed, QLatin1String(rules::kSlaAvailability)))
            QVERIFY2(s.node != f.value(QStringLiteral("node")).toString(), qPrintable(dump({ s })));

        // Node-weighted decides when the policy says so; the provider figure then equals its nodeWeighted detail.
        const CheckReport byNode = check(m_faulty.casePath,
            policyFrom(R"({"name":"p","rules":{"sla.availability":{"thresholds":{"capacityWeighted":0}}}})"));
        int providerFindings = 0;
        for (const Finding& s : ofRule(byNode, QLatin1String(rules::kSlaAvailability)))
            if (s.node.isEmpty()) {
                ++providerFindings;
                QVERIFY(qAbs(s.measured / 100 - s.details.value(QStringLiteral("nodeWeighted")).toDouble()) < 1e-12);
            }
        QVERIFY(providerFindings > 0);
    }

    void rawScanGivesTheSameReport()
    {
        // The node-hour fast path decides the same as reading every raw sample, tricks included.
        const QByteArray fast = canonicalJson(m_report.toJson());
        const QByteArray raw = canonicalJson(check(m_faulty.casePath, defaultPolicy(), {}, 2, false).toJson());
        QCOMPARE(QString::fromUtf8(raw), QString::fromUtf8(fast));
    }

    void honestBankRaisesNothing()
    {
        const CheckReport clean = check(m_clean.casePath);
        QVERIFY2(!clean.failed(), qPrintable(dump(clean.findings)));
        for (const char* rule : { rules::kTelemetryStep, rules::kTelemetryDuplicates, rules::kCapacityAttested,
                 rules::kSlaAvailability, rules::kTelemetryCoverage, rules::kCapacityDelivered })
            QVERIFY2(
                ofRule(clean, QLatin1String(rule)).isEmpty(), qPrintable(dump(ofRule(clean, QLatin1String(rule)))));
        for (const ProviderFacts& p : clean.providers)
            QCOMPARE(p.availability, 1.0);
    }
};

QTEST_GUILESS_MAIN(TestTelemetryBounds)
#include "tst_telemetrybounds.moc"
