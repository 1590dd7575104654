// SPDX-License-Identifier: GPL-3.0-or-later
#include "analytics/checkrunner.h"

#include "analytics/billingdata.h"
#include "analytics/checkcontext.h"
#include "analytics/meterrules.h"
#include "analytics/rulecatalog.h"
#include "store/samplecursor.h"
#include "store/sqlitedb.h"
#include "util/prefetch.h"
#include "util/timeutil.h"

#include <QJsonArray>

#include <algorithm>
#include <memory>

namespace capaudit::analytics {

using namespace detail;

QJsonObject ReconciliationLine::toJson() const
{
    QJsonObject json { { QStringLiteral("provider"), provider }, { QStringLiteral("invoiceId"), invoiceId },
        { QStringLiteral("tenant"), tenant }, { QStringLiteral("resourceClass"), resourceClass },
        { QStringLiteral("unit"), unit }, { QStringLiteral("currency"), currency },
        { QStringLiteral("start"), formatUnixSeconds(period.start) },
        { QStringLiteral("end"), formatUnixSeconds(period.end) },
        { QStringLiteral("measuredQuantity"), measuredQuantity }, { QStringLiteral("billedQuantity"), billedQuantity },
        { QStringLiteral("billedCost"), billedCost }, { QStringLiteral("difference"), difference },
        { QStringLiteral("amount"), amount }, { QStringLiteral("withinTolerance"), withinTolerance },
        { QStringLiteral("bundle"), bundleDigest }, { QStringLiteral("firstLine"), firstLine },
        { QStringLiteral("lastLine"), lastLine } };
    if (!isMissing(unitPrice))
        json.insert(QStringLiteral("unitPrice"), unitPrice);
    json.insert(QStringLiteral("status"), status);
    json.insert(QStringLiteral("rows"), rows);
    if (!reason.isEmpty())
        json.insert(QStringLiteral("reason"), reason);
    if (!isMissing(attestedUnitPrice))
        json.insert(QStringLiteral("attestedUnitPrice"), attestedUnitPrice);
    if (!isMissing(expectedCost))
        json.insert(QStringLiteral("expectedCost"), expectedCost);
    return json;
}

bool CheckReport::failed() const
{
    for (const Finding& f : findings)
        if (f.severity >= failingSeverity)
            return true;
    return false;
}

QMap<Severity, int> CheckReport::countBySeverity(const QString& provider) const
{
    QMap<Severity, int> counts;
    for (int s = int(Severity::Info); s <= int(Severity::Critical); ++s)
        counts.insert(Severity(s), 0);
    for (const Finding& f : findings)
        if (provider.isEmpty() || f.provider == provider)
            ++counts[f.severity];
    return counts;
}

QJsonObject CheckReport::toJson() const
{
    QJsonArray ruleJson, findingJson, providerJson, reconciliationJson, threeWayJson, digests;
    for (const RuleOutcome& r : rules)
        ruleJson.append(QJsonObject { { QStringLiteral("rule"), r.ruleId }, { QStringLiteral("enabled"), r.enabled },
            { QStringLiteral("severity"), severityName(r.severity) }, { QStringLiteral("findings"), r.findings },
            { QStringLiteral("worst"), r.findings ? severityName(r.worst) : QString() } });
    for (const Finding& f : findings)
        findingJson.append(f.toJson());
    for (const ProviderFacts& p : providers)
        providerJson.append(p.toJson());
    for (const ReconciliationLine& line : reconciliation)
        reconciliationJson.append(line.toJson());
    for (const ThreeWayLine& line : threeWay)
        threeWayJson.append(line.toJson());
    for (const QString& d : bundleDigests)
        digests.append(d);
    QJsonObject counts;
    const QMap<Severity, int> bySeverity = countBySeverity();
    for (auto it = bySeverity.begin(); it != bySeverity.end(); ++it)
        counts.insert(severityName(it.key()), it.value());
    return { { QStringLiteral("case"),
                 QJsonObject { { QStringLiteral("id"), caseId }, { QStringLiteral("name"), caseName } } },
        { QStringLiteral("policy"),
            QJsonObject { { QStringLiteral("name"), policyName }, { QStringLiteral("digest"), policyDigest },
                { QStringLiteral("failingSeverity"), severityName(failingSeverity) } } },
        { QStringLiteral("period"), formatPeriod(period) },
        { QStringLiteral("evidencePeriod"), formatPeriod(evidencePeriod) }, { QStringLiteral("bundles"), digests },
        { QStringLiteral("rules"), ruleJson }, { QStringLiteral("findings"), findingJson },
        { QStringLiteral("findingsBySeverity"), counts }, { QStringLiteral("providers"), providerJson },
        { QStringLiteral("reconciliation"), reconciliationJson }, { QStringLiteral("threeWayMatch"), threeWayJson },
        { QStringLiteral("samplesScanned"), samplesScanned },
        { QStringLiteral("billingRowsScanned"), billingRowsScanned },
        { QStringLiteral("result"), failed() ? QStringLiteral("fail") : QStringLiteral("pass") } };
}

namespace detail {

QString CheckContext::payloadPath(qint64 bundleId, int payload) const
{
    const StoredBundle* b = bundle(bundleId);
    if (!b)
        return {};
    const QJsonArray payloads = b->predicate.value(QStringLiteral("payloads")).toArray();
    return payload >= 0 && payload < payloads.size()
        ? payloads.at(payload).toObject().value(QStringLiteral("path")).toString()
        : QString();
}

qint64 CheckContext::sampleLine(qint64 bundleId, qint64 seq) const
{
    return sampleLineIn(store.database(), bundleId, seq);
}

qint64 sampleLineIn(sql::Database& db, qint64 bundleId, qint64 seq)
{
    return storedSampleLine(db, bundleId, seq);
}

qint64 CheckContext::effectiveStep(qint64 bundleId) const
{
    if (const auto it = effectiveSteps.constFind(bundleId); it != effectiveSteps.constEnd())
        return *it;
    const StoredBundle* b = bundle(bundleId);
    return b && b->resolutionSeconds > 0 ? b->resolutionSeconds : 60;
}

const ProviderAttestation* CheckContext::attestationAt(const QString& provider, qint64 time) const
{
    const auto versions = attestationVersions.constFind(provider);
    if (versions == attestationVersions.constEnd())
        return nullptr;
    // Versions are in signing order: the last one signed by TIME wins; a version signed later restates the past and
    // governs only from its signing time on (attestation.versions reports it when it weakens the terms).
    const ProviderAttestation* signedBefore = nullptr;
    const ProviderAttestation* earliestSigned = nullptr;
    for (const ProviderAttestation& a : *versions) {
        if (time < a.period.start || time >= a.period.end)
            continue;
        if (!earliestSigned)
            earliestSigned = &a;
        if (a.signedAt <= time)
            signedBefore = &a;
    }
    if (signedBefore)
        return signedBefore;
    if (earliestSigned)
        return earliestSigned;
    const auto governing = attestations.constFind(provider);
    return governing == attestations.constEnd() ? &versions->first() : &*governing;
}

QList<qint64> CheckContext::attestationBreaks(const QString& provider) const
{
    QList<qint64> breaks;
    for (const ProviderAttestation& a : attestationVersions.value(provider))
        breaks << a.period.start << a.period.end << a.signedAt;
    std::sort(breaks.begin(), breaks.end());
    breaks.erase(std::unique(breaks.begin(), breaks.end()), breaks.end());
    return breaks;
}

ProviderFacts& CheckContext::facts(const QString& provider)
{
    for (ProviderFacts& p : report.providers)
        if (p.provider == provider)
            return p;
    ProviderFacts p;
    p.provider = provider;
    report.providers.append(p);
    return report.providers.last();
}

void CheckContext::add(Finding finding, int downgrade)
{
    // A negative DOWNGRADE raises the severity (never above critical).
    finding.severity = Severity(
        qBound(int(Severity::Info), int(options.policy.severity(finding.ruleId)) - downgrade, int(Severity::Critical)));
    finding.assignId();
    report.findings.append(finding);
}

} // namespace detail

Result<CheckReport> runChecks(CaseStore& store, const CheckOptions& options)
{
    CheckReport report;
    report.caseId = store.info().id;
    report.caseName = store.info().name;
    report.policyName = options.policy.name;
    report.policyDigest = options.policy.digest();
    report.failingSeverity = options.policy.failingSeverity;
    report.period = options.period;
    // What the telemetry covers, within the period asked for: the report's cover and summary say it.
    Result<Period> covered = store.periodCovered();
    if (!covered)
        return covered.error();
    report.evidencePeriod = *covered;
    if (options.period.end > options.period.start && covered->end > covered->start) {
        report.evidencePeriod.start = std::max(covered->start, options.period.start);
        report.evidencePeriod.end = std::min(covered->end, options.period.end);
        if (report.evidencePeriod.end <= report.evidencePeriod.start)
            report.evidencePeriod = {};
    }

    CheckContext context(store, options, report);
    if (Status s = loadContext(context); !s)
        return s.error();
    // The FOCUS rows are read on a connection of their own while the telemetry is scanned and judged: on a year of
    // evidence that read is a fifth of the check (docs/performance.md).
    const QString casePath = store.info().path;
    Prefetch<Result<QList<StoredBillingRow>>> billing([casePath] { return readStoredBilling(casePath); });
    context.billingPrefetch = &billing;
    if (Status s = scanTelemetry(context); !s)
        return s.error();
    runEvidenceRules(context);
    if (Status s = runLogConsistencyRule(context); !s)
        return s.error();
    if (Status s = runEvidenceGapRules(context); !s)
        return s.error();
    runTelemetryRules(context);
    // The independent meters are compared on a connection of their own while the bounds, inventory and billing rules
    // run here: each is about a third of what follows the scan on a year of evidence (docs/performance.md). The
    // comparison reads a copy of the context as the scan left it (Qt's containers share their data until this thread
    // writes, so the copy is cheap and the rules below cannot change what it reads); its findings join the report
    // below, which sorts them.
    auto scanned = std::make_shared<const CheckContext>(context);
    Prefetch<Result<MeterOutcome>> meters([scanned, casePath]() -> Result<MeterOutcome> {
        sql::Database db;
        if (Status s = db.open(casePath, sql::Database::Mode::OpenExisting); !s)
            return s.error();
        return runMeterRules(*scanned, db);
    });
    if (Status s = runBoundsRules(context); !s)
        return s.error();
    runInventoryRules(context);
    runSovereigntyRule(context);
    runAttestationVersionRule(context);
    if (Status s = runBillingRules(context); !s)
        return s.error();
    Result<MeterOutcome> metered = meters.take();
    if (!metered)
        return metered.error();
    for (const Finding& f : std::as_const(metered->findings))
        context.add(f);
    reportPartialMeterCoverage(context, metered->coverage);
    if (options.progress)
        options.progress(1.0, QStringLiteral("%1 findings").arg(report.findings.size()));

    // Only enabled rules report; a disabled rule's findings are dropped here so each rule stays simple.
    QList<Finding> kept;
    for (const Finding& f : std::as_const(report.findings))
        if (options.policy.enabled(f.ruleId))
            kept.append(f);
    report.findings = kept;
    sortFindings(report.findings);
    for (const RuleInfo& info : ruleCatalog()) {
        RuleOutcome outcome { info.id, options.policy.enabled(info.id), options.policy.severity(info.id), 0,
            Severity::Info };
        for (const Finding& f : std::as_const(report.findings))
            if (f.ruleId == info.id) {
                ++outcome.findings;
                outcome.worst = qMax(outcome.worst, f.severity);
            }
        report.rules.append(outcome);
    }
    std::sort(report.providers.begin(), report.providers.end(),
        [](const ProviderFacts& a, const ProviderFacts& b) { return a.provider < b.provider; });
    for (const StoredBundle& b : std::as_const(context.bundles))
        report.bundleDigests.append(b.digest);
    std::sort(report.bundleDigests.begin(), report.bundleDigests.end());
    return report;
}

Result<Period> parsePeriod(const QString& text)
{
    const QStringList parts = text.split(QStringLiteral(".."));
    auto bad = [&](const QString& why) {
        return Error(QString(), 0, QStringLiteral("--period"), QStringLiteral("'%1': %2").arg(text, why));
    };
    if (parts.size() != 2)
        return bad(QStringLiteral("expected FROM..TO, e.g. 2026-09-01..2026-10-01"));
    Period period;
    for (int i = 0; i < 2; ++i) {
        QString part = parts.at(i).trimmed();
        if (part.size() == 10)
            part += QStringLiteral("T00:00:00Z");
        const std::optional<qint64> t = parseUnixSeconds(part.toUtf8());
        if (!t)
            return bad(QStringLiteral("'%1' is not a date (YYYY-MM-DD) or an ISO 8601 UTC time").arg(parts.at(i)));
        (i == 0 ? period.start : period.end) = *t;
    }
    if (period.end <= period.start)
        return bad(QStringLiteral("the end must be after the start"));
    return period;
}

QString formatPeriod(const Period& period)
{
    if (period.end <= period.start)
        return {};
    return formatUnixSeconds(period.start) + QStringLiteral("..") + formatUnixSeconds(period.end);
}

} // namespace capaudit::analytics
