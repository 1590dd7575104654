// SPDX-License-Identifier: GPL-3.0-or-later
#include "overview/overviewdashboard.h"

#include "analytics/assessment.h"
#include "jobs/analysiscontroller.h"
#include "jobs/casereader.h"
#include "jobs/casesession.h"
#include "jobs/checkjob.h"
#include "models/coveragemodel.h"
#include "models/findingmodel.h"
#include "models/provideroverviewmodel.h"
#include "overview/coveragestrip.h"
#include "overview/providercard.h"
#include "overview/seriousfindingslist.h"
#include "pages/periodselector.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace capaudit {

namespace {

constexpr int kSeriousFindings = 8; // as many as the report's executive summary lists
constexpr int kCardColumns = 3;

QLabel* sectionTitle(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    QFont f = label->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    label->setFont(f);
    return label;
}

} // namespace

OverviewDashboard::OverviewDashboard(CaseSession* session, AnalysisController* analysis, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_analysis(analysis)
    , m_providers(new ProviderOverviewModel(this))
    , m_coverage(new CoverageModel(this))
    , m_title(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_period(new PeriodSelector(session, this))
    , m_statusBar(new QWidget(this))
    , m_status(new QLabel(m_statusBar))
    , m_cancel(new QPushButton(tr("Cancel checks"), m_statusBar))
    , m_rerun(new QPushButton(tr("Run checks"), m_statusBar))
    , m_headline(new QLabel(this))
    , m_loader(this, CaseReader::pool())
    , m_presetLoader(this, CaseReader::pool())
{
    setObjectName(QStringLiteral("overviewDashboard"));
    QFont titleFont = font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_subtitle->setStyleSheet(QStringLiteral("color: #555555"));
    m_subtitle->setWordWrap(true);
    m_headline->setObjectName(QStringLiteral("overviewHeadline"));
    m_headline->setWordWrap(true);
    m_headline->setTextFormat(Qt::RichText);
    QFont headFont = font();
    headFont.setPointSizeF(headFont.pointSizeF() * 1.2);
    m_headline->setFont(headFont);

    m_status->setObjectName(QStringLiteral("overviewStatus"));
    m_cancel->setObjectName(QStringLiteral("overviewCancelChecks"));
    m_rerun->setObjectName(QStringLiteral("overviewRunChecks"));
    auto* statusLayout = new QHBoxLayout(m_statusBar);
    statusLayout->setContentsMargins(0, 0, 0, 0);
    statusLayout->addWidget(m_status, 1);
    statusLayout->addWidget(m_cancel);
    statusLayout->addWidget(m_rerun);

    auto* content = new QWidget(this);
    content->setObjectName(QStringLiteral("overviewContent"));
    m_cardsHost = new QWidget(content);
    m_cardsLayout = new QGridLayout(m_cardsHost);
    m_cardsLayout->setContentsMargins(0, 0, 0, 0);
    m_cardsLayout->setSpacing(10);
    m_strip = new CoverageStrip(m_coverage, content);
    m_coverageNote = new QLabel(content);
    m_coverageNote->setStyleSheet(QStringLiteral("color: #6b6b6b"));
    m_coverageNote->setWordWrap(true);
    auto* findings = new SeriousFindingsList(content);
    m_findingsHost = findings;
    connect(findings, &SeriousFindingsList::linkActivated, this, &OverviewDashboard::activateLink);

    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 4, 0);
    contentLayout->setSpacing(8);
    contentLayout->addWidget(m_headline);
    contentLayout->addWidget(m_cardsHost);
    contentLayout->addSpacing(6);
    contentLayout->addWidget(sectionTitle(tr("Evidence coverage by day"), content));
    contentLayout->addWidget(m_strip);
    contentLayout->addWidget(m_coverageNote);
    contentLayout->addSpacing(6);
    contentLayout->addWidget(sectionTitle(tr("Most serious findings"), content));
    contentLayout->addWidget(findings);
    contentLayout->addStretch(1);

    auto* scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    // Everything wraps or shrinks to the window's width: a page that scrolls sideways hides its last card.
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto* header = new QHBoxLayout;
    auto* titles = new QVBoxLayout;
    titles->addWidget(m_title);
    titles->addWidget(m_subtitle);
    header->addLayout(titles, 1);
    header->addWidget(new QLabel(tr("Period:"), this), 0, Qt::AlignTop);
    header->addWidget(m_period, 0, Qt::AlignTop);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 6);
    layout->addLayout(header);
    layout->addWidget(m_statusBar);
    layout->addWidget(scroll, 1);

    connect(m_cancel, &QPushButton::clicked, m_analysis, &AnalysisController::cancel);
    connect(m_rerun, &QPushButton::clicked, this, [this] { m_analysis->runChecks(m_session->period()); });
    connect(m_session, &CaseSession::caseOpened, this, &OverviewDashboard::reload);
    connect(m_session, &CaseSession::bundlesChanged, this, &OverviewDashboard::reload);
    connect(m_session, &CaseSession::caseOpened, this, &OverviewDashboard::loadPresets);
    connect(m_session, &CaseSession::bundlesChanged, this, &OverviewDashboard::loadPresets);
    connect(m_session, &CaseSession::periodChanged, this, &OverviewDashboard::reload);
    connect(m_session, &CaseSession::anchorsChanged, this, &OverviewDashboard::updateHeader);
    connect(m_session, &CaseSession::caseClosed, this, &OverviewDashboard::onCaseClosed);
    connect(m_analysis, &AnalysisController::started, this,
        [this] { setStatus(tr("Running the compliance checks…"), true); });
    connect(m_analysis, &AnalysisController::progress, this, [this](double fraction, const QString& message) {
        setStatus(tr("Running the compliance checks: %1 % (%2)").arg(int(fraction * 100)).arg(message), true);
    });
    connect(m_analysis, &AnalysisController::reportChanged, this, &OverviewDashboard::onReport);
    connect(m_analysis, &AnalysisController::failed, this,
        [this](const QString& message) { setStatus(tr("The checks could not run: %1").arg(message), false, true); });
    connect(m_analysis->job(), &CheckJob::finished, this, [this] {
        if (m_analysis->job()->wasCancelled())
            setStatus(m_report ? tr("Checks cancelled: the verdicts below are from the previous run.")
                               : tr("Checks cancelled: no verdict yet."),
                false, true);
    });
    onCaseClosed();
}

