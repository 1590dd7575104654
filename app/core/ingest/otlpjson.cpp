// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/otlpjson.h"

#include "ingest/usageaggregator.h"
#include "util/jsonutil.h"

#include <QIODevice>
#include <QJsonArray>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <memory>

namespace capaudit {

namespace {

// 1e17 ns is 1973: anything below is a timestamp in another unit (seconds or milliseconds written as nanoseconds).
constexpr double kMinPlausibleNanos = 1e17;

struct PendingPoint {
    MetricObservation obs;
    std::shared_ptr<MetricLabels> labels;
};

class OtlpParser {
public:
    OtlpParser(const QString& fileName, const MappingSet& mappings, MetricsImportSummary& summary)
        : m_fileName(fileName)
        , m_mappings(mappings)
        , m_summary(summary)
    {
    }

    Status collect(const QJsonObject& root)
    {
        const QJsonValue rms = root.value(QLatin1String("resourceMetrics"));
        if (!rms.isArray())
            return fail(QStringLiteral("/resourceMetrics"), QStringLiteral("missing or not an array"));
        const QJsonArray resourceMetrics = rms.toArray();
        for (qsizetype r = 0; r < resourceMetrics.size(); ++r) {
            const QString rp = QStringLiteral("/resourceMetrics/%1").arg(r);
            const QJsonObject rm = resourceMetrics.at(r).toObject();
            MetricLabels resourceLabels;
            if (Status s = attributes(rm.value(QLatin1String("resource")).toObject().value(QLatin1String("attributes")),
                    rp + QStringLiteral("/resource/attributes"), resourceLabels);
                !s.ok())
                return s;
            const QJsonArray scopes = rm.value(QLatin1String("scopeMetrics")).toArray();
            for (qsizetype sIdx = 0; sIdx < scopes.size(); ++sIdx) {
                const QString sp = rp + QStringLiteral("/scopeMetrics/%1").arg(sIdx);
                const QJsonArray metrics = scopes.at(sIdx).toObject().value(QLatin1String("metrics")).toArray();
                for (qsizetype m = 0; m < metrics.size(); ++m) {
                    if (Status s =
                            metric(metrics.at(m).toObject(), sp + QStringLiteral("/metrics/%1").arg(m), resourceLabels);
                        !s.ok())
                        return s;
                }
            }
        }
        return {};
    }

    std::vector<PendingPoint>& points()
    {
        return m_points;
    }

private:
    Error fail(const QString& pointer, const QString& reason) const
    {
        return Error(m_fileName, 0, pointer, reason);
    }

    QString intern(const QString& text)
    {
        const auto it = m_strings.constFind(text);
        if (it != m_strings.constEnd())
            return *it;
        m_strings.insert(text);
        return text;
    }

    // AnyValue -> label text. Arrays, maps and bytes cannot be labels and are left out.
    Status attributes(const QJsonValue& value, const QString& pointer, MetricLabels& out)
    {
        if (value.isUndefined())
            return {};
        if (!value.isArray())
            return fail(pointer, QStringLiteral("expected an array of {key, value}"));
        const QJsonArray list = value.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QJsonObject kv = list.at(i).toObject();
            const QString key = kv.value(QLatin1String("key")).toString();
            if (key.isEmpty())
                return fail(pointer + QStringLiteral("/%1/key").arg(i), QStringLiteral("missing attribute key"));
            const QJsonObject any = kv.value(QLatin1String("value")).toObject();
            QString text;
            if (any.contains(QLatin1String("stringValue")))
                text = any.value(QLatin1String("stringValue")).toString();
            else if (any.contains(QLatin1String("intValue")))
                text = any.value(QLatin1String("intValue")).isString()
                    ? any.value(QLatin1String("intValue")).toString()
                    : QString::number(any.value(QLatin1String("intValue")).toInteger());
            else if (any.contains(QLatin1String("doubleValue")))
                text = QString::number(any.value(QLatin1String("doubleValue")).toDouble());
            else if (any.contains(QLatin1String("boolValue")))
                text =
                    any.value(QLatin1String("boolValue")).toBool() ? QStringLiteral("true") : QStringLiteral("false");
            else
                continue;
            out.append({ intern(key), intern(text) });
        }
        return {};
    }

