// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/dataquality.h"

#include <QJsonObject>

#include <algorithm>

namespace capaudit {

void DataQualityLog::add(const QString& file, const DataQualityIssue& issue)
{
    Group& g = m_groups[{ file, issue.rule }];
    if (g.count++ == 0) {
        g.file = file;
        g.rule = issue.rule;
        g.column = issue.column;
        g.quarantine = issue.quarantine;
        g.firstLine = issue.line;
    }
    g.firstLine = std::min(g.firstLine, issue.line);
    g.lastLine = std::max(g.lastLine, issue.line);
    if (g.examples.size() < m_examplesPerRule)
        g.examples.append(issue);
    // A row with several quarantine issues is one quarantined row; issues of a row arrive together.
    if (issue.quarantine && m_lastQuarantinedLine.value(file, -1) != issue.line) {
        m_lastQuarantinedLine[file] = issue.line;
        ++m_quarantined[file];
    }
}

void DataQualityLog::addRows(const QString& file, qint64 rows)
{
    m_rows[file] += rows;
}

qint64 DataQualityLog::quarantinedRows(const QString& file) const
{
    if (!file.isEmpty())
        return m_quarantined.value(file);
    qint64 n = 0;
    for (qint64 v : m_quarantined)
        n += v;
    return n;
}

qint64 DataQualityLog::rows(const QString& file) const
{
    if (!file.isEmpty())
        return m_rows.value(file);
    qint64 n = 0;
    for (qint64 v : m_rows)
        n += v;
    return n;
}

bool DataQualityLog::hasQuarantine() const
{
    return std::any_of(m_groups.begin(), m_groups.end(), [](const Group& g) { return g.quarantine; });
}

QList<DataQualityLog::Group> DataQualityLog::groups() const
{
    QList<Group> out(m_groups.begin(), m_groups.end());
    std::stable_sort(out.begin(), out.end(), [](const Group& a, const Group& b) {
        return std::tie(a.file, a.firstLine, a.rule) < std::tie(b.file, b.firstLine, b.rule);
    });
    return out;
}

QJsonArray DataQualityLog::toJson() const
{
    QJsonArray out;
    for (const Group& g : groups()) {
        QJsonArray examples;
        for (const DataQualityIssue& e : g.examples)
            examples.append(QJsonObject { { QStringLiteral("line"), e.line }, { QStringLiteral("column"), e.column },
                { QStringLiteral("reason"), e.reason } });
        out.append(QJsonObject { { QStringLiteral("file"), g.file }, { QStringLiteral("rule"), g.rule },
            { QStringLiteral("column"), g.column }, { QStringLiteral("quarantine"), g.quarantine },
            { QStringLiteral("count"), g.count }, { QStringLiteral("firstLine"), g.firstLine },
            { QStringLiteral("lastLine"), g.lastLine }, { QStringLiteral("examples"), examples } });
    }
    return out;
}

QList<DataQualityLog::Group> DataQualityLog::groupsFromJson(const QJsonArray& json)
{
    QList<Group> out;
    for (const QJsonValue& v : json) {
        const QJsonObject o = v.toObject();
        Group g;
        g.file = o.value(QStringLiteral("file")).toString();
        g.rule = o.value(QStringLiteral("rule")).toString();
        g.column = o.value(QStringLiteral("column")).toString();
        g.quarantine = o.value(QStringLiteral("quarantine")).toBool();
        g.count = o.value(QStringLiteral("count")).toInteger();
        g.firstLine = o.value(QStringLiteral("firstLine")).toInteger();
        g.lastLine = o.value(QStringLiteral("lastLine")).toInteger();
        for (const QJsonValue& e : o.value(QStringLiteral("examples")).toArray()) {
            const QJsonObject eo = e.toObject();
            g.examples.append(
                { g.rule, eo.value(QStringLiteral("column")).toString(), eo.value(QStringLiteral("line")).toInteger(),
                    eo.value(QStringLiteral("reason")).toString(), g.quarantine });
        }
        out.append(g);
    }
    return out;
}

QString DataQualityLog::describe(const Group& g)
{
    const QString lines = g.firstLine == g.lastLine ? QStringLiteral("line %1").arg(g.firstLine)
                                                    : QStringLiteral("lines %1-%2").arg(g.firstLine).arg(g.lastLine);
    const QString what = g.quarantine ? QStringLiteral("quarantined") : QStringLiteral("noted");
    const QString reason = g.examples.isEmpty() ? QString() : g.examples.first().reason;
    return QStringLiteral("%1 %2: %3 (%4 %5, %6): %7")
        .arg(g.file, lines, g.rule)
        .arg(g.count)
        .arg(g.count == 1 ? QStringLiteral("row") : QStringLiteral("rows"), what, reason);
}

} // namespace capaudit
