// SPDX-License-Identifier: GPL-3.0-or-later
// Bid comparison: per-criterion scores 0..100, weighted total, ranking and its sensitivity to the weights.
#include "analytics/comparison.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace capaudit::analytics {

namespace {

constexpr double kTieEpsilon = 1e-9; // totals closer than this are a tie, broken by provider name

QJsonValue number(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue();
}

CriterionScore deliveryScore(const ProviderFacts& f)
{
    double sum = 0;
    int classes = 0;
    QStringList parts;
    for (auto it = f.classes.cbegin(); it != f.classes.cend(); ++it) {
        if (it->committed <= 0 || !std::isfinite(it->deliveredMean))
            continue;
        const double ratio = it->deliveredMean / it->committed;
        sum += ratio;
        ++classes;
        parts.append(
            QStringLiteral("%1 %2/%3")
                .arg(it.key(), QString::number(it->deliveredMean, 'g', 6), QString::number(it->committed, 'g', 6)));
    }
    if (classes == 0)
        return { false, 0, 0, QStringLiteral("no committed class with delivery data") };
    const double ratio = sum / classes;
    return { true, ratio, 100 * std::min(1.0, ratio),
        QStringLiteral("mean delivered/committed over classes: %1").arg(parts.join(QStringLiteral(", "))) };
}

CriterionScore slaScore(const ProviderFacts& f)
{
    if (!std::isfinite(f.availability))
        return { false, 0, 0, QStringLiteral("no node state data") };
    if (!std::isfinite(f.availabilityTarget) || f.availabilityTarget >= 1)
        return { true, f.availability, 100 * f.availability, QStringLiteral("availability (no target attested)") };
    // Downtime measured against the downtime the target allows: within it scores 100, twice it 50.
    const double ratio = (1 - f.availability) / (1 - f.availabilityTarget);
    return { true, f.availability, ratio <= 1 ? 100.0 : 100.0 / ratio,
        QStringLiteral("availability %1 vs target %2")
            .arg(QString::number(f.availability, 'f', 5), QString::number(f.availabilityTarget, 'f', 5)) };
}

CriterionScore findingsScore(const QMap<Severity, int>& findings)
{
    const double penalty = 10.0 * findings.value(Severity::Critical) + 5.0 * findings.value(Severity::High)
        + 2.0 * findings.value(Severity::Medium) + 1.0 * findings.value(Severity::Low);
    return { true, penalty, 100 * 10 / (10 + penalty),
        QStringLiteral("penalty 10/critical, 5/high, 2/medium, 1/low finding") };
}

CriterionScore assuranceScore(const ProviderFacts& f)
{
    const int total = f.bundlesVerified + f.bundlesUntrusted + f.bundlesRejected;
    if (total == 0)
        return { false, 0, 0, QStringLiteral("no evidence bundles") };
    const double share = (f.bundlesVerified + 0.5 * f.bundlesUntrusted) / total;
    return { true, double(f.bundlesVerified) / total, 80 * share + (f.independentlyMetered ? 20 : 0),
        QStringLiteral("%1 verified, %2 untrusted, %3 rejected bundles; %4")
            .arg(f.bundlesVerified)
            .arg(f.bundlesUntrusted)
            .arg(f.bundlesRejected)
            .arg(f.independentlyMetered ? QStringLiteral("independently metered")
                                        : QStringLiteral("provider metering only")) };
}

// Billed cost per metered allocated unit-hour (what billing charges for), per class; NaN without billing or usage.
double costPerUnit(const ClassFacts& c)
{
    if (c.allocatedUnitHours <= 0 || (c.billedCost <= 0 && c.billedQuantity <= 0))
        return std::numeric_limits<double>::quiet_NaN();
    return c.billedCost / c.allocatedUnitHours;
}

// Relative to the cheapest bidder in each class (100 = cheapest, twice as expensive = 50), averaged over classes.
void costScores(const QList<BidderInput>& bidders, QList<BidderScore>& scores)
{
    QMap<QString, double> cheapest;
    for (const BidderInput& b : bidders)
        for (auto it = b.facts.classes.cbegin(); it != b.facts.classes.cend(); ++it) {
            const double cost = costPerUnit(*it);
            if (std::isfinite(cost))
                cheapest[it.key()] = cheapest.contains(it.key()) ? std::min(cheapest[it.key()], cost) : cost;
        }
    for (qsizetype i = 0; i < bidders.size(); ++i) {
        double scoreSum = 0, ratioSum = 0;
        int classes = 0;
        QStringList parts;
        const ProviderFacts& f = bidders[i].facts;
        for (auto it = f.classes.cbegin(); it != f.classes.cend(); ++it) {
            const double cost = costPerUnit(*it);
            if (!std::isfinite(cost))
                continue;
            const double best = cheapest.value(it.key());
            scoreSum += cost > 0 ? 100 * best / cost : 100;
            ratioSum += best > 0 ? cost / best : 1;
            ++classes;
            parts.append(QStringLiteral("%1 %2 %3/%4-h")
                             .arg(it.key(), QString::number(cost, 'g', 6), f.currency,
                                 it->unit.isEmpty() ? QStringLiteral("unit") : it->unit));
        }
        CriterionScore s;
        if (classes == 0) {
            s = { false, 0, 0, QStringLiteral("no billed usage") };
        } else {
            s = { true, ratioSum / classes, scoreSum / classes,
                QStringLiteral("cost per allocated unit-hour relative to the cheapest bidder: %1")
                    .arg(parts.join(QStringLiteral(", "))) };
        }
        scores[i].criteria.insert(QString::fromLatin1(criteria::kCost), s);
    }
}

double weightedTotal(const BidderScore& b, const ComparisonWeights& normalized)
{
    double total = 0;
    for (auto it = normalized.weights.cbegin(); it != normalized.weights.cend(); ++it)
        total += it.value() * b.criteria.value(it.key()).score;
    return total;
}

QStringList rankByTotals(QList<std::pair<double, QString>> totals)
{
    std::sort(totals.begin(), totals.end(), [](const auto& a, const auto& b) {
        if (std::abs(a.first - b.first) > kTieEpsilon)
            return a.first > b.first;
        return a.second < b.second;
    });
    QStringList out;
    for (const auto& t : totals)
        out.append(t.second);
    return out;
}

} // namespace

