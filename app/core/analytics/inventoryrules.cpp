// SPDX-License-Identifier: GPL-3.0-or-later
// capacity.delivered, attestation.coverage and sovereignty.jurisdiction: telemetry against the attested contract.
#include "analytics/checkcontext.h"
#include "analytics/rulecatalog.h"

#include <algorithm>

namespace capaudit::analytics::detail {
namespace {

QList<EvidenceRef> telemetryRefs(const CheckContext& c, const QString& provider, const Period& range)
{
    QList<EvidenceRef> refs;
    for (const StoredBundle& b : c.bundles)
        if (b.provider == provider && b.kind == BundleKind::Telemetry && b.meter == QLatin1String("provider")
            && b.period.start < range.end && range.start < b.period.end)
            refs.append({ b.digest, QString(), 0, 0, QStringLiteral("telemetry covering the period") });
    return refs;
}

void deliveredShortfalls(CheckContext& c, const ProviderAttestation& a, const CommitmentLine& line,
    const QList<DeliveredRun>& series, qint64 step)
{
    const double ratio =
        c.options.policy.threshold(QLatin1String(rules::kCapacityDelivered), QStringLiteral("minDeliveredRatio"));
    const double minSeconds =
        c.options.policy.threshold(QLatin1String(rules::kCapacityDelivered), QStringLiteral("minDurationHours")) * 3600;
    const double required = line.quantity * ratio;
    auto reportRun = [&](qint64 first, qint64 last, double lowest, qint64 steps) {
        const qint64 end = last + step;
        if (double(end - first) < minSeconds)
            return;
        Finding f;
        f.ruleId = QLatin1String(rules::kCapacityDelivered);
        f.provider = a.provider;
        f.resourceClass = line.resourceClass;
        f.region = line.region;
        f.range = { first, end };
        f.measured = lowest;
        f.expected = line.quantity;
        f.unit = line.unit;
        f.title = QStringLiteral("%1 delivered as little as %2 %3 of %4 in %5 against %6 committed, for %7 h")
                      .arg(a.provider)
                      .arg(lowest, 0, 'f', 1)
                      .arg(line.unit, line.resourceClass, line.region)
                      .arg(line.quantity, 0, 'f', 1)
                      .arg(double(end - first) / 3600.0, 0, 'f', 1);
        f.evidence = telemetryRefs(c, a.provider, f.range);
        f.evidence.append({ line.bundleDigest, QString(), 0, 0, QStringLiteral("commitment (attestation)") });
        f.details = { { QStringLiteral("shortfall"), line.quantity - lowest },
            { QStringLiteral("steps"), double(steps) } };
        c.add(f);
    };
    // Step by step, a shortfall run goes on while steps are short and at most one step apart; a whole piece of equal
    // value (clipped to the commitment's period) takes the same path as its steps would one by one.
    qint64 first = -1, last = -1, steps = 0;
    double lowest = 0;
    for (const DeliveredRun& piece : series) {
        qint64 from = piece.first, to = piece.last;
        if (from < line.period.start)
            from += (line.period.start - from + piece.step - 1) / piece.step * piece.step;
        if (to >= line.period.end)
            to -= (to - line.period.end) / piece.step * piece.step + piece.step;
        if (from > to)
            continue;
        const qint64 count = (to - from) / piece.step + 1;
        const bool shortfall = piece.value < required - 1e-9;
        if (shortfall && first >= 0 && from - last <= step) {
            last = to;
            lowest = qMin(lowest, piece.value);
            steps += count;
            continue;
        }
        if (first >= 0)
            reportRun(first, last, lowest, steps);
        first = shortfall ? from : -1;
        last = to;
        lowest = piece.value;
        steps = count;
    }
    if (first >= 0)
        reportRun(first, last, lowest, steps);
}

// Steps of SPAN that no node reported deliver nothing: they become pieces of value 0 on the series' grid, so a region
// whose nodes all fall silent (or never report) is a shortfall rather than an absence of data.
QList<DeliveredRun> withSilentSteps(const QList<DeliveredRun>& series, const Period& span, qint64 step)
{
    if (span.end <= span.start)
        return series;
    const qint64 phase = series.isEmpty() ? span.start : series.first().first;
    auto gridFrom = [&](qint64 t) {
        const qint64 off = ((t - phase) % step + step) % step;
        return off ? t + step - off : t;
    };
    QList<DeliveredRun> out;
    qint64 cursor = gridFrom(span.start);
    for (const DeliveredRun& piece : series) {
        if (piece.first - step >= cursor && cursor < span.end)
            out.append(
                { cursor, qMin(piece.first - step, cursor + (span.end - 1 - cursor) / step * step), step, 0, 0 });
        out.append(piece);
        cursor = qMax(cursor, gridFrom(piece.last + 1));
    }
    if (cursor < span.end)
        out.append({ cursor, cursor + (span.end - 1 - cursor) / step * step, step, 0, 0 });
    return out;
}

} // namespace

void runDeliveredRule(CheckContext& c)
{
    QHash<QString, qint64> resourceIds;
    for (auto it = c.resourceNames.begin(); it != c.resourceNames.end(); ++it)
        resourceIds.insert(it.value(), it.key());
    for (const ProviderAttestation& a : std::as_const(c.attestations)) {
        const qint64 step = stepOfProvider(c, a.provider);
        const Period span = accountingSpan(c, a);
        ProviderFacts& facts = c.facts(a.provider);
        QMap<QString, QList<DeliveredRun>> deliveredByClass; // class -> the series of its committed regions
        for (const CommitmentLine& line : a.commitments) {
            const QPair<qint64, int> key { resourceIds.value(line.resourceClass),
                int(c.regions.indexOf(regionKeyOf(a.provider, line.region))) };
            QList<DeliveredRun> runs;
            for (const BundleScan& scan : std::as_const(c.scans))
                runs.append(scan.delivered.value(key));
            const QList<DeliveredRun> series = withSilentSteps(sumDelivered(runs), span, step);
            deliveredShortfalls(c, a, line, series, step);
            ClassFacts& cls = facts.classes[line.resourceClass];
            cls.unit = line.unit;
            cls.committed += line.quantity;
            deliveredByClass[line.resourceClass].append(series);
        }
        for (auto it = deliveredByClass.begin(); it != deliveredByClass.end(); ++it) {
            const QList<DeliveredRun> total = sumDelivered(it.value());
            if (total.isEmpty())
                continue;
            double sum = 0, lowest = total.first().value;
            qint64 steps = 0;
            for (const DeliveredRun& piece : total) {
                sum += piece.value * double(piece.steps());
                steps += piece.steps();
                lowest = qMin(lowest, piece.value);
            }
            ClassFacts& cls = facts.classes[it.key()];
            cls.deliveredMean = sum / double(steps);
            cls.deliveredMin = lowest;
        }
    }
}

void runInventoryRules(CheckContext& c)
{
    const double maxAgeDays =
        c.options.policy.threshold(QLatin1String(rules::kAttestationCoverage), QStringLiteral("maxAttestationAgeDays"));
    QMap<QString, QList<qint64>> seenByProvider;
    for (auto it = c.mergedNodes.begin(); it != c.mergedNodes.end(); ++it)
        seenByProvider[c.providerNames.value(c.nodeProvider.value(it.key()))].append(it.key());

    for (auto p = seenByProvider.begin(); p != seenByProvider.end(); ++p) {
        const QString& provider = p.key();
        ProviderFacts& facts = c.facts(provider);
        QList<qint64> seen = p.value();
        std::sort(
            seen.begin(), seen.end(), [&](qint64 a, qint64 b) { return c.nodeNames.value(a) < c.nodeNames.value(b); });
        facts.nodesSeen = int(seen.size());
        const qint64 step = stepOfProvider(c, provider);
        Period telemetry { 0, 0 };
        for (qint64 node : std::as_const(seen)) {
            const NodeScan& ns = c.mergedNodes[node];
            telemetry.start = telemetry.start ? qMin(telemetry.start, ns.firstTime) : ns.firstTime;
            telemetry.end = qMax(telemetry.end, ns.lastTime + step);
        }
        facts.telemetryPeriod = telemetry;
        const auto attestation = c.attestations.constFind(provider);
        if (attestation == c.attestations.constEnd()) {
            Finding f;
            f.ruleId = QLatin1String(rules::kAttestationCoverage);
            f.provider = provider;
            f.range = telemetry;
            f.title = QStringLiteral("%1 delivered telemetry but no attestation of its allocation (contract, "
                                     "inventory) is in the case")
                          .arg(provider);
            c.add(f);
            continue;
        }
        QSet<qint64> attested;
        for (const AttestedNodeInfo& n : attestation->nodes)
            attested.insert(n.nodeId);
        for (qint64 node : std::as_const(seen)) {
            if (attested.contains(node))
                continue;
            const NodeScan& ns = c.mergedNodes[node];
            Finding f;
            f.ruleId = QLatin1String(rules::kAttestationCoverage);
            f.provider = provider;
            f.node = c.nodeNames.value(node);
            f.range = { ns.firstTime, ns.lastTime + step };
            f.title =
                QStringLiteral("Node %1 appears in %2's telemetry from %3 but is not in the attested inventory")
                    .arg(f.node, provider, QDateTime::fromSecsSinceEpoch(ns.firstTime, Qt::UTC).toString(Qt::ISODate));
            f.evidence = telemetryRefs(c, provider, f.range);
            f.evidence.append({ attestation->bundleDigest, QString(), 0, 0, QStringLiteral("attested inventory") });
            f.details = { { QStringLiteral("firstSeen"), double(ns.firstTime) } };
            c.add(f);
        }
        if (attestation->signedAt > 0 && telemetry.end > 0
            && double(telemetry.end - attestation->signedAt) > maxAgeDays * 86400) {
            Finding f;
            f.ruleId = QLatin1String(rules::kAttestationCoverage);
            f.provider = provider;
            f.range = { attestation->signedAt, telemetry.end };
            f.measured = double(telemetry.end - attestation->signedAt) / 86400.0;
            f.expected = maxAgeDays;
            f.unit = QStringLiteral("days");
            f.title = QStringLiteral("%1's attestation is %2 days older than the end of its telemetry (allowed %3)")
                          .arg(provider)
                          .arg(f.measured, 0, 'f', 1)
                          .arg(maxAgeDays);
            f.evidence.append({ attestation->bundleDigest, QString(), 0, 0, QStringLiteral("attestation") });
            f.details = { { QStringLiteral("subject"), QStringLiteral("freshness") } };
            c.add(f);
        }
    }

    for (const ProviderAttestation& a : std::as_const(c.attestations)) {
        ProviderFacts& facts = c.facts(a.provider);
        facts.contractId = a.contractId;
        facts.attestedPeriod = a.period;
        facts.nodesAttested = int(a.nodes.size());
        facts.tenants = int(a.tenants.size());
        if (facts.currency.isEmpty())
            facts.currency = a.currency;
        for (auto it = a.prices.begin(); it != a.prices.end(); ++it)
            facts.classes[it.key()].contractedUnitPrice = it.value();
        for (const AttestedNodeInfo& n : a.nodes) {
            if (a.allowedJurisdictions.contains(n.jurisdiction))
                continue;
            const bool holdsData = c.mergedNodes.value(n.nodeId).allocatedSum > 0;
            Finding f;
            f.ruleId = QLatin1String(rules::kSovereignty);
            f.provider = a.provider;
            f.node = n.name;
            f.region = n.region;
            f.range = a.period;
            f.measured = kMissing;
            f.title = QStringLiteral("Node %1 is in %2 (%3), outside the allowed jurisdictions%4")
                          .arg(n.name, n.jurisdiction, n.region,
                              holdsData ? QStringLiteral(", and holds tenant allocations") : QString());
            f.evidence.append(
                { n.bundleDigest, QString(), n.line, n.line, QStringLiteral("attested inventory entry") });
            f.details = { { QStringLiteral("jurisdiction"), n.jurisdiction },
                { QStringLiteral("allowed"), a.allowedJurisdictions.join(QLatin1Char(',')) },
                { QStringLiteral("holdsTenantData"), holdsData } };
            c.add(f, holdsData ? 0 : 1);
        }
    }
}

} // namespace capaudit::analytics::detail
