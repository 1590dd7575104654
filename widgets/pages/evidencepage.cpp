// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/evidencepage.h"

#include "jobs/casesession.h"
#include "models/bundlefiltermodel.h"
#include "models/bundlemodel.h"
#include "pages/recordtable.h"
#include "views/audittable.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

namespace capaudit {

EvidencePage::EvidencePage(CaseSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new BundleModel(this))
    , m_proxy(new BundleFilterModel(this))
    , m_view(new QTableView(this))
    , m_filter(new QLineEdit(this))
    , m_kind(new QComboBox(this))
    , m_verdict(new QComboBox(this))
    , m_count(new QLabel(this))
{
    m_proxy->setSourceModel(m_model);
    setupRecordTable(m_view, m_proxy, QStringLiteral("bundleTable"));

    AuditTable::setupFilter(
        m_filter, QStringLiteral("bundleFilter"), tr("Filter by provider, signer, fingerprint, digest…"));
    m_kind->setObjectName(QStringLiteral("bundleKind"));
    m_verdict->setObjectName(QStringLiteral("bundleVerdict"));
    m_kind->addItem(tr("All kinds"), -1);
    m_kind->addItem(BundleModel::kindText(BundleKind::Telemetry), int(BundleKind::Telemetry));
    m_kind->addItem(BundleModel::kindText(BundleKind::Attestation), int(BundleKind::Attestation));
    m_kind->addItem(BundleModel::kindText(BundleKind::Billing), int(BundleKind::Billing));
    m_kind->addItem(BundleModel::kindText(BundleKind::Invoice), int(BundleKind::Invoice));
    m_verdict->addItem(tr("All verdicts"), -1);
    m_verdict->addItem(BundleModel::verdictText(VerdictKind::Verified), int(VerdictKind::Verified));
    m_verdict->addItem(BundleModel::verdictText(VerdictKind::Untrusted), int(VerdictKind::Untrusted));

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_kind);
    bar->addWidget(m_verdict);
    bar->addWidget(m_count);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_proxy->setText(text);
        updateCount();
    });
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setKind(m_kind->currentData().toInt());
        updateCount();
    });
    connect(m_verdict, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setVerdict(m_verdict->currentData().toInt());
        updateCount();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &EvidencePage::onCurrentChanged);
    connect(m_session, &CaseSession::caseOpened, this, &EvidencePage::reload);
    connect(m_session, &CaseSession::bundlesChanged, this, &EvidencePage::reload);
    connect(m_session, &CaseSession::caseClosed, this, &EvidencePage::reload);
    // Who sent it, what it is and whether it verified come first; digests and fingerprints are for the record.
    m_table = AuditTable::install(m_view, QStringLiteral("bundles"), m_filter, this);
    m_table->setDefaultOrder({ BundleModel::ProviderColumn, BundleModel::KindColumn, BundleModel::VerdictColumn,
        BundleModel::SigningTimeColumn, BundleModel::SignerColumn });
    m_table->rememberCombo(m_kind);
    m_table->rememberCombo(m_verdict);
    updateCount();
}

void EvidencePage::reload()
{
    const QString current = m_view->currentIndex().data(BundleModel::DigestRole).toString();
    m_model->setBundles(m_session->bundles());
    m_table->fitColumns(280);
    updateCount();
    if (current.isEmpty() || !selectBundle(current))
        Q_EMIT selectionCleared();
}

bool EvidencePage::selectBundle(const QString& digest)
{
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        if (index.data(BundleModel::DigestRole).toString().startsWith(digest)) {
            m_view->setCurrentIndex(index);
            m_view->scrollTo(index);
            return true;
        }
    }
    return false;
}

void EvidencePage::onCurrentChanged()
{
    const QModelIndex index = m_proxy->mapToSource(m_view->currentIndex());
    if (!index.isValid()) {
        Q_EMIT selectionCleared();
        return;
    }
    Q_EMIT bundleSelected(m_model->bundle(index.row()));
}

void EvidencePage::updateCount()
{
    const int total = m_model->rowCount();
    m_count->setText(total == 1 ? tr("%1 of 1 bundle").arg(m_proxy->rowCount())
                                : tr("%1 of %2 bundles").arg(m_proxy->rowCount()).arg(total));
}

} // namespace capaudit
