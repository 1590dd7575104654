// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/provideroverviewmodel.h"

#include "models/findingmodel.h"
#include "models/periodtext.h"

#include <QLocale>

namespace capaudit {

using analytics::Assessment;
using analytics::Severity;

namespace {

Severity severityOfColumn(int column)
{
    return Severity(int(Severity::Critical) - (column - ProviderOverviewModel::CriticalColumn));
}

} // namespace

ProviderOverviewModel::ProviderOverviewModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void ProviderOverviewModel::setReport(const analytics::CheckReport& report)
{
    beginResetModel();
    m_rows = analytics::assessProviders(report);
    endResetModel();
}

void ProviderOverviewModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int ProviderOverviewModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ProviderOverviewModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ProviderOverviewModel::verdictText(const analytics::ProviderAssessment& a)
{
    switch (a.assessment) {
    case Assessment::Compliant:
        return tr("Compliant");
    case Assessment::CompliantWithFindings:
        return tr("Compliant, with findings below %1").arg(FindingModel::severityText(a.failingSeverity).toLower());
    case Assessment::NotCompliant:
        return tr("Not compliant — %1 finding (fails at %2)")
            .arg(
                FindingModel::severityText(a.worst).toLower(), FindingModel::severityText(a.failingSeverity).toLower());
    case Assessment::NotAssessed:
        break;
    }
    return tr("Not assessed: no telemetry in the period");
}

QColor ProviderOverviewModel::verdictColor(Assessment assessment)
{
    switch (assessment) {
    case Assessment::Compliant:
        return QColor(0x2e, 0x7d, 0x32);
    case Assessment::CompliantWithFindings:
        return QColor(0x55, 0x8b, 0x2f);
    case Assessment::NotCompliant:
        return QColor(0xb0, 0x1c, 0x1c);
    case Assessment::NotAssessed:
        break;
    }
    return QColor(0x6b, 0x6b, 0x6b);
}

QString ProviderOverviewModel::assuranceText(bool independentlyMetered)
{
    return independentlyMetered ? tr("Independently metered") : tr("Provider-signed only");
}

QString ProviderOverviewModel::percentText(double fraction)
{
    if (isMissing(fraction))
        return tr("—");
    return tr("%1 %").arg(QLocale().toString(fraction * 100, 'f', 2));
}

QVariant ProviderOverviewModel::display(const analytics::ProviderAssessment& a, int column) const
{
    const analytics::BillingExposure b = a.billing.value(0);
    switch (column) {
    case ProviderColumn:
        return a.provider;
    case VerdictColumn:
        return verdictText(a);
    case CriticalColumn:
    case HighColumn:
    case MediumColumn:
    case LowColumn:
    case InfoColumn:
        return a.counts.value(severityOfColumn(column));
    case AssuranceColumn:
        return assuranceText(a.independentlyMetered);
    case PeriodColumn:
        return periodText(a.telemetryPeriod);
    case AvailabilityColumn:
        return percentText(a.availability);
    case AvailabilityTargetColumn:
        return percentText(a.availabilityTarget);
    case BilledColumn:
        return a.billing.isEmpty() ? tr("no invoices") : FindingModel::quantityText(b.billedQuantity, tr("unit-h"));
    case MeasuredColumn:
        return a.billing.isEmpty() ? QString() : FindingModel::quantityText(b.measuredQuantity, tr("unit-h"));
    case AmountAtStakeColumn: {
        QStringList parts;
        for (const analytics::BillingExposure& e : a.billing)
            if (e.amountAtStake > 0)
                parts << FindingModel::amountText(e.amountAtStake, e.currency);
        return parts.isEmpty() ? tr("none") : parts.join(QStringLiteral(" + "));
    }
    default:
        break;
    }
    return {};
}

QVariant ProviderOverviewModel::number(const analytics::ProviderAssessment& a, int column) const
{
    const analytics::BillingExposure b = a.billing.value(0);
    const bool billed = !a.billing.isEmpty();
    switch (column) {
    case CriticalColumn:
    case HighColumn:
    case MediumColumn:
    case LowColumn:
    case InfoColumn:
        return a.counts.value(severityOfColumn(column));
    case AvailabilityColumn:
        return a.availability;
    case AvailabilityTargetColumn:
        return a.availabilityTarget;
    case BilledColumn:
        return billed ? b.billedQuantity : kMissing;
    case MeasuredColumn:
        return billed ? b.measuredQuantity : kMissing;
    case AmountAtStakeColumn:
        return billed ? b.amountAtStake : 0.0;
    default:
        break;
    }
    return {};
}

QVariant ProviderOverviewModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const analytics::ProviderAssessment& a = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(a, index.column());
    case Qt::ForegroundRole:
        if (index.column() == VerdictColumn)
            return verdictColor(a.assessment);
        return {};
    case Qt::TextAlignmentRole:
        return index.column() >= CriticalColumn && index.column() <= InfoColumn
            ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
            : QVariant();
    case AssessmentRole:
        return int(a.assessment);
    case WorstSeverityRole:
        return a.total > 0 ? int(a.worst) : -1;
    case NumberRole:
        return number(a, index.column());
    case CurrencyRole:
        return a.billing.isEmpty() ? QString() : a.billing.first().currency;
    case ProviderRole:
        return a.provider;
    default:
        break;
    }
    return {};
}

QVariant ProviderOverviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ProviderColumn:
        return tr("Provider");
    case VerdictColumn:
        return tr("Verdict");
    case CriticalColumn:
    case HighColumn:
    case MediumColumn:
    case LowColumn:
    case InfoColumn:
        return FindingModel::severityText(severityOfColumn(section));
    case AssuranceColumn:
        return tr("Assurance");
    case PeriodColumn:
        return tr("Telemetry covers");
    case AvailabilityColumn:
        return tr("Availability");
    case AvailabilityTargetColumn:
        return tr("SLA target");
    case BilledColumn:
        return tr("Billed");
    case MeasuredColumn:
        return tr("Measured");
    case AmountAtStakeColumn:
        return tr("Amount at stake");
    default:
        break;
    }
    return {};
}

} // namespace capaudit
