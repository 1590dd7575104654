// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
#include <QList>
#include <QMap>
#include <QString>

namespace capaudit {

// One way a payload departs from its format's rules (docs/formats.md, "Data quality"). RULE names the violated
// rule ("BilledCost/not-null", "header/custom-column"); QUARANTINE says whether the row it is on is kept out of
// reconciliation (true) or only noted (a tolerated deviation, or a header fact: false).
struct DataQualityIssue {
    QString rule;
    QString column;
    qint64 line = 0; // 1-based physical line of the record (header: 1)
    QString reason;
    bool quarantine = true;
};

// Every issue of one or more payloads, grouped by file and rule: counts, line ranges and the first few examples
// (capped per rule so a million bad rows cost a few bytes). Used by import (the summary goes into the trail), by
// `lint` and by the GUI's import summary.
class DataQualityLog {
public:
    explicit DataQualityLog(int examplesPerRule = 3)
        : m_examplesPerRule(examplesPerRule)
    {
    }

    struct Group {
        QString file;
        QString rule;
        QString column;
        bool quarantine = true;
        qint64 count = 0; // issues (at most one per row and rule)
        qint64 firstLine = 0, lastLine = 0;
        QList<DataQualityIssue> examples;
    };

    void add(const QString& file, const DataQualityIssue& issue);
    void addRows(const QString& file, qint64 rows); // rows read, for "N of M rows" in summaries
    bool isEmpty() const
    {
        return m_groups.isEmpty();
    }
    qint64 quarantinedRows(const QString& file = {}) const; // distinct rows with a quarantine issue
    qint64 rows(const QString& file = {}) const;
    bool hasQuarantine() const;
    QList<Group> groups() const; // by file, then first line
    QJsonArray toJson() const; // [{file, rule, column, quarantine, count, firstLine, lastLine, examples:[...]}]
    static QList<Group> groupsFromJson(const QJsonArray& json);
    // "data/focus.csv lines 3-9: BilledCost/not-null (4 rows, quarantined): must not be null"
    static QString describe(const Group& group);

private:
    int m_examplesPerRule;
    QMap<std::pair<QString, QString>, Group> m_groups; // (file, rule)
    QMap<QString, qint64> m_rows, m_quarantined, m_lastQuarantinedLine;
};

} // namespace capaudit
