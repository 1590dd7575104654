// SPDX-License-Identifier: GPL-3.0-or-later
// Attestations versioned, not overwritten: re-issued attestations (demo faults) found at their scope, the version in
// force chosen by signing time whatever the import order, region-less commitments applied provider-wide.
#include "analytics/checkrunner.h"
#include "analytics/policyselection.h"
#include "analytics/rulecatalog.h"
#include "casefixture.h"
#include "demo/demogenerator.h"
#include "evidence/bundlewriter.h"
#include "guitestcase.h"
#include "store/caseimporter.h"
#include "testsupport.h"
#include "util/jsonutil.h"
#include "util/timeutil.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

using namespace capaudit;
using namespace capaudit::analytics;

namespace {

demo::DemoConfig bankConfig(const QString& faults, int days, qint64 step, int nodes)
{
    demo::DemoConfig config;
    config.seed = 11;
    config.days = days;
    config.stepSeconds = step;
    config.providers = 3;
    config.nodesPerProvider = nodes;
    config.faults = *demo::parseFaultList(faults);
    return config;
}

CheckReport check(CaseStore& store)
{
    CheckOptions options;
    options.policy = defaultPolicy();
    Result<CheckReport> report = runChecks(store, options);
    if (!report)
        qFatal("%s", qPrintable(report.error().toString()));
    return *report;
}

CheckReport check(const QString& casePath)
{
    Result<std::unique_ptr<CaseStore>> store = CaseStore::open(casePath);
    if (!store)
        qFatal("%s", qPrintable(store.error().toString()));
    return check(**store);
}

// check --json without the case's own identity (a fresh case has a fresh id): everything derived from the evidence.
QByteArray verdictBytes(const CheckReport& report)
{
    QJsonObject json = report.toJson();
    json.remove(QStringLiteral("case"));
    return prettyJson(json);
}

QList<Finding> ofRule(const CheckReport& report, const char* rule, const QString& provider = {})
{
    QList<Finding> out;
    for (const Finding& f : report.findings)
        if (f.ruleId == QLatin1String(rule) && (provider.isEmpty() || f.provider == provider))
            out.append(f);
    return out;
}

const Finding* withSubject(const QList<Finding>& findings, const QString& subject)
{
    for (const Finding& f : findings)
        if (f.details.value(QStringLiteral("subject")).toString().startsWith(subject + QLatin1Char(':')))
            return &f;
    return nullptr;
}

QStringList changesOf(const Finding& f)
{
    QStringList out;
    for (const QJsonValue& v : f.details.value(QStringLiteral("changes")).toArray())
        out.append(v.toString());
    return out;
}

qint64 seconds(const QJsonValue& iso)
{
    return parseUnixSeconds(iso.toString().toUtf8()).value_or(-1);
}

// A CSV of STEPS steps of nodes (name, capacity, tenant-0's allocation), all up.
QByteArray steadyCsv(int steps, const QList<std::tuple<QByteArray, double, double>>& nodes)
{
    QByteArray csv = "time,node,resource_class,tenant,allocated,used,capacity,state\n";
    for (int s = 0; s < steps; ++s) {
        const QByteArray time = formatUnixSeconds(test::kStart + s * test::kStep).toLatin1();
        for (const auto& [node, capacity, allocated] : nodes) {
            csv += time + ',' + node + ",cpu,,,," + QByteArray::number(capacity) + ",up\n";
            csv += time + ',' + node + ",cpu,tenant-0," + QByteArray::number(allocated) + ','
                + QByteArray::number(allocated / 2) + ",,\n";
        }
    }
    return csv;
}

QJsonObject node(const char* id, const char* region, const char* jurisdiction, double cores)
{
    return { { QStringLiteral("id"), QLatin1String(id) }, { QStringLiteral("hardwareClass"), QStringLiteral("cpu") },
        { QStringLiteral("region"), QLatin1String(region) },
        { QStringLiteral("jurisdiction"), QLatin1String(jurisdiction) },
        { QStringLiteral("capacity"), QJsonObject { { QStringLiteral("cpu"), cores } } } };
}

QJsonObject commitment(const char* region, double quantity, double limit)
{
    return { { QStringLiteral("resourceClass"), QStringLiteral("cpu") },
        { QStringLiteral("region"), QLatin1String(region) }, { QStringLiteral("unit"), QStringLiteral("cores") },
        { QStringLiteral("quantity"), quantity }, { QStringLiteral("overcommitLimit"), limit } };
}

QDateTime at(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
}

} // namespace

