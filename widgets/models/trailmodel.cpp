// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/trailmodel.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLocale>

namespace capaudit {

TrailModel::TrailModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void TrailModel::setEntries(const QList<TrailEntry>& entries)
{
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

void TrailModel::setFirstBrokenSeq(qint64 seq)
{
    m_firstBroken = seq;
    if (!m_entries.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
            { Qt::BackgroundRole, Qt::ForegroundRole, BrokenRole });
}

int TrailModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int TrailModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString TrailModel::summarize(const TrailEntry& entry)
{
    const QJsonObject& d = entry.details;
    auto str = [&](const char* key) { return d.value(QLatin1String(key)).toString(); };
    if (d.contains(QLatin1String("label")) || d.contains(QLatin1String("fingerprint"))) {
        QString text = str("label").isEmpty() ? str("file") : str("label");
        if (!str("role").isEmpty())
            text += QStringLiteral(" (%1)").arg(str("role"));
        if (!str("fingerprint").isEmpty())
            text += QStringLiteral(" · %1…").arg(str("fingerprint").left(16));
        return text;
    }
    if (d.contains(QLatin1String("path"))) {
        QString text = QFileInfo(str("path")).fileName();
        if (!str("kind").isEmpty())
            text += QStringLiteral(" · ") + str("kind");
        if (!str("digest").isEmpty())
            text += QStringLiteral(" · %1…").arg(str("digest").left(12));
        const QJsonObject error = d.value(QLatin1String("error")).toObject();
        if (!error.isEmpty())
            text += QStringLiteral(" · ") + error.value(QLatin1String("reason")).toString();
        return text;
    }
    if (d.contains(QLatin1String("name")))
        return str("name");
    return QString::fromUtf8(QJsonDocument(d).toJson(QJsonDocument::Compact)).left(200);
}

QVariant TrailModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TrailEntry& e = m_entries.at(index.row());
    const bool broken = m_firstBroken > 0 && e.seq >= m_firstBroken;
    switch (role) {
    case SeqRole:
        return e.seq;
    case HashRole:
        return e.hash;
    case DetailsJsonRole:
        return QString::fromUtf8(QJsonDocument(e.details).toJson(QJsonDocument::Indented));
    case BrokenRole:
        return broken;
    case Qt::BackgroundRole:
        return broken ? QVariant(QBrush(QColor(0xfd, 0xe2, 0xe1))) : QVariant();
    case Qt::ForegroundRole:
        return broken ? QVariant(QBrush(QColor(0x8a, 0x10, 0x10))) : QVariant();
    case Qt::ToolTipRole:
        return tr("Entry %1\nhash %2\nprevious %3").arg(e.seq).arg(e.hash, e.prevHash);
    case Qt::DisplayRole:
        switch (Columns(index.column())) {
        case SeqColumn:
            return e.seq;
        case TimeColumn: {
            const QDateTime t = QDateTime::fromString(e.time, Qt::ISODateWithMs);
            return t.isValid() ? QLocale().toString(t.toUTC(), QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")) : e.time;
        }
        case UserColumn:
            return e.user;
        case ActionColumn:
            return e.action;
        case DetailsColumn:
            return summarize(e);
        case ColumnCount:
            break;
        }
        return {};
    default:
        return {};
    }
}

QVariant TrailModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Columns(section)) {
    case SeqColumn:
        return tr("#");
    case TimeColumn:
        return tr("Time");
    case UserColumn:
        return tr("User");
    case ActionColumn:
        return tr("Action");
    case DetailsColumn:
        return tr("Details");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace capaudit
