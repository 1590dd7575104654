// SPDX-License-Identifier: GPL-3.0-or-later
// telemetry.coverage, capacity.overcommit, sla.availability and time.sanity from the raw-sample scan.
#include "analytics/checkcontext.h"
#include "analytics/rulecatalog.h"

#include <algorithm>

namespace capaudit::analytics::detail {
namespace {

qint64 stepOf(const CheckContext& c, qint64 bundleId)
{
    const StoredBundle* b = c.bundle(bundleId);
    return b && b->resolutionSeconds > 0 ? b->resolutionSeconds : 60;
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
                    f.title = QStringLiteral("No telemetry for node %1 during %2 steps (%3 h)")
                                  .arg(f.node)
                                  .arg(missing)
                                  .arg(double(f.range.end - f.range.start) / 3600.0, 0, 'f', 1);
                    f.measured = double(missing);
                    f.expected = 0;
                    f.unit = QStringLiteral("missing steps");
                    const qint64 before = c.sampleLine(current.bundleId, current.lastSeq);
                    const qint64 after = c.sampleLine(next.bundleId, next.firstSeq);
                    f.evidence.append(lineRef(c, current.bundleId, current.payload, before, before,
                        QStringLiteral("last sample before the gap")));
                    f.evidence.append(lineRef(
                        c, next.bundleId, next.payload, after, after, QStringLiteral("first sample after the gap")));
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
        Finding f;
        f.ruleId = QLatin1String(rules::kTimeSanity);
        f.provider = a ? a->provider : QString();
        f.range = { it->first, it->last + stepOf(c, it.key().first) };
        f.title = QStringLiteral("Two telemetry bundles report the same steps for %1 nodes (double counting)")
                      .arg(it->nodes.size());
        f.evidence.append({ a ? a->digest : QString(), {}, 0, 0, QStringLiteral("first bundle") });
        f.evidence.append({ b ? b->digest : QString(), {}, 0, 0, QStringLiteral("second bundle") });
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
            f.unit = QStringLiteral("allocated/capacity");
            f.title = QStringLiteral("Node %1 had %2 allocated up to %3x its capacity (limit %4x) for %5 h")
                          .arg(f.node, f.resourceClass)
                          .arg(f.measured, 0, 'f', 2)
                          .arg(f.expected, 0, 'f', 2)
                          .arg(double(f.range.end - f.range.start) / 3600.0, 0, 'f', 1);
            f.evidence.append(lineRef(c, steps.at(i).bundleId, steps.at(i).payload, steps.at(i).line, steps.at(j).line,
                QStringLiteral("steps above the limit")));
            f.details = { { QStringLiteral("steps"), double(j - i + 1) },
                { QStringLiteral("maxAllocated"), peak->allocated }, { QStringLiteral("capacity"), peak->capacity } };
            c.add(f);
            i = j + 1;
        }
    }
}

