// SPDX-License-Identifier: GPL-3.0-or-later
// Telemetry bounded by itself and by the contract: telemetry.step (the declared resolution against the spacing the
// samples show), telemetry.duplicates (a (time, node, class, tenant) key reported twice, within a payload or across
// payloads and bundles) and capacity.attested (reported capacity above the attested node capacity). The scan
// (samplescan.cpp) collects the facts; this file loads the attested bounds it needs and turns the facts into findings.
#include "analytics/checkcontext.h"
#include "analytics/rulecatalog.h"
#include "store/samplecursor.h"
#include "store/sqlitedb.h"
#include "util/jsonutil.h"

#include <QJsonObject>

#include <algorithm>
#include <map>
#include <unordered_map>

namespace capaudit::analytics::detail {
namespace {

constexpr qint64 kDay = 86400;
constexpr qint64 kHour = 3600;

QString providerOfNode(const CheckContext& c, qint64 node)
{
    return c.providerNames.value(c.nodeProvider.value(node));
}

EvidenceRef lineRef(const CheckContext& c, qint64 bundleId, int payload, qint64 first, qint64 last, const QString& note)
{
    const StoredBundle* b = c.bundle(bundleId);
    return { b ? b->digest : QString(), c.payloadPath(bundleId, payload), first, last, note };
}

void stepRule(CheckContext& c)
{
    for (const BundleScan& scan : std::as_const(c.scans)) {
        if (scan.spacingSamples == 0 || scan.effectiveStep == scan.declaredStep)
            continue;
        const StoredBundle* b = c.bundle(scan.bundleId);
        Finding f;
        f.ruleId = QLatin1String(rules::kTelemetryStep);
        f.provider = b ? b->provider : QString();
        if (b)
            f.range = b->period;
        f.measured = double(scan.effectiveStep);
        f.expected = double(scan.declaredStep);
        f.unit = QStringLiteral(QT_TRANSLATE_NOOP("capaudit::FindingUnit", "seconds"));
        f.say("telemetry.declared-step",
            QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                "Telemetry bundle %1 declares a %2 s resolution but its samples are %3 s apart: quantities are "
                "integrated over %3 s"),
            { marg(b ? b->digest.left(12) : QString()), marg(scan.declaredStep), marg(scan.effectiveStep) });
        f.evidence.append({ b ? b->digest : QString(), QString(), 0, 0,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "declared resolutionSeconds %1"))
                .arg(scan.declaredStep) });
        f.details = { { QStringLiteral("subject"), b ? b->digest : QString() },
            { QStringLiteral("declaredSeconds"), double(scan.declaredStep) },
            { QStringLiteral("effectiveSeconds"), double(scan.effectiveStep) },
            { QStringLiteral("intervals"), double(scan.spacingSamples) },
            { QStringLiteral("intervalsAtEffective"), double(scan.effectiveSpacingSamples) } };
        c.add(f);
    }
}

void capacityRule(CheckContext& c)
{
    QMap<qint64, QList<CapacityExcess>> byNode; // sorted by node id: a stable finding order
    for (const BundleScan& scan : std::as_const(c.scans))
        for (auto it = scan.nodes.begin(); it != scan.nodes.end(); ++it)
            byNode[it.key()].append(it->excess);
    for (auto it = byNode.begin(); it != byNode.end(); ++it) {
        QList<CapacityExcess> runs = it.value();
        if (runs.isEmpty())
            continue;
        std::sort(runs.begin(), runs.end(), [](const CapacityExcess& a, const CapacityExcess& b) {
            return std::tie(a.resourceId, a.first, a.bundleId) < std::tie(b.resourceId, b.first, b.bundleId);
        });
        QList<CapacityExcess> joined;
        double excessUnitHours = 0;
        QList<double> excessPerRun;
        for (const CapacityExcess& r : std::as_const(runs)) {
            const double hours =
                (r.reported - r.attested) * double(r.steps) * double(c.effectiveStep(r.bundleId)) / double(kHour);
            if (!joined.isEmpty() && joined.last().resourceId == r.resourceId
                && r.first <= joined.last().last + c.effectiveStep(joined.last().bundleId)
                && joined.last().attested == r.attested) {
                CapacityExcess& j = joined.last();
                if (r.last > j.last) {
                    j.last = r.last;
                    j.lastSeq = r.lastSeq;
                }
                j.reported = qMax(j.reported, r.reported);
                j.steps += r.steps;
                excessPerRun.last() += hours;
                continue;
            }
            joined.append(r);
            excessPerRun.append(hours);
        }
        for (qsizetype i = 0; i < joined.size(); ++i) {
            const CapacityExcess& r = joined.at(i);
            excessUnitHours = excessPerRun.at(i);
            const qint64 step = c.effectiveStep(r.bundleId);
            Finding f;
            f.ruleId = QLatin1String(rules::kCapacityAttested);
            f.provider = providerOfNode(c, it.key());
            f.node = c.nodeNames.value(it.key());
            f.resourceClass = c.resourceNames.value(r.resourceId);
            f.range = { r.first, r.last + step };
            f.measured = r.reported;
            f.expected = r.attested;
            f.unit = QStringLiteral(QT_TRANSLATE_NOOP("capaudit::FindingUnit", "capacity"));
            f.say("telemetry.capacity-above-attested",
                QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                    "Node %1 reported %2 capacity up to %3 against %4 attested, for %5 h: capped at the attested "
                    "capacity for delivery, availability and over-commitment"),
                { marg(f.node), marg(f.resourceClass), marg(r.reported), marg(r.attested),
                    marg(double(f.range.end - f.range.start) / 3600.0, 0, 'f', 1) });
            const qint64 first = c.sampleLine(r.bundleId, r.firstSeq), last = c.sampleLine(r.bundleId, r.lastSeq);
            f.evidence.append(lineRef(c, r.bundleId, r.payload, first, last,
                QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "node rows above"))));
            if (const ProviderAttestation* a = c.attestationAt(f.provider, r.first))
                f.evidence.append({ a->bundleDigest, QString(), 0, 0,
                    QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "attested inventory")) });
            f.details = { { QStringLiteral("steps"), double(r.steps) },
                { QStringLiteral("excessUnitHours"), excessUnitHours } };
            c.add(f);
        }
    }
}