class TestContractVersions : public QObject, public test::CaseFixture {
    Q_OBJECT

    QTemporaryDir m_faultyDir, m_cleanDir, m_shuffleDir;
    test::DemoCase m_faulty, m_clean;
    CheckReport m_report;
    QJsonArray m_faults;

    QJsonObject fault(const char* kind) const
    {
        for (const QJsonValue& v : m_faults)
            if (v.toObject().value(QStringLiteral("fault")).toString() == QLatin1String(kind))
                return v.toObject();
        return {};
    }

    // A fresh case of this fixture's provider with BUNDLES imported in that order; its check report.
    CheckReport importAndCheck(const QString& name, const QStringList& bundles)
    {
        std::unique_ptr<CaseStore> store = newCase(name);
        if (!store)
            qFatal("cannot create %s", qPrintable(name));
        CaseImporter importer(*store);
        for (const QString& b : bundles) {
            const ImportResult r = importer.importBundle(b);
            if (r.outcome != ImportOutcome::Imported)
                qFatal("%s: %s", qPrintable(b), qPrintable(r.error.toString()));
        }
        return check(*store);
    }

private slots:
    void initTestCase()
    {
        initFixture();
        Result<test::DemoCase> faulty = test::makeDemoCase(m_faultyDir.path(),
            bankConfig(QStringLiteral("sla-breach,reissued-relocation,reissued-sla-target"), 14, 900, 8));
        QVERIFY2(faulty.ok(), qPrintable(faulty.error().toString()));
        m_faulty = *faulty;
        Result<test::DemoCase> clean =
            test::makeDemoCase(m_cleanDir.path(), bankConfig(QStringLiteral("none"), 7, 3600, 4));
        QVERIFY2(clean.ok(), qPrintable(clean.error().toString()));
        m_clean = *clean;
        m_report = check(m_faulty.casePath);
        const Result<QJsonObject> faults =
            parseJsonObject(test::readAll(m_faulty.demoDir + QStringLiteral("/faults.json")), QStringLiteral("faults"));
        QVERIFY(faults.ok());
        m_faults = faults->value(QStringLiteral("faults")).toArray();
        QCOMPARE(m_faults.size(), 3);
    }

    // The provider re-issues its attestation two days after the period, moving the US node that holds tenant data to
    // its allowed region. Both versions verify; the later one changes nothing of what governed the period.
    void reissuedRelocationIsFoundAtItsScope()
    {
        const QJsonObject f = fault("reissued-relocation");
        QVERIFY(!f.isEmpty());
        const QString provider = f.value(QStringLiteral("provider")).toString();
        const QJsonObject expected = f.value(QStringLiteral("expected")).toObject();
        const QString nodeName = f.value(QStringLiteral("node")).toString();
        const QList<Finding> versions = ofRule(m_report, rules::kAttestationVersions, provider);
        const Finding* restated = withSubject(versions, QStringLiteral("restated-terms"));
        QVERIFY(restated);
        QCOMPARE(restated->range.start, seconds(f.value(QStringLiteral("start"))));
        QCOMPARE(restated->range.end, seconds(f.value(QStringLiteral("end"))));
        QCOMPARE(restated->severity, Severity::High);
        const QString move = QStringLiteral("node %1 moved from %2 (%3) to %4 (%5)")
                                 .arg(nodeName, expected.value(QStringLiteral("fromRegion")).toString(),
                                     expected.value(QStringLiteral("fromJurisdiction")).toString(),
                                     expected.value(QStringLiteral("toRegion")).toString(),
                                     expected.value(QStringLiteral("toJurisdiction")).toString());
        QCOMPARE(changesOf(*restated), QStringList { move });
        // Both bundles named: the original first, the re-issue second.
        QCOMPARE(restated->evidence.size(), 2);
        QCOMPARE(restated->evidence.at(0).bundleDigest, restated->details.value(QStringLiteral("restates")).toString());
        QCOMPARE(
            restated->evidence.at(1).bundleDigest, restated->details.value(QStringLiteral("attestation")).toString());
        QVERIFY(restated->title.contains(move));

        const Finding* late = withSubject(versions, QStringLiteral("signed-after-period"));
        QVERIFY(late);
        QCOMPARE(late->severity, Severity::High);
        QCOMPARE(
            late->details.value(QStringLiteral("signedAt")).toString(), f.value(QStringLiteral("signedAt")).toString());
        QVERIFY(qAbs(late->measured - (2 + 10 / 24.0)) < 1e-9);
        QCOMPARE(versions.size(), 2);

        // Sovereignty judged against every version: the node held tenant data in the US under the original.
        const QList<Finding> sovereignty = ofRule(m_report, rules::kSovereignty, provider);
        QCOMPARE(sovereignty.size(), 1);
        QCOMPARE(sovereignty.first().node, nodeName);
        QCOMPARE(sovereignty.first().severity, Severity::Critical);
        QCOMPARE(sovereignty.first().details.value(QStringLiteral("jurisdiction")).toString(),
            expected.value(QStringLiteral("fromJurisdiction")).toString());
        QCOMPARE(sovereignty.first().region, expected.value(QStringLiteral("fromRegion")).toString());
    }

