// SPDX-License-Identifier: GPL-3.0-or-later
#include "reportcomposer.h"

#include "analytics/assessment.h"
#include "analytics/policyselection.h"
#include "capaudit/version.h"
#include "reportformat.h"
#include "reportmanifest.h"
#include "reporttext.h"
#include "store/audittrail.h"
#include "store/caseverifier.h"
#include "util/jsonutil.h"
#include "util/timeutil.h"

#include <QDateTime>

namespace capaudit::reports {

namespace {

constexpr int kChartPoints = 1500; // per line: finer than the chart's width at print resolution
constexpr int kRecentTrailEntries = 25;

bool wanted(const QStringList& providers, const QString& provider)
{
    return providers.isEmpty() || provider.isEmpty() || providers.contains(provider);
}

QList<ProviderVerdict> verdictsOf(const analytics::CheckReport& r)
{
    // The classification is the core's (analytics::assessProviders), shared with the dashboard's overview; only the
    // sentence is the report's.
    QList<ProviderVerdict> out;
    for (const analytics::ProviderAssessment& a : analytics::assessProviders(r)) {
        ProviderVerdict v;
        v.provider = a.provider;
        v.verdict = analytics::assessmentId(a.assessment);
        v.counts = a.counts;
        switch (a.assessment) {
        case analytics::Assessment::NotCompliant:
            v.explanation = ReportText::tr(
                "%1 has %n finding(s); the most serious is %2, which fails the policy.", nullptr, a.total)
                                .arg(a.provider, severityLabel(a.worst).toLower());
            break;
        case analytics::Assessment::CompliantWithFindings:
            v.explanation =
                ReportText::tr("%1 has %n finding(s), none serious enough to fail the policy.", nullptr, a.total)
                    .arg(a.provider);
            break;
        case analytics::Assessment::Compliant:
            v.explanation = ReportText::tr("The evidence supports %1's claims for the period.").arg(a.provider);
            break;
        case analytics::Assessment::NotAssessed:
            v.explanation = ReportText::tr("No telemetry of %1 covers the period, so its delivery could not be "
                                           "checked.")
                                .arg(a.provider);
            break;
        }
        out.append(v);
    }
    return out;
}

Status addAllocation(CaseStore& store, const ReportOptions& options, ReportData& data)
{
    Result<QStringList> classes = store.resourceClasses();
    if (!classes)
        return classes.error();
    QMap<SeriesLevel, int> levels;
    for (const analytics::ProviderFacts& p : data.checks.providers) {
        Period span = options.period;
        if (span.end <= span.start) {
            Result<Period> covered = store.periodCovered(p.provider);
            if (!covered)
                return covered.error();
            span = *covered;
        }
        if (span.end <= span.start)
            continue;
        for (const QString& rc : *classes) {
            SeriesQuery q;
            q.provider = p.provider;
            q.resourceClass = rc;
            q.from = span.start;
            q.to = span.end;
            q.maxPoints = kChartPoints;
            Result<TimeSeries> s = store.series(q);
            if (!s)
                return s.error();
            if (s->times.isEmpty() || (s->tenants.isEmpty() && s->capacity.isEmpty()))
                continue;
            AllocationChart chart { p.provider, rc, p.classes.value(rc).unit, *s };
            if (chart.unit.isEmpty() && !s->commitments.isEmpty())
                chart.unit = s->commitments.first().unit;
            ++levels[s->level];
            data.allocation.append(chart);
        }
    }
    QStringList parts;
    for (auto it = levels.cbegin(); it != levels.cend(); ++it)
        parts << ReportText::tr("%n chart(s) at the %1 level", nullptr, it.value()).arg(seriesLevelName(it.key()));
    data.chartDetailNote =
        ReportText::tr("Allocation charts use the finest level of detail stored in the case (raw "
                       "telemetry steps, hourly or daily means) with at most %1 points per line: %2.")
            .arg(kChartPoints)
            .arg(parts.isEmpty() ? ReportText::tr("no charts") : parts.join(QStringLiteral(", ")));
    return {};
}

TrailSummary trailSummary(CaseStore& store, Status& status)
{
    TrailSummary t;
    Result<QList<TrailEntry>> entries = store.trail();
    if (!entries) {
        status = entries.error();
        return t;
    }
    t.entries = entries->size();
    if (!entries->isEmpty()) {
        t.firstTime = entries->first().time;
        t.lastTime = entries->last().time;
        t.headHash = entries->last().hash;
    }
    for (const TrailEntry& e : *entries)
        ++t.actions[e.action];
    t.recent = entries->mid(std::max<qsizetype>(0, entries->size() - kRecentTrailEntries));
    Result<ChainCheck> chain = verifyTrailChain(store.database());
    if (!chain) {
        status = chain.error();
        return t;
    }
    t.chainIntact = chain->firstBrokenSeq == 0;
    if (!t.chainIntact)
        t.chainProblem = QStringLiteral("entry %1: %2").arg(chain->firstBrokenSeq).arg(chain->problem);
    return t;
}

} // namespace

Result<analytics::Policy> reportPolicy(CaseStore& store, const QString& policyPath)
{
    // The same choice `capaudit-cli check` makes, which also records the applied policy in the case.
    return analytics::selectPolicy(store, policyPath);
}

void filterProviders(analytics::CheckReport& r, const QStringList& providers)
{
    if (providers.isEmpty())
        return;
    r.findings.removeIf([&](const analytics::Finding& f) { return !wanted(providers, f.provider); });
    r.providers.removeIf([&](const analytics::ProviderFacts& p) { return !providers.contains(p.provider); });
    r.reconciliation.removeIf([&](const analytics::ReconciliationLine& l) { return !wanted(providers, l.provider); });
    r.threeWay.removeIf([&](const analytics::ThreeWayLine& l) { return !wanted(providers, l.provider); });
    for (analytics::RuleOutcome& rule : r.rules) {
        rule.findings = 0;
        rule.worst = analytics::Severity::Info;
        for (const analytics::Finding& f : r.findings) {
            if (f.ruleId != rule.ruleId)
                continue;
            ++rule.findings;
            rule.worst = std::max(rule.worst, f.severity);
        }
    }
}

Result<ReportData> composeReport(
    CaseStore& store, const ReportOptions& options, const ProgressFn& progress, const std::atomic_bool* cancel)
{
    auto report = [&](double f, const QString& what) {
        if (progress)
            progress(f, what);
    };
    auto cancelled = [&] { return cancel && cancel->load(); };
    ReportData data;
    data.caseId = store.info().id;
    data.caseName = store.info().name;
    data.engagement = options.engagement;
    data.reviewer = options.reviewer;
    data.confidentiality = options.confidentiality;
    data.period = options.period;
    data.generatedAt = formatTimestamp(QDateTime::currentDateTimeUtc());
    data.version = QLatin1String(kVersion);
    data.language = options.language;
    data.sections = options.sections;

    Result<QStringList> known = store.providers();
    if (!known)
        return known.error();
    for (const QString& p : options.providers)
        if (!known->contains(p))
            return Error(QString(), 0, QStringLiteral("providers"),
                QStringLiteral("the case has no provider '%1' (it has: %2)").arg(p, known->join(QStringLiteral(", "))));

    Result<analytics::Policy> policy = reportPolicy(store, options.policyPath);
    if (!policy)
        return policy.error();
    data.policy = policy->toJson();
    report(0.0, ReportText::tr("Running the compliance checks"));
    analytics::CheckOptions checkOptions;
    checkOptions.policy = *policy;
    checkOptions.period = options.period;
    checkOptions.cancel = cancel;
    if (progress)
        checkOptions.progress = [&](double f, const QString& m) { progress(0.5 * f, m); };
    Result<analytics::CheckReport> checks = analytics::runChecks(store, checkOptions);
    if (!checks)
        return checks.error();
    data.checks = std::move(*checks);
    filterProviders(data.checks, options.providers);
    data.evidencePeriod = data.checks.evidencePeriod;
    data.verdicts = verdictsOf(data.checks);

    report(0.5, ReportText::tr("Reading the evidence inventory"));
    Result<QList<StoredBundle>> bundles = store.bundles();
    if (!bundles)
        return bundles.error();
    for (const StoredBundle& b : *bundles) {
        if (!wanted(options.providers, b.provider))
            continue;
        data.evidence.append({ b.digest, bundleKindName(b.kind), b.provider, b.meter, b.signerSubject,
            b.signerFingerprint, b.signerAlgorithm, b.signingTime, verdictName(b.verdict), b.period, b.rowCount });
    }
    QStringList digests;
    for (const EvidenceRow& e : data.evidence)
        digests.append(e.digest);
    data.evidenceDigest = evidenceDigest(digests);

    if (cancelled())
        return Error(QStringLiteral("report generation cancelled"));
    if (options.has(Section::Allocation)) {
        report(0.6, ReportText::tr("Reading allocation series"));
        if (Status s = addAllocation(store, options, data); !s)
            return s.error();
    }
    if (cancelled())
        return Error(QStringLiteral("report generation cancelled"));
    if (options.has(Section::Forecast) || options.has(Section::Methodology)) {
        report(0.75, ReportText::tr("Forecasting capacity"));
        if (Status s = addForecasts(store, options, data); !s)
            return s.error();
    }
    if (options.has(Section::Comparison)) {
        report(0.9, ReportText::tr("Comparing bids"));
        if (Status s = addComparison(store, data); !s)
            return s.error();
    }
    Status trailStatus;
    data.trail = trailSummary(store, trailStatus);
    if (!trailStatus)
        return trailStatus.error();
    // The whole verify-case, not a subset: a report must not call a case sound that verify-case would call tampered
    // (docs/performance.md has its cost).
    // Most of a large case's report time: its progress fills the last stretch, and the report's cancel stops it.
    const QString verifying = ReportText::tr("Verifying the case");
    const CaseVerification verification = verifyCase(
        store, [&](double f, const QString& what) { report(0.95 + 0.05 * f, verifying + QStringLiteral(": ") + what); },
        cancel);
    if (verification.cancelled)
        return Error(QStringLiteral("report generation cancelled"));
    data.integrity.checked = true;
    data.integrity.intact = verification.intact();
    data.integrity.problems = verification.problems.size();
    data.integrity.bundles = verification.bundles;
    data.integrity.rows = verification.rows;
    data.integrity.trailEntries = verification.trailEntries;
    for (qsizetype i = 0; i < std::min<qsizetype>(5, verification.problems.size()); ++i)
        data.integrity.firstProblems.append(verification.problems.at(i).toString());

    const QJsonObject manifest = reportManifest(data, options);
    data.manifestDigest = manifestDigest(manifest);
    data.manifestJson = QString::fromUtf8(prettyJson(manifest));
    report(1.0, ReportText::tr("Report data gathered"));
    return data;
}

} // namespace capaudit::reports
