// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/usagecsv.h"

#include "ingest/linereader.h"
#include "ingest/numbers.h"
#include "ingest/stringinterner.h"
#include "util/timeutil.h"

#include <QIODevice>
#include <QStringList>

#include <array>
#include <cstring>

namespace capaudit {

namespace {

enum Column { Time, Node, ResourceClass, TenantCol, Allocated, Used, Capacity, State, ColumnCount };
constexpr std::array<const char*, ColumnCount> kColumnNames = { "time", "node", "resource_class", "tenant", "allocated",
    "used", "capacity", "state" };

QString columnName(int column)
{
    return QString::fromLatin1(kColumnNames[static_cast<size_t>(column)]);
}

// Splits on commas into OUT; returns the number of fields found (may exceed ColumnCount, then OUT is partial).
int splitFields(QByteArrayView line, std::array<QByteArrayView, ColumnCount>& out)
{
    int count = 0;
    const char* p = line.data();
    const char* const end = p + line.size();
    for (;;) {
        const void* hit = std::memchr(p, ',', static_cast<size_t>(end - p));
        const char* stop = hit ? static_cast<const char*>(hit) : end;
        if (count < ColumnCount)
            out[static_cast<size_t>(count)] = QByteArrayView(p, stop - p);
        ++count;
        if (!hit)
            return count;
        p = stop + 1;
    }
}

class UsageCsvParser {
public:
    UsageCsvParser(QIODevice& in, const QString& fileName, UsageSink& sink, RowErrorLog* rowErrors)
        : m_reader(in, fileName)
        , m_fileName(fileName)
        , m_sink(sink)
        , m_nodes(m_interner)
        , m_classes(m_interner)
        , m_tenants(m_interner)
        , m_rowErrors(rowErrors)
    {
    }

    Status run()
    {
        QByteArrayView line;
        if (!m_reader.next(line))
            return m_reader.error() ? *m_reader.error()
                                    : Error(m_fileName, 1, {}, QStringLiteral("empty file, expected the header line"));
        if (line.startsWith("\xEF\xBB\xBF"))
            line = line.sliced(3);
        if (Status s = parseHeader(line); !s.ok())
            return s;

        qint64 firstBlankLine = 0;
        while (m_reader.next(line)) {
            if (line.isEmpty()) {
                if (!firstBlankLine)
                    firstBlankLine = m_reader.lineNumber();
                continue;
            }
            if (firstBlankLine)
                return Error(m_fileName, firstBlankLine, {}, QStringLiteral("empty line inside the data"));
            if (Status s = parseRow(line); !s.ok()) {
                if (!m_rowErrors)
                    return s;
                m_rowErrors->add(s.error());
            }
        }
        if (m_reader.error())
            return *m_reader.error();
        return {};
    }

private:
    Error error(int column, QString reason) const
    {
        return Error(m_fileName, m_reader.lineNumber(), columnName(column), std::move(reason));
    }

    Status parseHeader(QByteArrayView line)
    {
        m_order.fill(-1);
        std::array<bool, ColumnCount> seen {};
        const QList<QByteArray> names = line.toByteArray().split(',');
        // More than ColumnCount names means an unknown or duplicate one, reported before m_order could overflow.
        for (qsizetype i = 0; i < names.size(); ++i) {
            const QByteArray name = names[i].trimmed();
            int column = -1;
            for (int c = 0; c < ColumnCount; ++c) {
                if (name == kColumnNames[static_cast<size_t>(c)])
                    column = c;
            }
            if (column < 0)
                return Error(m_fileName, 1, QString::fromUtf8(name),
                    QStringLiteral("unknown column (expected %1)").arg(expectedHeader()));
            if (seen[static_cast<size_t>(column)])
                return Error(m_fileName, 1, QString::fromUtf8(name), QStringLiteral("duplicate column"));
            seen[static_cast<size_t>(column)] = true;
            m_order[static_cast<size_t>(i)] = column;
        }
        QStringList missing;
        for (int c = 0; c < ColumnCount; ++c) {
            if (!seen[static_cast<size_t>(c)])
                missing.append(columnName(c));
        }
        if (!missing.isEmpty())
            return Error(m_fileName, 1, missing.join(QStringLiteral(", ")), QStringLiteral("missing column(s)"));
        return {};
    }

    static QString expectedHeader()
    {
        QStringList all;
        for (int c = 0; c < ColumnCount; ++c)
            all.append(columnName(c));
        return all.join(QLatin1Char(','));
    }