    // The re-issue lowers the SLA target; the original target still judges the period's availability.
    void reissuedSlaTargetIsFoundAtItsScope()
    {
        const QJsonObject f = fault("reissued-sla-target");
        QVERIFY(!f.isEmpty());
        const QString provider = f.value(QStringLiteral("provider")).toString();
        const QJsonObject expected = f.value(QStringLiteral("expected")).toObject();
        const QList<Finding> versions = ofRule(m_report, rules::kAttestationVersions, provider);
        QCOMPARE(versions.size(), 2);
        const Finding* restated = withSubject(versions, QStringLiteral("restated-terms"));
        QVERIFY(restated);
        QCOMPARE(changesOf(*restated),
            QStringList { QStringLiteral("SLA availability target %1 % -> %2 %")
                              .arg(expected.value(QStringLiteral("originalTarget")).toDouble() * 100, 0, 'f', 3)
                              .arg(expected.value(QStringLiteral("restatedTarget")).toDouble() * 100, 0, 'f', 3) });
        QCOMPARE(restated->range.start, seconds(f.value(QStringLiteral("start"))));
        QCOMPARE(restated->range.end, seconds(f.value(QStringLiteral("end"))));
        QVERIFY(withSubject(versions, QStringLiteral("signed-after-period")));

        const auto sla = ofRule(m_report, rules::kSlaAvailability, provider);
        const auto whole = std::find_if(sla.begin(), sla.end(), [](const Finding& x) { return x.node.isEmpty(); });
        QVERIFY(whole != sla.end());
        QCOMPARE(whole->expected, expected.value(QStringLiteral("originalTarget")).toDouble() * 100);
        // The provider facts (and so the bid comparison) keep the original target too.
        for (const ProviderFacts& p : m_report.providers)
            if (p.provider == provider)
                QCOMPARE(p.availabilityTarget, expected.value(QStringLiteral("originalTarget")).toDouble());
    }

    // Exact scope: the providers without a re-issue have no version finding.
    void noVersionFindingElsewhere()
    {
        QSet<QString> reissuing;
        for (const QJsonValue& v : m_faults)
            if (v.toObject().value(QStringLiteral("rule")).toString() == QLatin1String(rules::kAttestationVersions))
                reissuing.insert(v.toObject().value(QStringLiteral("provider")).toString());
        for (const Finding& f : ofRule(m_report, rules::kAttestationVersions))
            QVERIFY2(reissuing.contains(f.provider), qPrintable(f.title));
    }

    void cleanBankStaysClean()
    {
        const CheckReport clean = check(m_clean.casePath);
        for (const char* rule : { rules::kAttestationVersions, rules::kSovereignty, rules::kAttestationCoverage,
                 rules::kCapacityDelivered, rules::kCapacityOvercommit })
            QVERIFY2(ofRule(clean, rule).isEmpty(), rule);
        QVERIFY(!clean.failed());
    }

