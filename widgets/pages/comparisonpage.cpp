// SPDX-License-Identifier: GPL-3.0-or-later
// QCustomPlot's header uses foreach: the macro must be allowed before the first Qt header is read.
#undef QT_NO_FOREACH
#include "pages/comparisonpage.h"

#include "analytics/comparisontext.h"
#include "jobs/casesession.h"
#include "models/bidcomparisonmodel.h"
#include "views/audittable.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace capaudit {

namespace {

const QList<QColor>& criterionColours()
{
    static const QList<QColor> colours { QColor(0x4e, 0x79, 0xa7), QColor(0x59, 0xa1, 0x4f), QColor(0xf2, 0x8e, 0x2b),
        QColor(0xe1, 0x57, 0x59), QColor(0x76, 0xb7, 0xb2) };
    return colours;
}

} // namespace

ComparisonPage::ComparisonPage(CaseSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new BidComparisonModel(this))
    , m_view(new QTableView(this))
    , m_filter(new QLineEdit(this))
    , m_chart(new QCustomPlot(this))
    , m_verdict(new QLabel(this))
    , m_status(new QLabel(this))
    , m_save(new QPushButton(tr("&Save weights"), this))
    , m_reset(new QPushButton(tr("&Equal weights"), this))
{
    auto* proxy = AuditTable::filterProxy(m_model, Qt::DisplayRole, this);
    proxy->setSortRole(BidComparisonModel::SortRole);
    m_view->setObjectName(QStringLiteral("comparisonTable"));
    m_view->setModel(proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // rank order until the auditor sorts
    AuditTable::setupFilter(m_filter, QStringLiteral("comparisonFilter"), tr("Filter providers…"), proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(BidComparisonModel::ProviderColumn, QHeaderView::Stretch);

    auto* weightsBox = new QGroupBox(tr("Criteria weights"), this);
    auto* form = new QFormLayout(weightsBox);
    for (const analytics::CriterionInfo& info : analytics::comparisonCriteria()) {
        auto* spin = new QDoubleSpinBox(weightsBox);
        spin->setObjectName(QStringLiteral("weight-%1").arg(info.id));
        spin->setRange(0, 10);
        spin->setSingleStep(0.5);
        spin->setDecimals(1);
        spin->setValue(1);
        spin->setToolTip(analytics::localizedMethod(info));
        form->addRow(analytics::localizedTitle(info) + QLatin1Char(':'), spin);
        m_weights.insert(info.id, spin);
        connect(spin, &QDoubleSpinBox::valueChanged, this, [this] {
            if (m_loading)
                return;
            setDirty(true);
            recompute();
        });
    }
    m_save->setObjectName(QStringLiteral("saveWeights"));
    m_save->setToolTip(tr("Keep these weights in the case (recorded in the audit trail); reports use them"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_reset);
    buttons->addStretch(1);
    buttons->addWidget(m_save);
    form->addRow(buttons);
    m_status->setWordWrap(true);
    form->addRow(m_status);
    weightsBox->setMaximumWidth(420);

    m_verdict->setObjectName(QStringLiteral("sensitivityVerdict"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_chart->setMinimumHeight(260);
    m_chart->yAxis->setRange(0, 100);
    m_chart->yAxis->setLabel(tr("Weighted score (0–100)"));
    m_chart->legend->setVisible(true);
    m_chart->legend->setBrush(QBrush(QColor(255, 255, 255, 220)));
    QFont legendFont = font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.85);
    m_chart->legend->setFont(legendFont);

    // The legend in its own row under the chart, so it never hides data or markers.
    auto* legendRow = new QCPLayoutGrid;
    m_chart->plotLayout()->addElement(1, 0, legendRow);
    legendRow->setMargins(QMargins(5, 0, 5, 5));
    legendRow->addElement(0, 0, m_chart->legend);
    m_chart->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_chart->legend->setWrap(3);
    m_chart->legend->setBorderPen(Qt::NoPen);
    m_chart->plotLayout()->setRowStretchFactor(1, 0.001);
    m_chart->xAxis->grid()->setVisible(false);

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(weightsBox);
    rightLayout->addStretch(1);
    auto* left = new QSplitter(Qt::Vertical, this);
    left->addWidget(AuditTable::filteredPane(m_filter, m_view, this));
    left->addWidget(m_chart);
    left->setStretchFactor(0, 1);
    left->setStretchFactor(1, 4);
    left->setSizes({ 200, 600 });
    auto* body = new QHBoxLayout;
    body->addWidget(left, 1);
    body->addWidget(right);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_verdict);
    layout->addLayout(body, 1);

    connect(m_save, &QPushButton::clicked, this, &ComparisonPage::saveWeights);
    connect(m_reset, &QPushButton::clicked, this, &ComparisonPage::resetWeights);
    connect(m_session, &CaseSession::caseOpened, this, &ComparisonPage::loadWeights);
    connect(m_session, &CaseSession::caseClosed, this, &ComparisonPage::clear);
    m_table = AuditTable::install(m_view, QStringLiteral("comparison"), m_filter, this);
    clear();
}

analytics::ComparisonWeights ComparisonPage::weights() const
{
    analytics::ComparisonWeights w;
    for (auto it = m_weights.begin(); it != m_weights.end(); ++it)
        w.weights.insert(it.key(), it.value()->value());
    return w;
}

QString ComparisonPage::verdictText() const
{
    return m_verdict->text();
}

void ComparisonPage::clear()
{
    m_report = {};
    m_hasReport = false;
    m_model->setComparison({});
    m_verdict->setText(m_session->isOpen() ? tr("Waiting for the compliance checks…") : tr("No case open."));
    updateChart();
    setDirty(false);
}

void ComparisonPage::loadWeights()
{
    if (!m_session->isOpen())
        return;
    Result<analytics::ComparisonWeights> loaded = analytics::loadWeights(*m_session->store());
    const analytics::ComparisonWeights w = loaded ? *loaded : analytics::ComparisonWeights::defaults();
    m_loading = true;
    for (auto it = m_weights.begin(); it != m_weights.end(); ++it)
        it.value()->setValue(w.weights.value(it.key(), 0));
    m_loading = false;
    setDirty(false);
    if (!loaded)
        m_status->setText(
            tr("The weights in the case could not be read (%1); equal weights are shown.").arg(loaded.error().reason));
    recompute();
}

void ComparisonPage::setReport(const analytics::CheckReport& report)
{
    m_report = report;
    m_hasReport = true;
    recompute();
}

void ComparisonPage::resetWeights()
{
    const analytics::ComparisonWeights w = analytics::ComparisonWeights::defaults();
    m_loading = true;
    for (auto it = m_weights.begin(); it != m_weights.end(); ++it)
        it.value()->setValue(w.weights.value(it.key(), 1));
    m_loading = false;
    setDirty(true);
    recompute();
}

void ComparisonPage::saveWeights()
{
    if (!m_session->isOpen() || m_session->isReadOnly())
        return;
    double sum = 0;
    for (const QDoubleSpinBox* spin : std::as_const(m_weights))
        sum += spin->value();
    if (sum <= 0) {
        m_status->setText(tr("At least one weight must be above zero."));
        return;
    }
    if (Status s = analytics::saveWeights(*m_session->store(), weights()); !s) {
        m_status->setText(tr("Could not save the weights: %1").arg(s.error().reason));
        return;
    }
    setDirty(false);
    m_status->setText(tr("Weights saved in the case."));
    m_session->noteTrailWritten();
}

void ComparisonPage::setDirty(bool dirty)
{
    m_save->setEnabled(dirty && m_session->isOpen() && !m_session->isReadOnly());
    if (dirty)
        m_status->setText(tr("Changed weights are not saved yet."));
    else if (m_session->isOpen())
        m_status->clear();
}

void ComparisonPage::recompute()
{
    if (!m_hasReport) {
        updateChart();
        return;
    }
    // Pure arithmetic over the check run's facts: cheap enough to follow every spin box step.
    const analytics::BidComparison comparison = analytics::compareBids(m_report, weights());
    m_model->setComparison(comparison);
    m_table->fitColumns();
    QString text;
    if (comparison.bidders.size() < 2) {
        text = tr("A comparison needs at least two providers in the case.");
    } else {
        text = comparison.stable ? tr("<b>Ranking stable</b>: no single weight moved by ±10 % changes the order (%1).")
                                       .arg(comparison.ranking().join(QStringLiteral(" > ")).toHtmlEscaped())
                                 : tr("<b>Ranking sensitive</b>: %1 (%2).")
                                       .arg(analytics::localizedVerdict(comparison).toHtmlEscaped(),
                                           comparison.ranking().join(QStringLiteral(" > ")).toHtmlEscaped());
        for (const analytics::SensitivityFlip& flip : comparison.flips)
            text += QStringLiteral("<br>")
                + tr("%1 weight ×%2: %3 drops below %4")
                      .arg(analytics::localizedCriterionTitle(flip.criterion, flip.criterion),
                          QLocale().toString(flip.factor, 'f', 1), flip.above, flip.below)
                      .toHtmlEscaped();
    }
    for (const QString& note : analytics::localizedNotes(comparison))
        text += QStringLiteral("<br><span style='color:#777'>%1</span>").arg(note.toHtmlEscaped());
    m_verdict->setText(text);
    updateChart();
}

void ComparisonPage::updateChart()
{
    m_chart->clearPlottables();
    const analytics::BidComparison& c = m_model->comparison();
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    QVector<double> keys;
    for (int i = 0; i < c.bidders.size(); ++i) {
        keys.append(i + 1);
        ticker->addTick(i + 1,
            QStringLiteral("%1\n%2").arg(c.bidders.at(i).provider, QLocale().toString(c.bidders.at(i).total, 'f', 1)));
    }
    m_chart->xAxis->setTicker(ticker);
    m_chart->xAxis->setRange(0.4, std::max<double>(1, double(c.bidders.size())) + 0.6);
    // Stacked: each criterion's share of the total (normalised weight × score), so the chart shows why one wins.
    QCPBars* below = nullptr;
    const QList<analytics::CriterionInfo>& criteria = analytics::comparisonCriteria();
    for (int k = 0; k < criteria.size(); ++k) {
        const QString id = criteria.at(k).id;
        const double weight = c.weights.weights.value(id);
        QVector<double> values;
        for (const analytics::BidderScore& b : c.bidders)
            values.append(weight * b.criteria.value(id).score);
        auto* bars = new QCPBars(m_chart->xAxis, m_chart->yAxis);
        bars->setName(
            tr("%1 (%2 %)").arg(analytics::localizedTitle(criteria.at(k)), QLocale().toString(weight * 100, 'f', 0)));
        const QColor colour = criterionColours().at(k % criterionColours().size());
        bars->setBrush(colour);
        bars->setPen(QPen(colour.darker(130)));
        bars->setWidth(0.55);
        bars->setData(keys, values, true);
        if (below)
            bars->moveAbove(below);
        below = bars;
    }
    m_chart->legend->setVisible(!c.bidders.isEmpty());
    m_chart->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace capaudit