    Status parseRow(QByteArrayView line)
    {
        std::array<QByteArrayView, ColumnCount> raw;
        const int count = splitFields(line, raw);
        if (count != ColumnCount)
            return Error(m_fileName, m_reader.lineNumber(), {},
                QStringLiteral("expected %1 fields, found %2").arg(int(ColumnCount)).arg(count));
        std::array<QByteArrayView, ColumnCount> f;
        for (size_t i = 0; i < ColumnCount; ++i)
            f[static_cast<size_t>(m_order[i])] = raw[i];

        UsageSample sample;
        sample.line = m_reader.lineNumber();
        if (Status s = parseTime(f[Time], sample.time); !s.ok())
            return s;
        if (Status s = identifier(f[Node], Node, m_nodes, sample.node, true); !s.ok())
            return s;
        if (Status s = identifier(f[ResourceClass], ResourceClass, m_classes, sample.resourceClass, true); !s.ok())
            return s;
        if (Status s = identifier(f[TenantCol], TenantCol, m_tenants, sample.tenant, false); !s.ok())
            return s;
        for (const int c : { Allocated, Used, Capacity }) {
            double& target = c == Allocated ? sample.allocated : c == Used ? sample.used : sample.capacity;
            if (Status s = quantity(f[static_cast<size_t>(c)], c, target); !s.ok())
                return s;
        }
        if (Status s = parseState(f[State], sample.state); !s.ok())
            return s;

        const bool hasState = !f[State].isEmpty();
        if (!sample.tenant.isEmpty()) {
            // Capacity and state describe the node; on a tenant row they would be counted once per tenant.
            if (!isMissing(sample.capacity))
                return error(Capacity, QStringLiteral("capacity belongs on the node row (empty tenant)"));
            if (hasState)
                return error(State, QStringLiteral("state belongs on the node row (empty tenant)"));
        }
        if (isMissing(sample.allocated) && isMissing(sample.used) && isMissing(sample.capacity) && !hasState)
            return Error(m_fileName, m_reader.lineNumber(), {},
                QStringLiteral("row carries no measurement (allocated, used, capacity and state are empty)"));
        return m_sink.addSample(sample);
    }

    Status parseTime(QByteArrayView text, qint64& out)
    {
        if (m_lastTimeValid && text == QByteArrayView(m_lastTimeText)) {
            out = m_lastTime;
            return {};
        }
        // RFC 3339 in UTC only: a row's time must not depend on a reader's offset handling.
        const bool shape = text.size() >= 20 && text[10] == 'T' && text.back() == 'Z';
        const auto seconds = shape ? parseUnixSeconds(text) : std::nullopt;
        if (!seconds)
            return error(Time,
                QStringLiteral("'%1' is not an RFC 3339 UTC time like 2026-01-01T00:05:00Z")
                    .arg(ingest::excerpt(text)));
        ingest::assignBytes(m_lastTimeText, text);
        m_lastTime = *seconds;
        m_lastTimeValid = true;
        out = *seconds;
        return {};
    }

    Status identifier(QByteArrayView text, int column, CachedInterner& interner, QString& out, bool required)
    {
        if (text.isEmpty()) {
            if (required)
                return error(column, QStringLiteral("must not be empty"));
            out = QString();
            return {};
        }
        if (text.front() == ' ' || text.back() == ' ' || text.contains('"') || text.contains('\t'))
            return error(column, QStringLiteral("must not contain quotes, tabs or surrounding spaces"));
        auto s = interner.intern(text);
        if (!s)
            return error(column, QStringLiteral("not valid UTF-8"));
        out = *s;
        return {};
    }

    Status quantity(QByteArrayView text, int column, double& out)
    {
        if (text.isEmpty()) {
            out = kMissing;
            return {};
        }
        const auto value = ingest::parseFiniteDecimal(text);
        if (!value)
            return error(column, QStringLiteral("'%1' is not a finite decimal number").arg(ingest::excerpt(text)));
        if (*value < 0)
            return error(column, QStringLiteral("%1 is negative").arg(ingest::excerpt(text)));
        out = *value;
        return {};
    }

    Status parseState(QByteArrayView text, NodeState& out)
    {
        if (text.isEmpty())
            out = NodeState::Unknown;
        else if (text == "up")
            out = NodeState::Up;
        else if (text == "down")
            out = NodeState::Down;
        else if (text == "maintenance")
            out = NodeState::Maintenance;
        else
            return error(State,
                QStringLiteral("'%1' is not a node state (up, down, maintenance or empty)").arg(ingest::excerpt(text)));
        return {};
    }

    LineReader m_reader;
    const QString& m_fileName;
    UsageSink& m_sink;
    StringInterner m_interner;
    CachedInterner m_nodes;
    CachedInterner m_classes;
    CachedInterner m_tenants;
    std::array<int, ColumnCount> m_order {};
    RowErrorLog* m_rowErrors;
    QByteArray m_lastTimeText;
    qint64 m_lastTime = 0;
    bool m_lastTimeValid = false;
};

} // namespace

Status parseUsageCsv(QIODevice& in, const QString& fileName, UsageSink& sink, RowErrorLog* rowErrors)
{
    return UsageCsvParser(in, fileName, sink, rowErrors).run();
}

} // namespace capaudit
