// SPDX-License-Identifier: GPL-3.0-or-later
// telemetry.coverage, capacity.overcommit and time.sanity from the raw-sample scan; sla.availability in
// availability.cpp.
#include "analytics/checkcontext.h"
#include "analytics/rulecatalog.h"

#include <algorithm>

namespace capaudit::analytics::detail {
namespace {

qint64 stepOf(const CheckContext& c, qint64 bundleId)
{
    return c.effectiveStep(bundleId);
}

QString providerOfNode(const CheckContext& c, qint64 node)
{
    return c.providerNames.value(c.nodeProvider.value(node));
}

EvidenceRef lineRef(const CheckContext& c, qint64 bundleId, int payload, qint64 first, qint64 last, const QString& note)
{
    const StoredBundle* b = c.bundle(bundleId);
    return { b ? b->digest : QString(), c.payloadPath(bundleId, payload), first, last, note };
}

struct Overlap {
    qint64 first = 0, last = 0;
    QSet<qint64> nodes;
};

void coverageRule(CheckContext& c, const QHash<qint64, QList<TimeRun>>& runsByNode)
{
    const double minMissing =
        c.options.policy.threshold(QLatin1String(rules::kTelemetryCoverage), QStringLiteral("minMissingSteps"));
    QMap<QPair<qint64, qint64>, Overlap> overlaps; // (bundle, bundle) -> where they report the same node-steps
    QList<qint64> nodes = runsByNode.keys();
    std::sort(nodes.begin(), nodes.end());
    for (qint64 node : std::as_const(nodes)) {
        QList<TimeRun> runs = runsByNode.value(node);
        std::sort(runs.begin(), runs.end(), [](const TimeRun& a, const TimeRun& b) {
            return std::tie(a.first, a.bundleId, a.payload) < std::tie(b.first, b.bundleId, b.payload);
        });
        TimeRun current = runs.first();
        for (qsizetype i = 1; i < runs.size(); ++i) {
            const TimeRun& next = runs.at(i);
            const qint64 step = stepOf(c, next.bundleId);
            if (next.first <= current.last && next.bundleId != current.bundleId) {
                Overlap& o = overlaps[{ qMin(current.bundleId, next.bundleId), qMax(current.bundleId, next.bundleId) }];
                o.first = o.first ? qMin(o.first, next.first) : next.first;
                o.last = qMax(o.last, qMin(current.last, next.last));
                o.nodes.insert(node);
            }
            if (next.first > current.last + step) {
                const qint64 missing = (next.first - current.last) / step - 1;
                if (missing >= qint64(minMissing)) {
                    Finding f;
                    f.ruleId = QLatin1String(rules::kTelemetryCoverage);
                    f.provider = providerOfNode(c, node);
                    f.node = c.nodeNames.value(node);
                    f.range = { current.last + step, next.first };
                    f.say("telemetry.gap",
                        QT_TRANSLATE_NOOP(
                            "capaudit::FindingMessage", "No telemetry for node %1 during %2 steps (%3 h)"),
                        { marg(f.node), marg(missing), marg(double(f.range.end - f.range.start) / 3600.0, 0, 'f', 1) });
                    f.measured = double(missing);
                    f.expected = 0;
                    f.unit = QStringLiteral(QT_TRANSLATE_NOOP("capaudit::FindingUnit", "missing steps"));
                    const qint64 before = c.sampleLine(current.bundleId, current.lastSeq);
                    const qint64 after = c.sampleLine(next.bundleId, next.firstSeq);
                    f.evidence.append(lineRef(c, current.bundleId, current.payload, before, before,
                        QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "last sample before the gap"))));
                    f.evidence.append(lineRef(c, next.bundleId, next.payload, after, after,
                        QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "first sample after the gap"))));
                    f.details = { { QStringLiteral("missingSeconds"), double(f.range.end - f.range.start) },
                        { QStringLiteral("stepSeconds"), double(step) } };
                    c.add(f);
                }
            }
            if (next.last > current.last) {
                current.last = next.last;
                current.lastSeq = next.lastSeq;
                current.bundleId = next.bundleId;
                current.payload = next.payload;
            }
        }
    }
    for (auto it = overlaps.begin(); it != overlaps.end(); ++it) {
        const StoredBundle* a = c.bundle(it.key().first);
        const StoredBundle* b = c.bundle(it.key().second);
        // Node rows are (time, node, class, "") keys: two bundles reporting them for the same steps double count
        // (and one may report a node up where the other reports it down).
        Finding f;
        f.ruleId = QLatin1String(rules::kTelemetryDuplicates);
        f.provider = a ? a->provider : QString();
        f.range = { it->first, it->last + stepOf(c, it.key().first) };
        f.say("telemetry.overlapping-bundles",
            QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                "Two telemetry bundles report the same node steps for %1 nodes (double counting)"),
            { marg(it->nodes.size()) });
        f.evidence.append({ a ? a->digest : QString(), {}, 0, 0,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "first bundle")) });
        f.evidence.append({ b ? b->digest : QString(), {}, 0, 0,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "second bundle")) });
        f.details = { { QStringLiteral("subject"),
                          QStringLiteral("overlap %1 %2").arg(it.key().first).arg(it.key().second) },
            { QStringLiteral("nodes"), double(it->nodes.size()) } };
        c.add(f);
    }
}

