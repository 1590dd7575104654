// SPDX-License-Identifier: GPL-3.0-or-later
// telemetry.meter-agreement: the provider's own telemetry against an independent meter's, step by step, wherever both
// cover a node and class. The provider gains from reporting nodes up and at full capacity; the meter is signed by
// someone else, so where the two disagree in the provider's favour the auditor must hear about it — and the meter's
// mere presence must never soften the provider's report.
//
// Only what the meter itself states is compared: a node row tells that the meter reached the node (and its state and
// capacity when the meter reports them); a meter that scraped other nodes of the provider at a time but not this one
// did not reach it. The provider's side comes from its node-hour aggregates (a regular group has one state and one
// capacity for the whole hour), and only groups that change inside the hour are re-read from the raw samples, so the
// cost follows the meter's size, not the provider's.
#include "analytics/meterrules.h"

#include "analytics/checkcontext.h"
#include "analytics/rulecatalog.h"
#include "store/nodehourbuilder.h"
#include "store/samplecursor.h"
#include "store/sqlitedb.h"

#include <algorithm>
#include <map>
#include <set>
#include <vector>

namespace capaudit::analytics::detail {
namespace {

constexpr qint64 kHour = 3600;

bool available(int state)
{
    return state != int(NodeState::Down) && state != int(NodeState::Maintenance);
}

// What the provider's telemetry says about one node and class over [first, last + step).
struct ProviderSpan {
    qint64 first = 0, last = 0, step = 0;
    int state = -1;
    double capacity = kMissing;
    qint64 bundleId = 0;
    int payload = 0;
    qint64 firstSeq = 0;
    bool contains(qint64 t) const
    {
        return t >= first && t < last + step;
    }
};

// What the meter reported for one node and class at one scrape.
struct MeterPoint {
    bool nodeRow = false;
    int state = -1;
    double capacity = kMissing;
    double allocated = 0; // sum over its tenant rows
    bool hasAllocation = false;
    qint64 line = 0;
    int payload = 0;
};

using NodeClass = std::pair<qint64, qint64>; // (node id, resource id)
// A node class's scrapes in time order, one entry per time. Flat vectors, not maps: a year of one-minute meter samples
// is two million points, and tree nodes made the meter rule most of the check's time (docs/performance.md).
using MeterPoints = std::vector<std::pair<qint64, MeterPoint>>;

enum class Disagreement { None, Unavailable, Capacity, Allocation };

struct Run {
    Disagreement kind = Disagreement::None;
    qint64 first = 0, last = 0; // meter scrape times
    qint64 scrapes = 0;
    double providerValue = 0, meterValue = kMissing; // capacity or allocation, at the widest gap
    double unitHours = 0; // capacity or allocation the provider claimed beyond what the meter saw
    qint64 meterFirstLine = 0, meterLastLine = 0;
    int meterPayload = 0;
    const ProviderSpan* provider = nullptr;
};

class MeterComparison {
public:
    MeterComparison(const CheckContext& c, sql::Database& db, const StoredBundle& meter, QList<Finding>& findings)
        : m_c(c)
        , m_db(db)
        , m_meter(meter)
        , m_findings(findings)
        , m_relative(
              c.options.policy.threshold(QLatin1String(rules::kMeterAgreement), QStringLiteral("relativeTolerance")))
        , m_absolute(
              c.options.policy.threshold(QLatin1String(rules::kMeterAgreement), QStringLiteral("absoluteTolerance")))
        , m_minSeconds(
              c.options.policy.threshold(QLatin1String(rules::kMeterAgreement), QStringLiteral("minDurationHours"))
              * 3600)
    {
    }