const QList<CriterionInfo>& comparisonCriteria()
{
    static const QList<CriterionInfo> list = {
        { QString::fromLatin1(criteria::kDelivery),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::ComparisonCriteria", "Delivered vs claimed capacity")),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::ComparisonCriteria",
                "Mean delivered capacity / committed capacity per resource class, averaged over the "
                "classes; 100 x ratio, capped at 100; then x0.25 per critical, x0.6 per high, x0.85 per "
                "medium, x0.95 per low finding of capacity.*, sovereignty.*, attestation.coverage and "
                "telemetry.meter-agreement.")) },
        { QString::fromLatin1(criteria::kSla),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::ComparisonCriteria", "SLA attainment")),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::ComparisonCriteria",
                "Node-weighted availability vs the attested target: downtime within the allowed "
                "downtime scores 100, otherwise 100 x allowed / actual downtime; then lowered by each "
                "sla.* finding like delivery.")) },
        { QString::fromLatin1(criteria::kCost),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::ComparisonCriteria", "Effective cost per delivered unit")),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::ComparisonCriteria",
                "Billed cost / metered allocated unit-hours per class; 100 x cheapest bidder's cost / "
                "this bidder's, averaged over its billed classes (one common currency is assumed); then "
                "lowered by each billing.* finding like delivery.")) },
        { QString::fromLatin1(criteria::kFindings),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::ComparisonCriteria", "Findings by severity")),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::ComparisonCriteria",
                "Penalty P = 10 per critical, 5 per high, 2 per medium, 1 per low finding; "
                "score 100 x 10 / (10 + P).")) },
        { QString::fromLatin1(criteria::kAssurance),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::ComparisonCriteria", "Evidence assurance")),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::ComparisonCriteria",
                "80 x (verified + 0.5 untrusted) / all bundles (rejected count 0), plus 20 when an "
                "independent meter covers the provider's nodes; then lowered by each finding of any other "
                "rule (evidence.*, telemetry.*, time.*, attestation.versions) like delivery.")) },
    };
    return list;
}

QString localizedTitle(const CriterionInfo& criterion)
{
    return QCoreApplication::translate("capaudit::ComparisonCriteria", criterion.title.toUtf8().constData());
}

QString localizedMethod(const CriterionInfo& criterion)
{
    return QCoreApplication::translate("capaudit::ComparisonCriteria", criterion.method.toUtf8().constData());
}

QString localizedCriterionTitle(const QString& id, const QString& fallback)
{
    for (const CriterionInfo& c : comparisonCriteria())
        if (c.id == id)
            return localizedTitle(c);
    return fallback;
}

ComparisonWeights ComparisonWeights::defaults()
{
    ComparisonWeights w;
    for (const CriterionInfo& c : comparisonCriteria())
        w.weights.insert(c.id, 1.0);
    return w;
}