void slaRule(CheckContext& c, const QHash<qint64, NodeScan>& nodes)
{
    const double overrideTarget =
        c.options.policy.threshold(QLatin1String(rules::kSlaAvailability), QStringLiteral("targetOverride"));
    for (const ProviderAttestation& a : std::as_const(c.attestations)) {
        const double target = overrideTarget > 0 ? overrideTarget : a.availabilityTarget;
        qint64 up = 0, down = 0;
        QList<Finding> nodeFindings;
        for (const AttestedNodeInfo& attested : a.nodes) {
            const NodeScan ns = nodes.value(attested.nodeId);
            // A node's state may be reported by several payloads and classes; count the fullest report once.
            qint64 nodeUp = 0, nodeDown = 0;
            for (auto it = ns.upSteps.begin(); it != ns.upSteps.end(); ++it)
                if (it.value() + ns.downSteps.value(it.key()) > nodeUp + nodeDown) {
                    nodeUp = it.value();
                    nodeDown = ns.downSteps.value(it.key());
                }
            for (auto it = ns.downSteps.begin(); it != ns.downSteps.end(); ++it)
                if (!ns.upSteps.contains(it.key()) && it.value() > nodeUp + nodeDown) {
                    nodeUp = 0;
                    nodeDown = it.value();
                }
            up += nodeUp;
            down += nodeDown;
            if (nodeUp + nodeDown == 0 || isMissing(target))
                continue;
            const double availability = double(nodeUp) / double(nodeUp + nodeDown);
            if (availability >= target)
                continue;
            Finding f;
            f.ruleId = QLatin1String(rules::kSlaAvailability);
            f.provider = a.provider;
            f.node = attested.name;
            if (ns.downFirst > 0)
                f.range = { ns.downFirst, ns.downLast + stepOfProvider(c, a.provider) };
            f.measured = availability * 100;
            f.expected = target * 100;
            f.unit = QStringLiteral("%");
            f.title = QStringLiteral("Node %1 was available %2 % of the time, below the %3 % target")
                          .arg(f.node)
                          .arg(f.measured, 0, 'f', 2)
                          .arg(f.expected, 0, 'f', 2);
            f.details = { { QStringLiteral("downSteps"), double(nodeDown) },
                { QStringLiteral("upSteps"), double(nodeUp) } };
            nodeFindings.append(f);
        }
        ProviderFacts& facts = c.facts(a.provider);
        facts.availabilityTarget = target;
        if (up + down == 0)
            continue;
        facts.availability = double(up) / double(up + down);
        for (const Finding& f : std::as_const(nodeFindings))
            c.add(f, 1);
        if (facts.availability >= target)
            continue;
        Finding f;
        f.ruleId = QLatin1String(rules::kSlaAvailability);
        f.provider = a.provider;
        f.range = a.period;
        f.measured = facts.availability * 100;
        f.expected = target * 100;
        f.unit = QStringLiteral("%");
        f.title = QStringLiteral("%1's node-weighted availability was %2 %, below the contracted %3 %")
                      .arg(a.provider)
                      .arg(f.measured, 0, 'f', 2)
                      .arg(f.expected, 0, 'f', 2);
        QStringList names;
        for (const Finding& n : std::as_const(nodeFindings))
            names.append(n.node);
        f.details = { { QStringLiteral("nodesBelowTarget"), names.join(QLatin1Char(',')) },
            { QStringLiteral("downSteps"), double(down) }, { QStringLiteral("upSteps"), double(up) } };
        f.evidence.append({ a.bundleDigest, QString(), 0, 0, QStringLiteral("SLA terms (attestation)") });
        c.add(f);
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
    f.unit = QStringLiteral("samples");
    f.title = QStringLiteral("%1 samples %2").arg(anomaly.count).arg(what);
    f.evidence.append(lineRef(
        c, scan.bundleId, anomaly.payload, anomaly.firstLine, anomaly.firstLine, QStringLiteral("first such sample")));
    f.details = { { QStringLiteral("subject"), (b ? b->digest : QString()) + what } };
    c.add(f);
}

} // namespace

qint64 stepOfProvider(const CheckContext& c, const QString& provider)
{
    for (const StoredBundle& b : c.bundles)
        if (b.provider == provider && b.kind == BundleKind::Telemetry && b.meter == QLatin1String("provider")
            && b.resolutionSeconds > 0)
            return b.resolutionSeconds;
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
        }
        timeAnomaly(c, scan, scan.outsideBundlePeriod, QStringLiteral("lie outside their bundle's declared period"));
        timeAnomaly(c, scan, scan.outsideContract, QStringLiteral("lie outside the attested contract period"));
        timeAnomaly(c, scan, scan.afterSigning, QStringLiteral("are time-stamped after their bundle was signed"));
    }
    coverageRule(c, runsByNode);
    overcommitRule(c, overcommitByNode);
    slaRule(c, merged);
    runDeliveredRule(c);
    c.mergedNodes = merged;
}

} // namespace capaudit::analytics::detail
