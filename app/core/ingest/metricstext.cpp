// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/metricstext.h"

#include "ingest/linereader.h"
#include "ingest/numbers.h"
#include "ingest/observationsorter.h"
#include "ingest/stringinterner.h"
#include "ingest/usageaggregator.h"

#include <QIODevice>
#include <QStringDecoder>

#include <cmath>
#include <deque>
#include <vector>

namespace capaudit {

namespace {

// 1e11 seconds is the year 5138 and 1e11 milliseconds is March 1973: a value on the wrong side of it is a
// timestamp in the other unit, the classic OpenMetrics/Prometheus mix-up.
constexpr double kUnitBoundary = 1e11;

bool isNameStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
}

bool isNameChar(char c)
{
    return isNameStart(c) || (c >= '0' && c <= '9');
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

Result<MetricsDialect> detectDialect(QIODevice& in, const QString& fileName)
{
    if (in.isSequential())
        return Error(fileName, 0, {},
            QStringLiteral("cannot detect OpenMetrics or Prometheus text on a sequential stream; give the "
                           "format explicitly"));
    const qint64 start = in.pos();
    LineReader reader(in, fileName);
    QByteArrayView line;
    bool openMetrics = false;
    while (!openMetrics && reader.next(line)) {
        if (line == "# EOF" || line.startsWith("# UNIT "))
            openMetrics = true;
    }
    if (reader.error())
        return *reader.error();
    if (!in.seek(start))
        return Error(
            fileName, 0, {}, QStringLiteral("cannot rewind after detecting the format: %1").arg(in.errorString()));
    return openMetrics ? MetricsDialect::OpenMetrics : MetricsDialect::Prometheus;
}

class MetricsTextParser {
public:
    MetricsTextParser(QIODevice& in, const QString& fileName, const MappingSet& mappings, UsageSink& sink,
        const MetricsTextOptions& options, MetricsDialect dialect)
        : m_reader(in, fileName)
        , m_fileName(fileName)
        , m_mappings(mappings)
        , m_options(options)
        , m_dialect(dialect)
        , m_aggregator(mappings, fileName, sink, UsageAggregator::Mode::Streaming)
        , m_sorter(fileName,
              options.sortMemoryBudget > 0 ? options.sortMemoryBudget : ObservationSorter::kDefaultMemoryBudget)
        , m_names(m_interner)
    {
        m_aggregator.setDefaultNode(options.defaultNode);
        m_aggregator.setSeriesAdjacent(true);
    }

    Status run(MetricsImportSummary& summary)
    {
        summary.dialect = m_dialect;
        Status status = parseLines(summary);
        if (status.ok() && !m_reader.error() && m_dialect == MetricsDialect::OpenMetrics && !m_sawEof)
            status = Error(m_fileName, m_reader.lineNumber(), {},
                QStringLiteral("OpenMetrics exposition does not end with '# EOF' (truncated file?)"));
        if (status.ok() && m_reader.error())
            status = *m_reader.error();
        if (status.ok())
            status = replay();
        if (status.ok())
            status = m_aggregator.flush();
        summary.lines = m_reader.lineNumber();
        summary.mappedSamples = m_aggregator.mappedObservations();
        summary.ignoredSamples = m_aggregator.ignoredObservations();
        summary.counterBaselines = m_aggregator.counterBaselines();
        summary.emittedSamples = m_aggregator.emittedSamples();
        return status;
    }

private:
    Error error(const QString& field, const QString& reason) const
    {
        return Error(m_fileName, m_replayLine > 0 ? m_replayLine : m_reader.lineNumber(), field, reason);
    }

    // Label values are interned while few (node names, namespaces repeat); past the cap they are decoded per sample,
    // so a scrape of a million pods does not keep a million names for the whole import.
    std::optional<QString> labelValue(QByteArrayView text)
    {
        constexpr qsizetype kInternCap = 65536;
        if (m_interner.size() < kInternCap)
            return m_interner.intern(text);
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        QString decoded = decoder.decode(text);
        if (decoder.hasError())
            return std::nullopt;
        return decoded;
    }

    // Lint: log the bad line and go on with the next one. Import: false, the caller stops.
    bool logged(const Status& s) const
    {
        if (!m_options.rowErrors)
            return false;
        m_options.rowErrors->add(s.error());
        return true;
    }

    Status parseLines(MetricsImportSummary& summary)
    {
        const bool om = m_dialect == MetricsDialect::OpenMetrics;
        QByteArrayView line;
        while (m_reader.next(line)) {
            if (m_sawEof)
                return error({}, QStringLiteral("content after '# EOF'"));
            if (line.isEmpty() || (!om && line.trimmed().isEmpty())) {
                if (om)
                    return error({}, QStringLiteral("empty line (not allowed in OpenMetrics)"));
                continue;
            }
            if (line.front() == '#') {
                if (Status s = parseDescriptor(line); !s.ok() && !logged(s))
                    return s;
                continue;
            }
            ++summary.samples;
            if (Status s = parseSample(line, summary); !s.ok() && !logged(s))
                return s;
        }
        return {};
    }

    Status parseDescriptor(QByteArrayView line)
    {
        const bool om = m_dialect == MetricsDialect::OpenMetrics;
        if (line == "# EOF") {
            if (!om)
                return error({},
                    QStringLiteral("'# EOF' marks OpenMetrics, but the payload is declared as "
                                   "Prometheus text"));
            m_sawEof = true;
            return {};
        }
        const bool type = line.startsWith("# TYPE ");
        if (!type && !line.startsWith("# HELP ") && !line.startsWith("# UNIT ")) {
            if (om)
                return error(
                    {}, QStringLiteral("unknown descriptor (OpenMetrics allows # TYPE, # HELP, # UNIT, # EOF)"));
            return {}; // a Prometheus comment
        }
        if (!om && line.startsWith("# UNIT "))
            return error(
                {}, QStringLiteral("'# UNIT' marks OpenMetrics, but the payload is declared as Prometheus text"));
        QByteArrayView rest = line.sliced(7);
        qsizetype end = 0;
        while (end < rest.size() && isNameChar(rest[end]))
            ++end;
        if (end == 0 || !isNameStart(rest[0]))
            return error({}, QStringLiteral("descriptor without a metric name"));
        if (type) {
            const QByteArrayView typeName = rest.sliced(end).trimmed();
            static const char* const kTypes[] = { "counter", "gauge", "histogram", "summary", "untyped",
                "gaugehistogram", "stateset", "info", "unknown" };
            bool known = false;
            for (const char* t : kTypes)
                known = known || typeName == t;
            if (!known)
                return error(QString::fromUtf8(rest.first(end)),
                    QStringLiteral("unknown metric type '%1'").arg(ingest::excerpt(typeName)));
            // Only a change of the map makes the series check their counters again (countersCheckedAt): every scrape
            // of a dump repeats its # TYPE lines.
            const QString family = QString::fromUtf8(rest.first(end));
            const bool counter = typeName == "counter";
            if (const auto it = m_types.find(family); it == m_types.end()) {
                m_types.insert(family, counter);
                ++m_typesGeneration;
            } else if (*it != counter) {
                *it = counter;
                ++m_typesGeneration;
            }
        }
        return {};
    }

    // Parses {name="value",...} at POS; fills m_labels when COLLECT. POS ends after the closing brace.
    Status parseLabels(QByteArrayView line, qsizetype& pos, bool collect)
    {
        ++pos; // '{'
        for (;;) {
            while (pos < line.size() && isBlank(line[pos]))
                ++pos;
            if (pos < line.size() && line[pos] == '}') {
                ++pos;
                return {};
            }
            const qsizetype nameStart = pos;
            while (pos < line.size() && isNameChar(line[pos]) && line[pos] != ':')
                ++pos;
            if (pos == nameStart || (line[nameStart] >= '0' && line[nameStart] <= '9'))
                return error({}, QStringLiteral("bad label name at column %1").arg(nameStart + 1));
            const QByteArrayView name = line.sliced(nameStart, pos - nameStart);
            if (pos + 1 >= line.size() || line[pos] != '=' || line[pos + 1] != '"')
                return error(QString::fromUtf8(name), QStringLiteral("expected =\"value\" after the label name"));
            pos += 2;
            m_value.resize(0);
            bool closed = false;
            while (pos < line.size()) {
                const char c = line[pos++];
                if (c == '"') {
                    closed = true;
                    break;
                }
                if (c == '\\') {
                    if (pos >= line.size())
                        break;
                    const char e = line[pos++];
                    if (e == 'n')
                        m_value.append('\n');
                    else if (e == '\\' || e == '"')
                        m_value.append(e);
                    else
                        return error(QString::fromUtf8(name),
                            QStringLiteral("invalid escape '\\%1' in label value").arg(QLatin1Char(e)));
                } else {
                    m_value.append(c);
                }
            }
            if (!closed)
                return error(QString::fromUtf8(name), QStringLiteral("unterminated label value"));
            if (collect) {
                const auto key = m_interner.intern(name);
                const auto value = labelValue(m_value);
                if (!value)
                    return error(QString::fromUtf8(name), QStringLiteral("label value is not valid UTF-8"));
                m_labels.append({ *key, *value });
            }
            while (pos < line.size() && isBlank(line[pos]))
                ++pos;
            if (pos < line.size() && line[pos] == ',') {
                ++pos;
                continue;
            }
            if (pos < line.size() && line[pos] == '}') {
                ++pos;
                return {};
            }
            return error(QString::fromUtf8(name), QStringLiteral("expected ',' or '}' after a label value"));
        }
    }

    // Where the series at the start of LINE ends (after its closing brace, or after the name when it has no labels),
    // found without unescaping or copying, to look it up in the series cache; 0 when it is malformed, which the full
    // parser then explains.
    static qsizetype quickSeriesEnd(QByteArrayView line)
    {
        qsizetype pos = 0;
        if (line.isEmpty())
            return 0;
        if (line[0] != '{') {
            while (pos < line.size() && isNameChar(line[pos]))
                ++pos;
            if (pos == line.size() || line[pos] != '{')
                return pos;
        }
        bool quoted = false;
        for (++pos; pos < line.size(); ++pos) {
            const char c = line[pos];
            if (quoted) {
                if (c == '\\')
                    ++pos;
                else if (c == '"')
                    quoted = false;
            } else if (c == '"') {
                quoted = true;
            } else if (c == '}') {
                return pos + 1;
            }
        }
        return 0;
    }

    // Reads the series at the start of LINE: `name{labels}`, or `{__name__="name", labels}` as `promtool tsdb dump`
    // prints it. Fills m_labels only when the metric is mapped (or the name is inside the braces); POS ends after it.
    Result<QString> parseSeries(QByteArrayView line, qsizetype& pos)
    {
        pos = 0;
        m_labels.clear();
        if (!line.isEmpty() && line[0] == '{') {
            if (Status s = parseLabels(line, pos, true); !s.ok())
                return s.error();
            for (qsizetype i = 0; i < m_labels.size(); ++i) {
                if (m_labels[i].first == QLatin1String("__name__")) {
                    return m_labels.takeAt(i).second;
                }
            }
            return error({}, QStringLiteral("a series in braces needs a __name__ label"));
        }
        while (pos < line.size() && isNameChar(line[pos]))
            ++pos;
        if (pos == 0 || !isNameStart(line[0]))
            return error({}, QStringLiteral("a sample must start with a metric name"));
        QString metric = *m_names.intern(line.first(pos)); // name characters are ASCII
        if (pos < line.size() && line[pos] == '{') {
            // Collected on the first sight of the series, which the series cache keeps for its every later sample.
            if (Status s = parseLabels(line, pos, true); !s.ok())
                return s.error();
        }
        return metric;
    }

    Status parseSample(QByteArrayView line, MetricsImportSummary& summary)
    {
        qsizetype pos = quickSeriesEnd(line);
        const ParsedSeries* series = pos > 0 ? expectedSeries(line.first(pos)) : nullptr;
        if (!series && pos > 0)
            series = parsedSeries(line.first(pos));
        if (!series) {
            pos = 0;
            auto parsed = parseSeries(line, pos);
            if (!parsed)
                return parsed.error();
            series = rememberSeries(line.first(pos),
                { *parsed, m_labels, QString::fromUtf8(line.first(pos)), {}, m_aggregator.mappingsOf(*parsed) });
        }
        if (m_previousSeries)
            m_previousSeries->next = series;
        m_previousSeries = series;
        const QString* metric = &series->metric;
        const bool mapped = series->mappings != nullptr;
        const qsizetype seriesEnd = pos;
        if (pos >= line.size() || !isBlank(line[pos]))
            return error(*metric, QStringLiteral("expected a space and a value after the series"));
        while (pos < line.size() && isBlank(line[pos]))
            ++pos;
        qsizetype end = pos;
        while (end < line.size() && !isBlank(line[end]))
            ++end;
        const auto value = ingest::parseMetricValue(line.sliced(pos, end - pos));
        if (!value)
            return error(*metric,
                QStringLiteral("'%1' is not a sample value").arg(ingest::excerpt(line.sliced(pos, end - pos))));
        pos = end;
        while (pos < line.size() && isBlank(line[pos]))
            ++pos;
        std::optional<qint64> time;
        if (pos < line.size() && line[pos] != '#') {
            end = pos;
            while (end < line.size() && !isBlank(line[end]))
                ++end;
            auto t = parseTimestamp(line.sliced(pos, end - pos), *metric);
            if (!t)
                return t.error();
            time = *t;
            pos = end;
            while (pos < line.size() && isBlank(line[pos]))
                ++pos;
        }
        if (pos < line.size()) {
            // Exemplars (" # {trace_id=...} 1.0") exist only in OpenMetrics and are not usage.
            if (m_dialect != MetricsDialect::OpenMetrics || !line.sliced(pos).startsWith("# "))
                return error(*metric,
                    QStringLiteral("unexpected text after the sample: '%1'").arg(ingest::excerpt(line.sliced(pos))));
        }
        if (!mapped) {
            ++summary.unmappedSamples;
            return {};
        }
        if (!time) {
            // A scrape's time is not in a /metrics body (Prometheus stamps samples when it scrapes); never "now".
            if (!m_options.defaultTime)
                return error(*metric,
                    QStringLiteral("sample has no timestamp and the payload entry has no scrapeTime; a /metrics "
                                   "body carries no timestamps, so set scrapeTime (RFC 3339) in the telemetry "
                                   "predicate's entry for %1 to the time it was scraped")
                        .arg(m_fileName));
            time = *m_options.defaultTime;
        }
        if (series->countersCheckedAt != m_typesGeneration) {
            if (Status s = checkCounter(*metric); !s.ok())
                return s;
            series->countersCheckedAt = m_typesGeneration;
        }
        // Sorted by scrape time before aggregation: dumps list each series with all its timestamps.
        if (Status s = m_sorter.add(*time, m_reader.lineNumber(), *value, line.first(seriesEnd), series->sorterId);
            !s.ok())
            return s;
        noteSorterId(series);
        return {};
    }

    Status replay()
    {
        return m_sorter.replay([this](const ObservationSorter::Observation& o) -> Status {
            m_replayLine = o.line;
            const ParsedSeries* series = bySorterId(o.seriesId);
            if (!series)
                series = parsedSeries(o.series);
            if (!series) {
                qsizetype pos = 0;
                auto parsed = parseSeries(o.series, pos);
                if (!parsed)
                    return parsed.error();
                series = rememberSeries(
                    o.series, { *parsed, m_labels, QString::fromUtf8(o.series), {}, m_aggregator.mappingsOf(*parsed) });
            }
            MetricObservation obs;
            obs.metric = series->metric;
            obs.labels = &series->labels;
            obs.seriesKey = series->key;
            obs.seriesHash = series->keyHash;
            obs.resolved = &series->resolved;
            obs.mappings = series->mappings;
            obs.value = o.value;
            obs.time = o.time;
            obs.line = o.line;
            return m_aggregator.add(obs);
        });
    }

    // Every scrape repeats every series, byte for byte: a series is parsed (labels unescaped, interned, checked) and
    // decoded once, on its first line, and each later line and replayed observation of it is one hash lookup. This
    // was most of the parse time on
    // kube-state-metrics and dcgm-exporter text (docs/performance.md). Bytes that parsed once parse the same way
    // again, so the cache cannot change a result; it is bounded and simply starts over when full.
    struct ParsedSeries {
        QString metric;
        MetricLabels labels;
        QString key;
        mutable ResolvedSeriesMap resolved; // what each mapping makes of the labels, filled by the aggregator
        const QList<qsizetype>* mappings = nullptr; // the metric's mappings (null: unmapped)
        mutable qsizetype sorterId = -1; // the series' id in m_sorter (ObservationSorter::add's memo)
        mutable quint64 countersCheckedAt = 0; // m_typesGeneration when checkCounter last passed it
        size_t keyHash = 0; // MetricObservation::seriesHash of KEY
        QByteArray bytes {}; // the series as written, the cache's key
        mutable const ParsedSeries* next = nullptr; // the series of the sample line that followed this one's last
    };
    static constexpr qsizetype kSeriesCacheBytes = 64 * 1024 * 1024;

    // An exporter writes its series in the same order in every scrape, so the line after series A is most often the
    // series that followed A last time: comparing those bytes is much cheaper than hashing them (Qt 6.4 hashes a
    // byte array with SipHash, a twentieth of the import's CPU). Equal bytes are the same series; a miss costs one
    // compare before the lookup.
    const ParsedSeries* expectedSeries(QByteArrayView bytes) const
    {
        const ParsedSeries* guess = m_previousSeries ? m_previousSeries->next : nullptr;
        return guess && QByteArrayView(guess->bytes) == bytes ? guess : nullptr;
    }

    const ParsedSeries* parsedSeries(QByteArrayView bytes) const
    {
        const auto it = m_seriesCache.constFind(QByteArray::fromRawData(bytes.data(), bytes.size()));
        return it == m_seriesCache.constEnd() ? nullptr : *it;
    }

    // Replay finds a series by the sorter's number for it instead of hashing its bytes a second time. The table is
    // emptied with the cache, and a number the sorter did not give (-1) or not seen since finds nothing.
    void noteSorterId(const ParsedSeries* series)
    {
        const qsizetype id = series->sorterId;
        if (id < 0)
            return;
        if (static_cast<size_t>(id) >= m_bySorterId.size())
            m_bySorterId.resize(static_cast<size_t>(id) + 1, nullptr);
        m_bySorterId[static_cast<size_t>(id)] = series;
    }
    const ParsedSeries* bySorterId(qsizetype id) const
    {
        return id >= 0 && static_cast<size_t>(id) < m_bySorterId.size() ? m_bySorterId[static_cast<size_t>(id)]
                                                                        : nullptr;
    }

    const ParsedSeries* rememberSeries(QByteArrayView bytes, ParsedSeries series)
    {
        // Series bytes, the decoded key (2 bytes a character) and the labels, roughly.
        const qsizetype cost = bytes.size() * 4 + 128;
        const qint64 limit = m_options.seriesCacheBytes > 0 ? m_options.seriesCacheBytes : kSeriesCacheBytes;
        if (m_seriesCacheBytes + cost > limit) {
            m_seriesCache.clear();
            m_bySorterId.clear();
            m_seriesStore.clear();
            m_previousSeries = nullptr;
            m_seriesCacheBytes = 0;
        }
        m_seriesCacheBytes += cost;
        series.keyHash = UsageAggregator::seriesHash(series.key);
        series.bytes = bytes.toByteArray();
        const ParsedSeries* kept = &m_seriesStore.emplace_back(std::move(series));
        m_seriesCache.insert(kept->bytes, kept);
        return kept;
    }

    Result<qint64> parseTimestamp(QByteArrayView text, const QString& metric) const
    {
        const QString field = QStringLiteral("timestamp");
        if (m_dialect == MetricsDialect::OpenMetrics) {
            const auto seconds = ingest::parseMetricValue(text);
            if (!seconds || !std::isfinite(*seconds) || *seconds < 0)
                return error(field,
                    QStringLiteral("'%1' is not an OpenMetrics timestamp (Unix seconds)").arg(ingest::excerpt(text)));
            if (*seconds >= kUnitBoundary)
                return error(field,
                    QStringLiteral("%1 of %2 looks like milliseconds, but OpenMetrics timestamps are "
                                   "seconds")
                        .arg(ingest::excerpt(text), metric));
            return static_cast<qint64>(std::floor(*seconds));
        }
        const auto millis = ingest::parseInteger(text);
        if (!millis || *millis < 0)
            return error(field,
                QStringLiteral("'%1' is not a Prometheus timestamp (integer Unix milliseconds)")
                    .arg(ingest::excerpt(text)));
        if (*millis != 0 && static_cast<double>(*millis) < kUnitBoundary)
            return error(field,
                QStringLiteral("%1 of %2 looks like seconds, but Prometheus text timestamps are "
                               "milliseconds")
                    .arg(ingest::excerpt(text), metric));
        return *millis / 1000;
    }

    // A rate only makes sense for a counter; a gauge fed to used_rate would produce nonsense silently.
    Status checkCounter(const QString& metric)
    {
        const QList<qsizetype>* indexes = m_mappings.find(metric);
        bool wantsRate = false;
        for (const qsizetype i : *indexes)
            wantsRate = wantsRate || m_mappings.mappings().at(i).target == MetricTarget::UsedRate;
        if (!wantsRate)
            return {};
        auto it = m_types.constFind(metric);
        if (it == m_types.constEnd() && metric.endsWith(QLatin1String("_total")))
            it = m_types.constFind(metric.chopped(6));
        if (it != m_types.constEnd() && !*it)
            return error(metric, QStringLiteral("mapped as used_rate, but # TYPE does not declare it a counter"));
        return {};
    }

    LineReader m_reader;
    const QString& m_fileName;
    const MappingSet& m_mappings;
    const MetricsTextOptions& m_options;
    MetricsDialect m_dialect;
    UsageAggregator m_aggregator;
    ObservationSorter m_sorter;
    StringInterner m_interner;
    CachedInterner m_names;
    MetricLabels m_labels;
    // The series live in a deque, whose elements stay where they are as it grows (a QHash moves its values when it
    // rehashes), so the sorter-number table can point at them.
    std::deque<ParsedSeries> m_seriesStore;
    QHash<QByteArray, const ParsedSeries*> m_seriesCache;
    std::vector<const ParsedSeries*> m_bySorterId;
    const ParsedSeries* m_previousSeries = nullptr; // of the last sample line, while the cache keeps it
    qsizetype m_seriesCacheBytes = 0;
    QByteArray m_value;
    QHash<QString, bool> m_types; // family or sample name -> is a counter
    quint64 m_typesGeneration = 1; // bumped whenever m_types changes
    bool m_sawEof = false;
    qint64 m_replayLine = 0; // the replayed sample's line while the sorter replays
};

} // namespace

QString metricsDialectName(MetricsDialect dialect)
{
    switch (dialect) {
    case MetricsDialect::OpenMetrics:
        return QStringLiteral("openmetrics-text");
    case MetricsDialect::Prometheus:
        return QStringLiteral("prometheus-text");
    case MetricsDialect::Auto:
        break;
    }
    return QStringLiteral("auto");
}

Status parseMetricsText(QIODevice& in, const QString& fileName, const MappingSet& mappings, UsageSink& sink,
    const MetricsTextOptions& options, MetricsImportSummary* summary)
{
    MetricsDialect dialect = options.dialect;
    if (dialect == MetricsDialect::Auto) {
        auto detected = detectDialect(in, fileName);
        if (!detected)
            return detected.error();
        dialect = *detected;
    }
    MetricsImportSummary local;
    return MetricsTextParser(in, fileName, mappings, sink, options, dialect).run(summary ? *summary : local);
}

} // namespace capaudit