void overcommitRule(CheckContext& c, const QHash<qint64, QList<OvercommitStep>>& stepsByNode)
{
    QList<qint64> nodes = stepsByNode.keys();
    std::sort(nodes.begin(), nodes.end());
    for (qint64 node : std::as_const(nodes)) {
        QList<OvercommitStep> steps = stepsByNode.value(node);
        std::sort(steps.begin(), steps.end(), [](const OvercommitStep& a, const OvercommitStep& b) {
            return std::tie(a.resourceId, a.time) < std::tie(b.resourceId, b.time);
        });
        for (qsizetype i = 0; i < steps.size();) {
            qsizetype j = i;
            const qint64 step = stepOf(c, steps.at(i).bundleId);
            while (j + 1 < steps.size() && steps.at(j + 1).resourceId == steps.at(i).resourceId
                && steps.at(j + 1).time - steps.at(j).time <= step)
                ++j;
            const OvercommitStep* peak = &steps.at(i);
            for (qsizetype k = i; k <= j; ++k)
                if (steps.at(k).allocated / steps.at(k).capacity > peak->allocated / peak->capacity)
                    peak = &steps.at(k);
            Finding f;
            f.ruleId = QLatin1String(rules::kCapacityOvercommit);
            f.provider = providerOfNode(c, node);
            f.node = c.nodeNames.value(node);
            f.resourceClass = c.resourceNames.value(steps.at(i).resourceId);
            f.range = { steps.at(i).time, steps.at(j).time + step };
            f.measured = peak->allocated / peak->capacity;
            f.expected = peak->limit;
            f.unit = QStringLiteral(QT_TRANSLATE_NOOP("capaudit::FindingUnit", "allocated/capacity"));
            f.say("telemetry.over-commitment",
                QT_TRANSLATE_NOOP(
                    "capaudit::FindingMessage", "Node %1 had %2 allocated up to %3x its capacity (limit %4x) for %5 h"),
                { marg(f.node), marg(f.resourceClass), marg(f.measured, 0, 'f', 2), marg(f.expected, 0, 'f', 2),
                    marg(double(f.range.end - f.range.start) / 3600.0, 0, 'f', 1) });
            f.evidence.append(lineRef(c, steps.at(i).bundleId, steps.at(i).payload, steps.at(i).line, steps.at(j).line,
                QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "steps above the limit"))));
            f.details = { { QStringLiteral("steps"), double(j - i + 1) },
                { QStringLiteral("maxAllocated"), peak->allocated }, { QStringLiteral("capacity"), peak->capacity } };
            c.add(f);
            i = j + 1;
        }
    }
}

