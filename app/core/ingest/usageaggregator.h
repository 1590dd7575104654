// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ingest/metricmapping.h"
#include "ingest/sinks.h"

#include <QHash>
#include <QMap>
#include <QSet>

#include <optional>
#include <utility>
#include <vector>

namespace capaudit {

using MetricLabels = QList<std::pair<QString, QString>>;

// What one mapping makes of one series' labels: whether it applies, and the node, tenant, class and scale it gives.
// It depends on the labels alone, so a parser that keeps its series (metric text: every scrape repeats every series)
// keeps these beside them and each series is resolved once per mapping (docs/performance.md).
struct ResolvedSeries {
    enum class Outcome { NotMatched, Ignored, Sidecar, Use };
    Outcome outcome = Outcome::NotMatched;
    QString resourceClass, node, tenant, podKey, container;
    double scale = 1;
    NodeState state = NodeState::Unknown;
    bool stateKnown = true; // false: the state label's value (stateValue) is not in the mapping's states
    QString stateValue;
    // The aggregator's numbers for resourceClass, node, tenant and podKey, given on first use by the aggregator named
    // in NAMEDBY (another aggregator numbers its names differently).
    const void* namedBy = nullptr;
    int classId = 0, nodeId = 0, tenantId = 0, podId = 0;
};
using ResolvedSeriesMap = QHash<qsizetype, ResolvedSeries>; // by mapping index

// One labelled number from a metric payload (a Prometheus/OpenMetrics sample or an OTLP data point).
struct MetricObservation {
    QString metric;
    const MetricLabels* labels = nullptr;
    QString seriesKey; // identifies the series within the payload (metric name and all labels)
    // UsageAggregator::seriesHash(seriesKey) when the caller keeps it with its series (0: not given). Within a scrape
    // every series differs from the one before, and different hashes say so without comparing long keys.
    size_t seriesHash = 0;
    double value = 0;
    qint64 time = 0; // Unix seconds
    qint64 line = 0; // source line, or data point ordinal for JSON payloads
    QString pointer; // JSON payloads: where the data point is; errors name it instead of a line
    // The series' resolutions, kept by the caller with its labels (null: resolved for this observation only).
    ResolvedSeriesMap* resolved = nullptr;
    // With RESOLVED: the mappings of METRIC as UsageAggregator::mappingsOf gave them (null: none).
    const QList<qsizetype>* mappings = nullptr;
    qint64 deltaSeconds = 0; // > 0: VALUE is an increase over that many seconds (OTLP delta sum)
};

// Turns metric observations into UsageSamples through a MappingSet (docs/formats.md, "Aggregation").
// Everything observed for one time is summed per (time, node, resource class, tenant) and emitted on flush().
// In Streaming mode (text expositions) observations arrive grouped by scrape, in increasing time: a new time flushes
// the previous scrape, so memory is bounded by one scrape. In Document mode (OTLP JSON, already in memory) flush()
// is called once at the end; counters must then be fed in time order.
class UsageAggregator {
public:
    enum class Mode { Streaming, Document };

    UsageAggregator(const MappingSet& mappings, QString fileName, UsageSink& sink, Mode mode);
    void setDefaultNode(const QString& node)
    {
        m_defaultNode = node;
    }
    // The input comes from an ObservationSorter: within a scrape, a series' observations are adjacent, so a duplicate
    // is found by comparing with the previous observation instead of a set of every series of the scrape.
    void setSeriesAdjacent(bool adjacent)
    {
        m_seriesAdjacent = adjacent;
    }

    // Never 0, so 0 can mean "not given".
    static size_t seriesHash(const QString& key)
    {
        return qHash(key, size_t(0)) | 1u;
    }

    bool isMapped(const QString& metric) const
    {
        return m_mappings.find(metric) != nullptr;
    }
    // The indexes of METRIC's mappings (null: unmapped), for a caller that keeps them with its series.
    const QList<qsizetype>* mappingsOf(const QString& metric) const
    {
        return m_mappings.find(metric);
    }
    // Applies every mapping of OBS.metric. Unmapped metrics are ignored.
    Status add(const MetricObservation& obs);
    Status flush();