// Tenant rows of one source (bundle, payload) in the windows where another source reports the same node and class.
struct DrillWindow {
    qint64 node, resource, from, to; // times inclusive
};

struct TenantKey {
    qint64 node, resource, tenant, time;
    friend bool operator==(const TenantKey&, const TenantKey&) = default;
};
struct TenantKeyHash {
    size_t operator()(const TenantKey& k) const
    {
        return qHashMulti(0, k.node, k.resource, k.tenant, k.time);
    }
};

struct DuplicateGroup {
    qint64 count = 0;
    double allocated = 0;
    qint64 first = 0, last = 0;
    qint64 firstLineMin = 0, firstLineMax = 0, secondLineMin = 0, secondLineMax = 0;
    QSet<qint64> tenants;
};

Status crossSourceDuplicates(CheckContext& c)
{
    // Overlapping source runs of different (bundle, payload) for one node and class: only there can a key repeat.
    QMap<QPair<qint64, qint64>, QList<SourceRun>> byNodeClass;
    for (const BundleScan& scan : std::as_const(c.scans))
        for (const SourceRun& r : scan.sources)
            byNodeClass[{ r.node, r.resource }].append(r);
    std::map<std::pair<qint64, int>, QList<std::pair<SourceRun, DrillWindow>>> drill; // by source, import order
    for (auto it = byNodeClass.begin(); it != byNodeClass.end(); ++it) {
        QList<SourceRun>& runs = it.value();
        if (runs.size() < 2)
            continue;
        std::sort(runs.begin(), runs.end(), [](const SourceRun& a, const SourceRun& b) {
            return std::tie(a.first, a.bundleId, a.payload) < std::tie(b.first, b.bundleId, b.payload);
        });
        for (qsizetype i = 0; i < runs.size(); ++i)
            for (qsizetype j = i + 1; j < runs.size() && runs.at(j).first <= runs.at(i).last; ++j) {
                const SourceRun& a = runs.at(i);
                const SourceRun& b = runs.at(j);
                if (a.bundleId == b.bundleId && a.payload == b.payload)
                    continue;
                const DrillWindow w { a.node, a.resource, qMax(a.first, b.first), qMin(a.last, b.last) };
                drill[{ a.bundleId, a.payload }].append({ a, w });
                drill[{ b.bundleId, b.payload }].append({ b, w });
            }
    }
    if (drill.empty())
        return Status::success();
    struct Seen {
        qint64 bundle;
        int payload;
        qint64 line;
    };
    // (node, class, tenant, time) -> first row. Hashed, not a tree: a re-sent week is millions of keys.
    std::unordered_map<TenantKey, Seen, TenantKeyHash> keys;
    sql::Database& db = c.store.database();
    for (const auto& [source, windows] : drill) {
        // The windows of this source by node and class, so each row looks only at its own few.
        QHash<QPair<qint64, qint64>, QList<DrillWindow>> windowsOf;
        for (const auto& [run, w] : windows)
            windowsOf[{ w.node, w.resource }].append(w);
        QList<std::pair<qint64, qint64>> ranges;
        for (const auto& [run, w] : windows)
            ranges.append({ run.firstSeq, run.lastSeq });
        std::sort(ranges.begin(), ranges.end());
        QList<std::pair<qint64, qint64>> merged;
        for (const auto& r : std::as_const(ranges)) {
            if (!merged.isEmpty() && r.first <= merged.last().second + 1)
                merged.last().second = qMax(merged.last().second, r.second);
            else
                merged.append(r);
        }
        for (const auto& range : std::as_const(merged)) {
            SampleCursor select(db, source.first, range.first, range.second);
            while (select.next()) {
                const StoredSample& s = select.row();
                const qint64 tenant = s.tenant;
                const double allocated = s.allocated;
                const qint64 time = s.time, node = s.node, resource = s.resource;
                if (s.payload != source.second || tenant == 0 || isMissing(allocated) || !c.inPeriod(time))
                    continue;
                const auto own = windowsOf.constFind({ node, resource });
                const bool inWindow = own != windowsOf.constEnd()
                    && std::any_of(
                        own->begin(), own->end(), [&](const DrillWindow& w) { return time >= w.from && time <= w.to; });
                if (!inWindow)
                    continue;
                const qint64 line = s.line;
                const auto [seen, inserted] = keys.try_emplace(
                    TenantKey { node, resource, tenant, time }, Seen { source.first, source.second, line });
                // The same source twice is a repeat within one payload, which the scan already reported.
                if (inserted || (seen->second.bundle == source.first && seen->second.payload == source.second))
                    continue;
                c.duplicates.append({ time, node, resource, tenant, allocated, seen->second.bundle, source.first,
                    seen->second.payload, source.second, seen->second.line, line });
            }
            if (select.failed())
                return select.error();
        }
    }
    return Status::success();
}

