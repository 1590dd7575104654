// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/bundledetailwidget.h"

#include "models/bundlemodel.h"
#include "models/checkmodel.h"
#include "models/subjectmodel.h"
#include "util/jsonutil.h"
#include "views/audittable.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace capaudit {

BundleDetailWidget::BundleDetailWidget(QWidget* parent)
    : QWidget(parent)
    , m_header(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_checks(new CheckModel(this))
    , m_subjects(new SubjectModel(this))
    , m_checkView(new QTreeView(this))
    , m_subjectView(new QTreeView(this))
    , m_predicate(new QPlainTextEdit(this))
    , m_export(new QPushButton(tr("Export verdict JSON…"), this))
{
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_header->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    for (QTreeView* view : { m_checkView, m_subjectView }) {
        view->setRootIsDecorated(false);
        view->setAlternatingRowColors(true);
        view->setWordWrap(true);
        view->setUniformRowHeights(false);
    }
    m_checkView->setObjectName(QStringLiteral("checkView"));
    m_checkView->setModel(m_checks);
    m_subjectView->setObjectName(QStringLiteral("subjectView"));
    m_subjectView->setModel(m_subjects);
    AuditTable::install(m_checkView, QStringLiteral("checks"));
    AuditTable::install(m_subjectView, QStringLiteral("subjects"));
    m_predicate->setReadOnly(true);
    m_predicate->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_predicate->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_tabs->addTab(m_checkView, tr("Checks"));
    m_tabs->addTab(m_subjectView, tr("Subjects"));
    m_tabs->addTab(m_predicate, tr("Predicate"));
    m_export->setObjectName(QStringLiteral("exportVerdict"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_export, 0, Qt::AlignRight);
    connect(m_export, &QPushButton::clicked, this, &BundleDetailWidget::exportVerdictInteractive);
    clear();
}

void BundleDetailWidget::clear()
{
    m_hasBundle = false;
    m_bundle = {};
    m_header->setText(tr("Select a bundle on the Evidence page to see its verification checks."));
    m_checks->setChecks({});
    m_subjects->setSubjects({});
    m_predicate->clear();
    m_export->setEnabled(false);
}

void BundleDetailWidget::setBundle(const StoredBundle& bundle)
{
    m_bundle = bundle;
    m_hasBundle = true;
    const Verdict& v = bundle.details;
    const QString colour = bundle.untrusted() ? QStringLiteral("#b35c00") : QStringLiteral("#2e7d32");
    // Keyless (Fulcio) certificates have an empty subject: the SAN and OIDC issuer identify the signer.
    const QString signer = v.signer.displayName().isEmpty() ? bundle.signerSubject : v.signer.displayName();
    const QString anchor = v.signer.anchorLabel.isEmpty()
        ? QString()
        : tr(" · anchor %1 (%2; scope %3)")
              .arg(v.signer.anchorLabel, v.signer.anchorRole,
                  v.signer.anchorProviders.isEmpty() ? tr("none") : v.signer.anchorProviders.join(QStringLiteral(", ")))
              .toHtmlEscaped();
    m_header->setText(tr("<b>%1 bundle · %2</b><br><span style='color:%3'><b>%4</b></span> · signed by %5%11<br>"
                         "key %6 (%7)<br>signing time %8 · imported %9<br><small>%10</small>")
                          .arg(BundleModel::kindText(bundle.kind), bundle.provider.toHtmlEscaped(), colour,
                              BundleModel::verdictText(bundle.verdict), signer.toHtmlEscaped(),
                              bundle.signerFingerprint.left(32), bundle.signerAlgorithm.toHtmlEscaped(),
                              bundle.signingTime, bundle.importedAt, bundle.sourcePath.toHtmlEscaped(), anchor));
    m_checks->setChecks(v.checks);
    m_subjects->setSubjects(v.subjects);
    m_checkView->header()->resizeSection(CheckModel::StatusColumn, 80);
    m_checkView->resizeColumnToContents(CheckModel::TitleColumn);
    m_subjectView->resizeColumnToContents(SubjectModel::NameColumn);
    const QJsonObject predicate = bundle.predicate.isEmpty() ? v.predicate : bundle.predicate;
    m_predicate->setPlainText(QString::fromUtf8(QJsonDocument(predicate).toJson(QJsonDocument::Indented)));
    m_export->setEnabled(true);
}

QString BundleDetailWidget::predicateText() const
{
    return m_predicate->toPlainText();
}

QByteArray BundleDetailWidget::verdictJson() const
{
    return QJsonDocument(m_bundle.details.toJson()).toJson(QJsonDocument::Indented);
}

Status BundleDetailWidget::exportVerdict(const QString& path) const
{
    if (!m_hasBundle)
        return Error(path, tr("no bundle selected"));
    return writeFileAtomically(path, verdictJson());
}

void BundleDetailWidget::exportVerdictInteractive()
{
    if (!m_hasBundle)
        return;
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("paths/export")).toString();
    const QString suggested = QDir(dir).filePath(QStringLiteral("verdict-%1.json").arg(m_bundle.digest.left(12)));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export verdict"), suggested, tr("JSON files (*.json)"));
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("paths/export"), QFileInfo(path).absolutePath());
    if (Status s = exportVerdict(path); !s)
        QMessageBox::warning(this, tr("Export verdict"), s.error().toString());
}

} // namespace capaudit
