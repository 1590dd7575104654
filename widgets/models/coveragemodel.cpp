// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/coveragemodel.h"

#include <QDateTime>

namespace capaudit {

CoverageModel::CoverageModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void CoverageModel::setData(const DashboardData& data)
{
    beginResetModel();
    m_rows = data.coverage;
    m_firstDay = data.firstDay;
    m_days = data.dayCount;
    endResetModel();
}

void CoverageModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_firstDay = 0;
    m_days = 0;
    endResetModel();
}

int CoverageModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CoverageModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() || m_rows.isEmpty() ? 0 : m_days;
}

QString CoverageModel::stateText(CoverageState state)
{
    switch (state) {
    case CoverageState::Verified:
        return tr("Verified");
    case CoverageState::Partial:
        return tr("Partly verified");
    case CoverageState::Untrusted:
        return tr("Untrusted signer");
    case CoverageState::Rejected:
        return tr("Rejected");
    case CoverageState::Unreadable:
        return tr("Unreadable");
    case CoverageState::Missing:
        break;
    }
    return tr("Missing");
}

QColor CoverageModel::stateColor(CoverageState state)
{
    // Verified, partial, untrusted and missing as on the timeline's evidence strip; refused evidence in darker tones
    // so that it stands apart from a plain gap.
    switch (state) {
    case CoverageState::Verified:
        return QColor(0x3c, 0xa0, 0x4c);
    case CoverageState::Partial:
        return QColor(0xe0, 0xc0, 0x30);
    case CoverageState::Untrusted:
        return QColor(0xf0, 0x8a, 0x24);
    case CoverageState::Rejected:
        return QColor(0x7b, 0x1f, 0x6e);
    case CoverageState::Unreadable:
        return QColor(0x5d, 0x5d, 0x7a);
    case CoverageState::Missing:
        break;
    }
    return QColor(0xd0, 0x3a, 0x3a);
}

QString CoverageModel::kindText(BundleKind kind)
{
    switch (kind) {
    case BundleKind::Telemetry:
        return tr("Telemetry");
    case BundleKind::Billing:
        return tr("Billing");
    case BundleKind::Attestation:
        return tr("Attestation");
    default:
        break;
    }
    return tr("Other");
}

QVariant CoverageModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EvidenceDays& row = m_rows.at(index.row());
    const CoverageState state = row.days.value(index.column(), CoverageState::Missing);
    const bool attempted = row.attempted.value(index.column(), false);
    const qint64 day = m_firstDay + qint64(index.column()) * 86400;
    switch (role) {
    case Qt::DisplayRole:
        return stateText(state);
    case Qt::ToolTipRole: {
        QString text = tr("%1 · %2 · %3: %4")
                           .arg(row.provider, kindText(row.kind),
                               QDateTime::fromSecsSinceEpoch(day, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd")),
                               stateText(state));
        if (attempted && state != CoverageState::Rejected && state != CoverageState::Unreadable)
            text += QLatin1Char('\n') + tr("A bundle refused on import also claimed this day.");
        return text;
    }
    case Qt::BackgroundRole:
        return stateColor(state);
    case StateRole:
        return int(state);
    case AttemptedRole:
        return attempted;
    case DayStartRole:
        return day;
    case ProviderRole:
        return row.provider;
    case KindRole:
        return int(row.kind);
    default:
        break;
    }
    return {};
}

QVariant CoverageModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || section < 0)
        return {};
    if (orientation == Qt::Vertical) {
        if (section >= m_rows.size())
            return {};
        return tr("%1 · %2").arg(m_rows.at(section).provider, kindText(m_rows.at(section).kind));
    }
    if (section >= m_days)
        return {};
    return QDateTime::fromSecsSinceEpoch(m_firstDay + qint64(section) * 86400, Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd"));
}

} // namespace capaudit