OverviewDashboard::~OverviewDashboard() = default;

void OverviewDashboard::setStatus(const QString& text, bool running, bool canRerun)
{
    m_status->setText(text);
    m_cancel->setVisible(running);
    m_rerun->setVisible(canRerun && m_session->isOpen());
    m_statusBar->setVisible(!text.isEmpty() || running || canRerun);
}

QString OverviewDashboard::statusText() const
{
    return m_statusBar->isVisible() ? m_status->text() : QString();
}

QString OverviewDashboard::headline() const
{
    return m_headline->text();
}

void OverviewDashboard::reload()
{
    updateHeader();
    if (!m_session->isOpen())
        return;
    // A newer request supersedes the running one: its answer is dropped, never shown (JobTracker).
    m_loader.start(CaseReader::reading(m_session->path(),
                       [period = m_session->period()](CaseStore& store) { return loadDashboard(store, period); }),
        [this](const Result<DashboardData>& result) { onLoaded(result); });
}

void OverviewDashboard::loadPresets()
{
    if (!m_session->isOpen())
        return;
    // Apart from the strip: the billing periods are read from every FOCUS row (a quarter of a second on a year of a
    // bank), and the first draw of the page must not wait for them (docs/performance.md, "Overview").
    m_presetLoader.start(
        CaseReader::reading(m_session->path(), [](CaseStore& store) { return analytics::periodPresets(store); }),
        [this](const Result<QList<analytics::PeriodPreset>>& presets) {
            if (m_session->isOpen() && presets)
                m_session->setPeriodPresets(*presets);
        });
}

void OverviewDashboard::onLoaded(const Result<DashboardData>& result)
{
    if (!m_session->isOpen())
        return;
    if (!result) {
        m_coverageNote->setText(tr("Could not read the evidence coverage: %1").arg(result.error().toString()));
        return;
    }
    m_data = *result;
    m_coverage->setData(m_data);
    m_coverageNote->setText(m_data.dayCount == 0
            ? tr("No telemetry in the case yet: import bundles to see their coverage.")
            : tr("One cell per UTC day. Telemetry counts the expected samples; billing and attestation their "
                 "claimed periods. A dark foot marks a day also claimed by a bundle refused on import."));
    rebuild();
}

void OverviewDashboard::onReport(const analytics::CheckReport& report)
{
    m_report = report;
    m_providers->setReport(report);
    setStatus({}, false);
    rebuild();
}

void OverviewDashboard::onCaseClosed()
{
    m_loader.discard();
    m_report.reset();
    m_data = {};
    m_providers->clear();
    m_coverage->clear();
    setStatus({}, false);
    rebuild();
    updateHeader();
}