    Status run(MeterCoverage& coverage)
    {
        if (Status s = readMeter(); !s)
            return s;
        for (const auto& [key, points] : m_points)
            coverage.covered.insert(key);
        if (m_points.empty())
            return Status::success();
        for (const StoredBundle& b : std::as_const(m_c.bundles))
            if (b.provider == m_meter.provider && b.kind == BundleKind::Telemetry && b.meter != u"independent"
                && b.period.start <= m_last && m_first < b.period.end)
                if (Status s = readProvider(b); !s)
                    return s;
        for (auto& [key, spans] : m_spans)
            std::sort(spans.begin(), spans.end(),
                [](const ProviderSpan& a, const ProviderSpan& b) { return a.first < b.first; });
        for (const auto& [key, points] : m_points)
            compare(key, points);
        return Status::success();
    }

private:
    Status readMeter()
    {
        sql::Database& db = m_db;
        SampleCursor select(db, m_meter.id);
        MeterPoints* points = nullptr;
        NodeClass lastKey;
        bool sorted = true;
        while (select.next()) {
            const StoredSample& s = select.row();
            const qint64 time = s.time;
            if (!m_c.inPeriod(time))
                continue;
            const NodeClass key { s.node, s.resource };
            if (!points || key != lastKey) {
                points = &m_points[key];
                lastKey = key;
            }
            // Rows come in file order: a scrape's node row and tenant rows are adjacent and times rise, so the point
            // is almost always the last one; anything else is put in order below.
            if (points->empty() || points->back().first != time) {
                sorted = sorted && (points->empty() || points->back().first < time);
                points->push_back({ time, MeterPoint() });
            }
            MeterPoint& point = points->back().second;
            if (s.tenant != 0) {
                if (!isMissing(s.allocated)) {
                    point.allocated += s.allocated;
                    point.hasAllocation = true;
                    m_allocationHours.insert({ key, hourOf(time) });
                }
                continue;
            }
            point.nodeRow = true;
            point.state = int(s.state);
            point.capacity = s.capacity;
            point.line = s.line;
            point.payload = int(s.payload);
            m_scrapes[key.second].push_back(time);
            m_first = m_any ? qMin(m_first, time) : time;
            m_last = m_any ? qMax(m_last, time) : time;
            m_any = true;
        }
        if (select.failed())
            return select.error();
        if (!sorted)
            for (auto& [key, list] : m_points)
                list = mergedByTime(std::move(list));
        for (auto& [resource, times] : m_scrapes) {
            std::sort(times.begin(), times.end());
            times.erase(std::unique(times.begin(), times.end()), times.end());
        }
        return Status::success();
    }

    // Points of one node class in time order, those of equal time merged as one scrape: tenant allocations add up,
    // the last node row read wins (as file order would have it).
    static MeterPoints mergedByTime(MeterPoints list)
    {
        std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        MeterPoints out;
        for (const auto& [time, point] : list) {
            if (out.empty() || out.back().first != time) {
                out.push_back({ time, point });
                continue;
            }
            MeterPoint& into = out.back().second;
            into.allocated += point.allocated;
            into.hasAllocation = into.hasAllocation || point.hasAllocation;
            if (point.nodeRow) {
                const double allocated = into.allocated;
                const bool hasAllocation = into.hasAllocation;
                into = point;
                into.allocated = allocated;
                into.hasAllocation = hasAllocation;
            }
        }
        return out;
    }

    Status readProvider(const StoredBundle& b)
    {
        sql::Database& db = m_db;
        const qint64 step = m_c.effectiveStep(b.id);
        Result<bool> aggregated = m_c.options.useNodeHours ? NodeHourBuilder::hasAggregates(db, b.id) : false;
        if (!aggregated)
            return aggregated.error();
        if (!*aggregated)
            return readProviderRaw(b, step, {});
        Result<QList<NodeHourRow>> groups = NodeHourBuilder::read(db, b.id);
        if (!groups)
            return groups.error();
        QList<std::pair<qint64, qint64>> ranges;
        for (const NodeHourRow& g : std::as_const(*groups)) {
            const NodeClass key { g.node, g.resource };
            if (!m_points.count(key) || g.maxTime < m_first || g.minTime > m_last)
                continue;
            // The meter reports allocations here: the provider's per-step sums come from its raw rows.
            if (m_allocationHours.count({ key, g.hour }))
                ranges.append({ g.firstSeq, g.lastSeq });
            if (g.nodeSteps == 0)
                continue;
            if (g.regular)
                m_spans[key].append({ g.nodeFirst, g.nodeLast, g.spacing > 0 ? g.spacing : step, g.state, g.capacity,
                    b.id, int(g.payload), g.nodeFirstSeq });
            else
                ranges.append({ g.firstSeq, g.lastSeq });
        }
        std::sort(ranges.begin(), ranges.end());
        for (qsizetype i = 0; i < ranges.size();) {
            std::pair<qint64, qint64> merged = ranges.at(i);
            while (++i < ranges.size() && ranges.at(i).first <= merged.second + 1)
                merged.second = qMax(merged.second, ranges.at(i).second);
            if (Status s = readProviderRaw(b, step, merged); !s)
                return s;
        }
        return Status::success();
    }

