// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/timelinepage.h"

#include "jobs/casereader.h"
#include "jobs/casesession.h"
#include "models/findingmodel.h"
#include "models/iconprovider.h"
#include "pages/periodselector.h"
#include "timeline/timelineplot.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QSettings>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace capaudit {

TimelinePage::TimelinePage(CaseSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_plot(new TimelinePlot(this))
    , m_provider(new QComboBox(this))
    , m_resourceClass(new QComboBox(this))
    , m_meter(new QComboBox(this))
    , m_level(new QLabel(this))
    , m_period(new PeriodSelector(session, this))
    , m_debounce(new QTimer(this))
    , m_loader(this, CaseReader::pool())
{
    m_provider->setObjectName(QStringLiteral("timelineProvider"));
    m_resourceClass->setObjectName(QStringLiteral("timelineResourceClass"));
    m_meter->addItem(tr("Provider telemetry"), QStringLiteral("provider"));
    m_meter->addItem(tr("Independent meter"), QStringLiteral("independent"));
    m_provider->setMinimumContentsLength(14);

    auto* reset = new QToolButton(this);
    reset->setIcon(IconProvider::icon(QStringLiteral("zoom-reset")));
    reset->setText(tr("Reset view"));
    reset->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    reset->setToolTip(tr("Show the whole period (Ctrl+0)"));
    auto* exportButton = new QToolButton(this);
    exportButton->setIcon(IconProvider::icon(QStringLiteral("export")));
    exportButton->setText(tr("Export…"));
    exportButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    exportButton->setToolTip(tr("Save the chart as PNG, SVG or PDF"));
    m_level->setObjectName(QStringLiteral("timelineLevel"));
    m_level->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Provider:"), this));
    bar->addWidget(m_provider);
    bar->addWidget(new QLabel(tr("Resource:"), this));
    bar->addWidget(m_resourceClass);
    bar->addWidget(m_meter);
    bar->addStretch(1);
    bar->addWidget(m_level);
    bar->addWidget(reset);
    bar->addWidget(exportButton);
    auto* periodBar = new QHBoxLayout;
    periodBar->addWidget(new QLabel(tr("Period:"), this), 0, Qt::AlignTop);
    periodBar->addWidget(m_period);
    periodBar->addStretch(1);
    auto* hint = new QLabel(tr("Wheel: zoom · drag: pan · Shift+drag: propose a period · hover: values"), this);
    hint->setEnabled(false);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addLayout(periodBar);
    layout->addWidget(m_plot, 1);
    layout->addWidget(hint);

    // Zooming emits a burst of range changes; load once the wheel rests.
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(60);
    connect(m_debounce, &QTimer::timeout, this, &TimelinePage::requestLoad);
    connect(m_plot, &TimelinePlot::visibleRangeChanged, m_debounce, qOverload<>(&QTimer::start));
    // A drag is a proposal: the raw seconds under the mouse cut charge periods and hours, so the picker shows it
    // widened and the auditor applies it (or not).
    connect(m_plot, &TimelinePlot::periodSelected, this, [this](qint64 from, qint64 to) {
        m_period->propose(Period { from, to });
    });
    connect(m_session, &CaseSession::periodChanged, m_plot, &TimelinePlot::setPeriodHighlight);
    connect(reset, &QToolButton::clicked, this, &TimelinePage::resetView);
    connect(exportButton, &QToolButton::clicked, this, &TimelinePage::exportChart);
    connect(m_provider, &QComboBox::currentIndexChanged, this, &TimelinePage::onSelectionChanged);
    connect(m_resourceClass, &QComboBox::currentIndexChanged, this, &TimelinePage::onSelectionChanged);
    connect(m_meter, &QComboBox::currentIndexChanged, this, &TimelinePage::requestLoad);
    connect(m_session, &CaseSession::caseOpened, this, &TimelinePage::onCaseOpened);
    connect(m_session, &CaseSession::bundlesChanged, this, &TimelinePage::reload);
    connect(m_session, &CaseSession::caseClosed, this, [this] {
        m_loader.discard();
        m_provider->clear();
        m_resourceClass->clear();
        m_findings.clear();
        m_plot->setMarkers({});
        m_plot->clear();
        m_level->clear();
    });
}

TimelinePage::~TimelinePage() = default;

bool TimelinePage::isLoading() const
{
    return m_loader.isBusy() || m_debounce->isActive();
}

QString TimelinePage::levelText() const
{
    return m_level->text();
}

void TimelinePage::onCaseOpened()
{
    reload();
}

void TimelinePage::reload()
{
    if (!m_session->isOpen())
        return;
    const QString provider = m_provider->currentText();
    const QString resourceClass = m_resourceClass->currentText();
    const QSignalBlocker b1(m_provider);
    const QSignalBlocker b2(m_resourceClass);
    m_provider->clear();
    m_resourceClass->clear();
    if (Result<QStringList> providers = m_session->store()->providers())
        m_provider->addItems(*providers);
    if (Result<QStringList> classes = m_session->store()->resourceClasses())
        m_resourceClass->addItems(*classes);
    if (int i = m_provider->findText(provider); i >= 0)
        m_provider->setCurrentIndex(i);
    if (int i = m_resourceClass->findText(resourceClass); i >= 0)
        m_resourceClass->setCurrentIndex(i);
    onSelectionChanged();
}

QString TimelinePage::provider() const
{
    return m_provider->currentText();
}

QString TimelinePage::resourceClass() const
{
    return m_resourceClass->currentText();
}

void TimelinePage::setFindings(const QList<analytics::Finding>& findings)
{
    m_findings = findings;
    updateMarkers();
}

void TimelinePage::updateMarkers()
{
    const QString provider = m_provider->currentText();
    const QString resourceClass = m_resourceClass->currentText();
    QList<TimelineMarker> markers;
    for (const analytics::Finding& f : std::as_const(m_findings)) {
        // Provider-wide findings (no resource class) belong on every class of their provider.
        if (f.provider != provider || (!f.resourceClass.isEmpty() && f.resourceClass != resourceClass)
            || f.range.end <= f.range.start)
            continue;
        TimelineMarker m;
        m.range = f.range;
        m.colour = FindingModel::severityColor(f.severity);
        m.label = f.ruleId;
        m.text = tr("Finding (%1): %2").arg(FindingModel::severityText(f.severity), analytics::localizedTitle(f));
        m.focused = f.id == m_focused;
        markers.append(m);
    }
    m_plot->setMarkers(markers);
}

void TimelinePage::showFinding(const analytics::Finding& finding)
{
    m_focused = finding.id;
    showRange(finding.provider, finding.resourceClass, finding.range);
    updateMarkers();
}

void TimelinePage::showRange(const QString& provider, const QString& resourceClass, const Period& range)
{
    if (!m_session->isOpen())
        return;
    {
        const QSignalBlocker b1(m_provider);
        const QSignalBlocker b2(m_resourceClass);
        if (int i = m_provider->findText(provider); i >= 0)
            m_provider->setCurrentIndex(i);
        if (int i = m_resourceClass->findText(resourceClass); i >= 0 && !resourceClass.isEmpty())
            m_resourceClass->setCurrentIndex(i);
    }
    onSelectionChanged();
    if (range.end <= range.start)
        return;
    // A quarter of the span on each side, so the finding is seen against what came before and after it.
    const double span = std::max(double(range.end - range.start), 3600.0);
    m_plot->setVisibleRange(double(range.start) - span / 4, double(range.end) + span / 4);
}

void TimelinePage::onSelectionChanged()
{
    updateMarkers();
    if (!m_session->isOpen() || m_provider->currentText().isEmpty()) {
        m_plot->clear();
        return;
    }
    Result<Period> period = m_session->store()->periodCovered(m_provider->currentText());
    if (!period || period->end <= period->start) {
        m_plot->clear();
        m_level->setText(tr("No telemetry for %1").arg(m_provider->currentText()));
        return;
    }
    // setExtent moves the view, which queues the load through the debounce timer.
    m_plot->setExtent(period->start, period->end);
    m_plot->setPeriodHighlight(m_session->period());
    requestLoad();
}

void TimelinePage::requestLoad()
{
    m_debounce->stop();
    if (!m_session->isOpen() || m_provider->currentText().isEmpty() || m_resourceClass->currentText().isEmpty())
        return;
    const auto [from, to] = m_plot->visibleRange();
    // Half a view of margin on each side, so a short pan shows data at once while the next load runs.
    const double span = to - from;
    TimelineRequest request;
    request.provider = m_provider->currentText();
    request.resourceClass = m_resourceClass->currentText();
    request.meter = m_meter->currentData().toString();
    request.from = qint64(std::floor(from - span / 2));
    request.to = qint64(std::ceil(to + span / 2));
    request.maxPoints = std::max(400, m_plot->width() * 2);
    // One load at a time; the newest view wins (JobTracker).
    m_loader.start(
        CaseReader::reading(m_session->path(), [request](CaseStore& store) { return loadTimeline(store, request); }),
        [this](const Result<TimelineData>& result) { onLoaded(result); });
}

void TimelinePage::onLoaded(const Result<TimelineData>& result)
{
    if (!result) {
        m_level->setText(tr("Could not load: %1").arg(result.error().toString()));
    } else {
        m_plot->setData(*result);
        const qsizetype points = result->series.times.size();
        m_level->setText(points == 1
                ? tr("Level: %1 · 1 point per line").arg(seriesLevelName(result->series.level))
                : tr("Level: %1 · %2 points per line").arg(seriesLevelName(result->series.level)).arg(points));
    }
    Q_EMIT dataLoaded();
}

void TimelinePage::resetView()
{
    m_plot->resetView();
}

void TimelinePage::exportChart()
{
    if (m_plot->data().series.times.isEmpty())
        return;
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("paths/export")).toString();
    QString selected;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export chart"), dir, tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"), &selected);
    if (path.isEmpty())
        return;
    QString file = path;
    if (QFileInfo(file).suffix().isEmpty())
        file += selected.contains(QLatin1String("svg")) ? QStringLiteral(".svg")
            : selected.contains(QLatin1String("pdf"))   ? QStringLiteral(".pdf")
                                                        : QStringLiteral(".png");
    settings.setValue(QStringLiteral("paths/export"), QFileInfo(file).absolutePath());
    if (Status s = m_plot->exportTo(file); !s)
        QMessageBox::warning(this, tr("Export chart"), s.error().toString());
}

} // namespace capaudit
