// SPDX-License-Identifier: GPL-3.0-or-later
#include "overview/periodselector.h"

#include "models/findingmodel.h"

#include <QDateTime>

namespace capaudit {

namespace {

QVariant encode(const Period& p)
{
    return QVariantList { p.start, p.end };
}

Period decode(const QVariant& v)
{
    const QVariantList l = v.toList();
    return l.size() == 2 ? Period { l.at(0).toLongLong(), l.at(1).toLongLong() } : Period {};
}

} // namespace

PeriodSelector::PeriodSelector(QWidget* parent)
    : QComboBox(parent)
{
    setObjectName(QStringLiteral("periodSelector"));
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    setToolTip(tr("The period the overview, the checks and the report cover. Shift+drag on the timeline selects "
                  "any other period."));
    connect(this, &QComboBox::activated, this, [this](int index) {
        if (!m_filling)
            Q_EMIT periodChosen(periodAt(index));
    });
    setPeriods({}, {});
}

Period PeriodSelector::periodAt(int index) const
{
    return decode(itemData(index));
}

void PeriodSelector::setPeriods(const Period& casePeriod, const Period& current)
{
    m_filling = true;
    clear();
    addItem(tr("Whole case"), encode({}));
    if (casePeriod.end > casePeriod.start) {
        // Calendar months: the billing periods of every invoice CapAudit has seen.
        QDate month = QDateTime::fromSecsSinceEpoch(casePeriod.start, Qt::UTC).date();
        month = QDate(month.year(), month.month(), 1);
        for (int guard = 0; guard < 36; ++guard) {
            const qint64 start = QDateTime(month, QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
            if (start >= casePeriod.end)
                break;
            const QDate next = month.addMonths(1);
            const qint64 end = QDateTime(next, QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
            addItem(QLocale().toString(month, QStringLiteral("MMMM yyyy")), encode({ start, end }));
            month = next;
        }
    }
    int selected = 0;
    if (current.end > current.start) {
        selected = -1;
        for (int i = 1; i < count(); ++i) {
            const Period p = periodAt(i);
            if (p.start == current.start && p.end == current.end)
                selected = i;
        }
        if (selected < 0) {
            addItem(tr("Selected: %1").arg(FindingModel::rangeText(current)), encode(current));
            selected = count() - 1;
        }
    }
    setCurrentIndex(selected);
    m_filling = false;
}

} // namespace capaudit
