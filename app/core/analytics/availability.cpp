// SPDX-License-Identifier: GPL-3.0-or-later
// sla.availability as contracted: every step of every attested node over the contract period is accounted for, per
// SLA measurement window, capacity-weighted beside node-weighted; and telemetry.coverage for what the gaps between
// samples cannot show: a node silent at the start or the end of the period, or an attested node that never reports.
#include "analytics/checkcontext.h"
#include "analytics/rulecatalog.h"

#include <algorithm>
#include <cmath>

namespace capaudit::analytics::detail {
namespace {

qint64 stepsIn(qint64 from, qint64 to, qint64 step)
{
    return to > from ? (to - from + step - 1) / step : 0;
}

// One node in one window.
struct NodeWindow {
    const AttestedNodeInfo* node = nullptr;
    qint64 expected = 0, available = 0;
    qint64 badFirst = 0, badEnd = 0; // unavailable span [badFirst, badEnd); 0: none
};

void widen(NodeWindow& w, qint64 first, qint64 end)
{
    if (end <= first)
        return;
    w.badFirst = w.badFirst ? qMin(w.badFirst, first) : first;
    w.badEnd = qMax(w.badEnd, end);
}

// The node-row runs of NODE merged into covered intervals [first, last + step).
QList<Period> covered(const QList<TimeRun>& runs, const CheckContext& c)
{
    QList<Period> spans;
    for (const TimeRun& r : runs)
        spans.append({ r.first, r.last + c.effectiveStep(r.bundleId) });
    std::sort(spans.begin(), spans.end(), [](const Period& a, const Period& b) { return a.start < b.start; });
    QList<Period> out;
    for (const Period& p : std::as_const(spans)) {
        if (!out.isEmpty() && p.start <= out.last().end)
            out.last().end = qMax(out.last().end, p.end);
        else
            out.append(p);
    }
    return out;
}

// Steps of NODE in [FROM, TO) that are reported (any state), by whole buckets; and the available / maintenance ones.
struct Counted {
    qint64 available = 0, maintenance = 0, badFirst = 0, badLast = 0;
};

Counted count(const NodeScan& ns, qint64 from, qint64 to, qint64 bucket)
{
    // A node may be reported by several payloads and classes: per bucket, the fullest report counts (never the sum,
    // so a node reported twice is not twice available), and its unavailable steps are the ones reported.
    std::map<qint64, StepTally> best;
    for (const auto& [key, buckets] : ns.tallies) {
        for (auto it = buckets.lower_bound(from - ((from % bucket) + bucket) % bucket);
             it != buckets.end() && it->first < to; ++it) {
            const auto [b, inserted] = best.try_emplace(it->first, it->second);
            if (!inserted && it->second.available > b->second.available)
                b->second = it->second;
        }
    }
    Counted out;
    for (const auto& [start, t] : best) {
        out.available += t.available;
        out.maintenance += t.maintenance;
        if (t.badFirst && t.badLast >= from && t.badFirst < to) {
            out.badFirst = out.badFirst ? qMin(out.badFirst, qMax(from, t.badFirst)) : qMax(from, t.badFirst);
            out.badLast = qMax(out.badLast, qMin(to - 1, t.badLast));
        }
    }
    return out;
}

void coverageAtEnds(CheckContext& c, const ProviderAttestation& a, const Period& span, qint64 step,
    const QHash<qint64, QList<TimeRun>>& runsByNode)
{
    const double minMissing =
        c.options.policy.threshold(QLatin1String(rules::kTelemetryCoverage), QStringLiteral("minMissingSteps"));
    for (const AttestedNodeInfo& n : a.nodes) {
        const QList<Period> spans = covered(runsByNode.value(n.nodeId), c);
        auto report = [&](qint64 from, qint64 to, const QString& what, const QString& subject) {
            const qint64 missing = stepsIn(from, to, step);
            if (missing < qint64(minMissing) || missing == 0)
                return;
            Finding f;
            f.ruleId = QLatin1String(rules::kTelemetryCoverage);
            f.provider = a.provider;
            f.node = n.name;
            f.range = { from, to };
            f.measured = double(missing);
            f.expected = 0;
            f.unit = QStringLiteral(QT_TRANSLATE_NOOP("capaudit::FindingUnit", "missing steps"));
            f.say("availability.unreported-node",
                QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                    "Attested node %1 %2 (%3 steps, %4 h): counted as unavailable and not delivered"),
                { marg(n.name), MessageArg { what, true }, marg(missing),
                    marg(double(to - from) / 3600.0, 0, 'f', 1) });
            f.evidence.append({ n.bundleDigest, QString(), n.line, n.line,
                QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "attested inventory entry")) });
            f.details = { { QStringLiteral("subject"), subject },
                { QStringLiteral("missingSeconds"), double(to - from) },
                { QStringLiteral("stepSeconds"), double(step) } };
            c.add(f);
        };
        qint64 first = 0, end = 0;
        for (const Period& p : spans)
            if (p.end > span.start && p.start < span.end) {
                first = first ? first : qMax(p.start, span.start);
                end = qMin(p.end, span.end);
            }
        if (first == 0) {
            report(span.start, span.end,
                QString::fromLatin1(QT_TRANSLATE_NOOP("capaudit::FindingWord", "never reported")),
                QStringLiteral("silent"));
            continue;
        }
        report(span.start, first,
            QString::fromLatin1(
                QT_TRANSLATE_NOOP("capaudit::FindingWord", "reported nothing from the start of the period")),
            QStringLiteral("leading"));
        report(end, span.end,
            QString::fromLatin1(
                QT_TRANSLATE_NOOP("capaudit::FindingWord", "reported nothing until the end of the evidence")),
            QStringLiteral("trailing"));
    }
}

} // namespace