void duplicateRule(CheckContext& c)
{
    using Key = std::tuple<qint64, int, qint64, int, qint64, qint64>; // bundles and payloads, node, class
    std::map<Key, DuplicateGroup> groups;
    // Which source was read first depends on import order; the pair is named in the canonical bundle order instead
    // (CheckContext::bundles: signing time, then digest), so the finding is the same whatever the import order.
    QHash<qint64, qsizetype> rank;
    for (qsizetype i = 0; i < c.bundles.size(); ++i)
        rank.insert(c.bundles.at(i).id, i);
    for (DuplicateRow d : std::as_const(c.duplicates)) {
        if (std::make_pair(rank.value(d.secondBundle), d.secondPayload)
            < std::make_pair(rank.value(d.firstBundle), d.firstPayload)) {
            std::swap(d.firstBundle, d.secondBundle);
            std::swap(d.firstPayload, d.secondPayload);
            std::swap(d.firstLine, d.secondLine);
        }
        DuplicateGroup& g =
            groups[{ d.firstBundle, d.firstPayload, d.secondBundle, d.secondPayload, d.node, d.resource }];
        const bool first = g.count++ == 0;
        g.allocated += d.allocated * double(c.effectiveStep(d.secondBundle)) / double(kHour);
        g.first = first ? d.time : qMin(g.first, d.time);
        g.last = first ? d.time : qMax(g.last, d.time);
        g.firstLineMin = first ? d.firstLine : qMin(g.firstLineMin, d.firstLine);
        g.firstLineMax = qMax(g.firstLineMax, d.firstLine);
        g.secondLineMin = first ? d.secondLine : qMin(g.secondLineMin, d.secondLine);
        g.secondLineMax = qMax(g.secondLineMax, d.secondLine);
        g.tenants.insert(d.tenant);
    }
    for (const auto& [key, g] : groups) {
        const auto& [firstBundle, firstPayload, secondBundle, secondPayload, node, resource] = key;
        const StoredBundle* a = c.bundle(firstBundle);
        const StoredBundle* b = c.bundle(secondBundle);
        QStringList tenants;
        for (qint64 t : g.tenants)
            tenants.append(c.tenantNames.value(t));
        tenants.sort();
        Finding f;
        f.ruleId = QLatin1String(rules::kTelemetryDuplicates);
        f.provider = providerOfNode(c, node);
        f.node = c.nodeNames.value(node);
        f.resourceClass = c.resourceNames.value(resource);
        f.range = { g.first, g.last + c.effectiveStep(secondBundle) };
        f.measured = double(g.count);
        f.unit = QStringLiteral(QT_TRANSLATE_NOOP("capaudit::FindingUnit", "duplicated rows"));
        const QString where = firstBundle == secondBundle && firstPayload == secondPayload
            ? QStringLiteral("one payload of bundle %1").arg(a ? a->digest.left(12) : QString())
            : QStringLiteral("bundles %1 and %2")
                  .arg(a ? a->digest.left(12) : QString(), b ? b->digest.left(12) : QString());
        f.say("telemetry.duplicate-tenant-rows",
            QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                "%1 tenant rows of node %2 (%3) repeat a (time, node, class, tenant) key in %4: %5 unit-hours counted "
                "twice"),
            { marg(g.count), marg(f.node), marg(f.resourceClass), marg(where), marg(g.allocated, 0, 'f', 3) });
        f.evidence.append(lineRef(c, firstBundle, firstPayload, g.firstLineMin, g.firstLineMax,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "rows first reporting the keys"))));
        f.evidence.append(lineRef(c, secondBundle, secondPayload, g.secondLineMin, g.secondLineMax,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "rows repeating them"))));
        f.details = { { QStringLiteral("doubleCountedQuantity"), g.allocated },
            { QStringLiteral("tenants"), tenants.join(QLatin1Char(',')) },
            { QStringLiteral("subject"),
                QStringLiteral("%1/%2 %3/%4")
                    .arg(a ? a->digest : QString())
                    .arg(firstPayload)
                    .arg(b ? b->digest : QString())
                    .arg(secondPayload) } };
        c.add(f);
    }
}

} // namespace