    qint64 mappedObservations() const
    {
        return m_mapped;
    }
    qint64 ignoredObservations() const
    {
        return m_ignored;
    } // filtered out by skipEmptyNode / resource table
    qint64 counterBaselines() const
    {
        return m_baselines;
    } // first sightings of a counter series (no rate yet)
    qint64 emittedSamples() const
    {
        return m_emitted;
    }

private:
    // Node, class, tenant and pod names by number: a cell key is hashed and compared as integers, and sorted by the
    // names' ranks, which order the numbers as the names (QString::compare) order themselves.
    class NameTable {
    public:
        NameTable();
        int id(const QString& name);
        const QString& name(int id) const
        {
            return m_names.at(id);
        }
        // Ranks of every number given so far; call before comparing keys with them after new names.
        void rank();
        int rankOf(int id) const
        {
            return m_ranks[size_t(id)];
        }

    private:
        QHash<QString, int> m_ids;
        QList<QString> m_names;
        std::vector<int> m_ranks;
    };
    static constexpr int kNoName = 0; // the empty name's number

    struct CellKey {
        qint64 time;
        int node;
        int resourceClass;
        int tenant;
        friend bool operator==(const CellKey& a, const CellKey& b)
        {
            return a.time == b.time && a.node == b.node && a.resourceClass == b.resourceClass && a.tenant == b.tenant;
        }
        friend size_t qHash(const CellKey& k, size_t seed = 0)
        {
            return qHashMulti(seed, k.time, k.node, k.resourceClass, k.tenant);
        }
    };
    struct Cell {
        double capacity = kMissing, allocatable = kMissing, allocated = kMissing, used = kMissing, free = kMissing,
               reserved = kMissing;
        qint64 line = 0;
    };
    // One pod's requests for one class in one scrape, combined by Kubernetes' effective request rule on flush.
    struct PodKey {
        CellKey cell;
        int pod;
        friend bool operator==(const PodKey& a, const PodKey& b)
        {
            return a.cell == b.cell && a.pod == b.pod;
        }
        friend size_t qHash(const PodKey& k, size_t seed = 0)
        {
            return qHashMulti(seed, k.cell, k.pod);
        }
    };
    struct PodGroup {
        double app = 0; // sum over app containers
        QHash<QString, double> inits; // init container -> request
        qint64 line = 0;
    };
    struct StateCell {
        NodeState state = NodeState::Unknown;
        qint64 line = 0;
    };
    struct CounterPoint {
        qint64 time = 0;
        double value = 0;
    };

    Status apply(qsizetype index, const MetricObservation& obs);
    Result<ResolvedSeries> resolve(const MetricMapping& m, const MetricObservation& obs) const;
    // Rate of a counter observation; nullopt for the first sighting of a series.
    Result<std::optional<double>> rate(qsizetype index, const MetricObservation& obs);
    Error error(const MetricObservation& obs, const QString& field, const QString& reason) const;
    Error cellError(qint64 line, const QString& field, const QString& reason) const;
    // One sample from a cell; USEDTOTAL: the used of every row of its (time, node, class), when any has one.
    Status emitCell(const CellKey& key, const Cell& c, std::optional<double> usedTotal);
    Cell& cell(qint64 time, int node, int resourceClass, int tenant, qint64 line);
    void flushPods();
    // Three-way, in the names' order (NameTable::rank() first).
    int compare(const CellKey& a, const CellKey& b) const;
    template <typename Hash, typename Less> static QList<typename Hash::iterator> inKeyOrder(Hash& hash, Less less);

    const MappingSet& m_mappings;
    QString m_fileName;
    UsageSink& m_sink;
    Mode m_mode;
    QString m_defaultNode;
    bool m_haveGroup = false;
    qint64 m_groupTime = 0;
    // Cells and pods are looked up once per observation and summed in key order once per flush: hashed, then sorted
    // on flush, so each sum adds in the order a sorted map would give (bit-identical samples) without a tree walk of
    // string compares per observation (docs/performance.md, session 13).
    NameTable m_names;
    QHash<CellKey, Cell> m_cells;
    QHash<std::pair<qint64, int>, StateCell> m_states; // (time, node)
    QHash<PodKey, PodGroup> m_pods;
    QSet<std::pair<qint64, QString>> m_sidecars; // (time, pod + '\x1f' + container)
    QHash<std::pair<QString, qint64>, qint64> m_seen; // (series, time) -> first line: duplicates are errors
    bool m_seriesAdjacent = false;
    QString m_lastSeries; // setSeriesAdjacent: the previous observation
    size_t m_lastHash = 0; // its seriesHash
    qint64 m_lastTime = -1, m_lastLine = 0;
    QHash<std::pair<QString, qsizetype>, CounterPoint> m_counters; // (series, mapping) -> last value, across scrapes
    qint64 m_mapped = 0, m_ignored = 0, m_baselines = 0, m_emitted = 0;
};

} // namespace capaudit
