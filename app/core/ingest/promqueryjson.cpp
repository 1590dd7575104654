// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/promqueryjson.h"

#include "ingest/numbers.h"
#include "ingest/observationsorter.h"
#include "ingest/usageaggregator.h"

#include <QIODevice>

#include <cmath>
#include <cstring>
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

namespace capaudit {

namespace {

// 1e11 seconds is the year 5138: a larger timestamp is milliseconds given where seconds belong.
constexpr double kUnitBoundary = 1e11;

// A RapidJSON input stream over a QIODevice: reads in chunks and counts bytes and lines for error messages.
class DeviceStream {
public:
    using Ch = char;
    explicit DeviceStream(QIODevice& in)
        : m_in(in)
    {
    }
    Ch Peek()
    {
        if (m_pos == m_len)
            fill();
        return m_pos < m_len ? m_buf[m_pos] : '\0';
    }
    Ch Take()
    {
        const Ch c = Peek();
        if (m_pos < m_len) {
            ++m_pos;
            ++m_offset;
            if (c == '\n')
                ++m_line;
        }
        return c;
    }
    size_t Tell() const
    {
        return static_cast<size_t>(m_offset);
    }
    // Output functions RapidJSON's concept requires; never called on an input stream.
    Ch* PutBegin()
    {
        return nullptr;
    }
    void Put(Ch) { }
    void Flush() { }
    size_t PutEnd(Ch*)
    {
        return 0;
    }
    qint64 line() const
    {
        return m_line;
    }
    const QString& readError() const
    {
        return m_readError;
    }

private:
    void fill()
    {
        if (m_eof)
            return;
        const qint64 n = m_in.read(m_buf, sizeof m_buf);
        if (n < 0)
            m_readError = m_in.errorString();
        m_eof = n <= 0;
        m_len = n > 0 ? n : 0;
        m_pos = 0;
    }

    QIODevice& m_in;
    char m_buf[64 * 1024];
    qint64 m_len = 0, m_pos = 0, m_offset = 0, m_line = 1;
    bool m_eof = false;
    QString m_readError;
};

enum class Role { Root, Data, Result, Series, Metric, Values, Point, Skip };

struct Frame {
    Role role;
    bool array;
    QString key; // the key being read (objects) or the element index (arrays), for the path in errors
    qint64 index = -1;
};

struct Point {
    qint64 millis = 0;
    double value = 0;
    qint64 offset = 0;
};

// Series identity for the sorter: (name, value) pairs, each length-prefixed.
void appendField(QByteArray& out, const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    const quint32 n = static_cast<quint32>(utf8.size());
    out.append(reinterpret_cast<const char*>(&n), sizeof n);
    out.append(utf8);
}

class QueryHandler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, QueryHandler> {
public:
    QueryHandler(const QString& fileName, const MappingSet& mappings, const PromQueryJsonOptions& options,
        DeviceStream& stream, ObservationSorter& sorter, MetricsImportSummary& summary)
        : m_fileName(fileName)
        , m_mappings(mappings)
        , m_options(options)
        , m_stream(stream)
        , m_sorter(sorter)
        , m_summary(summary)
    {
    }

    bool StartObject()
    {
        return open(false);
    }
    bool EndObject(rapidjson::SizeType)
    {
        return close();
    }
    bool StartArray()
    {
        return open(true);
    }
    bool EndArray(rapidjson::SizeType)
    {
        return close();
    }
    bool Key(const char* text, rapidjson::SizeType length, bool)
    {
        m_frames.last().key = QString::fromUtf8(text, length);
        return true;
    }
    bool String(const char* text, rapidjson::SizeType length, bool)
    {
        return scalar(QByteArrayView(text, length), true);
    }
    bool RawNumber(const char* text, rapidjson::SizeType length, bool)
    {
        return scalar(QByteArrayView(text, length), false);
    }
    bool Default() // null, true, false
    {
        return scalar({}, false, true);
    }

    // After the document: the envelope must say success and the result must be a matrix or vector.
    bool finish()
    {
        if (m_status == QLatin1String("error"))
            return fail(QStringLiteral("/status"),
                QStringLiteral("the query failed on the server (%1: %2); only a successful response is evidence")
                    .arg(m_errorType, m_errorText));
        if (m_status != QLatin1String("success"))
            return fail(QStringLiteral("/status"),
                m_status.isEmpty() ? QStringLiteral("no status: not a Prometheus API response")
                                   : QStringLiteral("status '%1' is not 'success'").arg(m_status));
        if (m_resultType.isEmpty() || !m_sawResult)
            return fail(QStringLiteral("/data"), QStringLiteral("no data.resultType and data.result"));
        return true;
    }

