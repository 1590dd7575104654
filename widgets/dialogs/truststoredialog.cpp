// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/truststoredialog.h"

#include "dialogs/addanchordialog.h"
#include "evidence/anchorfile.h"
#include "evidence/truststore.h"
#include "jobs/casesession.h"
#include "models/anchormodel.h"
#include "models/iconprovider.h"
#include "views/audittable.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace capaudit {

TrustStoreDialog::TrustStoreDialog(CaseSession* session, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
    , m_model(new AnchorModel(this))
    , m_proxy(AuditTable::filterProxy(m_model, Qt::DisplayRole, this))
    , m_view(new QTableView(this))
    , m_filter(new QLineEdit(this))
    , m_showRemoved(new QCheckBox(tr("Show removed anchors"), this))
    , m_add(new QPushButton(IconProvider::icon(QStringLiteral("add")), tr("&Add…"), this))
    , m_remove(new QPushButton(IconProvider::icon(QStringLiteral("remove")), tr("&Remove"), this))
{
    setWindowTitle(tr("Trust store — %1").arg(session->name()));
    resize(980, 420);
    m_view->setObjectName(QStringLiteral("anchorTable"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    AuditTable::setupFilter(
        m_filter, QStringLiteral("anchorFilter"), tr("Filter by label, role, scope, subject, fingerprint…"), m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);

    auto* intro = new QLabel(tr("Bundles are verified against these anchors. Adding or removing one is recorded in "
                                "the audit trail; bundles already imported keep the verdict they had."),
        this);
    intro->setWordWrap(true);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_showRemoved);
    buttons->addStretch(1);
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_filter);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
    layout->addWidget(close);

    m_add->setEnabled(!session->isReadOnly());
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_add, &QPushButton::clicked, this, &TrustStoreDialog::addInteractive);
    connect(m_remove, &QPushButton::clicked, this, &TrustStoreDialog::removeSelected);
    connect(m_showRemoved, &QCheckBox::toggled, this, &TrustStoreDialog::reload);
    connect(m_session, &CaseSession::anchorsChanged, this, &TrustStoreDialog::reload);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TrustStoreDialog::updateButtons);
    m_table = AuditTable::install(m_view, QStringLiteral("anchors"), m_filter, this);
    reload();
}

void TrustStoreDialog::reload()
{
    m_model->setAnchors(m_session->anchors(m_showRemoved->isChecked()));
    m_table->fitColumns(360);
    updateButtons();
}

void TrustStoreDialog::updateButtons()
{
    const QModelIndex index = m_view->currentIndex();
    m_remove->setEnabled(!m_session->isReadOnly() && index.isValid() && index.data(AnchorModel::ActiveRole).toBool());
}

Status TrustStoreDialog::addAnchorFile(const QString& path, const QString& label, const QString& role,
    const QString& origin, const QStringList& providers, bool pinKey)
{
    Result<TrustAnchor> anchor = anchorToAdd(path, { label, role, origin, providers, {}, pinKey, {} });
    if (!anchor)
        return anchor.error();
    return m_session->addAnchor(*anchor);
}

Status TrustStoreDialog::removeAnchor(const QString& fingerprint)
{
    return m_session->removeAnchor(fingerprint);
}

void TrustStoreDialog::addInteractive()
{
    QSettings settings;
    const QString path = QFileDialog::getOpenFileName(this, tr("Add trust anchor"),
        settings.value(QStringLiteral("paths/anchors")).toString(),
        tr("Trust anchors (*.pem *.crt *.pub *.crl);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("paths/anchors"), QFileInfo(path).absolutePath());
    AddAnchorDialog details(path, this);
    if (details.exec() != QDialog::Accepted)
        return;
    Result<TrustAnchor> anchor = details.anchor();
    Status s = anchor ? m_session->addAnchor(*anchor) : Status(anchor.error());
    if (!s)
        QMessageBox::warning(this, tr("Add trust anchor"), s.error().toString());
}

void TrustStoreDialog::removeSelected()
{
    const QModelIndex index = m_view->currentIndex();
    if (!index.isValid())
        return;
    const CaseAnchor& a = m_model->anchor(m_proxy->mapToSource(index).row());
    const auto answer = QMessageBox::question(this, tr("Remove trust anchor"),
        tr("Remove “%1” from the trust store?\n\nBundles signed under it and imported later will be untrusted. "
           "The removal is recorded in the audit trail.")
            .arg(a.anchor.label.isEmpty() ? a.anchor.fileName : a.anchor.label));
    if (answer != QMessageBox::Yes)
        return;
    if (Status s = removeAnchor(a.anchor.fingerprint); !s)
        QMessageBox::warning(this, tr("Remove trust anchor"), s.error().toString());
}

} // namespace capaudit