    // Rows of the covered nodes: the whole bundle (RANGE empty) or one seq range of groups that are irregular or whose
    // allocations the meter reports. A node row read twice only repeats a span, which changes no claim.
    Status readProviderRaw(const StoredBundle& b, qint64 step, std::pair<qint64, qint64> range)
    {
        const bool whole = range == std::pair<qint64, qint64>();
        sql::Database& db = m_db;
        SampleCursor select(db, b.id, whole ? 0 : range.first, whole ? SampleCursor::kAll : range.second);
        while (select.next()) {
            const StoredSample& s = select.row();
            const NodeClass key { s.node, s.resource };
            if (!m_points.count(key))
                continue;
            const qint64 time = s.time;
            if (s.tenant != 0) {
                if (!isMissing(s.allocated) && m_allocationHours.count({ key, hourOf(time) }))
                    m_allocated[{ key, b.id }][time] += s.allocated;
                continue;
            }
            m_spans[key].append({ time, time, step, int(s.state), s.capacity, b.id, int(s.payload), s.seq });
        }
        return select.failed() ? Status(select.error()) : Status::success();
    }

    // The provider's claim at T: "up" wins over any other report of the same step (that is the claim it profits from).
    const ProviderSpan* providerAt(const QList<ProviderSpan>& spans, qint64 t) const
    {
        auto it = std::upper_bound(
            spans.begin(), spans.end(), t, [](qint64 time, const ProviderSpan& s) { return time < s.first; });
        const ProviderSpan* best = nullptr;
        // Spans are short (an hour at most), so walking back a few covers every span that may contain T.
        for (int back = 0; it != spans.begin() && back < 64; ++back) {
            --it;
            if (!it->contains(t))
                continue;
            if (!best || (it->state == int(NodeState::Up) && best->state != int(NodeState::Up))
                || (it->state == best->state && it->capacity > best->capacity))
                best = &*it;
        }
        return best;
    }

    static qint64 hourOf(qint64 time)
    {
        return time - ((time % kHour) + kHour) % kHour;
    }

    // The provider's tenant allocations summed over the step of P's bundle that contains T; missing when it has none.
    double providerAllocationAt(const NodeClass& key, const ProviderSpan& p, qint64 t) const
    {
        const auto it = m_allocated.find({ key, p.bundleId });
        if (it == m_allocated.end())
            return kMissing;
        auto step = it->second.upper_bound(t);
        if (step == it->second.begin())
            return kMissing;
        --step;
        return t - step->first < p.step ? step->second : kMissing;
    }

    void compare(const NodeClass& key, const MeterPoints& points)
    {
        const auto spansIt = m_spans.find(key);
        if (spansIt == m_spans.end())
            return; // the provider says nothing about this node and class: telemetry.coverage's business
        const QList<ProviderSpan>& spans = spansIt->second;
        const std::vector<qint64>& scrapes = m_scrapes[key.second];
        const qint64 meterStep = m_c.effectiveStep(m_meter.id);
        Run run;
        auto close = [&]() {
            if (run.kind != Disagreement::None)
                report(key, run, meterStep);
            run = Run();
        };
        // Both lists are in time order, so the meter's own point at T is found by walking forward.
        auto cursor = points.begin();
        for (qint64 t : scrapes) {
            const ProviderSpan* p = providerAt(spans, t);
            if (!p || p->state != int(NodeState::Up) || isMissing(p->capacity) || p->capacity <= 0) {
                close(); // the provider itself does not claim the node: nothing to contradict
                continue;
            }
            while (cursor != points.end() && cursor->first < t)
                ++cursor;
            const auto point = cursor != points.end() && cursor->first == t ? cursor : points.end();
            Disagreement kind = Disagreement::None;
            double providerValue = p->capacity, meterValue = kMissing;
            if (point == points.end() || !point->second.nodeRow || !available(point->second.state)) {
                kind = Disagreement::Unavailable;
                meterValue = 0;
            } else if (!isMissing(point->second.capacity) && exceeds(p->capacity, point->second.capacity)) {
                kind = Disagreement::Capacity;
                meterValue = point->second.capacity;
            } else if (point->second.hasAllocation) {
                const double claimed = providerAllocationAt(key, *p, t);
                if (!isMissing(claimed) && exceeds(claimed, point->second.allocated)) {
                    kind = Disagreement::Allocation;
                    providerValue = claimed;
                    meterValue = point->second.allocated;
                }
            }
            if (kind != run.kind || (run.kind != Disagreement::None && t - run.last > meterStep))
                close();
            if (kind == Disagreement::None)
                continue;
            if (run.kind == Disagreement::None) {
                run.kind = kind;
                run.first = t;
                run.provider = p;
                run.meterValue = meterValue;
                run.providerValue = providerValue;
            }
            run.last = t;
            ++run.scrapes;
            run.unitHours += (providerValue - meterValue) * double(meterStep) / double(kHour);
            if (providerValue - meterValue > run.providerValue - run.meterValue) {
                run.providerValue = providerValue;
                run.meterValue = meterValue;
            }
            if (point != points.end()) {
                if (run.meterFirstLine == 0)
                    run.meterFirstLine = point->second.line;
                run.meterLastLine = point->second.line;
                run.meterPayload = point->second.payload;
            }
        }
        close();
    }

