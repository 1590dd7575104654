// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/trailpage.h"

#include "jobs/casesession.h"
#include "models/iconprovider.h"
#include "models/trailmodel.h"
#include "pages/recordtable.h"
#include "views/audittable.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace capaudit {

TrailPage::TrailPage(CaseSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new TrailModel(this))
    , m_proxy(AuditTable::filterProxy(m_model, Qt::DisplayRole, this))
    , m_view(new QTableView(this))
    , m_filter(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_details(new QPlainTextEdit(this))
{
    setupRecordTable(m_view, m_proxy, QStringLiteral("trailTable"));
    AuditTable::setupFilter(m_filter, QStringLiteral("trailFilter"), tr("Filter by user, action, details…"), m_proxy);
    m_details->setReadOnly(true);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_status->setObjectName(QStringLiteral("chainStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* check = new QPushButton(IconProvider::icon(QStringLiteral("chain")), tr("Re-check chain"), this);
    check->setToolTip(tr("Recompute every entry's hash and link (Ctrl+K)"));
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_status, 1);
    bar->addWidget(m_filter);
    bar->addWidget(check);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);

    connect(check, &QPushButton::clicked, this, &TrailPage::checkChain);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &TrailPage::showDetails);
    connect(m_session, &CaseSession::caseOpened, this, [this] {
        reload();
        checkChain();
    });
    connect(m_session, &CaseSession::trailChanged, this, &TrailPage::reload);
    connect(m_session, &CaseSession::caseClosed, this, &TrailPage::reload);
    m_table = AuditTable::install(m_view, QStringLiteral("trail"), m_filter, this);
}

QString TrailPage::chainStatus() const
{
    return m_status->text();
}

void TrailPage::reload()
{
    m_model->setEntries(m_session->trail());
    m_model->setFirstBrokenSeq(0);
    m_table->fitColumns(360);
    if (m_model->rowCount() > 0)
        m_view->scrollToBottom();
    m_details->clear();
    if (!m_session->isOpen())
        m_status->clear();
    else
        m_status->setText(m_model->rowCount() == 1
                ? tr("1 entry · chain not re-checked since the last change")
                : tr("%1 entries · chain not re-checked since the last change").arg(m_model->rowCount()));
}

void TrailPage::checkChain()
{
    if (!m_session->isOpen())
        return;
    const Result<ChainCheck> check = m_session->checkChain();
    bool intact = false;
    QString text;
    if (!check) {
        text = tr("Could not check the chain: %1").arg(check.error().toString());
    } else if (check->firstBrokenSeq == 0) {
        intact = true;
        text = check->entries == 1 ? tr("Chain intact: 1 entry verified")
                                   : tr("Chain intact: %1 entries verified").arg(check->entries);
        m_model->setFirstBrokenSeq(0);
    } else {
        text = tr("Chain BROKEN at entry %1: %2").arg(check->firstBrokenSeq).arg(check->problem);
        m_model->setFirstBrokenSeq(check->firstBrokenSeq);
    }
    m_status->setText(QStringLiteral("<b style='color:%1'>%2</b>")
                          .arg(intact ? QStringLiteral("#2e7d32") : QStringLiteral("#b01c1c"), text.toHtmlEscaped()));
    Q_EMIT chainChecked(intact, text);
}

void TrailPage::showDetails()
{
    const QModelIndex index = m_proxy->mapToSource(m_view->currentIndex());
    if (!index.isValid()) {
        m_details->clear();
        return;
    }
    const TrailEntry& e = m_model->entry(index.row());
    m_details->setPlainText(
        tr("Entry %1 · %2 · %3 · %4\nhash     %5\nprevious %6\n\n%7")
            .arg(e.seq)
            .arg(e.time, e.user, e.action, e.hash, e.prevHash, index.data(TrailModel::DetailsJsonRole).toString()));
}

} // namespace capaudit
