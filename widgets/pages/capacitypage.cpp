// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/capacitypage.h"

#include "jobs/casereader.h"
#include "jobs/casesession.h"
#include "pages/capacityplot.h"
#include "pages/scenarioform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

#include <set>

namespace capaudit {

using analytics::ClassPlan;

namespace {

QString dateText(const std::optional<qint64>& when)
{
    return when ? QDateTime::fromSecsSinceEpoch(*when, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd"))
                : CapacityPage::tr("not within the horizon");
}

} // namespace

CapacityPage::CapacityPage(CaseSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_plot(new CapacityPlot(this))
    , m_form(new ScenarioForm(this))
    , m_provider(new QComboBox(this))
    , m_class(new QComboBox(this))
    , m_conservative(new QCheckBox(tr("&Conservative (upper 95 % band)"), this))
    , m_summary(new QLabel(this))
    , m_status(new QLabel(this))
    , m_scenarios(new QListWidget(this))
    , m_save(new QPushButton(tr("Save scenario…"), this))
    , m_clear(new QPushButton(tr("Clear"), this))
    , m_loader(this, CaseReader::pool())
{
    m_provider->setObjectName(QStringLiteral("capacityProvider"));
    m_class->setObjectName(QStringLiteral("capacityClass"));
    m_provider->setMinimumContentsLength(14);
    m_conservative->setObjectName(QStringLiteral("capacityConservative"));
    m_conservative->setToolTip(tr("Date exhaustion by the upper 95 % bound of demand instead of its mean"));
    m_summary->setObjectName(QStringLiteral("capacitySummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_status->setWordWrap(true);
    m_scenarios->setObjectName(QStringLiteral("savedScenarios"));
    m_scenarios->setToolTip(tr("Scenarios kept in the case; click one to load it into the form"));
    m_save->setObjectName(QStringLiteral("saveScenario"));
    m_save->setToolTip(tr("Keep this what-if scenario in the case"));
    m_clear->setToolTip(tr("Back to the forecast without a scenario"));

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Provider:"), this));
    bar->addWidget(m_provider);
    bar->addWidget(new QLabel(tr("Resource:"), this));
    bar->addWidget(m_class);
    bar->addSpacing(12);
    bar->addWidget(m_conservative);
    bar->addStretch(1);
    bar->addWidget(m_status);

    auto* side = new QVBoxLayout;
    side->addWidget(m_summary);
    side->addWidget(m_form);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_clear);
    buttons->addStretch(1);
    buttons->addWidget(m_save);
    side->addLayout(buttons);
    side->addWidget(new QLabel(tr("Saved scenarios:"), this));
    side->addWidget(m_scenarios, 1);
    auto* sideWidget = new QWidget(this);
    sideWidget->setLayout(side);
    sideWidget->setFixedWidth(360);
    side->setContentsMargins(0, 0, 0, 0);

    auto* body = new QHBoxLayout;
    body->addWidget(m_plot, 1);
    body->addWidget(sideWidget);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addLayout(body, 1);

    connect(m_provider, &QComboBox::currentIndexChanged, this, [this] {
        fillClasses();
        onSelectionChanged();
    });
    connect(m_class, &QComboBox::currentIndexChanged, this, &CapacityPage::onSelectionChanged);
    connect(m_conservative, &QCheckBox::toggled, this, &CapacityPage::applyForm);
    connect(m_form, &ScenarioForm::changed, this, &CapacityPage::applyForm);
    connect(m_save, &QPushButton::clicked, this, &CapacityPage::saveScenarioInteractive);
    connect(m_clear, &QPushButton::clicked, this, [this] {
        m_form->reset(m_shown ? m_shown->forecast.history.end() : 0);
        m_scenarios->clearSelection();
    });
    connect(m_scenarios, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        if (!m_session->isOpen())
            return;
        Result<std::optional<analytics::Scenario>> s = analytics::loadScenario(*m_session->store(), item->text());
        if (s && s->has_value()) {
            select((*s)->provider, (*s)->resourceClass);
            m_form->setScenario(**s);
        }
    });
    connect(m_session, &CaseSession::caseOpened, this, &CapacityPage::reload);
    connect(m_session, &CaseSession::bundlesChanged, this, &CapacityPage::reload);
    connect(m_session, &CaseSession::caseClosed, this, [this] {
        m_plan.reset();
        m_shown.reset();
        m_provider->clear();
        m_class->clear();
        m_scenarios->clear();
        m_plot->clear();
        m_summary->clear();
        m_status->clear();
    });
    m_save->setEnabled(false);
}

CapacityPage::~CapacityPage() = default;

bool CapacityPage::isLoading() const
{
    return m_loader.isBusy();
}

void CapacityPage::reload()
{
    if (!m_session->isOpen())
        return;
    m_status->setText(tr("Forecasting…"));
    m_loader.start(CaseReader::reading(m_session->path(),
                       [](CaseStore& store) { return analytics::planCapacity(store, analytics::PlanOptions()); }),
        [this](const Result<analytics::CapacityPlan>& result) { onLoaded(result); });
}

void CapacityPage::onLoaded(const Result<analytics::CapacityPlan>& result)
{
    if (!m_session->isOpen())
        return;
    if (!result) {
        m_status->setText(tr("Could not forecast: %1").arg(result.error().reason));
        return;
    }
    m_plan = *result;
    m_status->setText(
        result->notes.isEmpty() ? QString() : tr("%n pair(s) skipped", nullptr, int(result->notes.size())));
    m_status->setToolTip(result->notes.join(QLatin1Char('\n')));
    const QString provider = m_provider->currentText();
    std::set<QString> providers;
    for (const ClassPlan& p : m_plan->classes)
        providers.insert(p.provider);
    {
        const QSignalBlocker blocker(m_provider);
        m_provider->clear();
        for (const QString& p : providers)
            m_provider->addItem(p);
        m_provider->setCurrentIndex(std::max(0, m_provider->findText(provider)));
    }
    fillClasses();
    loadScenarioList();
    onSelectionChanged();
    Q_EMIT planLoaded();
}

void CapacityPage::fillClasses()
{
    const QString current = m_class->currentText();
    const QSignalBlocker blocker(m_class);
    m_class->clear();
    if (!m_plan)
        return;
    for (const ClassPlan& p : m_plan->classes) {
        if (p.provider == m_provider->currentText())
            m_class->addItem(p.resourceClass);
    }
    m_class->setCurrentIndex(std::max(0, m_class->findText(current)));
}

void CapacityPage::select(const QString& provider, const QString& resourceClass)
{
    if (int i = m_provider->findText(provider); i >= 0)
        m_provider->setCurrentIndex(i);
    if (int i = m_class->findText(resourceClass); i >= 0)
        m_class->setCurrentIndex(i);
}

void CapacityPage::onSelectionChanged()
{
    // A new provider/class starts from its plain forecast; the dates default to the end of its history.
    const ClassPlan* found = nullptr;
    if (m_plan) {
        for (const ClassPlan& p : m_plan->classes) {
            if (p.provider == m_provider->currentText() && p.resourceClass == m_class->currentText())
                found = &p;
        }
    }
    if (!found) {
        m_shown.reset();
        m_plot->clear();
        m_summary->setText(m_plan ? tr("No forecast for this selection.") : QString());
        m_save->setEnabled(false);
        return;
    }
    m_shown = *found;
    m_form->reset(found->forecast.history.end()); // emits changed(): applyForm() draws
}

void CapacityPage::applyForm()
{
    if (!m_plan || !m_shown)
        return;
    ClassPlan plan;
    for (const ClassPlan& p : m_plan->classes) {
        if (p.provider == m_shown->provider && p.resourceClass == m_shown->resourceClass)
            plan = p;
    }
    // The forecast is fitted once per load; a scenario only reshapes its points, so this is instant.
    if (!m_form->isNeutral())
        analytics::applyScenario(
            plan, m_form->scenario(plan.provider, plan.resourceClass), int(plan.forecast.points.size()));
    m_shown = plan;
    m_plot->setPlan(plan, m_conservative->isChecked());
    m_save->setEnabled(!m_session->isReadOnly());
    updateSummary();
}

void CapacityPage::updateSummary()
{
    const ClassPlan& p = *m_shown;
    const QLocale locale;
    const analytics::ModelFit& fit = p.forecast.chosen;
    const bool conservative = m_conservative->isChecked();
    QString text = tr("<b>%1 · %2</b>").arg(p.provider.toHtmlEscaped(), p.resourceClass.toHtmlEscaped());
    if (!p.forecast.valid()) {
        text += QStringLiteral("<br>") + tr("No forecast: %1").arg(p.forecast.note.toHtmlEscaped());
        m_summary->setText(text);
        return;
    }
    const QString mape = isMissing(fit.holdoutMape) ? tr("n/a") : locale.toString(fit.holdoutMape, 'f', 1);
    text += QStringLiteral("<br>")
        + tr("Model: %1 (holdout RMSE %2, MAPE %3 % over %4 points)")
              .arg(analytics::forecastModelName(fit.kind), locale.toString(fit.holdoutRmse, 'f', 2), mape)
              .arg(fit.holdoutPoints);
    text += QStringLiteral("<br>")
        + tr("Capacity %1 %4 · committed %2 · last week's peak demand %3")
              .arg(locale.toString(p.capacity, 'f', 1), locale.toString(p.committed, 'f', 1),
                  locale.toString(p.peakDemandLastWeek, 'f', 1), p.unit.toHtmlEscaped());
    text += QStringLiteral("<br>")
        + tr("Headroom %1 (%2 %)").arg(locale.toString(p.headroom, 'f', 1), locale.toString(p.headroomPercent, 'f', 1));
    text += QStringLiteral("<br><b>")
        + (conservative ? tr("Exhaustion (conservative): %1") : tr("Exhaustion (expected): %1"))
              .arg(dateText(p.exhaustion(conservative)))
        + QStringLiteral("</b>");
    text += QStringLiteral("<br>")
        + (conservative ? tr("Expected: %1") : tr("Conservative: %1")).arg(dateText(p.exhaustion(!conservative)));
    if (p.scenarioApplied) {
        const auto baseline = conservative ? p.baselineExhaustionConservative : p.baselineExhaustionExpected;
        text +=
            QStringLiteral("<br><i>") + tr("Without the scenario: %1").arg(dateText(baseline)) + QStringLiteral("</i>");
    }
    m_summary->setText(text);
}

QString CapacityPage::summaryText() const
{
    return m_summary->text();
}

QStringList CapacityPage::savedScenarioNames() const
{
    QStringList names;
    for (int i = 0; i < m_scenarios->count(); ++i)
        names.append(m_scenarios->item(i)->text());
    return names;
}

void CapacityPage::loadScenarioList()
{
    m_scenarios->clear();
    if (!m_session->isOpen())
        return;
    if (Result<QList<analytics::Scenario>> list = analytics::listScenarios(*m_session->store())) {
        for (const analytics::Scenario& s : *list) {
            auto* item = new QListWidgetItem(s.name, m_scenarios);
            item->setToolTip(s.description.isEmpty()
                    ? tr("%1 · %2").arg(s.provider.isEmpty() ? tr("all providers") : s.provider,
                        s.resourceClass.isEmpty() ? tr("all classes") : s.resourceClass)
                    : s.description);
        }
    }
}

bool CapacityPage::saveScenario(const QString& name)
{
    if (!m_session->isOpen() || m_session->isReadOnly() || !m_shown)
        return false;
    analytics::Scenario s = m_form->scenario(m_shown->provider, m_shown->resourceClass);
    if (!name.isEmpty())
        s.name = name;
    if (Status status = analytics::saveScenario(*m_session->store(), s); !status) {
        QMessageBox::warning(this, tr("Save scenario"), status.error().reason);
        return false;
    }
    m_session->noteTrailWritten();
    loadScenarioList();
    return true;
}

void CapacityPage::saveScenarioInteractive()
{
    bool ok = false;
    const QString name =
        QInputDialog::getText(this, tr("Save scenario"), tr("Scenario name:"), QLineEdit::Normal, m_form->name(), &ok);
    if (ok && !name.trimmed().isEmpty())
        saveScenario(name.trimmed());
}

} // namespace capaudit