    bool exceeds(double claimed, double seen) const
    {
        return claimed > seen * (1 + m_relative) + m_absolute;
    }

    // The unit the contract gives the class ("GPU", "cores"), for the finding's sentence.
    QString unitOf(const QString& resourceClass) const
    {
        if (const ProviderAttestation* a = m_c.attestationAt(m_meter.provider, 0))
            for (const CommitmentLine& line : a->commitments)
                if (line.resourceClass == resourceClass && !line.unit.isEmpty())
                    return line.unit;
        return QStringLiteral("units");
    }

    void report(const NodeClass& key, const Run& run, qint64 meterStep)
    {
        const Period range { run.first, run.last + meterStep };
        if (double(range.end - range.start) < m_minSeconds)
            return;
        Finding f;
        f.ruleId = QLatin1String(rules::kMeterAgreement);
        f.provider = m_meter.provider;
        f.node = m_c.nodeNames.value(key.first);
        f.resourceClass = m_c.resourceNames.value(key.second);
        f.range = range;
        f.measured = run.meterValue;
        f.expected = run.providerValue;
        f.unit = unitOf(f.resourceClass);
        const double hours = double(range.end - range.start) / double(kHour);
        // Marked as words: the evidence note "independent meter: the %1 it saw" is translated with its word.
        static const char* const kNames[] = { "", "unavailable", QT_TRANSLATE_NOOP("capaudit::FindingWord", "capacity"),
            QT_TRANSLATE_NOOP("capaudit::FindingWord", "allocation") };
        const QString what = QLatin1String(kNames[int(run.kind)]);
        if (run.kind == Disagreement::Allocation)
            f.say("meter.allocation",
                QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                    "The independent meter saw %1 %2 allocated to tenants on node %3 (%4) for %5 h where %6 reported "
                    "%7"),
                { marg(run.meterValue), marg(f.unit), marg(f.node), marg(f.resourceClass), marg(hours, 0, 'f', 1),
                    marg(f.provider), marg(run.providerValue) });
        else if (run.kind == Disagreement::Unavailable)
            f.say("meter.unavailable",
                QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                    "The independent meter could not reach node %1 (%2) for %3 h while %4 reported it up with %5 %6"),
                { marg(f.node), marg(f.resourceClass), marg(hours, 0, 'f', 1), marg(f.provider),
                    marg(run.providerValue), marg(f.unit) });
        else
            f.say("meter.capacity",
                QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                    "The independent meter saw node %1 (%2) with a capacity of %3 %4 for %5 h where %6 reported %7"),
                { marg(f.node), marg(f.resourceClass), marg(run.meterValue), marg(f.unit), marg(hours, 0, 'f', 1),
                    marg(f.provider), marg(run.providerValue) });
        f.evidence.append(
            { m_meter.digest, m_c.payloadPath(m_meter.id, run.meterPayload), run.meterFirstLine, run.meterLastLine,
                run.kind == Disagreement::Unavailable
                    ? QStringLiteral(QT_TRANSLATE_NOOP(
                        "capaudit::EvidenceNote", "independent meter: no row for the node at these scrapes"))
                    : QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "independent meter: the %1 it saw"))
                          .arg(what) });
        if (const StoredBundle* b = m_c.bundle(run.provider->bundleId)) {
            const qint64 line = sampleLineIn(m_db, b->id, run.provider->firstSeq);
            f.evidence.append({ b->digest, m_c.payloadPath(b->id, run.provider->payload), line, line,
                QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "provider telemetry")) });
        }
        f.details = { { QStringLiteral("disagreement"), what }, { QStringLiteral("scrapes"), double(run.scrapes) },
            { QStringLiteral("unitHours"), run.unitHours }, { QStringLiteral("meterBundle"), m_meter.digest } };
        m_findings.append(f);
    }

    const CheckContext& m_c;
    sql::Database& m_db;
    const StoredBundle& m_meter;
    QList<Finding>& m_findings;
    const double m_relative, m_absolute, m_minSeconds;
    std::map<NodeClass, MeterPoints> m_points;
    std::map<qint64, std::vector<qint64>> m_scrapes; // by resource: the times the meter reported any node of the class
    std::map<NodeClass, QList<ProviderSpan>> m_spans;
    std::set<std::pair<NodeClass, qint64>> m_allocationHours; // (node class, hour) where the meter saw allocations
    std::map<std::pair<NodeClass, qint64>, std::map<qint64, double>> m_allocated; // (class, bundle) -> time -> sum
    qint64 m_first = 0, m_last = 0;
    bool m_any = false;
};

} // namespace