    const std::optional<Error>& error() const
    {
        return m_error;
    }

private:
    QString path() const
    {
        QString out;
        for (const Frame& f : m_frames)
            out += QLatin1Char('/') + (f.array ? QString::number(f.index) : f.key);
        return out.isEmpty() ? QStringLiteral("/") : out;
    }

    // Path of the series being closed (the innermost frame is the series object; its last key is not part of it).
    QString seriesPath() const
    {
        QString out;
        for (qsizetype i = 0; i + 1 < m_frames.size(); ++i)
            out += QLatin1Char('/') + (m_frames[i].array ? QString::number(m_frames[i].index) : m_frames[i].key);
        return out;
    }

    bool fail(const QString& field, const QString& reason)
    {
        if (!m_error)
            m_error = Error(
                m_fileName, m_stream.line(), QStringLiteral("%1 (byte %2)").arg(field).arg(m_stream.Tell()), reason);
        return false;
    }
    bool fail(const QString& reason)
    {
        return fail(path(), reason);
    }

    // Role of a value about to start inside the current container.
    Role childRole(bool isArray)
    {
        if (m_frames.isEmpty())
            return Role::Root;
        Frame& parent = m_frames.last();
        if (parent.array)
            ++parent.index;
        const QString& key = parent.key;
        switch (parent.role) {
        case Role::Root:
            return key == QLatin1String("data") && !isArray ? Role::Data : Role::Skip;
        case Role::Data:
            if (key == QLatin1String("result")) {
                m_sawResult = true;
                return isArray ? Role::Result : Role::Skip;
            }
            return Role::Skip;
        case Role::Result:
            return isArray ? Role::Skip : Role::Series;
        case Role::Series:
            if (key == QLatin1String("metric"))
                return Role::Metric;
            if (key == QLatin1String("values")) {
                m_seriesShape = QStringLiteral("matrix");
                return Role::Values;
            }
            if (key == QLatin1String("value")) {
                m_seriesShape = QStringLiteral("vector");
                return Role::Point;
            }
            return Role::Skip; // "histograms"/"histogram": native histograms are not usage
        case Role::Values:
            return Role::Point;
        case Role::Metric:
        case Role::Point:
        case Role::Skip:
            break;
        }
        return Role::Skip;
    }

    bool open(bool isArray)
    {
        const Role role = childRole(isArray);
        if (!m_frames.isEmpty()) {
            const Role parent = m_frames.last().role;
            if (parent == Role::Metric)
                return fail(QStringLiteral("label values must be strings"));
            if (parent == Role::Point)
                return fail(QStringLiteral("a point is [time, \"value\"]"));
            if (parent == Role::Result && isArray)
                return fail(QStringLiteral("result type '%1' is not usage; query a vector or a range (matrix)")
                                .arg(m_resultType.isEmpty() ? QStringLiteral("scalar or string") : m_resultType));
        }
        if (role == Role::Metric && isArray)
            return fail(QStringLiteral("expected an object of labels"));
        if ((role == Role::Values || role == Role::Point) && !isArray)
            return fail(QStringLiteral("expected an array"));
        if (m_frames.isEmpty() && isArray)
            return fail(QStringLiteral("expected the API's response object"));
        if (role == Role::Series) {
            m_labels.clear();
            m_points.clear();
            m_seriesShape.clear();
        }
        if (role == Role::Point)
            m_pointHave = 0;
        m_frames.append(Frame { role, isArray, {}, -1 });
        return true;
    }

    bool close()
    {
        const Frame frame = m_frames.takeLast();
        if (frame.role == Role::Point && m_pointHave != 3) {
            m_frames.append(frame);
            return fail(QStringLiteral("a point is [time, \"value\"]"));
        }
        if (frame.role == Role::Point)
            m_points.append(m_point);
        if (frame.role == Role::Series) {
            m_frames.append(frame);
            const bool ok = emitSeries();
            m_frames.removeLast();
            return ok;
        }
        return true;
    }

