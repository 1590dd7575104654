// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/checkrunner.h"
#include "reportoptions.h"
#include "store/casestore.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

namespace capaudit::reports {

// Everything the report prints, gathered from the case before any layout (plain values, safe to pass across
// threads). The renderer reads only this, so a report can be laid out from hand-made data in tests.

struct EvidenceRow {
    QString digest; // bundle digest, full SHA-256 hex
    QString kind; // "telemetry", "attestation", "billing"
    QString provider;
    QString meter;
    QString signerSubject;
    QString signerFingerprint;
    QString signerAlgorithm;
    QString signingTime;
    QString verdict; // "verified", "untrusted"
    Period period;
    qint64 rows = 0;
};

struct AllocationChart {
    QString provider;
    QString resourceClass;
    QString unit;
    TimeSeries series; // the level of detail is in series.level / series.stepSeconds
};

// One capacity forecast: history, the forecast mean with its band, the usable capacity and when demand crosses it.
struct ForecastChart {
    QString provider;
    QString resourceClass;
    QString unit;
    QString model; // "Holt linear trend", as the forecaster names it
    QString parameters; // "alpha=0.4, beta=0.1, horizon 30 d, 80 % band"
    QList<qint64> historyTimes;
    QList<double> history;
    QList<qint64> forecastTimes;
    QList<double> mean, lower, upper;
    double capacity = kMissing;
    qint64 exhaustionMean = 0; // Unix seconds; 0: not within the horizon
    qint64 exhaustionUpper = 0; // when the upper band crosses (the conservative date)
};

struct ComparisonCriterion {
    QString id;
    QString title;
    QString unit;
    double weight = 0;
    bool higherIsBetter = true;
    QList<double> values; // per provider, aligned with ComparisonData::providers
    QList<double> scores; // 0..100 per provider
};

struct ComparisonData {
    bool available = false;
    QString note; // why not available, or a caveat
    QStringList providers;
    QList<ComparisonCriterion> criteria;
    QList<double> totals; // weighted score per provider
    QString ranking; // "B > A > C"
    QString sensitivity; // plain-language verdict: does the winner survive weight changes?
    QString weightsDigest;
};

struct TrailSummary {
    qint64 entries = 0;
    QString firstTime, lastTime;
    QMap<QString, int> actions; // action -> count
    QString headHash;
    bool chainIntact = true;
    QString chainProblem;
    QList<TrailEntry> recent; // last entries, oldest first
};

// The verify-case result of the case as the report was composed: every output states it (cover, first line,
// manifest), so numbers from a tampered case never leave CapAudit looking sound.
struct CaseIntegrity {
    bool checked = false; // false: hand-made data, never verified
    bool intact = false;
    qint64 problems = 0;
    qint64 bundles = 0, rows = 0, trailEntries = 0;
    QStringList firstProblems; // the first few, as verify-case prints them
    // One plain English line: "Case integrity: intact (verify-case: …)" or "CASE NOT INTACT: …".
    QString line() const
    {
        if (!checked)
            return QStringLiteral("Case integrity: not verified");
        if (intact)
            return QStringLiteral("Case integrity: intact (verify-case re-verified %1 bundles, %2 rows, %3 trail "
                                  "entries)")
                .arg(bundles)
                .arg(rows)
                .arg(trailEntries);
        return QStringLiteral("CASE NOT INTACT: verify-case found %1 problem(s); do not rely on this output. First: %2")
            .arg(problems)
            .arg(firstProblems.value(0));
    }
};

struct ProviderVerdict {
    QString provider;
    QString verdict; // analytics::assessmentId(): "compliant", "findings", "non-compliant", "not-assessed"
    QString explanation; // one plain sentence
    QMap<analytics::Severity, int> counts;
};

struct ReportData {
    // Cover.
    QString caseId, caseName;
    QString engagement, reviewer, confidentiality;
    Period period; // requested; {0,0}: whole case
    Period evidencePeriod;
    QString generatedAt; // ISO 8601 UTC (not part of the manifest)
    QString version; // capaudit::kVersion
    QString evidenceDigest; // SHA-256 over the sorted bundle digests
    QString manifestDigest; // SHA-256 of the canonical report manifest
    QString manifestJson; // the manifest, pretty-printed, for the appendix
    QString language;
    QList<Section> sections = allSections();

    // Content.
    analytics::CheckReport checks;
    QList<ProviderVerdict> verdicts;
    QList<EvidenceRow> evidence;
    QList<AllocationChart> allocation;
    QList<ForecastChart> forecasts;
    QString forecastNote; // why forecasts are missing, when they are
    ComparisonData comparison;
    QJsonObject policy; // Policy::toJson()
    TrailSummary trail;
    CaseIntegrity integrity;
    QString chartDetailNote; // level of detail used for charts, for the methodology
};

} // namespace capaudit::reports
