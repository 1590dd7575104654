// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/scenarioform.h"

#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLineEdit>

namespace capaudit {

namespace {

qint64 toSeconds(const QDateEdit* edit)
{
    return QDateTime(edit->date(), QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
}

void setSeconds(QDateEdit* edit, qint64 seconds)
{
    edit->setDate(QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).date());
}

} // namespace

ScenarioForm::ScenarioForm(QWidget* parent)
    : QGroupBox(tr("What if…"), parent)
    , m_name(new QLineEdit(this))
    , m_growth(new QDoubleSpinBox(this))
    , m_capacity(new QDoubleSpinBox(this))
    , m_capacityFrom(new QDateEdit(this))
    , m_tenant(new QLineEdit(this))
    , m_quantity(new QDoubleSpinBox(this))
    , m_onboardingFrom(new QDateEdit(this))
{
    m_name->setObjectName(QStringLiteral("scenarioName"));
    m_name->setPlaceholderText(tr("Scenario name"));
    m_growth->setObjectName(QStringLiteral("scenarioGrowth"));
    m_growth->setRange(-100, 1000);
    m_growth->setSuffix(tr(" %"));
    m_growth->setDecimals(1);
    m_growth->setToolTip(tr("Extra demand growth reached at the end of the horizon, rising linearly from today"));
    m_capacity->setObjectName(QStringLiteral("scenarioCapacity"));
    m_capacity->setRange(-1e6, 1e6);
    m_capacity->setDecimals(1);
    m_capacity->setToolTip(tr("Units of capacity added (positive) or removed (negative)"));
    m_tenant->setObjectName(QStringLiteral("scenarioTenant"));
    m_tenant->setPlaceholderText(tr("New tenant"));
    m_quantity->setObjectName(QStringLiteral("scenarioOnboarding"));
    m_quantity->setRange(0, 1e6);
    m_quantity->setDecimals(1);
    m_quantity->setToolTip(tr("Units the new tenant is expected to use"));
    for (QDateEdit* d : { m_capacityFrom, m_onboardingFrom }) {
        d->setCalendarPopup(true);
        d->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        d->setTimeSpec(Qt::UTC);
    }

    auto* form = new QFormLayout(this);
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Demand growth:"), m_growth);
    form->addRow(tr("Capacity change:"), m_capacity);
    form->addRow(tr("  from:"), m_capacityFrom);
    form->addRow(tr("Onboarding tenant:"), m_tenant);
    form->addRow(tr("  quantity:"), m_quantity);
    form->addRow(tr("  from:"), m_onboardingFrom);

    auto emitChanged = [this] {
        if (!m_setting)
            Q_EMIT changed();
    };
    for (QDoubleSpinBox* s : { m_growth, m_capacity, m_quantity })
        connect(s, &QDoubleSpinBox::valueChanged, this, emitChanged);
    for (QDateEdit* d : { m_capacityFrom, m_onboardingFrom })
        connect(d, &QDateEdit::dateChanged, this, emitChanged);
}

QString ScenarioForm::name() const
{
    return m_name->text().trimmed();
}

bool ScenarioForm::isNeutral() const
{
    return m_growth->value() == 0 && m_capacity->value() == 0 && m_quantity->value() == 0;
}

analytics::Scenario ScenarioForm::scenario(const QString& provider, const QString& resourceClass) const
{
    analytics::Scenario s;
    s.name = name();
    s.provider = provider;
    s.resourceClass = resourceClass;
    s.demandGrowthPercent = m_growth->value();
    s.capacityChange = m_capacity->value();
    s.capacityChangeFrom = toSeconds(m_capacityFrom);
    if (m_quantity->value() > 0) {
        analytics::TenantOnboarding t;
        t.tenant = m_tenant->text().trimmed().isEmpty() ? tr("new tenant") : m_tenant->text().trimmed();
        t.provider = provider;
        t.resourceClass = resourceClass;
        t.quantity = m_quantity->value();
        t.start = toSeconds(m_onboardingFrom);
        s.onboarding.append(t);
    }
    return s;
}

void ScenarioForm::setScenario(const analytics::Scenario& s)
{
    m_setting = true;
    m_name->setText(s.name);
    m_growth->setValue(s.demandGrowthPercent);
    m_capacity->setValue(s.capacityChange);
    if (s.capacityChangeFrom > 0)
        setSeconds(m_capacityFrom, s.capacityChangeFrom);
    double quantity = 0;
    QString tenant;
    qint64 start = 0;
    for (const analytics::TenantOnboarding& t : s.onboarding) {
        quantity += t.quantity; // the form has one row: several onboardings show as their sum
        tenant = tenant.isEmpty() ? t.tenant : tenant;
        start = start == 0 ? t.start : std::min(start, t.start);
    }
    m_tenant->setText(tenant);
    m_quantity->setValue(quantity);
    if (start > 0)
        setSeconds(m_onboardingFrom, start);
    m_setting = false;
    Q_EMIT changed();
}

void ScenarioForm::reset(qint64 defaultDate)
{
    m_setting = true;
    m_name->clear();
    m_growth->setValue(0);
    m_capacity->setValue(0);
    m_tenant->clear();
    m_quantity->setValue(0);
    setSeconds(m_capacityFrom, defaultDate);
    setSeconds(m_onboardingFrom, defaultDate);
    m_setting = false;
    Q_EMIT changed();
}

} // namespace capaudit