    bool scalar(QByteArrayView text, bool isString, bool isLiteral = false)
    {
        if (m_frames.isEmpty())
            return fail(QStringLiteral("expected the API's response object"));
        Frame& top = m_frames.last();
        if (top.array)
            ++top.index;
        switch (top.role) {
        case Role::Root:
            if (top.key == QLatin1String("status"))
                m_status = QString::fromUtf8(text);
            else if (top.key == QLatin1String("errorType"))
                m_errorType = QString::fromUtf8(text);
            else if (top.key == QLatin1String("error"))
                m_errorText = QString::fromUtf8(text);
            return true;
        case Role::Data:
            if (top.key == QLatin1String("resultType")) {
                m_resultType = QString::fromUtf8(text);
                if (m_resultType != QLatin1String("matrix") && m_resultType != QLatin1String("vector"))
                    return fail(QStringLiteral("result type '%1' is not usage; query a vector or a range (matrix)")
                                    .arg(m_resultType));
            }
            if (top.key == QLatin1String("result"))
                return fail(QStringLiteral("expected the result list"));
            return true;
        case Role::Result:
            return fail(QStringLiteral("result type '%1' is not usage; query a vector or a range (matrix)")
                            .arg(m_resultType.isEmpty() ? QStringLiteral("scalar or string") : m_resultType));
        case Role::Metric:
            if (!isString)
                return fail(QStringLiteral("label values must be strings"));
            m_labels.append({ top.key, QString::fromUtf8(text) });
            return true;
        case Role::Point:
            return pointField(top.index, text, isString, isLiteral);
        case Role::Series:
        case Role::Values:
            if (top.role == Role::Values)
                return fail(QStringLiteral("a point is [time, \"value\"]"));
            return true;
        case Role::Skip:
            return true;
        }
        return true;
    }

    bool pointField(qint64 index, QByteArrayView text, bool isString, bool isLiteral)
    {
        if (index == 0) {
            if (isString || isLiteral)
                return fail(QStringLiteral("the time of a point must be a number (Unix seconds)"));
            const auto millis = parseSeconds(text);
            if (!millis)
                return fail(QStringLiteral("'%1' is not a time in Unix seconds").arg(ingest::excerpt(text)));
            m_point.millis = *millis;
            m_point.offset = static_cast<qint64>(m_stream.Tell());
            m_pointHave |= 1;
            return true;
        }
        if (index == 1) {
            if (!isString)
                return fail(QStringLiteral("the value of a point must be a string like \"1.5\" or \"NaN\""));
            const auto value = ingest::parseMetricValue(text);
            if (!value)
                return fail(QStringLiteral("'%1' is not a sample value").arg(ingest::excerpt(text)));
            m_point.value = *value;
            m_pointHave |= 2;
            return true;
        }
        return fail(QStringLiteral("a point is [time, \"value\"]"));
    }

    // Seconds with optional fraction, kept exactly to the millisecond ("1435781430.781"); E-notation via double.
    std::optional<qint64> parseSeconds(QByteArrayView text) const
    {
        qsizetype dot = text.indexOf('.');
        const QByteArrayView whole = dot < 0 ? text : text.first(dot);
        const auto seconds = ingest::parseInteger(whole);
        if (seconds && !whole.isEmpty() && whole.front() != '-') {
            const QByteArrayView frac = dot < 0 ? QByteArrayView() : text.sliced(dot + 1);
            qint64 ms = 0;
            int digits = 0;
            for (const char c : frac) {
                if (c < '0' || c > '9')
                    return std::nullopt;
                if (digits++ < 3)
                    ms = ms * 10 + (c - '0');
            }
            for (; digits < 3; ++digits)
                ms *= 10;
            if (static_cast<double>(*seconds) >= kUnitBoundary)
                return std::nullopt;
            return *seconds * 1000 + ms;
        }
        const auto v = ingest::parseMetricValue(text);
        if (!v || !std::isfinite(*v) || *v < 0 || *v >= kUnitBoundary)
            return std::nullopt;
        return static_cast<qint64>(std::llround(*v * 1000.0));
    }