    // 64-bit integers arrive as decimal strings (proto3 JSON) or, from lenient encoders, as numbers.
    static std::optional<double> int64Field(const QJsonValue& v)
    {
        if (v.isString()) {
            bool ok = false;
            const qint64 n = v.toString().toLongLong(&ok);
            if (ok)
                return static_cast<double>(n);
            const quint64 u = v.toString().toULongLong(&ok);
            return ok ? std::optional<double>(static_cast<double>(u)) : std::nullopt;
        }
        if (v.isDouble())
            return v.toDouble();
        return std::nullopt;
    }

    Result<qint64> nanosField(const QJsonObject& point, const char* key, const QString& pointer, bool required)
    {
        const QJsonValue v = point.value(QLatin1String(key));
        const QString at = pointer + QLatin1Char('/') + QLatin1String(key);
        if (v.isUndefined() && !required)
            return qint64(0);
        const auto nanos = int64Field(v);
        if (!nanos || !std::isfinite(*nanos) || *nanos < 0)
            return fail(at, QStringLiteral("expected Unix nanoseconds as a decimal string or number"));
        if (*nanos < kMinPlausibleNanos)
            return fail(at,
                QStringLiteral("%1 is before 1973 as nanoseconds; seconds or milliseconds given as "
                               "nanoseconds?")
                    .arg(v.isString() ? v.toString() : QString::number(*nanos, 'f', 0)));
        return static_cast<qint64>(std::floor(*nanos / 1e9));
    }

    Status metric(const QJsonObject& metric, const QString& pointer, const MetricLabels& resourceLabels)
    {
        const QString name = metric.value(QLatin1String("name")).toString();
        if (name.isEmpty())
            return fail(pointer + QStringLiteral("/name"), QStringLiteral("metric without a name"));
        const QList<qsizetype>* indexes = m_mappings.find(name);
        QString kind;
        for (const char* k : { "gauge", "sum", "histogram", "exponentialHistogram", "summary" }) {
            if (metric.contains(QLatin1String(k)))
                kind = QLatin1String(k);
        }
        const QJsonObject data = metric.value(kind).toObject();
        const QJsonArray dataPoints = data.value(QLatin1String("dataPoints")).toArray();
        if (!indexes) {
            m_summary.samples += dataPoints.size();
            m_summary.unmappedSamples += dataPoints.size();
            return {};
        }
        if (kind != QLatin1String("gauge") && kind != QLatin1String("sum"))
            return fail(pointer,
                QStringLiteral("%1 is mapped, but only gauge and sum metrics can be (found %2)")
                    .arg(name, kind.isEmpty() ? QStringLiteral("no data") : kind));
        bool wantsRate = false;
        for (const qsizetype i : *indexes)
            wantsRate = wantsRate || m_mappings.mappings().at(i).target == MetricTarget::UsedRate;
        const int temporality = data.value(QLatin1String("aggregationTemporality")).toInt();
        if (wantsRate && (kind != QLatin1String("sum") || (temporality != 1 && temporality != 2)))
            return fail(pointer,
                QStringLiteral("%1 is mapped as used_rate, which needs a sum with delta (1) or "
                               "cumulative (2) aggregationTemporality")
                    .arg(name));
        const QString internedName = intern(name);
        for (qsizetype p = 0; p < dataPoints.size(); ++p) {
            const QString pp = pointer + QLatin1Char('/') + kind + QStringLiteral("/dataPoints/%1").arg(p);
            ++m_summary.samples;
            if (Status s =
                    point(dataPoints.at(p).toObject(), pp, internedName, resourceLabels, wantsRate && temporality == 1);
                !s.ok())
                return s;
        }
        return {};
    }