void OverviewDashboard::updateHeader()
{
    if (!m_session->isOpen()) {
        m_title->setText(tr("No case open"));
        m_subtitle->clear();
        return;
    }
    m_title->setText(m_session->name());
    QString sub = m_session->trustStatus();
    if (m_session->isReadOnly())
        sub += QStringLiteral(" · ") + tr("read-only");
    m_subtitle->setText(sub);
}

void OverviewDashboard::rebuild()
{
    rebuildCards();
    rebuildFindings();
    Q_EMIT updated();
}

void OverviewDashboard::rebuildCards()
{
    m_cards.clear(); // deleted with their layout items below
    while (QLayoutItem* item = m_cardsLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (!m_report) {
        m_headline->setText(m_session->isOpen() ? tr("Waiting for the compliance checks…") : QString());
        return;
    }
    const QList<analytics::ProviderAssessment>& rows = m_providers->assessments();
    int failing = 0, unassessed = 0;
    for (const analytics::ProviderAssessment& a : rows) {
        failing += a.assessment == analytics::Assessment::NotCompliant;
        unassessed += a.assessment == analytics::Assessment::NotAssessed;
    }
    const QString fails = FindingModel::severityText(m_report->failingSeverity).toLower();
    if (rows.isEmpty())
        m_headline->setText(tr("Nothing to assess yet: the case holds no provider's evidence for this period."));
    else if (failing > 0)
        // "3 of 3" needs no plural form, so the sentence reads right without a loaded translation too.
        m_headline->setText(tr("<b style=\"color:#b01c1c\">The evidence does not support every claim.</b> Providers "
                               "failing the policy “%1” (it fails at %2 and above): %3 of %4.")
                                .arg(m_report->policyName.toHtmlEscaped(), fails)
                                .arg(failing)
                                .arg(rows.size()));
    else if (unassessed > 0)
        m_headline->setText(tr("<b>No failing finding, but some providers could not be assessed</b> (no telemetry "
                               "in the period): %1 of %2.")
                                .arg(unassessed)
                                .arg(rows.size()));
    else
        m_headline->setText(tr("<b style=\"color:#2e7d32\">The evidence supports every provider's claims.</b> No "
                               "finding reaches the policy's failing severity (%1).")
                                .arg(fails));

    int i = 0;
    for (const analytics::ProviderAssessment& a : rows) {
        analytics::ProviderFacts facts;
        for (const analytics::ProviderFacts& f : std::as_const(m_report->providers))
            if (f.provider == a.provider)
                facts = f;
        QList<ClassTrend> trends;
        for (const ClassTrend& t : std::as_const(m_data.trends))
            if (t.provider == a.provider)
                trends.append(t);
        auto* card = new ProviderCard(a, facts, trends, m_cardsHost);
        connect(card, &ProviderCard::findingsRequested, this, &OverviewDashboard::findingsRequested);
        m_cardsLayout->addWidget(card, i / kCardColumns, i % kCardColumns);
        m_cards.append(card);
        ++i;
    }
    for (int c = 0; c < kCardColumns; ++c)
        m_cardsLayout->setColumnStretch(c, 1);
}

void OverviewDashboard::rebuildFindings()
{
    auto* list = static_cast<SeriousFindingsList*>(m_findingsHost);
    if (!m_report) {
        m_serious.clear();
        list->setPlaceholder(m_session->isOpen() ? tr("The findings appear when the checks have run.") : QString());
        return;
    }
    m_serious = analytics::mostSeriousFindings(*m_report, kSeriousFindings);
    if (m_report->providers.isEmpty() && m_serious.isEmpty()) {
        // No finding in an empty case is not a clean result.
        list->setPlaceholder(tr("Nothing was checked: import bundles (File > Import…, or drop them on the "
                                "window) to see findings here."));
        return;
    }
    list->setFindings(m_serious, int(m_report->findings.size()));
}

void OverviewDashboard::activateLink(const QString& link)
{
    const qsizetype colon = link.indexOf(QLatin1Char(':'));
    if (colon < 0 || !m_report)
        return;
    const QString kind = link.left(colon);
    const QString id = link.mid(colon + 1);
    for (const analytics::Finding& f : std::as_const(m_report->findings)) {
        if (f.id != id)
            continue;
        if (kind == QLatin1String("timeline"))
            Q_EMIT timelineRequested(f);
        else
            Q_EMIT findingRequested(f.id);
        return;
    }
}

} // namespace capaudit