    bool emitSeries()
    {
        if (!m_resultType.isEmpty() && !m_seriesShape.isEmpty() && m_seriesShape != m_resultType)
            return fail(seriesPath(), QStringLiteral("a %1 series in a %2 result").arg(m_seriesShape, m_resultType));
        if (m_points.isEmpty())
            return true; // only native histograms, or an empty range
        QString name;
        QByteArray series;
        for (const auto& [key, value] : std::as_const(m_labels)) {
            if (key == QLatin1String("__name__"))
                name = value;
        }
        if (name.isEmpty())
            return fail(seriesPath() + QStringLiteral("/metric"),
                QStringLiteral("series has no __name__, so no mapping can apply (aggregations drop it); name the "
                               "result in the query, e.g. label_replace(sum by (node) (...), \"__name__\", "
                               "\"my_metric\", \"\", \"\")"));
        if (!m_mappings.find(name)) {
            m_summary.samples += m_points.size();
            m_summary.unmappedSamples += m_points.size();
            return true;
        }
        appendField(series, name);
        for (const auto& [key, value] : std::as_const(m_labels)) {
            if (key == QLatin1String("__name__"))
                continue;
            appendField(series, key);
            appendField(series, value);
        }
        const qint64 first = m_points.first().millis;
        qint64 previous = -1;
        for (const Point& p : std::as_const(m_points)) {
            ++m_summary.samples;
            if (p.millis <= previous)
                return fail(seriesPath() + QStringLiteral("/values"),
                    QStringLiteral("points of series %1 are not in increasing time order").arg(name));
            previous = p.millis;
            if (m_options.stepMillis > 0 && (p.millis - first) % m_options.stepMillis != 0)
                return fail(seriesPath() + QStringLiteral("/values"),
                    QStringLiteral("point at %1 s of %2 is not on the step grid (%3 ms from %4 s) the payload "
                                   "entry states")
                        .arg(p.millis / 1000.0, 0, 'f', 3)
                        .arg(name)
                        .arg(m_options.stepMillis)
                        .arg(first / 1000.0, 0, 'f', 3));
            if (std::isnan(p.value)) {
                ++m_summary.ignoredSamples; // PromQL's NaN: no value at that time, not a zero
                continue;
            }
            const qint64 seconds = p.millis / 1000;
            if (Status s = m_sorter.add(seconds, p.offset, p.value, series); !s.ok()) {
                m_error = s.error();
                return false;
            }
        }
        return true;
    }

    const QString& m_fileName;
    const MappingSet& m_mappings;
    const PromQueryJsonOptions& m_options;
    DeviceStream& m_stream;
    ObservationSorter& m_sorter;
    MetricsImportSummary& m_summary;
    QList<Frame> m_frames;
    QString m_status, m_errorType, m_errorText, m_resultType, m_seriesShape;
    bool m_sawResult = false;
    MetricLabels m_labels;
    QList<Point> m_points;
    Point m_point;
    int m_pointHave = 0;
    std::optional<Error> m_error;
};

QString readField(QByteArrayView& in)
{
    quint32 n = 0;
    std::memcpy(&n, in.data(), sizeof n);
    const QString out = QString::fromUtf8(in.sliced(sizeof n, n));
    in = in.sliced(sizeof n + n);
    return out;
}

} // namespace

Status parsePromQueryJson(QIODevice& in, const QString& fileName, const MappingSet& mappings, UsageSink& sink,
    const PromQueryJsonOptions& options, MetricsImportSummary* summary)
{
    MetricsImportSummary local;
    MetricsImportSummary& sum = summary ? *summary : local;
    DeviceStream stream(in);
    ObservationSorter sorter(fileName);
    QueryHandler handler(fileName, mappings, options, stream, sorter, sum);
    rapidjson::Reader reader;
    const rapidjson::ParseResult parsed =
        reader.Parse<rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseValidateEncodingFlag>(stream, handler);
    if (handler.error())
        return *handler.error();
    if (!stream.readError().isEmpty())
        return Error(fileName, QStringLiteral("cannot read: %1").arg(stream.readError()));
    if (parsed.IsError())
        return Error(fileName, stream.line(), QStringLiteral("byte %1").arg(parsed.Offset()),
            QStringLiteral("not valid JSON: %1").arg(QString::fromUtf8(rapidjson::GetParseError_En(parsed.Code()))));
    if (!handler.finish())
        return *handler.error();

    UsageAggregator aggregator(mappings, fileName, sink, UsageAggregator::Mode::Streaming);
    aggregator.setDefaultNode(options.defaultNode);
    aggregator.setSeriesAdjacent(true);
    MetricLabels labels;
    const Status replayed = sorter.replay([&](const ObservationSorter::Observation& o) -> Status {
        QByteArrayView rest = o.series;
        MetricObservation obs;
        obs.metric = readField(rest);
        labels.clear();
        while (!rest.isEmpty()) {
            QString key = readField(rest);
            labels.append({ key, readField(rest) });
        }
        obs.labels = &labels;
        obs.seriesKey = QString::fromLatin1(o.series); // any byte-exact key will do
        obs.value = o.value;
        obs.time = o.time;
        obs.pointer = QStringLiteral("byte %1").arg(o.line);
        return aggregator.add(obs);
    });
    if (!replayed.ok())
        return replayed;
    if (Status s = aggregator.flush(); !s.ok())
        return s;
    sum.mappedSamples = aggregator.mappedObservations();
    sum.ignoredSamples += aggregator.ignoredObservations();
    sum.counterBaselines = aggregator.counterBaselines();
    sum.emittedSamples = aggregator.emittedSamples();
    return {};
}

} // namespace capaudit