    Status point(const QJsonObject& dp, const QString& pointer, const QString& name, const MetricLabels& resourceLabels,
        bool delta)
    {
        const qint64 ordinal = m_summary.samples;
        std::optional<double> value;
        if (dp.contains(QLatin1String("asDouble"))) {
            const QJsonValue v = dp.value(QLatin1String("asDouble"));
            // proto3 JSON writes non-finite doubles as strings; they are rejected by the aggregator if mapped.
            if (v.isDouble())
                value = v.toDouble();
            else if (v.isString() && v.toString() == QLatin1String("NaN"))
                value = std::nan("");
            else if (v.isString() && v.toString().endsWith(QLatin1String("Infinity")))
                value = v.toString().startsWith(QLatin1Char('-')) ? -INFINITY : INFINITY;
            else if (v.isString())
                value = int64Field(v); // lenient encoders quote ordinary numbers
            if (!value)
                return fail(pointer + QStringLiteral("/asDouble"), QStringLiteral("not a number"));
        } else if (dp.contains(QLatin1String("asInt"))) {
            value = int64Field(dp.value(QLatin1String("asInt")));
            if (!value)
                return fail(pointer + QStringLiteral("/asInt"), QStringLiteral("not a 64-bit integer"));
        } else if (dp.value(QLatin1String("flags")).toInt() & 1) {
            ++m_summary.ignoredSamples; // FLAG_NO_RECORDED_VALUE: the producer says there is no measurement
            return {};
        } else {
            return fail(pointer, QStringLiteral("data point has neither asDouble nor asInt"));
        }
        auto time = nanosField(dp, "timeUnixNano", pointer, true);
        if (!time)
            return time.error();
        qint64 deltaSeconds = 0;
        if (delta) {
            auto start = nanosField(dp, "startTimeUnixNano", pointer, true);
            if (!start)
                return start.error();
            deltaSeconds = *time - *start;
            if (deltaSeconds <= 0)
                return fail(pointer + QStringLiteral("/startTimeUnixNano"),
                    QStringLiteral("a delta sum needs a start time at least one second before its time"));
        }
        auto labels = std::make_shared<MetricLabels>();
        if (Status s =
                attributes(dp.value(QLatin1String("attributes")), pointer + QStringLiteral("/attributes"), *labels);
            !s.ok())
            return s;
        // Point attributes first: findLabel takes the first match, so they win over resource attributes.
        labels->append(resourceLabels);
        MetricLabels sorted = *labels;
        std::sort(sorted.begin(), sorted.end());
        QString key = name + QLatin1Char('{');
        for (const auto& [k, v] : sorted)
            key += k + QStringLiteral("=\"") + v + QStringLiteral("\",");
        key += QLatin1Char('}');

        PendingPoint pending;
        pending.labels = labels;
        pending.obs.metric = name;
        pending.obs.labels = pending.labels.get();
        pending.obs.seriesKey = key;
        pending.obs.value = *value;
        pending.obs.time = *time;
        pending.obs.line = ordinal;
        pending.obs.pointer = pointer;
        pending.obs.deltaSeconds = deltaSeconds;
        m_points.push_back(std::move(pending));
        return {};
    }

    const QString& m_fileName;
    const MappingSet& m_mappings;
    MetricsImportSummary& m_summary;
    QSet<QString> m_strings; // attribute keys and values repeat on every point; share their buffers
    std::vector<PendingPoint> m_points;
};

} // namespace

Status parseOtlpJson(QIODevice& in, const QString& fileName, const MappingSet& mappings, UsageSink& sink,
    const OtlpJsonOptions& options, MetricsImportSummary* summary)
{
    MetricsImportSummary local;
    MetricsImportSummary& sum = summary ? *summary : local;
    const QByteArray bytes = in.read(kMaxOtlpJsonBytes + 1);
    if (bytes.size() > kMaxOtlpJsonBytes)
        return Error(fileName, 0, {},
            QStringLiteral("OTLP JSON export larger than %1 MiB; split it into batches")
                .arg(kMaxOtlpJsonBytes / (1024 * 1024)));
    auto root = parseJsonObject(bytes, fileName);
    if (!root)
        return root.error();
    OtlpParser parser(fileName, mappings, sum);
    if (Status s = parser.collect(*root); !s.ok())
        return s;
    // Counters need their points in time order; data points of one export may come in any order.
    auto& points = parser.points();
    std::stable_sort(points.begin(), points.end(),
        [](const PendingPoint& a, const PendingPoint& b) { return a.obs.time < b.obs.time; });
    UsageAggregator aggregator(mappings, fileName, sink, UsageAggregator::Mode::Document);
    aggregator.setDefaultNode(options.defaultNode);
    for (const PendingPoint& p : points) {
        if (Status s = aggregator.add(p.obs); !s.ok())
            return s;
    }
    Status status = aggregator.flush();
    sum.mappedSamples = aggregator.mappedObservations();
    sum.ignoredSamples += aggregator.ignoredObservations();
    sum.counterBaselines = aggregator.counterBaselines();
    sum.emittedSamples = aggregator.emittedSamples();
    return status;
}

} // namespace capaudit