ComparisonWeights ComparisonWeights::normalized() const
{
    ComparisonWeights out;
    double sum = 0;
    for (const CriterionInfo& c : comparisonCriteria()) {
        const double w = std::max(0.0, weights.value(c.id, 0.0));
        out.weights.insert(c.id, w);
        sum += w;
    }
    for (double& w : out.weights)
        w = sum > 0 ? w / sum : 1.0 / double(out.weights.size());
    return out;
}

QJsonObject ComparisonWeights::toJson() const
{
    QJsonObject map;
    for (auto it = weights.cbegin(); it != weights.cend(); ++it)
        map.insert(it.key(), it.value());
    return { { QStringLiteral("weights"), map } };
}

Result<ComparisonWeights> ComparisonWeights::fromJson(const QJsonObject& json, const QString& fileName)
{
    for (auto it = json.begin(); it != json.end(); ++it)
        if (it.key() != u"weights")
            return Error(fileName, 0, it.key(), QStringLiteral("unknown key (expected only \"weights\")"));
    const QJsonValue value = json.value(QStringLiteral("weights"));
    if (!value.isObject())
        return Error(fileName, 0, QStringLiteral("weights"), QStringLiteral("missing or not an object"));
    const QJsonObject map = value.toObject();
    ComparisonWeights out;
    double sum = 0;
    for (auto it = map.begin(); it != map.end(); ++it) {
        const QString field = QStringLiteral("weights/") + it.key();
        bool known = false;
        for (const CriterionInfo& c : comparisonCriteria())
            known = known || c.id == it.key();
        if (!known)
            return Error(fileName, 0, field, QStringLiteral("unknown criterion"));
        if (!it->isDouble() || !std::isfinite(it->toDouble()) || it->toDouble() < 0)
            return Error(fileName, 0, field, QStringLiteral("not a non-negative number"));
        out.weights.insert(it.key(), it->toDouble());
        sum += it->toDouble();
    }
    for (const CriterionInfo& c : comparisonCriteria())
        if (!out.weights.contains(c.id))
            return Error(fileName, 0, QStringLiteral("weights/") + c.id, QStringLiteral("missing"));
    if (sum <= 0)
        return Error(fileName, 0, QStringLiteral("weights"), QStringLiteral("all weights are zero"));
    return out;
}

QJsonObject CriterionScore::toJson() const
{
    return { { QStringLiteral("available"), available }, { QStringLiteral("raw"), number(raw) },
        { QStringLiteral("score"), number(score) }, { QStringLiteral("unadjusted"), number(unadjusted) },
        { QStringLiteral("note"), note } };
}

QJsonObject BidderScore::toJson() const
{
    QJsonObject criteriaJson, findingsJson;
    for (auto it = criteria.cbegin(); it != criteria.cend(); ++it)
        criteriaJson.insert(it.key(), it->toJson());
    for (Severity s : { Severity::Info, Severity::Low, Severity::Medium, Severity::High, Severity::Critical })
        findingsJson.insert(severityName(s), findings.value(s));
    QJsonArray adjustmentJson;
    for (const ScoreAdjustment& a : adjustments)
        adjustmentJson.append(a.toJson());
    return { { QStringLiteral("provider"), provider }, { QStringLiteral("currency"), currency },
        { QStringLiteral("criteria"), criteriaJson }, { QStringLiteral("findings"), findingsJson },
        { QStringLiteral("total"), number(total) }, { QStringLiteral("rank"), rank },
        { QStringLiteral("adjustments"), adjustmentJson },
        { QStringLiteral("unadjustedTotal"), number(unadjustedTotal) },
        { QStringLiteral("unadjustedRank"), unadjustedRank } };
}

QJsonObject SensitivityFlip::toJson() const
{
    return { { QStringLiteral("criterion"), criterion }, { QStringLiteral("factor"), factor },
        { QStringLiteral("above"), above }, { QStringLiteral("below"), below } };
}

QStringList BidComparison::ranking() const
{
    QStringList out;
    for (const BidderScore& b : bidders)
        out.append(b.provider);
    return out;
}

QJsonObject BidComparison::toJson() const
{
    QJsonArray bidderList, flipList, criteriaList;
    for (const BidderScore& b : bidders)
        bidderList.append(b.toJson());
    for (const SensitivityFlip& f : flips)
        flipList.append(f.toJson());
    for (const CriterionInfo& c : comparisonCriteria())
        criteriaList.append(QJsonObject { { QStringLiteral("id"), c.id }, { QStringLiteral("title"), c.title },
            { QStringLiteral("method"), c.method } });
    return { { QStringLiteral("criteria"), criteriaList }, { QStringLiteral("weights"), weights.toJson() },
        { QStringLiteral("bidders"), bidderList }, { QStringLiteral("ranking"), QJsonArray::fromStringList(ranking()) },
        { QStringLiteral("sensitivity"),
            QJsonObject { { QStringLiteral("step"), kSensitivityStep }, { QStringLiteral("stable"), stable },
                { QStringLiteral("verdict"), verdict }, { QStringLiteral("flips"), flipList } } },
        { QStringLiteral("notes"), QJsonArray::fromStringList(notes) } };
}

