// SPDX-License-Identifier: GPL-3.0-or-later
// Non-conformant FOCUS rows quarantined in the case (stored flagged, kept out of reconciliation, billing.data-quality
// findings), the reject policy, and no silent PASS: a verified bundle that failed to import and a commitment without
// telemetry are findings.
#include "analytics/checkrunner.h"
#include "analytics/rulecatalog.h"
#include "casefixture.h"
#include "evidence/bundlewriter.h"
#include "store/audittrail.h"
#include "store/caseimporter.h"
#include "store/caseverifier.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTest>

using namespace capaudit;
using namespace capaudit::analytics;
using namespace capaudit::test;

namespace {

const QByteArray kHeader = "BilledCost,BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodEnd,"
                           "BillingPeriodStart,ChargeCategory,ChargeClass,ChargeDescription,ChargePeriodEnd,"
                           "ChargePeriodStart,ConsumedQuantity,ConsumedUnit,ContractedCost,EffectiveCost,"
                           "InvoiceIssuerName,ListCost,PricingQuantity,PricingUnit,ProviderName,PublisherName,"
                           "ServiceCategory,ServiceName,Tags\n";

QByteArray row(
    const QByteArray& cost, const QByteArray& currency, const QByteArray& category, const QByteArray& quantity)
{
    return cost + ",ba-1,NULL," + currency + ",2026-02-01T00:00:00Z,2026-01-01T00:00:00Z," + category
        + ",NULL,CPU core-hours,2026-01-02T00:00:00Z,2026-01-01T00:00:00Z," + quantity + ",cores," + cost + "," + cost
        + ",Provider A," + cost + "," + quantity
        + ",cores,Provider A,Provider A,Compute,CPU Cloud,"
          "\"{\"\"capaudit/resource-class\"\":\"\"cpu\"\",\"\"capaudit/tenant\"\":\"\"tenant-0\"\"}\"\n";
}

// Lines 2 and 5 conform; 3 has a lower-case currency, 4 a decimal with a currency sign, 6 a Purchase refund with a
// negative quantity (legal in FOCUS 1.2 only).
const QByteArray kInvoice = kHeader + row("10", "EUR", "Usage", "250") + row("1000", "eur", "Usage", "25000")
    + row("€5", "EUR", "Usage", "125") + row("4", "EUR", "Usage", "100") + row("-50", "EUR", "Purchase", "-1");

QString writeBilling(const Pki& pki, const QString& out, const QByteArray& csv, const QString& focusVersion)
{
    BundleSpec spec;
    spec.kind = BundleKind::Billing;
    spec.predicate = { { QStringLiteral("provider"), QStringLiteral("provider-a") },
        { QStringLiteral("period"),
            QJsonObject { { QStringLiteral("start"), QStringLiteral("2026-01-01T00:00:00Z") },
                { QStringLiteral("end"), QStringLiteral("2026-02-01T00:00:00Z") } } },
        { QStringLiteral("payloads"),
            QJsonArray { QJsonObject { { QStringLiteral("path"), QStringLiteral("data/focus.csv") },
                { QStringLiteral("format"), QStringLiteral("focus-csv") },
                { QStringLiteral("focusVersion"), focusVersion } } } } };
    spec.files = { { QStringLiteral("focus.csv"), csv } };
    spec.key = pki.signerKey;
    spec.chain = { pki.signer };
    spec.signedAt = QDateTime::fromSecsSinceEpoch(kStart + 86400 * 40, Qt::UTC);
    const Status written = writeBundle(spec, out);
    if (!written)
        qWarning() << written.error().toString();
    return out;
}

QList<Finding> findingsOf(const CheckReport& report, const char* rule)
{
    QList<Finding> out;
    for (const Finding& f : report.findings)
        if (f.ruleId == QLatin1String(rule))
            out.append(f);
    return out;
}

double billedCpu(const CheckReport& report)
{
    for (const ProviderFacts& p : report.providers)
        if (p.provider == u"provider-a")
            return p.classes.value(QStringLiteral("cpu")).billedCost;
    return 0;
}

} // namespace

class TestBillingQuality : public QObject, public CaseFixture {
    Q_OBJECT

    QString m_invoice10, m_invoice12;

private slots:
    void initTestCase()
    {
        initFixture();
        m_invoice10 = writeBilling(m_provider, path(QStringLiteral("invoice-1.0")), kInvoice, QStringLiteral("1.0"));
        m_invoice12 = writeBilling(m_provider, path(QStringLiteral("invoice-1.2")), kInvoice, QStringLiteral("1.2"));
    }

    void quarantinedRowsAreStoredFlaggedAndKeptOut()
    {
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("quarantine.capcase"));
        QVERIFY(store);
        const ImportResult r = CaseImporter(*store).importBundle(m_invoice10);
        QVERIFY2(r.ok(), qPrintable(r.error.toString()));
        QCOMPARE(r.rows, 5); // every row stored, the non-conformant ones flagged
        const QString file = path(QStringLiteral("quarantine.capcase"));
        QCOMPARE(scalar(file,
                     QStringLiteral("SELECT count(*) FROM billing_records WHERE instr(record_json, "
                                    "'\"quarantine\":[') > 0")),
            qint64(3));
        QVERIFY(verifyCase(*store).intact()); // the flags are in the rows digest like every other column

