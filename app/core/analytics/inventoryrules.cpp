// SPDX-License-Identifier: GPL-3.0-or-later
// capacity.delivered and attestation.coverage: telemetry against the attested contract.
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
            refs.append({ b.digest, QString(), 0, 0,
                QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "telemetry covering the period")) });
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
        f.say("capacity.shortfall",
            QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                "%1 delivered as little as %2 %3 of %4 in %5 against %6 committed, for %7 h"),
            { marg(a.provider), marg(lowest, 0, 'f', 1), marg(line.unit), marg(line.resourceClass), marg(line.region),
                marg(line.quantity, 0, 'f', 1), marg(double(end - first) / 3600.0, 0, 'f', 1) });
        f.evidence = telemetryRefs(c, a.provider, f.range);
        f.evidence.append({ line.bundleDigest, QString(), 0, 0,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "commitment (attestation)")) });
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
        // A commitment without a region applies provider-wide: it is delivered by every attested region's nodes.
        QList<int> providerRegions;
        const QString prefix = regionKeyOf(a.provider, QString());
        for (int i = 0; i < c.regions.size(); ++i)
            if (c.regions.at(i).startsWith(prefix))
                providerRegions.append(i);
        auto seriesOf = [&](qint64 resource, const QList<int>& regions) {
            QList<DeliveredRun> runs;
            for (int region : regions)
                for (const BundleScan& scan : std::as_const(c.scans))
                    runs.append(scan.delivered.value({ resource, region }));
            // Steps of the accounting span that no node reports deliver 0 (a silent region is a shortfall).
            return withSilentSteps(sumDelivered(runs), span, step);
        };
        QMap<QString, QSet<int>> regionsByClass; // class -> its committed regions (each counted once)
        for (const CommitmentLine& line : a.commitments) {
            const QList<int> regions = line.region.isEmpty()
                ? providerRegions
                : QList<int> { int(c.regions.indexOf(regionKeyOf(a.provider, line.region))) };
            const QList<DeliveredRun> series = seriesOf(resourceIds.value(line.resourceClass), regions);
            deliveredShortfalls(c, a, line, series, step);
            ClassFacts& cls = facts.classes[line.resourceClass];
            cls.unit = line.unit;
            cls.committed += line.quantity;
            for (int region : regions)
                regionsByClass[line.resourceClass].insert(region);
        }
        for (auto it = regionsByClass.begin(); it != regionsByClass.end(); ++it) {
            QList<int> regions(it.value().cbegin(), it.value().cend());
            std::sort(regions.begin(), regions.end());
            const QList<DeliveredRun> total = seriesOf(resourceIds.value(it.key()), regions);
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

namespace {

// Where NODE was seen in PROVIDER's telemetry while the attestation in force did not list it: the span from the first
// to the last such time, and the versions in force then. Each piece of each run is judged by the version in force at
// its start; pieces are cut where the version in force may change.
struct Uncovered {
    Period range { 0, 0 };
    QStringList versions;
};

Uncovered uncoveredTimes(const CheckContext& c, const QString& provider, qint64 node, qint64 step)
{
    const QList<qint64> breaks = c.attestationBreaks(provider);
    Uncovered out;
    for (const BundleScan& scan : c.scans) {
        const auto ns = scan.nodes.constFind(node);
        if (ns == scan.nodes.constEnd())
            continue;
        for (const TimeRun& run : ns->runs) {
            const qint64 to = run.last + step;
            for (qint64 t = run.first; t < to;) {
                const auto next = std::upper_bound(breaks.begin(), breaks.end(), t);
                const qint64 end = next == breaks.end() ? to : qMin(to, *next);
                const ProviderAttestation* a = c.attestationAt(provider, t);
                const bool listed = a && std::any_of(a->nodes.begin(), a->nodes.end(), [&](const AttestedNodeInfo& n) {
                    return n.nodeId == node;
                });
                if (!listed) {
                    out.range.start = out.range.end > 0 ? qMin(out.range.start, t) : t;
                    out.range.end = qMax(out.range.end, end);
                    if (a && !out.versions.contains(a->bundleDigest))
                        out.versions.append(a->bundleDigest);
                }
                t = end;
            }
        }
    }
    out.versions.sort();
    return out;
}

} // namespace

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
        if (!c.attestations.contains(provider)) {
            Finding f;
            f.ruleId = QLatin1String(rules::kAttestationCoverage);
            f.provider = provider;
            f.range = telemetry;
            f.say("attestation.missing",
                QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                    "%1 delivered telemetry but no attestation of its allocation (contract, inventory) is in the case"),
                { marg(provider) });
            c.add(f);
            continue;
        }
        // Each day is judged by the attestation in force that day: a node is covered only while the version in force
        // lists it (a version signed later cannot attest it retroactively).
        for (qint64 node : std::as_const(seen)) {
            const Uncovered uncovered = uncoveredTimes(c, provider, node, step);
            if (uncovered.range.end <= uncovered.range.start)
                continue;
            const NodeScan& ns = c.mergedNodes[node];
            const bool whole = uncovered.range.start == ns.firstTime && uncovered.range.end == ns.lastTime + step;
            Finding f;
            f.ruleId = QLatin1String(rules::kAttestationCoverage);
            f.provider = provider;
            f.node = c.nodeNames.value(node);
            f.range = uncovered.range;
            const QString from = QDateTime::fromSecsSinceEpoch(f.range.start, Qt::UTC).toString(Qt::ISODate);
            if (whole)
                f.say("attestation.unattested-node",
                    QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                        "Node %1 appears in %2's telemetry from %3 but is not in the attested inventory"),
                    { marg(f.node), marg(provider), marg(from) });
            else
                f.say("attestation.unattested-node-window",
                    QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                        "Node %1 appears in %2's telemetry from %3 to %4 while the attestation in force does not list "
                        "it"),
                    { marg(f.node), marg(provider), marg(from),
                        marg(QDateTime::fromSecsSinceEpoch(f.range.end, Qt::UTC).toString(Qt::ISODate)) });
            f.evidence = telemetryRefs(c, provider, f.range);
            for (const QString& digest : uncovered.versions)
                f.evidence.append({ digest, QString(), 0, 0,
                    QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "attested inventory")) });
            f.details = { { QStringLiteral("firstSeen"), double(ns.firstTime) } };
            c.add(f);
        }
        // Freshness: the version in force at the end of the telemetry.
        const ProviderAttestation* attestation = c.attestationAt(provider, telemetry.end - 1);
        if (attestation && attestation->signedAt > 0 && telemetry.end > 0
            && double(telemetry.end - attestation->signedAt) > maxAgeDays * 86400) {
            Finding f;
            f.ruleId = QLatin1String(rules::kAttestationCoverage);
            f.provider = provider;
            f.range = { attestation->signedAt, telemetry.end };
            f.measured = double(telemetry.end - attestation->signedAt) / 86400.0;
            f.expected = maxAgeDays;
            f.unit = QStringLiteral(QT_TRANSLATE_NOOP("capaudit::FindingUnit", "days"));
            f.say("attestation.stale",
                QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                    "%1's attestation is %2 days older than the end of its telemetry (allowed %3)"),
                { marg(provider), marg(f.measured, 0, 'f', 1), marg(maxAgeDays) });
            f.evidence.append({ attestation->bundleDigest, QString(), 0, 0,
                QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "attestation")) });
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
    }
}

} // namespace capaudit::analytics::detail