Result<MeterOutcome> runMeterRules(const CheckContext& c, sql::Database& db)
{
    MeterOutcome outcome;
    for (const StoredBundle& b : std::as_const(c.bundles)) {
        if (b.kind != BundleKind::Telemetry || b.meter != u"independent" || b.untrusted())
            continue;
        if (Status s = MeterComparison(c, db, b, outcome.findings).run(outcome.coverage[b.provider]); !s)
            return s.error();
    }
    return outcome;
}

} // namespace capaudit::analytics::detail

namespace capaudit::analytics::detail {

void reportPartialMeterCoverage(CheckContext& c, const QHash<QString, MeterCoverage>& coverage)
{
    // What the provider's own telemetry reports: node and class pairs with node-level rows.
    QMap<QString, std::set<std::pair<qint64, qint64>>> reported;
    for (const BundleScan& scan : std::as_const(c.scans))
        for (auto it = scan.nodes.begin(); it != scan.nodes.end(); ++it) {
            const QString provider = c.providerNames.value(c.nodeProvider.value(it.key()));
            for (const QMap<int, qint64>* steps : { &it->upSteps, &it->downSteps })
                for (auto s = steps->begin(); s != steps->end(); ++s)
                    reported[provider].insert({ it.key(), qint64(s.key() % 1000) });
        }
    for (auto it = coverage.begin(); it != coverage.end(); ++it) {
        const std::set<std::pair<qint64, qint64>>& own = reported.value(it.key());
        QStringList uncovered;
        for (const auto& pair : own)
            if (!it->covered.count(pair))
                uncovered.append(c.nodeNames.value(pair.first) + QLatin1Char('/') + c.resourceNames.value(pair.second));
        if (it->covered.empty() || uncovered.isEmpty())
            continue;
        std::sort(uncovered.begin(), uncovered.end());
        Finding f;
        f.ruleId = QLatin1String(rules::kEvidenceAssurance);
        f.provider = it.key();
        f.measured = double(own.size() - uncovered.size());
        f.expected = double(own.size());
        f.unit = QStringLiteral(QT_TRANSLATE_NOOP("capaudit::FindingUnit", "node classes"));
        f.say("meter.partial-coverage",
            QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                "The independent meter covers %1 of %2's %3 node classes; the other %4 rest on the provider's own "
                "signature"),
            { marg(own.size() - uncovered.size()), marg(it.key()), marg(own.size()), marg(uncovered.size()) });
        f.details = { { QStringLiteral("subject"), QStringLiteral("partial-meter") },
            { QStringLiteral("uncovered"), uncovered.mid(0, 20).join(QLatin1Char(',')) } };
        c.add(f);
    }
}

} // namespace capaudit::analytics::detail