        Result<CheckReport> report = runChecks(*store, {});
        QVERIFY(report);
        // Only the conforming usage rows (10 + 4) are reconciled.
        QCOMPARE(billedCpu(*report), 14.0);
        // One finding per violated rule: the currency, the four cost columns of line 4, and both quantities of the
        // refund (FOCUS 1.0).
        const QList<Finding> quality = findingsOf(*report, rules::kBillingDataQuality);
        QCOMPARE(quality.size(), 7);
        QMap<QString, Finding> byRule;
        for (const Finding& f : quality)
            byRule.insert(f.details.value(QStringLiteral("rule")).toString(), f);
        const Finding currency = byRule.value(QStringLiteral("BillingCurrency/iso-4217"));
        QCOMPARE(currency.severity, Severity::Medium);
        QCOMPARE(currency.measured, 1.0);
        QCOMPARE(currency.evidence.first().file, QStringLiteral("data/focus.csv"));
        QCOMPARE(currency.evidence.first().firstLine, 3);
        QCOMPARE(byRule.value(QStringLiteral("BilledCost/decimal")).evidence.first().firstLine, 4);
        QCOMPARE(byRule.value(QStringLiteral("PricingQuantity/sign")).evidence.first().lastLine, 6);
    }

    // The declared version decides: the refund is legal FOCUS 1.2.
    void versionDecidesSignRule()
    {
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("v12.capcase"));
        QVERIFY(store);
        QVERIFY(CaseImporter(*store).importBundle(m_invoice12).ok());
        Result<CheckReport> report = runChecks(*store, {});
        QVERIFY(report);
        QCOMPARE(findingsOf(*report, rules::kBillingDataQuality).size(), 5);
    }

    void rejectPolicyKeepsTheWholeInvoiceOut()
    {
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("reject.capcase"));
        QVERIFY(store);
        QVERIFY(CaseImporter(*store).importBundle(m_invoice10).ok());
        Result<Policy> policy = parsePolicy(
            R"({"name":"strict billing","billing":{"nonConformantRows":"reject"}})", QStringLiteral("p.json"));
        QVERIFY2(policy, qPrintable(policy.error().toString()));
        QVERIFY(policy->rejectNonConformant());
        CheckOptions options;
        options.policy = *policy;
        Result<CheckReport> report = runChecks(*store, options);
        QVERIFY(report);
        QCOMPARE(billedCpu(*report), 0.0);
        const QList<Finding> quality = findingsOf(*report, rules::kBillingDataQuality);
        QCOMPARE(quality.size(), 7);
        for (const Finding& f : quality)
            QCOMPARE(f.severity, Severity::High);
        QVERIFY(report->failed());
        QVERIFY(!parsePolicy(R"({"name":"x","billing":{"nonConformantRows":"drop"}})", QStringLiteral("p.json")));
        QCOMPARE(defaultPolicy().nonConformantRows, QStringLiteral("quarantine"));
    }

    // A signed, verified bundle whose payload cannot be parsed: check must not pass.
    void failedImportIsAHighIntegrityFinding()
    {
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("silent.capcase"));
        QVERIFY(store);
        const ImportResult r = CaseImporter(*store).importBundle(m_badRow);
        QCOMPARE(r.outcome, ImportOutcome::Failed);
        Result<CheckReport> report = runChecks(*store, {});
        QVERIFY(report);
        const QList<Finding> integrity = findingsOf(*report, rules::kEvidenceIntegrity);
        QCOMPARE(integrity.size(), 1);
        const Finding& f = integrity.first();
        QCOMPARE(f.severity, Severity::High);
        QCOMPARE(f.provider, QStringLiteral("provider-a"));
        QVERIFY2(f.title.contains(QStringLiteral("data/usage.csv line %1").arg(r.error.line)), qPrintable(f.title));
        QVERIFY(f.title.contains(r.error.reason));
        QCOMPARE(f.details.value(QStringLiteral("line")).toInteger(), r.error.line);
        QVERIFY(report->failed());
        // The report's per-provider summary lists the provider, non-compliant.
        QCOMPARE(report->providers.size(), 1);
        QCOMPARE(report->providers.first().provider, QStringLiteral("provider-a"));
        QCOMPARE(report->countBySeverity(QStringLiteral("provider-a")).value(Severity::High), 1);
    }

    // An attestation commits cpu for January; no telemetry reports cpu at all.
    void attestationWithoutTelemetryIsACoverageFinding()
    {
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("notelemetry.capcase"));
        QVERIFY(store);
        QVERIFY(CaseImporter(*store).importBundle(m_attestation).ok());
        Result<CheckReport> report = runChecks(*store, {});
        QVERIFY(report);
        QList<Finding> coverage;
        for (const Finding& f : findingsOf(*report, rules::kTelemetryCoverage))
            if (f.details.value(QStringLiteral("subject")).toString().startsWith(u"no-telemetry/"))
                coverage.append(f);
        QCOMPARE(coverage.size(), 1);
        QCOMPARE(coverage.first().resourceClass, QStringLiteral("cpu"));
        QCOMPARE(coverage.first().provider, QStringLiteral("provider-a"));
        QCOMPARE(coverage.first().severity, Severity::High);
        QVERIFY(report->failed());

        // With telemetry that reports cpu, the commitment is covered.
        QVERIFY(CaseImporter(*store).importBundle(m_bundle).ok());
        report = runChecks(*store, {});
        QVERIFY(report);
        for (const Finding& f : findingsOf(*report, rules::kTelemetryCoverage))
            QVERIFY(!f.details.value(QStringLiteral("subject")).toString().startsWith(u"no-telemetry/"));
    }
};

QTEST_GUILESS_MAIN(TestBillingQuality)
#include "tst_billingquality.moc"