    // The same evidence, imported in shuffled orders into fresh cases, gives byte-identical check output.
    void importOrderDoesNotChangeTheVerdict()
    {
        const QString demoDir = m_shuffleDir.filePath(QStringLiteral("demo"));
        const Result<demo::DemoSummary> summary =
            demo::generateDemo(bankConfig(QStringLiteral("all"), 7, 3600, 4), demoDir);
        QVERIFY2(summary.ok(), qPrintable(summary.error().toString()));
        const Result<TrustStore> trust = TrustStore::loadDirectory(demoDir + QStringLiteral("/trust"));
        QVERIFY(trust.ok());
        QStringList bundles;
        int attestations = 0;
        // Only the bundles that verify: a rejected bundle is not evidence in the case but an import attempt recorded
        // in the audit trail, and its finding cites the trail entry (its position in the import session) and the
        // verification's wall-clock time, both facts of the session rather than of the evidence.
        for (const demo::DemoBundle& b : summary->bundles) {
            if (b.expectedVerdict != u"verified")
                continue;
            bundles.append(QDir(demoDir).filePath(b.path));
            attestations += b.kind == BundleKind::Attestation ? 1 : 0;
        }
        QVERIFY(attestations > summary->providers); // re-issued versions are in the bank
        QByteArray first;
        QRandomGenerator random(20261206);
        for (int run = 0; run < 4; ++run) {
            QStringList order = bundles;
            if (run == 1)
                std::reverse(order.begin(), order.end());
            else if (run > 1)
                std::shuffle(order.begin(), order.end(), random);
            const QString casePath = m_shuffleDir.filePath(QStringLiteral("order-%1.capcase").arg(run));
            {
                Result<std::unique_ptr<CaseStore>> store =
                    CaseStore::create(casePath, QStringLiteral("order"), trust->anchors());
                QVERIFY(store.ok());
                CaseImporter importer(**store);
                for (const QString& b : std::as_const(order))
                    QCOMPARE(importer.importBundle(b).outcome, ImportOutcome::Imported);
            }
            const CheckReport report = check(casePath);
            QVERIFY(!ofRule(report, rules::kAttestationVersions).isEmpty());
            QVERIFY(!ofRule(report, rules::kSovereignty).isEmpty());
            const QByteArray bytes = verdictBytes(report);
            if (run == 0) {
                first = bytes;
            } else if (bytes != first) {
                // Keep both outputs for the failure message's diff.
                QFile a(m_shuffleDir.filePath(QStringLiteral("order-0.json"))), b(casePath + QStringLiteral(".json"));
                if (a.open(QIODevice::WriteOnly) && b.open(QIODevice::WriteOnly)) {
                    a.write(first);
                    b.write(bytes);
                }
                m_shuffleDir.setAutoRemove(false);
                QFAIL(qPrintable(QStringLiteral("import order %1 changed the verdict: diff %2 %3")
                                     .arg(run)
                                     .arg(a.fileName(), b.fileName())));
            }
        }
    }

    // An honest node at 1.19x under a region-less 1.25 limit raises nothing; the limit applies to every node of the
    // provider, and the commitment is delivered by the provider-wide sum.
    void regionlessCommitmentAppliesProviderWide()
    {
        const int steps = 24;
        auto bank = [&](const QString& name, double quantity, double node1Allocated) {
            QJsonObject predicate = test::attestationPredicate(QStringLiteral("provider-a"));
            predicate.insert(QStringLiteral("commitments"), QJsonArray { commitment("", quantity, 1.25) });
            predicate.insert(QStringLiteral("nodes"),
                QJsonArray { node("node-0", "eu-central", "DE", 64), node("node-1", "eu-west", "DE", 64) });
            const QString attestation = test::writeAttestation(
                m_provider, path(name + QStringLiteral("-attestation")), predicate, at(test::kStart - 86400));
            const QString telemetry = test::writeTelemetry(m_provider, path(name + QStringLiteral("-telemetry")),
                QStringLiteral("provider-a"),
                steadyCsv(steps, { { "node-0", 64, 64 * 1.19 }, { "node-1", 64, node1Allocated } }), test::kStart,
                steps, at(test::kStart + 2 * 86400));
            return importAndCheck(name + QStringLiteral(".capcase"), { attestation, telemetry });
        };
        const CheckReport honest = bank(QStringLiteral("honest"), 128, 40);
        QVERIFY(ofRule(honest, rules::kCapacityOvercommit).isEmpty());
        QVERIFY(ofRule(honest, rules::kCapacityDelivered).isEmpty());
        QCOMPARE(honest.providers.first().classes.value(QStringLiteral("cpu")).deliveredMean, 128.0);

        const CheckReport short_ = bank(QStringLiteral("short"), 150, 64 * 1.28);
        const QList<Finding> delivered = ofRule(short_, rules::kCapacityDelivered);
        QCOMPARE(delivered.size(), 1);
        QCOMPARE(delivered.first().region, QString());
        QCOMPARE(delivered.first().measured, 128.0);
        QCOMPARE(delivered.first().expected, 150.0);
        QCOMPARE(delivered.first().range.start, test::kStart);
        QCOMPARE(delivered.first().range.end, test::kStart + steps * test::kStep);
        const QList<Finding> overcommit = ofRule(short_, rules::kCapacityOvercommit);
        QCOMPARE(overcommit.size(), 1);
        QCOMPARE(overcommit.first().node, QStringLiteral("node-1"));
        QCOMPARE(overcommit.first().expected, 1.25);
    }

