// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/evidencerows.h"

#include "crypto/digest.h"
#include "ingest/csvrecordreader.h"
#include "store/casestore.h"

#include <QBuffer>
#include <QJsonArray>
#include <QSet>

#include <cstring>

namespace capaudit {
namespace {

// A hostile file can hold one line of a gigabyte; the viewer shows its start.
constexpr qsizetype kMaxShownLine = 1 << 20;

EvidenceLayout layoutOf(const QString& format, const QString& file)
{
    // The formats a bundle may declare (ingest/predicates.cpp); the file name only when it declares none.
    if (format == u"capaudit-usage-csv/v1" || format == u"focus-csv")
        return EvidenceLayout::Csv;
    if (format == u"openmetrics-text" || format == u"prometheus-text")
        return EvidenceLayout::MetricsText;
    if (!format.isEmpty())
        return EvidenceLayout::Lines;
    if (file.endsWith(u".csv", Qt::CaseInsensitive))
        return EvidenceLayout::Csv;
    if (file.endsWith(u".prom") || file.endsWith(u".om"))
        return EvidenceLayout::MetricsText;
    return EvidenceLayout::Lines;
}

QString declaredFormat(const StoredBundle& bundle, const QString& file)
{
    for (const QJsonValue& v : bundle.predicate.value(QStringLiteral("payloads")).toArray())
        if (v.toObject().value(QStringLiteral("path")).toString() == file)
            return v.toObject().value(QStringLiteral("format")).toString();
    return {};
}

// The lines of the stored file, streamed: counts them all, keeps line 1 (a CSV header) and the lines in [from, to].
class WindowCollector {
public:
    WindowCollector(qint64 from, qint64 to, qint64 maxRows)
        : m_from(from)
        , m_to(to)
        , m_maxRows(maxRows)
    {
    }

    void add(QByteArrayView bytes)
    {
        while (!bytes.isEmpty()) {
            const char* nl = static_cast<const char*>(std::memchr(bytes.data(), '\n', size_t(bytes.size())));
            const qsizetype take = nl ? nl - bytes.data() : bytes.size();
            if (keeping() && m_current.size() < kMaxShownLine)
                m_current.append(bytes.first(qMin(take, kMaxShownLine - m_current.size())));
            m_open = true;
            if (!nl)
                return;
            endLine();
            bytes = bytes.sliced(take + 1);
        }
    }

    void finish()
    {
        if (m_open)
            endLine();
    }

    qint64 lines() const
    {
        return m_line;
    }
    const QByteArray& header() const
    {
        return m_header;
    }
    const QList<QByteArray>& window() const
    {
        return m_window;
    }
    qint64 windowStart() const
    {
        return m_windowStart;
    }
    bool truncated() const
    {
        return m_truncated;
    }

private:
    bool keeping() const
    {
        const qint64 line = m_line + 1;
        return line == 1 || (line >= m_from && line <= m_to && !m_truncated);
    }

    void endLine()
    {
        ++m_line;
        if (m_current.endsWith('\r'))
            m_current.chop(1);
        if (m_line == 1)
            m_header = m_current;
        if (m_line >= m_from && m_line <= m_to) {
            if (m_window.size() >= m_maxRows)
                m_truncated = true;
            else {
                if (m_window.isEmpty())
                    m_windowStart = m_line;
                m_window.append(m_current);
            }
        }
        m_current.clear();
        m_open = false;
    }

