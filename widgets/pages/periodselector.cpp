// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/periodselector.h"

#include "jobs/casesession.h"
#include "models/findingmodel.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>

#include <utility>

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

QDateTime utc(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
}

bool isCalendarMonth(const Period& p)
{
    const QDateTime from = utc(p.start);
    return from.time() == QTime(0, 0) && from.date().day() == 1 && from.addMonths(1).toSecsSinceEpoch() == p.end;
}

QString providersText(const QStringList& providers)
{
    if (providers.size() <= 2)
        return providers.join(QStringLiteral(", "));
    return PeriodSelector::tr("%1, %2 and %3 more").arg(providers.at(0), providers.at(1)).arg(providers.size() - 2);
}

QString presetLabel(const analytics::PeriodPreset& preset)
{
    const QString when = isCalendarMonth(preset.period)
        ? QLocale().toString(utc(preset.period.start).date(), QStringLiteral("MMMM yyyy"))
        : FindingModel::rangeText(preset.period);
    const QString who = providersText(preset.providers);
    switch (preset.kind) {
    case analytics::PeriodPreset::Kind::WholeCase:
        break;
    case analytics::PeriodPreset::Kind::Contract:
        return PeriodSelector::tr("Contract: %1 (%2)").arg(when, who);
    case analytics::PeriodPreset::Kind::BillingPeriod:
        return PeriodSelector::tr("Billing: %1 (%2)").arg(when, who);
    }
    return PeriodSelector::tr("Whole case");
}

QDateTimeEdit* dateEdit(const QString& name, QWidget* parent)
{
    auto* edit = new QDateTimeEdit(parent);
    edit->setObjectName(name);
    edit->setTimeSpec(Qt::UTC);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    edit->setCalendarPopup(true);
    return edit;
}

} // namespace

PeriodSelector::PeriodSelector(CaseSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_presets(new QComboBox(this))
    , m_from(dateEdit(QStringLiteral("periodFrom"), this))
    , m_to(dateEdit(QStringLiteral("periodTo"), this))
    , m_apply(new QPushButton(tr("Apply"), this))
    , m_note(new QLabel(this))
{
    setObjectName(QStringLiteral("periodSelector"));
    m_presets->setObjectName(QStringLiteral("periodPresets"));
    // A contract preset names its providers: the box keeps a fixed width and the list opens as wide as its labels.
    m_presets->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_presets->setMinimumContentsLength(24);
    m_presets->setToolTip(tr("The period every page, the checks and the report cover: the whole case, a contract "
                             "period or a billing period. Shift+drag on the timeline proposes any other period."));
    m_from->setToolTip(tr("Start of the period (UTC)"));
    m_to->setToolTip(tr("End of the period (UTC, not included)"));
    m_apply->setObjectName(QStringLiteral("periodApply"));
    m_apply->setToolTip(tr("Use the period in the from/to fields, widened so that it cuts no charge period"));
    m_note->setObjectName(QStringLiteral("periodNote"));
    m_note->setStyleSheet(QStringLiteral("color: #6b6b6b"));
    m_note->setWordWrap(true);

    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_presets);
    row->addWidget(m_from);
    row->addWidget(new QLabel(QStringLiteral("–"), this));
    row->addWidget(m_to);
    row->addWidget(m_apply);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(row);
    layout->addWidget(m_note);

    connect(m_presets, &QComboBox::activated, this, &PeriodSelector::choosePreset);
    connect(m_from, &QDateTimeEdit::dateTimeChanged, this, &PeriodSelector::markEdited);
    connect(m_to, &QDateTimeEdit::dateTimeChanged, this, &PeriodSelector::markEdited);
    connect(m_apply, &QPushButton::clicked, this, &PeriodSelector::apply);
    connect(m_session, &CaseSession::periodPresetsChanged, this, &PeriodSelector::rebuild);
    connect(m_session, &CaseSession::periodChanged, this, &PeriodSelector::rebuild);
    connect(m_session, &CaseSession::caseClosed, this, [this] {
        rebuild();
        m_note->clear();
    });
    rebuild();
}