QStringList rankBidders(const QList<BidderScore>& bidders, const ComparisonWeights& weights)
{
    const ComparisonWeights normalized = weights.normalized();
    QList<std::pair<double, QString>> totals;
    for (const BidderScore& b : bidders)
        totals.append({ weightedTotal(b, normalized), b.provider });
    return rankByTotals(totals);
}

BidComparison compareBids(const QList<BidderInput>& bidders, const ComparisonWeights& weights)
{
    using detail::adjustmentNote;
    using detail::applyFindings;
    BidComparison out;
    out.weights = weights.normalized();
    QList<BidderScore> scores;
    QSet<QString> currencies;
    for (const BidderInput& b : bidders) {
        BidderScore s;
        s.provider = b.facts.provider;
        s.currency = b.facts.currency;
        s.findings = b.findings;
        s.criteria.insert(QString::fromLatin1(criteria::kDelivery), deliveryScore(b.facts));
        s.criteria.insert(QString::fromLatin1(criteria::kSla), slaScore(b.facts));
        s.criteria.insert(QString::fromLatin1(criteria::kFindings), findingsScore(b.findings));
        s.criteria.insert(QString::fromLatin1(criteria::kAssurance), assuranceScore(b.facts));
        if (!b.facts.currency.isEmpty())
            currencies.insert(b.facts.currency);
        scores.append(s);
    }
    costScores(bidders, scores);
    for (qsizetype i = 0; i < bidders.size(); ++i)
        applyFindings(bidders[i].findingList, scores[i]);
    if (currencies.size() > 1) {
        QStringList list(currencies.cbegin(), currencies.cend());
        list.sort();
        out.notes.append(QStringLiteral("bidders bill in different currencies (%1): costs are compared as numbers, "
                                        "as if in one common currency")
                             .arg(list.join(QStringLiteral(", "))));
    }
    QList<BidderScore> unadjusted = scores;
    for (BidderScore& s : unadjusted)
        for (CriterionScore& criterion : s.criteria)
            criterion.score = criterion.unadjusted;
    const QStringList unadjustedRanking = rankBidders(unadjusted, out.weights);
    for (qsizetype i = 0; i < scores.size(); ++i) {
        BidderScore& s = scores[i];
        s.unadjustedTotal = weightedTotal(unadjusted[i], out.weights);
        s.unadjustedRank = int(unadjustedRanking.indexOf(s.provider)) + 1;
    }
    for (BidderScore& s : scores) {
        s.total = weightedTotal(s, out.weights);
        for (auto it = s.criteria.cbegin(); it != s.criteria.cend(); ++it)
            if (!it->available)
                out.notes.append(QStringLiteral("%1: %2 scores 0 (%3)").arg(s.provider, it.key(), it->note));
    }

    const QStringList ranking = rankBidders(scores, out.weights);
    for (const QString& provider : ranking)
        for (BidderScore& s : scores)
            if (s.provider == provider) {
                s.rank = int(out.bidders.size() + 1);
                out.bidders.append(s);
            }
    for (const BidderScore& s : std::as_const(out.bidders))
        if (!s.adjustments.isEmpty())
            out.notes.append(adjustmentNote(s));

    QStringList sensitive;
    for (const CriterionInfo& c : comparisonCriteria()) {
        for (double factor : { 1 - kSensitivityStep, 1 + kSensitivityStep }) {
            ComparisonWeights changed = out.weights;
            changed.weights[c.id] *= factor;
            const QStringList moved = rankBidders(scores, changed);
            for (qsizetype i = 0; i < ranking.size(); ++i)
                for (qsizetype j = i + 1; j < ranking.size(); ++j)
                    if (moved.indexOf(ranking[i]) > moved.indexOf(ranking[j])) {
                        out.flips.append({ c.id, factor, ranking[i], ranking[j] });
                        if (!sensitive.contains(c.id))
                            sensitive.append(c.id);
                    }
        }
    }
    out.stable = out.flips.isEmpty();
    out.verdict = out.stable ? QStringLiteral("ranking stable")
                             : QStringLiteral("ranking sensitive to ") + sensitive.join(QStringLiteral(", "));
    return out;
}

} // namespace capaudit::analytics
