// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/usageaggregator.h"

#include "ingest/migprofiles.h"
#include "util/timeutil.h"

#include <QSet>

#include <algorithm>
#include <cmath>

namespace capaudit {

namespace {

// Floating-point sums of fractions may overshoot by rounding; anything beyond this is a real violation.
constexpr double kTolerance = 1e-9;

const QString* findLabel(const MetricLabels& labels, const QString& name)
{
    for (const auto& [key, value] : labels) {
        if (key == name)
            return &value;
    }
    return nullptr;
}

void addTo(double& field, double amount)
{
    field = isMissing(field) ? amount : field + amount;
}

// The more severe state wins within one scrape: a cordoned NotReady node is down.
int severity(NodeState state)
{
    switch (state) {
    case NodeState::Down:
        return 3;
    case NodeState::Maintenance:
        return 2;
    case NodeState::Up:
        return 1;
    case NodeState::Unknown:
        break;
    }
    return 0;
}

// The pod's identity: the values of the mapping's pod labels (namespace and pod name), which stay the same across
// kube-state-metrics' container, init container and info families.
QString podKey(const MetricMapping& m, const MetricLabels& labels)
{
    QString key;
    for (const QString& name : m.podLabels) {
        const QString* v = findLabel(labels, name);
        key += (v ? *v : QString()) + QLatin1Char('/');
    }
    return key;
}

} // namespace

UsageAggregator::NameTable::NameTable()
{
    id(QString()); // kNoName
}

int UsageAggregator::NameTable::id(const QString& name)
{
    const auto it = m_ids.constFind(name);
    if (it != m_ids.constEnd())
        return *it;
    const int next = int(m_names.size());
    m_ids.insert(name, next);
    m_names.append(name);
    return next;
}

void UsageAggregator::NameTable::rank()
{
    if (m_ranks.size() == size_t(m_names.size()))
        return;
    std::vector<int> order(size_t(m_names.size()));
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = int(i);
    std::sort(order.begin(), order.end(), [this](int a, int b) { return m_names.at(a).compare(m_names.at(b)) < 0; });
    m_ranks.assign(order.size(), 0);
    for (size_t r = 0; r < order.size(); ++r)
        m_ranks[size_t(order[r])] = int(r);
}

int UsageAggregator::compare(const CellKey& a, const CellKey& b) const
{
    if (a.time != b.time)
        return a.time < b.time ? -1 : 1;
    for (const auto& [x, y] : { std::pair { a.node, b.node }, std::pair { a.resourceClass, b.resourceClass },
             std::pair { a.tenant, b.tenant } }) {
        if (x != y)
            return m_names.rankOf(x) < m_names.rankOf(y) ? -1 : 1;
    }
    return 0;
}

// The entries of a hash in key order (iterators stay valid while nothing is inserted).
template <typename Hash, typename Less>
QList<typename Hash::iterator> UsageAggregator::inKeyOrder(Hash& hash, Less less)
{
    QList<typename Hash::iterator> out;
    out.reserve(hash.size());
    for (auto it = hash.begin(); it != hash.end(); ++it)
        out.append(it);
    std::sort(out.begin(), out.end(), [&less](const auto& a, const auto& b) { return less(a.key(), b.key()); });
    return out;
}

UsageAggregator::UsageAggregator(const MappingSet& mappings, QString fileName, UsageSink& sink, Mode mode)
    : m_mappings(mappings)
    , m_fileName(std::move(fileName))
    , m_sink(sink)
    , m_mode(mode)
{
}

Error UsageAggregator::error(const MetricObservation& obs, const QString& field, const QString& reason) const
{
    if (!obs.pointer.isEmpty())
        return Error(m_fileName, 0, obs.pointer, reason);
    return Error(m_fileName, obs.line, field, reason);
}

Error UsageAggregator::cellError(qint64 line, const QString& field, const QString& reason) const
{
    // In Document mode LINE is a data point ordinal, which must not be mistaken for a line number.
    if (m_mode == Mode::Document)
        return Error(m_fileName, 0, QStringLiteral("data point %1").arg(line), reason);
    return Error(m_fileName, line, field, reason);
}

UsageAggregator::Cell& UsageAggregator::cell(qint64 time, int node, int resourceClass, int tenant, qint64 line)
{
    Cell& c = m_cells[CellKey { time, node, resourceClass, tenant }];
    if (c.line == 0)
        c.line = line;
    return c;
}

Status UsageAggregator::add(const MetricObservation& obs)
{
    const QList<qsizetype>* indexes = obs.resolved ? obs.mappings : m_mappings.find(obs.metric);
    if (!indexes)
        return {};
    if (m_mode == Mode::Streaming) {
        if (m_haveGroup && obs.time < m_groupTime)
            return error(obs, QStringLiteral("timestamp"),
                QStringLiteral("time %1 is earlier than the preceding scrape at %2; samples must be grouped by "
                               "scrape in time order")
                    .arg(formatUnixSeconds(obs.time), formatUnixSeconds(m_groupTime)));
        if (m_haveGroup && obs.time > m_groupTime) {
            if (Status s = flush(); !s.ok())
                return s;
        }
        m_haveGroup = true;
        m_groupTime = obs.time;
    }
    bool duplicate = false;
    qint64 firstLine = 0;
    if (m_seriesAdjacent) {
        const bool maybeSame = obs.seriesHash == 0 || m_lastHash == 0 || obs.seriesHash == m_lastHash;
        duplicate = obs.time == m_lastTime && maybeSame && obs.seriesKey == m_lastSeries;
        firstLine = m_lastLine;
        m_lastSeries = obs.seriesKey;
        m_lastHash = obs.seriesHash;
        m_lastTime = obs.time;
        m_lastLine = obs.line;
    } else if (const auto seen = m_seen.constFind({ obs.seriesKey, obs.time }); seen != m_seen.constEnd()) {
        duplicate = true;
        firstLine = *seen;
    } else {
        m_seen.insert({ obs.seriesKey, obs.time }, obs.line);
    }
    if (duplicate)
        return error(obs, obs.metric,
            firstLine > 0
                ? QStringLiteral("duplicate sample for %1 at %2 (first on line %3)")
                      .arg(obs.seriesKey, formatUnixSeconds(obs.time))
                      .arg(firstLine)
                : QStringLiteral("duplicate sample for %1 at %2").arg(obs.seriesKey, formatUnixSeconds(obs.time)));
    for (const qsizetype index : *indexes) {
        if (Status s = apply(index, obs); !s.ok())
            return s;
    }
    return {};
}

Result<std::optional<double>> UsageAggregator::rate(qsizetype index, const MetricObservation& obs)
{
    if (obs.deltaSeconds > 0)
        return std::optional<double>(obs.value / static_cast<double>(obs.deltaSeconds));
    CounterPoint& last = m_counters[{ obs.seriesKey, index }];
    const bool first = last.time == 0;
    const CounterPoint previous = last;
    last = CounterPoint { obs.time, obs.value };
    if (first) {
        ++m_baselines;
        return std::optional<double>();
    }
    if (obs.time <= previous.time)
        return error(
            obs, QStringLiteral("timestamp"), QStringLiteral("counter %1 is not in time order").arg(obs.seriesKey));
    // A counter that went down was reset (process restart): like PromQL, count the new value as the increase.
    const double increase = obs.value >= previous.value ? obs.value - previous.value : obs.value;
    return std::optional<double>(increase / static_cast<double>(obs.time - previous.time));
}

Result<ResolvedSeries> UsageAggregator::resolve(const MetricMapping& m, const MetricObservation& obs) const
{
    ResolvedSeries r;
    const MetricLabels& labels = *obs.labels;
    for (auto it = m.match.constBegin(); it != m.match.constEnd(); ++it) {
        const QString* v = findLabel(labels, it.key());
        if (!v || *v != it.value())
            return r;
    }
    for (auto it = m.exclude.constBegin(); it != m.exclude.constEnd(); ++it) {
        const QString* v = findLabel(labels, it.key());
        if (v && it.value().contains(*v))
            return r;
    }
    if (!m.requireLabel.isEmpty()) {
        const QString* v = findLabel(labels, m.requireLabel);
        if (!v || v->isEmpty()) {
            r.outcome = ResolvedSeries::Outcome::Ignored;
            return r;
        }
    }
    if (m.target == MetricTarget::Sidecar) {
        const QString* container = findLabel(labels, m.containerLabel);
        if (!container)
            return error(obs, m.containerLabel,
                QStringLiteral("%1 has no container label '%2'").arg(obs.metric, m.containerLabel));
        r.outcome = ResolvedSeries::Outcome::Sidecar;
        r.podKey = podKey(m, labels);
        r.container = *container;
        return r;
    }

    r.resourceClass = m.resourceClass;
    r.scale = m.scale;
    if (!m.migProfileLabel.isEmpty()) {
        if (const QString* v = findLabel(labels, m.migProfileLabel); v && !v->isEmpty()) {
            const auto fraction = migGpuFraction(*v);
            if (!fraction)
                return error(obs, m.migProfileLabel,
                    QStringLiteral("MIG profile '%1' is not in the table of known profiles (docs/formats.md); "
                                   "map it with a user mapping")
                        .arg(*v));
            r.scale *= *fraction;
        }
    }
    if (!m.resourceLabel.isEmpty()) {
        const QString* v = findLabel(labels, m.resourceLabel);
        if (!v)
            return error(obs, m.resourceLabel, QStringLiteral("%1 has no label '%2'").arg(obs.metric, m.resourceLabel));
        const auto rm = m.resources.constFind(*v);
        if (rm == m.resources.constEnd()) {
            r.outcome = ResolvedSeries::Outcome::Ignored; // a resource the audit does not track (pods, hugepages)
            return r;
        }
        r.resourceClass = rm->resourceClass;
        r.scale *= rm->scale;
    }

    QString notANode; // "Hostname=dcgm-exporter-cmhft": a label value the mapping says is not a node
    bool emptyNodeLabel = false;
    for (const QString& name : m.nodeLabels) {
        if (const QString* v = findLabel(labels, name)) {
            if (v->isEmpty()) {
                emptyNodeLabel = true;
                continue;
            }
            const auto nn = m.notNode.constFind(name);
            if (nn != m.notNode.constEnd() && nn->match(*v).hasMatch()) {
                notANode = name + QLatin1Char('=') + *v;
                continue;
            }
            r.node = *v;
            break;
        }
    }
    if (r.node.isEmpty()) {
        if (emptyNodeLabel && m.skipEmptyNode) {
            r.outcome = ResolvedSeries::Outcome::Ignored; // e.g. a pending pod: not allocated on any node yet
            return r;
        }
        if (m_defaultNode.isEmpty() && !notANode.isEmpty())
            return error(obs, notANode.section(QLatin1Char('='), 0, 0),
                QStringLiteral("%1: '%2' is the exporter pod's own name, not a node (its DaemonSet does not set "
                               "NODE_NAME); relabel with kubernetes_node or node, or set defaultNode in the "
                               "payload entry")
                    .arg(obs.metric, notANode));
        if (m_defaultNode.isEmpty())
            return error(obs, m.nodeLabels.join(QLatin1Char('|')),
                QStringLiteral("%1 has no node label (%2) and no default node was given")
                    .arg(obs.metric, m.nodeLabels.join(QStringLiteral(", "))));
        r.node = m_defaultNode;
    }
    for (const QString& name : m.tenantLabels) {
        if (const QString* v = findLabel(labels, name); v && !v->isEmpty()) {
            r.tenant = *v;
            break;
        }
    }
    if (!m.deviceLabel.isEmpty()) {
        const QString* v = findLabel(labels, m.deviceLabel);
        if (!v || v->isEmpty())
            return error(
                obs, m.deviceLabel, QStringLiteral("%1 has no device label '%2'").arg(obs.metric, m.deviceLabel));
    }
    if (!m.podLabels.isEmpty())
        r.podKey = podKey(m, labels);
    if (m.target == MetricTarget::AllocatedInit) {
        const QString* container = findLabel(labels, m.containerLabel);
        r.container = container ? *container : QString();
    }
    if (m.target == MetricTarget::State) {
        r.state = m.fixedState;
        if (!m.stateLabel.isEmpty()) {
            const QString* v = findLabel(labels, m.stateLabel);
            const auto st = v ? m.states.constFind(*v) : m.states.constEnd();
            r.stateKnown = st != m.states.constEnd();
            r.stateValue = v ? *v : QString();
            if (r.stateKnown)
                r.state = *st;
        }
    }
    r.outcome = ResolvedSeries::Outcome::Use;
    return r;
}

Status UsageAggregator::apply(qsizetype index, const MetricObservation& obs)
{
    const MetricMapping& m = m_mappings.mappings().at(index);
    ResolvedSeries local;
    ResolvedSeries* r = nullptr;
    if (obs.resolved) {
        if (const auto it = obs.resolved->find(index); it != obs.resolved->end())
            r = &it.value();
    }
    if (!r) {
        Result<ResolvedSeries> resolved = resolve(m, obs);
        if (!resolved)
            return resolved.error(); // not kept: an error ends the payload
        if (obs.resolved)
            r = &obs.resolved->insert(index, *resolved).value();
        else {
            local = *resolved;
            r = &local;
        }
    }
    switch (r->outcome) {
    case ResolvedSeries::Outcome::NotMatched:
        return {};
    case ResolvedSeries::Outcome::Ignored:
        ++m_ignored;
        return {};
    case ResolvedSeries::Outcome::Sidecar:
        ++m_mapped;
        if (obs.value == 1)
            m_sidecars.insert({ obs.time, r->podKey + QChar(0x1f) + r->container });
        return {};
    case ResolvedSeries::Outcome::Use:
        break;
    }

    if (!std::isfinite(obs.value))
        return error(obs, obs.metric, QStringLiteral("value %1 is not finite").arg(obs.value));
    if (obs.value < 0)
        return error(obs, obs.metric, QStringLiteral("value %1 is negative").arg(obs.value));
    ++m_mapped;

    if (r->namedBy != this) {
        r->namedBy = this;
        r->nodeId = m_names.id(r->node);
        r->classId = m_names.id(r->resourceClass);
        r->tenantId = m_names.id(r->tenant);
        r->podId = m_names.id(r->podKey);
    }
    const double amount = obs.value * r->scale;
    const int node = r->nodeId;
    const int resourceClass = r->classId;
    const int tenant = r->tenantId;
    switch (m.target) {
    case MetricTarget::Capacity:
        addTo(cell(obs.time, node, resourceClass, kNoName, obs.line).capacity, amount);
        break;
    case MetricTarget::Allocatable:
        addTo(cell(obs.time, node, resourceClass, kNoName, obs.line).allocatable, amount);
        break;
    case MetricTarget::Allocated:
    case MetricTarget::AllocatedInit:
        if (!m.podLabels.isEmpty()) {
            PodGroup& pod = m_pods[PodKey { CellKey { obs.time, node, resourceClass, tenant }, r->podId }];
            if (pod.line == 0)
                pod.line = obs.line;
            if (m.target == MetricTarget::Allocated)
                pod.app += amount;
            else
                pod.inits[r->container] += amount;
        } else {
            addTo(cell(obs.time, node, resourceClass, tenant, obs.line).allocated, amount);
        }
        break;
    case MetricTarget::Reserved:
        addTo(cell(obs.time, node, resourceClass, kNoName, obs.line).reserved, amount);
        break;
    case MetricTarget::Sidecar:
        break;
    case MetricTarget::Used:
        addTo(cell(obs.time, node, resourceClass, tenant, obs.line).used, amount);
        break;
    case MetricTarget::UsedRatio:
        if (amount > 1 + kTolerance)
            return error(obs, obs.metric,
                QStringLiteral("%1 × scale %2 = %3 is more than one whole device; check the mapping scale")
                    .arg(obs.value)
                    .arg(r->scale)
                    .arg(amount));
        addTo(cell(obs.time, node, resourceClass, tenant, obs.line).used, amount);
        break;
    case MetricTarget::UsedRate: {
        auto rated = rate(index, obs);
        if (!rated)
            return rated.error();
        if (rated->has_value())
            addTo(cell(obs.time, node, resourceClass, tenant, obs.line).used, **rated * r->scale);
        break;
    }
    case MetricTarget::Free:
        addTo(cell(obs.time, node, resourceClass, kNoName, obs.line).free, amount);
        break;
    case MetricTarget::State: {
        if (obs.value != 0 && obs.value != 1)
            return error(obs, obs.metric, QStringLiteral("state series must be 0 or 1, found %1").arg(obs.value));
        if (!r->stateKnown)
            return error(obs, m.stateLabel,
                QStringLiteral("label '%1' value '%2' is not in the mapping's states")
                    .arg(m.stateLabel, r->stateValue));
        if (obs.value == 1) {
            StateCell& sc = m_states[{ obs.time, node }];
            if (sc.line == 0 || severity(r->state) > severity(sc.state))
                sc = StateCell { r->state, obs.line };
        }
        break;
    }
    }
    return {};
}

// Kubernetes' effective request of a pod (per resource): max(sum of app containers + sum of sidecars, largest
// other init container). The order of spec.initContainers is not in the metrics, so a sidecar listed before an init
// container is not added to that init container's need: the result is the rule's lower bound, and equals it when
// init containers need no more than the pod's steady state (the usual case). docs/formats.md has the rule.
void UsageAggregator::flushPods()
{
    // Several pods add to one cell: in key order, so the sum does not depend on the hash's layout.
    m_names.rank();
    const auto podOrder = [this](const PodKey& a, const PodKey& b) {
        const int c = compare(a.cell, b.cell);
        return c != 0 ? c < 0 : m_names.rankOf(a.pod) < m_names.rankOf(b.pod);
    };
    for (const auto& it : inKeyOrder(m_pods, podOrder)) {
        const CellKey& key = it.key().cell;
        double steady = it->app;
        double initMax = 0;
        for (auto init = it->inits.constBegin(); init != it->inits.constEnd(); ++init) {
            if (m_sidecars.contains({ key.time, m_names.name(it.key().pod) + QChar(0x1f) + init.key() }))
                steady += *init;
            else
                initMax = std::max(initMax, *init);
        }
        addTo(cell(key.time, key.node, key.resourceClass, key.tenant, it->line).allocated, std::max(steady, initMax));
    }
    m_pods.clear();
    m_sidecars.clear();
}

Status UsageAggregator::emitCell(const CellKey& key, const Cell& c, std::optional<double> usedTotal)
{
    UsageSample s;
    const QString& node = m_names.name(key.node);
    const QString& resourceClass = m_names.name(key.resourceClass);
    s.time = key.time;
    s.node = node;
    s.resourceClass = resourceClass;
    s.tenant = m_names.name(key.tenant);
    s.line = c.line;
    s.allocated = c.allocated;
    s.used = c.used;
    s.capacity = isMissing(c.capacity) ? c.allocatable : c.capacity;
    if (!isMissing(c.free)) {
        const double reserved = isMissing(c.reserved) ? 0.0 : c.reserved;
        if (isMissing(s.capacity) && usedTotal) {
            s.capacity = *usedTotal + c.free + reserved;
        } else if (!isMissing(s.capacity) && !usedTotal) {
            s.used = s.capacity - c.free - reserved;
            if (s.used < -kTolerance * std::max(1.0, s.capacity))
                return cellError(c.line, resourceClass,
                    QStringLiteral("free %1 exceeds capacity %2 on node %3 at %4")
                        .arg(c.free)
                        .arg(s.capacity)
                        .arg(node, formatUnixSeconds(key.time)));
            s.used = std::max(0.0, s.used);
        } else if (isMissing(s.capacity)) {
            return cellError(c.line, resourceClass,
                QStringLiteral("free %1 on node %2 at %3 has no capacity or used sample in the same scrape")
                    .arg(resourceClass, node, formatUnixSeconds(key.time)));
        }
    }
    if (key.tenant == kNoName) {
        const auto st = m_states.constFind({ key.time, key.node });
        if (st != m_states.constEnd())
            s.state = st->state;
    }
    if (Status status = m_sink.addSample(s); !status.ok())
        return status;
    ++m_emitted;
    return {};
}

Status UsageAggregator::flush()
{
    flushPods();
    QSet<std::pair<qint64, int>> nodesWithRows;
    for (auto it = m_cells.constBegin(); it != m_cells.constEnd(); ++it) {
        if (it.key().tenant == kNoName)
            nodesWithRows.insert({ it.key().time, it.key().node });
    }
    // A node that only reported a state still gets a row; "node" stands for the whole machine.
    for (auto it = m_states.constBegin(); it != m_states.constEnd(); ++it) {
        if (!nodesWithRows.contains(it.key()))
            cell(it.key().first, it.key().second, m_names.id(QStringLiteral("node")), kNoName, it->line);
    }

    // Samples leave in key order. The cells of one (time, node, class) are adjacent in it, so the node-level total of
    // used over the node row and every tenant row is one pass over each such run, summed in key order.
    m_names.rank();
    const QList<QHash<CellKey, Cell>::iterator> cells =
        inKeyOrder(m_cells, [this](const CellKey& a, const CellKey& b) { return compare(a, b) < 0; });
    for (qsizetype runStart = 0; runStart < cells.size();) {
        const CellKey& first = cells.at(runStart).key();
        qsizetype runEnd = runStart;
        std::optional<double> usedTotal;
        for (; runEnd < cells.size(); ++runEnd) {
            const CellKey& key = cells.at(runEnd).key();
            if (key.time != first.time || key.node != first.node || key.resourceClass != first.resourceClass)
                break;
            if (!isMissing(cells.at(runEnd)->used))
                usedTotal = usedTotal.value_or(0.0) + cells.at(runEnd)->used;
        }
        for (qsizetype i = runStart; i < runEnd; ++i) {
            if (Status status = emitCell(cells.at(i).key(), cells.at(i).value(), usedTotal); !status.ok())
                return status;
        }
        runStart = runEnd;
    }
    m_cells.clear();
    m_states.clear();
    if (m_mode == Mode::Streaming)
        m_seen.clear();
    return {};
}

} // namespace capaudit