    const qint64 m_from, m_to, m_maxRows;
    qint64 m_line = 0, m_windowStart = 0;
    QByteArray m_current, m_header;
    QList<QByteArray> m_window;
    bool m_open = false, m_truncated = false;
};

QStringList fieldsOf(const QList<QByteArrayView>& fields)
{
    QStringList out;
    out.reserve(fields.size());
    for (QByteArrayView f : fields)
        out.append(QString::fromUtf8(f));
    return out;
}

// CSV records of the window, parsed after the header so quoted fields are unquoted as the importer reads them.
void parseCsvWindow(const WindowCollector& w, EvidenceRows& out)
{
    QByteArray text = w.header() + '\n';
    for (const QByteArray& line : w.window())
        text += line + '\n';
    QBuffer buffer(&text);
    buffer.open(QIODevice::ReadOnly);
    CsvRecordReader reader(buffer, out.file);
    QList<QByteArrayView> fields;
    if (!reader.next(fields))
        return;
    out.columns = fieldsOf(fields);
    while (reader.next(fields)) {
        const qint64 start = w.windowStart() + reader.recordLine() - 2;
        EvidenceRow row;
        row.line = start;
        row.fields = fieldsOf(fields);
        out.rows.append(row);
    }
    // The raw text of each record: its lines up to the next record's start.
    for (qsizetype i = 0; i < out.rows.size(); ++i) {
        const qint64 first = out.rows.at(i).line - w.windowStart();
        const qint64 end = i + 1 < out.rows.size() ? out.rows.at(i + 1).line - w.windowStart() : w.window().size();
        QStringList lines;
        for (qint64 l = first; l < end && l < w.window().size(); ++l)
            lines.append(QString::fromUtf8(w.window().at(l)));
        out.rows[i].raw = lines.join(QLatin1Char('\n'));
    }
}

} // namespace

QStringList splitMetricsLine(QStringView line)
{
    line = line.trimmed();
    if (line.isEmpty() || line.startsWith(u'#'))
        return {};
    qsizetype i = 0;
    while (i < line.size() && line.at(i) != u'{' && !line.at(i).isSpace())
        ++i;
    const QString metric = line.first(i).toString();
    QString labels;
    if (i < line.size() && line.at(i) == u'{') {
        const qsizetype open = ++i;
        bool quoted = false;
        for (; i < line.size(); ++i) {
            const QChar ch = line.at(i);
            if (quoted && ch == u'\\') {
                ++i;
                continue;
            }
            if (ch == u'"')
                quoted = !quoted;
            else if (!quoted && ch == u'}')
                break;
        }
        labels = line.sliced(open, qMin(i, line.size()) - open).toString();
        if (i < line.size())
            ++i;
    }
    const QList<QStringView> rest = line.sliced(qMin(i, line.size())).split(u' ', Qt::SkipEmptyParts);
    return { metric, labels, rest.value(0).toString(), rest.value(1).toString() };
}

Result<EvidenceRows> readEvidenceRows(CaseStore& store, const EvidenceRowsQuery& query)
{
    const QString casePath = store.info().path;
    auto fail = [&](const QString& field, const QString& why) { return Error(casePath, 0, field, why); };
    Result<std::optional<StoredBundle>> bundle = store.bundleByDigest(query.bundleDigest);
    if (!bundle)
        return bundle.error();
    if (!*bundle)
        return fail(QStringLiteral("bundle"), QStringLiteral("no bundle %1 in this case").arg(query.bundleDigest));
    Q_ASSERT(bundle->has_value());
    const StoredBundle& b = **bundle;
    Result<QList<BundleFileRef>> files = store.bundleFiles(b.id);
    if (!files)
        return files.error();
    const auto ref =
        std::find_if(files->cbegin(), files->cend(), [&](const BundleFileRef& f) { return f.path == query.file; });
    if (ref == files->cend())
        return fail(QStringLiteral("file"),
            QStringLiteral("bundle %1 has no file '%2'").arg(query.bundleDigest.left(12), query.file));

    const qint64 first = query.firstLine > 0 ? query.firstLine : 1;
    const qint64 last = qMax(first, query.lastLine > 0 ? query.lastLine : (query.firstLine > 0 ? first : 1));
    const qint64 context = qMax<qint64>(0, query.context);
    EvidenceRows out;
    out.bundleDigest = b.digest;
    out.file = query.file;
    out.format = declaredFormat(b, query.file);
    out.layout = layoutOf(out.format, query.file);
    // CSV rows start after the header, so the window never re-shows line 1 as a row.
    const qint64 from = qMax<qint64>(out.layout == EvidenceLayout::Csv ? 2 : 1, first - context);
    WindowCollector collector(from, last + context, qMax<qint64>(1, query.maxRows));
    crypto::Hasher hasher;
    // readBlob decompresses and checks the blob's SHA-256 before it hands out a byte; the hash here stays so the
    // rows are tied to the digest this bundle file names.
    if (Status s = store.readBlob(
            ref->blobId,
            [&](QByteArrayView bytes) {
                hasher.add(bytes);
                collector.add(bytes);
                return Status::success();
            },
            query.file);
        !s)
        return s.error();
    collector.finish();
    out.sha256 = QString::fromLatin1(hasher.finish().toHex());
    if (out.sha256 != ref->sha256)
        return fail(query.file,
            QStringLiteral("the stored bytes of '%1' in bundle %2 do not match the SHA-256 the bundle recorded: the "
                           "case file was changed (run verify-case)")
                .arg(query.file, query.bundleDigest.left(12)));
    out.fileLines = collector.lines();
    out.truncated = collector.truncated();
    if (query.firstLine > 0 && first > out.fileLines)
        return fail(query.file,
            QStringLiteral("line %1 is past the end of '%2' (%3 lines)").arg(first).arg(query.file).arg(out.fileLines));

    if (out.layout == EvidenceLayout::Csv) {
        parseCsvWindow(collector, out);
    } else {
        if (out.layout == EvidenceLayout::MetricsText)
            out.columns = { QStringLiteral("metric"), QStringLiteral("labels"), QStringLiteral("value"),
                QStringLiteral("timestamp") };
        qint64 line = collector.windowStart();
        for (const QByteArray& bytes : collector.window()) {
            EvidenceRow row;
            row.line = line++;
            row.raw = QString::fromUtf8(bytes);
            if (out.layout == EvidenceLayout::MetricsText)
                row.fields = splitMetricsLine(row.raw);
            out.rows.append(row);
        }
    }
    for (EvidenceRow& row : out.rows)
        row.cited = query.firstLine > 0 && row.line >= first && row.line <= last;
    return out;
}

QList<FieldStatistics> fieldStatistics(const EvidenceRows& rows, bool citedOnly)
{
    QList<FieldStatistics> out;
    for (qsizetype c = 0; c < rows.columns.size(); ++c) {
        FieldStatistics s;
        s.column = rows.columns.at(c);
        QSet<QString> seen;
        for (const EvidenceRow& row : rows.rows) {
            if ((citedOnly && !row.cited) || c >= row.fields.size())
                continue;
            const QString& value = row.fields.at(c);
            ++s.count;
            if (value.isEmpty()) {
                ++s.empty;
                continue;
            }
            seen.insert(value);
            if (s.minText.isNull() || value < s.minText)
                s.minText = value;
            if (s.maxText.isNull() || value > s.maxText)
                s.maxText = value;
            bool ok = false;
            const double number = value.toDouble(&ok);
            if (!ok || !qIsFinite(number))
                continue;
            s.min = s.numeric == 0 ? number : qMin(s.min, number);
            s.max = s.numeric == 0 ? number : qMax(s.max, number);
            s.sum += number;
            ++s.numeric;
        }
        s.distinct = seen.size();
        out.append(s);
    }
    return out;
}

} // namespace capaudit
