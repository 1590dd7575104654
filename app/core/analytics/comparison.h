// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/finding.h"
#include "analytics/providerfacts.h"
#include "util/result.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace capaudit {
class CaseStore;
}

namespace capaudit::analytics {

struct CheckReport;

// Bid comparison (docs/analytics.md, "Bid comparison"): every provider in the case is a bidder.
namespace criteria {
inline constexpr auto kDelivery = "delivery"; // delivered / claimed capacity
inline constexpr auto kSla = "sla"; // availability vs target
inline constexpr auto kCost = "cost"; // billed cost per delivered unit-hour
inline constexpr auto kFindings = "findings"; // weighted penalty of the findings by severity
inline constexpr auto kAssurance = "assurance"; // verified / untrusted / rejected evidence, independent metering
} // namespace criteria

struct CriterionInfo {
    QString id;
    QString title; // "Delivered vs claimed capacity"
    QString method; // how the 0..100 score is computed
};
const QList<CriterionInfo>& comparisonCriteria(); // in display order
// The criteria's titles and methods stay English (the exports and the JSON keep them); they are marked with
// QT_TRANSLATE_NOOP("capaudit::ComparisonCriteria", …) and said in the installed translation with these.
QString localizedTitle(const CriterionInfo& criterion);
QString localizedMethod(const CriterionInfo& criterion);
QString localizedCriterionTitle(const QString& id, const QString& fallback); // FALLBACK for an unknown ID

// Reviewer weights by criterion id; any non-negative numbers (normalised to sum 1 when used).
struct ComparisonWeights {
    QMap<QString, double> weights;

    static ComparisonWeights defaults(); // equal
    ComparisonWeights normalized() const; // every criterion present, sum 1 (all zero: equal)
    QJsonObject toJson() const; // {"weights": {"delivery": 1, ...}}
    // Unknown criteria, negative or non-numeric weights, and an all-zero set are errors naming FILENAME.
    static Result<ComparisonWeights> fromJson(const QJsonObject& json, const QString& fileName = {});
};

// How the verdict weighs into the criteria (docs/analytics.md, "Findings in the comparison"): every finding of the
// bidder hits the criterion its rule judges and multiplies that criterion's score by its severity's factor; the
// findings criterion counts every finding as before.
QString criterionOfRule(const QString& ruleId); // "capacity.delivered" -> "delivery"
double severityFactor(Severity severity); // critical 0.25, high 0.6, medium 0.85, low 0.95, info 1

// A bidder's inputs: the check run's facts and its findings counted by severity, and the findings themselves (when
// empty, no criterion but findings is adjusted).
struct BidderInput {
    ProviderFacts facts;
    QMap<Severity, int> findings;
    QList<Finding> findingList;
};

// The findings of one rule and severity that lowered one criterion of one bidder.
struct ScoreAdjustment {
    QString criterion;
    QString ruleId;
    Severity severity = Severity::Info;
    int count = 0;
    double factor = 1; // severityFactor(severity) ^ count
    double points = 0; // score points of the criterion this group took (its share of the criterion's drop)
    QStringList findingIds;

    QJsonObject toJson() const;
};

struct CriterionScore {
    bool available = false; // false: no evidence for it (score 0, see note)
    double raw = 0; // the measured value (ratio, availability, cost per unit-hour, penalty, share)
    double score = 0; // 0..100, higher is better
    QString note; // how raw was obtained, or why it is unavailable
    double unadjusted = 0; // the score before the findings that hit this criterion (see ScoreAdjustment)

    QJsonObject toJson() const;
};

struct BidderScore {
    QString provider;
    QString currency;
    QMap<QString, CriterionScore> criteria; // by criterion id
    QMap<Severity, int> findings;
    double total = 0; // weighted score 0..100
    int rank = 0; // 1 = best
    QList<ScoreAdjustment> adjustments; // by criterion, rule, severity
    double unadjustedTotal = 0; // weighted total with no criterion lowered by findings
    int unadjustedRank = 0; // rank by unadjustedTotal: where the findings moved the bidder from

    QJsonObject toJson() const;
};

// One weight change that reorders a pair of bidders.
struct SensitivityFlip {
    QString criterion;
    double factor = 1; // 0.9 or 1.1: the weight scaled by it, then all renormalised
    QString above; // ranked above `below` with the reviewer's weights ...
    QString below; // ... and below it after the change

    QJsonObject toJson() const;
};

struct BidComparison {
    ComparisonWeights weights; // normalised
    QList<BidderScore> bidders; // by rank (ties: provider name)
    QList<SensitivityFlip> flips; // by criterion, factor, above, below
    bool stable = true;
    QString verdict; // "ranking stable" or "ranking sensitive to cost, sla"
    QStringList notes; // comparability caveats ("bidders bill in different currencies: ...")

    QStringList ranking() const; // provider names, best first
    QJsonObject toJson() const; // canonical: byte-identical on re-run
};

inline constexpr double kSensitivityStep = 0.10; // relative weight change tested in both directions

// Pure: scores, ranks and tests the sensitivity of BIDDERS under WEIGHTS.
BidComparison compareBids(const QList<BidderInput>& bidders, const ComparisonWeights& weights);
// Every provider of a check run (report.providers with report.countBySeverity(provider)).
BidComparison compareBids(const CheckReport& report, const ComparisonWeights& weights);
// The ranking (best first) of already scored bidders under WEIGHTS; used by the sensitivity check.
QStringList rankBidders(const QList<BidderScore>& bidders, const ComparisonWeights& weights);

namespace detail {
// Sets every criterion's unadjusted score and lowers the criteria FINDINGS hit, recording why in SCORE.adjustments.
void applyFindings(const QList<Finding>& findings, BidderScore& score);
// "B: findings lowered delivery 100.0 -> 15.0 (...); ranked 3, 1 without them"
QString adjustmentNote(const BidderScore& score);
// The same facts in other words (analytics/comparisontext.h says them in the installed language): PART "%1 %2 %3
// (%4)" per criterion (name, before, after, causes), CAUSE "%1 %2 %3 %4" (rule, severity, count, points), SENTENCE
// "%1 %2 %3 %4 %5 %6" (provider, parts, totals before and after, rank, rank without the findings).
struct AdjustmentWords {
    QString part;
    QString cause;
    QString sentence;
    std::function<QString(const QString&)> criterion;
    std::function<QString(Severity)> severity;
};
QString adjustmentNote(const BidderScore& score, const AdjustmentWords& words);
} // namespace detail

// Weights kept in the case (document kind "weights", name ""); defaults when none were saved.
Status saveWeights(CaseStore& store, const ComparisonWeights& weights);
Result<ComparisonWeights> loadWeights(CaseStore& store);

} // namespace capaudit::analytics