qint64 evidenceEnd(const CheckContext& c, const QString& provider)
{
    qint64 end = 0;
    for (const StoredBundle& b : c.bundles)
        if (b.provider == provider && b.kind != BundleKind::Attestation)
            end = qMax(end, b.period.end);
    for (auto it = c.mergedNodes.begin(); it != c.mergedNodes.end(); ++it)
        if (c.providerNames.value(c.nodeProvider.value(it.key())) == provider && it->lastTime > 0)
            end = qMax(end, it->lastTime + stepOfProvider(c, provider));
    return end;
}

Period accountingSpan(const CheckContext& c, const ProviderAttestation& a)
{
    Period span = a.period;
    const Period& checked = c.options.period;
    if (checked.end > checked.start) {
        span.start = qMax(span.start, checked.start);
        span.end = qMin(span.end, checked.end);
    }
    span.end = qMin(span.end, evidenceEnd(c, a.provider));
    return span.end > span.start ? span : Period {};
}

void runAvailabilityRules(CheckContext& c, const QHash<qint64, QList<TimeRun>>& runsByNode)
{
    const QString rule = QLatin1String(rules::kSlaAvailability);
    const double overrideTarget = c.options.policy.threshold(rule, QStringLiteral("targetOverride"));
    const double allowanceHours = c.options.policy.threshold(rule, QStringLiteral("maintenanceAllowanceHours"));
    const bool capacityWeighted = c.options.policy.threshold(rule, QStringLiteral("capacityWeighted")) >= 0.5;
    for (const ProviderAttestation& contract : std::as_const(c.attestations)) {
        ProviderFacts& facts = c.facts(contract.provider);
        facts.availabilityTarget = overrideTarget > 0 ? overrideTarget : contract.availabilityTarget;
        const Period span = accountingSpan(c, contract);
        if (span.end <= span.start)
            continue;
        const qint64 step = stepOfProvider(c, contract.provider);
        coverageAtEnds(c, contract, span, step, runsByNode);
        const qint64 window =
            contract.measurementWindow > 0 ? contract.measurementWindow : span.end - contract.period.start;
        double totalOk = 0, totalExpected = 0;
        QMap<qint64, std::pair<double, double>> totalByClass; // resource -> (capacity x ok, capacity x expected)
        for (qint64 ws = contract.period.start + (span.start - contract.period.start) / window * window; ws < span.end;
             ws += window) {
            const qint64 from = qMax(ws, span.start), to = qMin(ws + window, span.end);
            const ProviderAttestation* a = c.attestationAt(contract.provider, from);
            if (!a)
                a = &contract;
            const double target = overrideTarget > 0 ? overrideTarget : a->availabilityTarget;
            const qint64 allowance = qint64(std::floor(allowanceHours * 3600.0 / double(step)));
            QList<NodeWindow> nodes;
            double ok = 0, expected = 0;
            QMap<qint64, std::pair<double, double>> byClass;
            for (const AttestedNodeInfo& n : a->nodes) {
                NodeWindow w;
                w.node = &n;
                w.expected = stepsIn(from, to, step);
                const NodeScan ns = c.mergedNodes.value(n.nodeId);
                const Counted counted = count(ns, from, to, c.tallyBucket);
                w.available = qMin(w.expected, counted.available);
                w.available += qMin(qMin(counted.maintenance, allowance), w.expected - w.available);
                if (counted.badFirst)
                    widen(w, counted.badFirst, counted.badLast + step);
                // Steps without any node row are unavailable too: the gaps in and at the ends of the node's runs.
                qint64 cursor = from;
                for (const Period& p : covered(runsByNode.value(n.nodeId), c)) {
                    if (p.end <= from || p.start >= to)
                        continue;
                    widen(w, cursor, qMin(p.start, to));
                    cursor = qMax(cursor, p.end);
                }
                widen(w, cursor, to);
                ok += double(w.available);
                expected += double(w.expected);
                for (auto it = a->nodeCapacity.begin(); it != a->nodeCapacity.end(); ++it) {
                    if (it.key().first != n.nodeId)
                        continue;
                    const qint64 cls = it.key().second;
                    byClass[cls].first += it.value() * double(w.available);
                    byClass[cls].second += it.value() * double(w.expected);
                    totalByClass[cls].first += it.value() * double(w.available);
                    totalByClass[cls].second += it.value() * double(w.expected);
                }
                nodes.append(w);
            }
            totalOk += ok;
            totalExpected += expected;
            if (expected <= 0 || std::isnan(target))
                continue;
            const double nodeWeighted = ok / expected;
            double byCapacity = nodeWeighted;
            QString lowestClass;
            for (auto it = byClass.begin(); it != byClass.end(); ++it)
                if (it->second > 0 && (lowestClass.isEmpty() || it->first / it->second < byCapacity)) {
                    byCapacity = it->first / it->second;
                    lowestClass = c.resourceNames.value(it.key());
                }
            const double decisive = capacityWeighted ? byCapacity : nodeWeighted;
            QStringList below;
            for (const NodeWindow& w : std::as_const(nodes)) {
                const double availability = double(w.available) / double(w.expected);
                if (w.expected == 0 || availability >= target)
                    continue;
                below.append(w.node->name);
                Finding f;
                f.ruleId = rule;
                f.provider = a->provider;
                f.node = w.node->name;
                f.range = { w.badFirst ? w.badFirst : from, w.badEnd ? qMin(w.badEnd, to) : to };
                f.measured = availability * 100;
                f.expected = target * 100;
                f.unit = QStringLiteral("%");
                f.say("sla.node-below-target",
                    QT_TRANSLATE_NOOP(
                        "capaudit::FindingMessage", "Node %1 was available %2 % of the time, below the %3 % target"),
                    { marg(f.node), marg(f.measured, 0, 'f', 2), marg(f.expected, 0, 'f', 2) });
                f.details = { { QStringLiteral("unavailableSteps"), double(w.expected - w.available) },
                    { QStringLiteral("expectedSteps"), double(w.expected) },
                    { QStringLiteral("windowStart"), double(from) }, { QStringLiteral("windowEnd"), double(to) } };
                f.evidence.append({ w.node->bundleDigest, QString(), w.node->line, w.node->line,
                    QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "attested node")) });
                c.add(f, 1);
            }
            if (decisive >= target)
                continue;
            Finding f;
            f.ruleId = rule;
            f.provider = a->provider;
            f.range = { from, to };
            f.measured = decisive * 100;
            f.expected = target * 100;
            f.unit = QStringLiteral("%");
            f.say("sla.provider-below-target",
                QT_TRANSLATE_NOOP(
                    "capaudit::FindingMessage", "%1's %2 availability was %3 %, below the contracted %4 %"),
                { marg(a->provider),
                    capacityWeighted ? word(QT_TRANSLATE_NOOP("capaudit::FindingWord", "capacity-weighted"))
                                     : word(QT_TRANSLATE_NOOP("capaudit::FindingWord", "node-weighted")),
                    marg(f.measured, 0, 'f', 2), marg(f.expected, 0, 'f', 2) });
            f.details = { { QStringLiteral("nodesBelowTarget"), below.join(QLatin1Char(',')) },
                { QStringLiteral("nodeWeighted"), nodeWeighted }, { QStringLiteral("capacityWeighted"), byCapacity },
                { QStringLiteral("lowestClass"), lowestClass }, { QStringLiteral("unavailableSteps"), expected - ok },
                { QStringLiteral("expectedSteps"), expected } };
            f.evidence.append({ a->bundleDigest, QString(), 0, 0,
                QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "SLA terms (attestation)")) });
            c.add(f);
        }
        if (totalExpected <= 0)
            continue;
        double byCapacity = totalOk / totalExpected;
        bool first = true;
        for (auto it = totalByClass.begin(); it != totalByClass.end(); ++it)
            if (it->second > 0 && (first || it->first / it->second < byCapacity)) {
                byCapacity = it->first / it->second;
                first = false;
            }
        facts.availability = capacityWeighted ? byCapacity : totalOk / totalExpected;
    }
}

} // namespace capaudit::analytics::detail