    // A restatement signed inside the period governs only from its signing time; every weakened term is listed, and
    // which bundle was imported first changes nothing.
    void restatementListsEveryWeakenedTerm()
    {
        QJsonObject original = test::attestationPredicate(QStringLiteral("provider-a"));
        original.insert(QStringLiteral("nodes"), QJsonArray { node("node-0", "eu-central", "DE", 64) });
        QJsonObject restated = original;
        restated.insert(QStringLiteral("commitments"), QJsonArray { commitment("eu-central", 80, 1.5) });
        // node-1 is added (not a weakening, so not a listed change): covered only from the restatement's signing.
        restated.insert(QStringLiteral("nodes"),
            QJsonArray { node("node-0", "us-east", "US", 96), node("node-1", "eu-central", "DE", 64) });
        QJsonObject contract = restated.value(QStringLiteral("contract")).toObject();
        contract.insert(
            QStringLiteral("allowedJurisdictions"), QJsonArray { QStringLiteral("DE"), QStringLiteral("US") });
        restated.insert(QStringLiteral("contract"), contract);
        QJsonObject sla = restated.value(QStringLiteral("sla")).toObject();
        sla.insert(QStringLiteral("availabilityTarget"), 0.98);
        restated.insert(QStringLiteral("sla"), sla);
        QJsonArray prices = restated.value(QStringLiteral("prices")).toArray();
        QJsonObject price = prices.at(0).toObject();
        price.insert(QStringLiteral("unitPrice"), 0.05);
        prices.replace(0, price);
        restated.insert(QStringLiteral("prices"), prices);

        const QString v1 =
            test::writeAttestation(m_provider, path(QStringLiteral("v1")), original, at(test::kStart - 3600));
        const QString v2 =
            test::writeAttestation(m_provider, path(QStringLiteral("v2")), restated, at(test::kStart + 86400 / 2));
        const CheckReport forward = importAndCheck(QStringLiteral("forward.capcase"), { v1, m_bundle, v2 });
        const CheckReport backward = importAndCheck(QStringLiteral("backward.capcase"), { v2, m_bundle, v1 });
        QCOMPARE(verdictBytes(backward), verdictBytes(forward));

        const QList<Finding> versions = ofRule(forward, rules::kAttestationVersions);
        QCOMPARE(versions.size(), 1); // signed inside the period: not late
        const QStringList changes = changesOf(versions.first());
        QCOMPARE(changes,
            (QStringList { QStringLiteral("SLA availability target 99.500 % -> 98.000 %"),
                QStringLiteral("allowed jurisdictions +US"),
                QStringLiteral("commitment cpu in eu-central 100 -> 80 cores"),
                QStringLiteral("over-commitment limit cpu in eu-central 1.25 -> 1.5"),
                QStringLiteral("node node-0 moved from eu-central (DE) to us-east (US)"),
                QStringLiteral("node node-0 cpu capacity 64 -> 96"), QStringLiteral("cpu unit price 0.04 -> 0.05") }));
        // The restated version allows US itself, but the original in force over the same time does not.
        const QList<Finding> sovereignty = ofRule(forward, rules::kSovereignty);
        QCOMPARE(sovereignty.size(), 1);
        QCOMPARE(sovereignty.first().node, QStringLiteral("node-0"));
        QCOMPARE(sovereignty.first().details.value(QStringLiteral("allowed")).toString(), QStringLiteral("DE"));
        // The SLA target of the checked period is the original one: the restatement was not signed at its start.
        QCOMPARE(forward.providers.first().availabilityTarget, 0.995);
        // Each time judged by the version in force: node-1 is uncovered until v2 was signed, node-2 and node-3 always,
        // node-0 never.
        QMap<QString, Period> uncovered;
        for (const Finding& f : ofRule(forward, rules::kAttestationCoverage))
            uncovered.insert(f.node, f.range);
        QCOMPARE(uncovered.keys(),
            (QStringList { QStringLiteral("node-1"), QStringLiteral("node-2"), QStringLiteral("node-3") }));
        QCOMPARE(uncovered.value(QStringLiteral("node-1")).start, test::kStart);
        QCOMPARE(uncovered.value(QStringLiteral("node-1")).end, test::kStart + 86400 / 2);
        QCOMPARE(uncovered.value(QStringLiteral("node-2")).end, test::kStart + 300 * test::kStep);
    }
};

QTEST_GUILESS_MAIN(TestContractVersions)
#include "tst_contractversions.moc"