namespace {

// The SLA window and attested node capacities of one attestation (version). Every version attestationAt can return
// must pass through here: the scan caps capacity and judges windows with whatever version governs a time.
Status loadBoundsOf(CheckContext& c, ProviderAttestation& a, const QHash<QString, qint64>& bundleIds,
    const QHash<QString, qint64>& resourceIds)
{
    sql::Database& db = c.store.database();
    sql::Statement* sla = db.prepare("SELECT measurement_window FROM attestation_sla WHERE bundle = ?");
    sql::Statement* nodes = db.prepare("SELECT capacity FROM attestation_nodes WHERE bundle = ? AND seq = ?");
    if (!sla || !nodes)
        return db.lastError();
    sla->bind(1, bundleIds.value(a.bundleDigest));
    a.measurementWindow = sla->next() ? sla->int64(0) : 0;
    if (sla->failed())
        return sla->error();
    sla->reset();
    a.nodeCapacity.clear();
    for (const AttestedNodeInfo& n : std::as_const(a.nodes)) {
        nodes->bind(1, bundleIds.value(n.bundleDigest)).bind(2, n.line - 1);
        const QString text = nodes->next() ? nodes->text(0) : QString();
        if (nodes->failed())
            return nodes->error();
        nodes->reset();
        Result<QJsonObject> capacity = parseJsonObject(text.toUtf8(), QStringLiteral("attestation_nodes.capacity"));
        if (!capacity)
            continue; // validated at import; an unreadable entry bounds nothing
        for (auto it = capacity->begin(); it != capacity->end(); ++it) {
            const auto id = resourceIds.constFind(it.key());
            if (id == resourceIds.constEnd() || !it.value().isDouble())
                continue; // no telemetry of that class exists
            a.nodeCapacity.insert({ n.nodeId, *id }, it.value().toDouble());
        }
    }
    return Status::success();
}

} // namespace

Status loadAttestedBounds(CheckContext& c)
{
    QHash<QString, qint64> bundleIds;
    for (const StoredBundle& b : std::as_const(c.bundles))
        bundleIds.insert(b.digest, b.id);
    QHash<QString, qint64> resourceIds;
    for (auto it = c.resourceNames.begin(); it != c.resourceNames.end(); ++it)
        resourceIds.insert(it.value(), it.key());
    bool wholeDays = true;
    for (ProviderAttestation& a : c.attestations) {
        if (Status s = loadBoundsOf(c, a, bundleIds, resourceIds); !s)
            return s;
        wholeDays = wholeDays && a.period.start % kDay == 0 && a.measurementWindow % kDay == 0;
    }
    // attestationAt() hands out pointers into the versions: each one needs its own window and capacity caps.
    for (QList<ProviderAttestation>& versions : c.attestationVersions)
        for (ProviderAttestation& a : versions) {
            if (Status s = loadBoundsOf(c, a, bundleIds, resourceIds); !s)
                return s;
            wholeDays = wholeDays && a.period.start % kDay == 0 && a.measurementWindow % kDay == 0;
        }
    c.tallyBucket = wholeDays ? kDay : kHour;
    return Status::success();
}

Status runBoundsRules(CheckContext& c)
{
    stepRule(c);
    capacityRule(c);
    QList<DuplicateRow> within;
    for (const BundleScan& scan : std::as_const(c.scans))
        within.append(scan.duplicates);
    c.duplicates = within;
    if (Status s = crossSourceDuplicates(c); !s)
        return s;
    duplicateRule(c);
    return Status::success();
}

} // namespace capaudit::analytics::detail