int PeriodSelector::count() const
{
    return m_presets->count();
}

Period PeriodSelector::periodAt(int index) const
{
    return decode(m_presets->itemData(index));
}

Period PeriodSelector::shownPeriod() const
{
    return { m_from->dateTime().toSecsSinceEpoch(), m_to->dateTime().toSecsSinceEpoch() };
}

bool PeriodSelector::hasProposal() const
{
    return m_apply->isEnabled();
}

QString PeriodSelector::note() const
{
    return m_note->text();
}

void PeriodSelector::rebuild()
{
    m_filling = true;
    m_presets->clear();
    m_presets->addItem(tr("Whole case"), encode({}));
    Period whole;
    for (const analytics::PeriodPreset& preset : m_session->periodPresets()) {
        if (preset.kind == analytics::PeriodPreset::Kind::WholeCase)
            whole = preset.period;
        else
            m_presets->addItem(presetLabel(preset), encode(preset.period));
    }
    const Period current = m_session->period();
    int selected = 0;
    if (current.end > current.start) {
        selected = -1;
        for (int i = 1; i < m_presets->count() && selected < 0; ++i) {
            const Period p = periodAt(i);
            if (p.start == current.start && p.end == current.end)
                selected = i;
        }
        if (selected < 0) {
            m_presets->addItem(tr("Chosen: %1").arg(FindingModel::rangeText(current)), encode(current));
            selected = m_presets->count() - 1;
        }
    }
    m_presets->setCurrentIndex(selected);
    m_presets->view()->setMinimumWidth(m_presets->view()->sizeHintForColumn(0) + 24);
    showPeriod(current.end > current.start ? current : whole);
    const bool open = m_session->isOpen();
    m_presets->setEnabled(open);
    m_from->setEnabled(open);
    m_to->setEnabled(open);
    m_apply->setEnabled(false);
    m_filling = false;
}

void PeriodSelector::showPeriod(const Period& period)
{
    const bool filling = std::exchange(m_filling, true);
    if (period.end > period.start) {
        m_from->setDateTime(utc(period.start));
        m_to->setDateTime(utc(period.end));
    }
    m_filling = filling;
}

void PeriodSelector::choosePreset(int index)
{
    if (m_filling)
        return;
    m_note->clear();
    m_session->setPeriod(periodAt(index));
    rebuild(); // also when the period did not change: the fields show the preset again
}

void PeriodSelector::markEdited()
{
    if (m_filling)
        return;
    m_apply->setEnabled(m_session->isOpen());
    m_note->setText(tr("Apply to use this period."));
}

void PeriodSelector::propose(const Period& period)
{
    if (!m_session->isOpen() || period.end <= period.start)
        return;
    const analytics::SnappedPeriod snapped = m_session->snapped(period);
    showPeriod(snapped.period);
    m_apply->setEnabled(true);
    m_apply->setDefault(true);
    m_note->setText(snapped.moved()
            ? tr("Proposed: %1, widened from the selection %2 so that it cuts no charge period. Apply to use it.")
                  .arg(FindingModel::rangeText(snapped.period), FindingModel::rangeText(snapped.proposed))
            : tr("Proposed: %1. Apply to use it.").arg(FindingModel::rangeText(snapped.period)));
}

void PeriodSelector::apply()
{
    const Period asked = shownPeriod();
    if (asked.end <= asked.start) {
        m_note->setText(tr("The end of the period must come after its start."));
        return;
    }
    const analytics::SnappedPeriod snapped = m_session->setPeriod(asked);
    rebuild();
    m_note->setText(snapped.moved()
            ? tr("Widened from %1 so that it cuts no charge period.").arg(FindingModel::rangeText(snapped.proposed))
            : QString());
}

} // namespace capaudit