void timeAnomaly(CheckContext& c, const BundleScan& scan, const TimeAnomaly& anomaly, const QString& what)
{
    if (anomaly.count == 0)
        return;
    const StoredBundle* b = c.bundle(scan.bundleId);
    Finding f;
    f.ruleId = QLatin1String(rules::kTimeSanity);
    f.provider = b ? b->provider : QString();
    f.range = { anomaly.firstTime, anomaly.lastTime + 1 };
    f.measured = double(anomaly.count);
    f.unit = QStringLiteral(QT_TRANSLATE_NOOP("capaudit::FindingUnit", "samples"));
    f.say("telemetry.time-anomaly", QT_TRANSLATE_NOOP("capaudit::FindingMessage", "%1 samples %2"),
        { marg(anomaly.count), MessageArg { what, true } });
    f.evidence.append(lineRef(c, scan.bundleId, anomaly.payload, anomaly.firstLine, anomaly.firstLine,
        QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "first such sample"))));
    f.details = { { QStringLiteral("subject"), (b ? b->digest : QString()) + what } };
    c.add(f);
}

} // namespace

qint64 stepOfProvider(const CheckContext& c, const QString& provider)
{
    // The effective step (samplescan.cpp) of the provider's first telemetry bundle: one provider reports on one grid.
    for (const StoredBundle& b : c.bundles)
        if (b.provider == provider && b.kind == BundleKind::Telemetry && b.meter == QLatin1String("provider"))
            return c.effectiveStep(b.id);
    return 60;
}

void runTelemetryRules(CheckContext& c)
{
    QHash<qint64, QList<TimeRun>> runsByNode;
    QHash<qint64, QList<OvercommitStep>> overcommitByNode;
    QHash<qint64, NodeScan> merged; // states, first/last and allocation per node over all bundles
    for (const BundleScan& scan : std::as_const(c.scans)) {
        for (auto it = scan.nodes.begin(); it != scan.nodes.end(); ++it) {
            if (!it->runs.isEmpty())
                runsByNode[it.key()].append(it->runs);
            if (!it->overcommit.isEmpty())
                overcommitByNode[it.key()].append(it->overcommit);
            NodeScan& m = merged[it.key()];
            for (auto s = it->upSteps.begin(); s != it->upSteps.end(); ++s)
                m.upSteps[s.key()] += s.value();
            for (auto s = it->downSteps.begin(); s != it->downSteps.end(); ++s)
                m.downSteps[s.key()] += s.value();
            if (it->downFirst)
                m.downFirst = m.downFirst ? qMin(m.downFirst, it->downFirst) : it->downFirst;
            m.downLast = qMax(m.downLast, it->downLast);
            if (m.firstTime == 0 || it->firstTime < m.firstTime)
                m.firstTime = it->firstTime;
            m.lastTime = qMax(m.lastTime, it->lastTime);
            m.allocatedSum += it->allocatedSum;
            for (const auto& [key, buckets] : it->tallies)
                for (const auto& [bucket, t] : buckets) {
                    StepTally& into = m.tallies[key][bucket];
                    into.available += t.available;
                    into.maintenance += t.maintenance;
                    if (t.badFirst) {
                        into.badFirst = into.badFirst ? qMin(into.badFirst, t.badFirst) : t.badFirst;
                        into.badLast = qMax(into.badLast, t.badLast);
                    }
                }
        }
        timeAnomaly(c, scan, scan.outsideBundlePeriod,
            QString::fromLatin1(
                QT_TRANSLATE_NOOP("capaudit::FindingWord", "lie outside their bundle's declared period")));
        timeAnomaly(c, scan, scan.outsideContract,
            QString::fromLatin1(
                QT_TRANSLATE_NOOP("capaudit::FindingWord", "lie outside the attested contract period")));
        timeAnomaly(c, scan, scan.afterSigning,
            QString::fromLatin1(
                QT_TRANSLATE_NOOP("capaudit::FindingWord", "are time-stamped after their bundle was signed")));
    }
    c.mergedNodes = merged;
    coverageRule(c, runsByNode);
    overcommitRule(c, overcommitByNode);
    runAvailabilityRules(c, runsByNode);
    runDeliveredRule(c);
}

} // namespace capaudit::analytics::detail
