// SPDX-License-Identifier: GPL-3.0-or-later
#include "overviewpage.h"

#include "casereader.h"
#include "casesession.h"
#include "providersummarymodel.h"

#include <QDateTime>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableView>
#include <QVBoxLayout>

namespace capaudit {

OverviewPage::OverviewPage(CaseSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new ProviderSummaryModel(this))
    , m_view(new QTableView(this))
    , m_title(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_figures(new QWidget(this))
{
    QFont titleFont = font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle->setWordWrap(true);

    auto* figures = new QHBoxLayout(m_figures);
    figures->setContentsMargins(0, 0, 0, 0);
    m_verified = addFigure(tr("Bundles verified"));
    m_untrusted = addFigure(tr("Bundles untrusted"));
    m_rejected = addFigure(tr("Imports rejected"));
    m_providers = addFigure(tr("Providers"));
    m_period = addFigure(tr("Selected period"));
    m_idle = addFigure(tr("Idle committed capacity"));
    m_idle->setObjectName(QStringLiteral("overviewIdle"));
    m_idle->setText(QStringLiteral("–"));
    m_idle->setToolTip(tr("Committed capacity no tenant was allocated, priced at the contract (three-way match of the "
                          "latest check run)"));

    m_view->setObjectName(QStringLiteral("overviewTable"));
    m_view->setModel(m_model);
    m_view->setSortingEnabled(false);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(true);

    auto* perProvider = new QLabel(tr("<b>Per provider</b>"), this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);
    layout->addSpacing(8);
    layout->addWidget(m_figures);
    layout->addSpacing(8);
    layout->addWidget(perProvider);
    layout->addWidget(m_view, 1);

    connect(&m_watcher, &QFutureWatcher<Result<QList<ProviderSummary>>>::finished, this, &OverviewPage::onLoaded);
    connect(m_session, &CaseSession::caseOpened, this, &OverviewPage::reload);
    connect(m_session, &CaseSession::bundlesChanged, this, &OverviewPage::reload);
    connect(m_session, &CaseSession::anchorsChanged, this, &OverviewPage::updateHeader);
    connect(m_session, &CaseSession::periodChanged, this, &OverviewPage::updateHeader);
    connect(m_session, &CaseSession::caseClosed, this, [this] {
        m_model->setSummaries({});
        updateHeader();
    });
    updateHeader();
}

OverviewPage::~OverviewPage()
{
    m_watcher.waitForFinished();
}

QLabel* OverviewPage::addFigure(const QString& caption)
{
    auto* frame = new QFrame(m_figures);
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setBackgroundRole(QPalette::Base);
    frame->setAutoFillBackground(true);
    auto* value = new QLabel(frame);
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.8);
    big.setBold(true);
    value->setFont(big);
    auto* text = new QLabel(caption, frame);
    text->setEnabled(false);
    auto* box = new QVBoxLayout(frame);
    box->addWidget(value);
    box->addWidget(text);
    static_cast<QHBoxLayout*>(m_figures->layout())->addWidget(frame, 1);
    return value;
}

void OverviewPage::reload()
{
    updateHeader();
    if (!m_session->isOpen())
        return;
    if (m_watcher.isRunning()) {
        m_reloadPending = true;
        return;
    }
    m_watcher.setFuture(CaseReader::run<QList<ProviderSummary>>(
        m_session->path(), [](CaseStore& store) { return computeProviderSummaries(store); }));
}

void OverviewPage::onLoaded()
{
    const Result<QList<ProviderSummary>> result = m_watcher.result();
    if (m_reloadPending) {
        m_reloadPending = false;
        reload();
        return;
    }
    if (!result) {
        m_subtitle->setText(tr("Could not read the key figures: %1").arg(result.error().toString()));
        return;
    }
    m_model->setSummaries(*result);
    m_view->resizeColumnsToContents();
    m_view->resizeRowsToContents();
    updateHeader();
    Q_EMIT loaded();
}

void OverviewPage::updateHeader()
{
    m_figures->setVisible(m_session->isOpen());
    if (!m_session->isOpen()) {
        m_title->setText(tr("No case open"));
        m_subtitle->setText(tr("Create a case with File > New case… or open one with File > Open case…"));
        return;
    }
    m_title->setText(m_session->name());
    const CaseInfo& info = m_session->store()->info();
    QString sub = tr("%1 · created %2 · %3").arg(info.path, info.created, m_session->trustStatus());
    if (m_session->isReadOnly())
        sub += QStringLiteral(" · ") + tr("read-only");
    m_subtitle->setText(sub);
    int verified = 0, untrusted = 0, rejected = 0;
    for (const ProviderSummary& s : m_model->summaries()) {
        verified += s.verified;
        untrusted += s.untrusted;
        rejected += s.rejected;
    }
    m_verified->setText(QString::number(verified));
    m_untrusted->setText(QString::number(untrusted));
    m_rejected->setText(QString::number(rejected));
    m_providers->setText(QString::number(m_model->rowCount()));
    const Period p = m_session->period();
    m_period->setText(p.end > p.start ? ProviderSummaryModel::periodText(p) : tr("whole case"));
}

void OverviewPage::setCheckReport(const analytics::CheckReport& report)
{
    QMap<QString, double> idle; // by currency: providers may contract in different ones
    for (const analytics::ThreeWayLine& l : report.threeWay)
        if (l.kind == u"idle")
            idle[l.currency] += l.idleAmount;
    QStringList parts;
    for (auto it = idle.cbegin(); it != idle.cend(); ++it)
        parts.append(QLocale().toString(it.value(), 'f', 2) + QLatin1Char(' ') + it.key());
    m_idle->setText(parts.isEmpty() ? QStringLiteral("–") : parts.join(QStringLiteral(" + ")));
}

} // namespace capaudit
