// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/addanchordialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace capaudit {

AddAnchorDialog::AddAnchorDialog(const QString& filePath, QWidget* parent)
    : QDialog(parent)
    , m_path(filePath)
    , m_label(new QLineEdit(this))
    , m_role(new QComboBox(this))
    , m_origin(new QLineEdit(this))
    , m_providers(new QPlainTextEdit(this))
    , m_san(new QLineEdit(this))
    , m_issuer(new QLineEdit(this))
{
    setWindowTitle(tr("Add trust anchor"));
    m_label->setText(QFileInfo(filePath).completeBaseName());
    m_role->addItem(tr("Provider"), QLatin1String(roles::kProvider));
    m_role->addItem(tr("Independent meter"), QLatin1String(roles::kIndependentMeter));
    m_role->addItem(tr("Auditor"), QLatin1String(roles::kAuditor));
    m_role->addItem(tr("Transparency log"), QLatin1String(roles::kTransparencyLog));
    m_origin->setPlaceholderText(tr("Checkpoint origin, for transparency-log keys"));
    m_origin->setEnabled(false);
    m_providers->setPlaceholderText(tr("Providers this anchor may speak for, one per line.\nWithout any, bundles "
                                       "it signs are rejected as unauthorized."));
    m_providers->setMaximumHeight(m_providers->fontMetrics().lineSpacing() * 5);
    m_san->setPlaceholderText(tr("Keyless signer identity (e-mail or URI), optional"));
    m_issuer->setPlaceholderText(tr("OIDC issuer of that identity, optional"));
    // Only a root certificate (a Fulcio CA) can pin a keyless identity.
    const QString suffix = QFileInfo(filePath).suffix().toLower();
    const bool certificate = suffix == u"pem" || suffix == u"crt" || suffix == u"cer";
    m_san->setEnabled(certificate);
    m_issuer->setEnabled(certificate);
    connect(m_role, &QComboBox::currentIndexChanged, this, [this] {
        const bool log = role() == QLatin1String(roles::kTransparencyLog);
        m_origin->setEnabled(log);
        m_providers->setEnabled(
            role() == QLatin1String(roles::kProvider) || role() == QLatin1String(roles::kIndependentMeter));
    });

    auto* form = new QFormLayout;
    auto* file = new QLabel(QDir::toNativeSeparators(filePath), this);
    file->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("File:"), file);
    form->addRow(tr("&Label:"), m_label);
    form->addRow(tr("&Role:"), m_role);
    form->addRow(tr("May speak &for:"), m_providers);
    form->addRow(tr("Signer &identity:"), m_san);
    form->addRow(tr("OIDC &issuer:"), m_issuer);
    form->addRow(tr("&Origin:"), m_origin);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

QString AddAnchorDialog::label() const
{
    return m_label->text().trimmed();
}

QString AddAnchorDialog::role() const
{
    return m_role->currentData().toString();
}

QString AddAnchorDialog::origin() const
{
    return m_origin->isEnabled() ? m_origin->text().trimmed() : QString();
}

QStringList AddAnchorDialog::providers() const
{
    if (!m_providers->isEnabled())
        return {};
    QStringList out;
    for (const QString& line : m_providers->toPlainText().split(u'\n'))
        if (const QString name = line.trimmed(); !name.isEmpty() && !out.contains(name))
            out.append(name);
    return out;
}

void AddAnchorDialog::setProviders(const QStringList& providers)
{
    m_providers->setPlainText(providers.join(u'\n'));
}

SignerIdentity AddAnchorDialog::identity() const
{
    if (!m_san->isEnabled())
        return {};
    return { m_san->text().trimmed(), m_issuer->text().trimmed() };
}

Result<TrustAnchor> AddAnchorDialog::anchor() const
{
    Result<TrustAnchor> anchor = TrustStore::anchorFromFile(m_path, label(), role(), origin());
    if (!anchor)
        return anchor;
    anchor->providers = providers();
    anchor->identity = identity();
    if (Status s = TrustStore::checkScope(*anchor, m_path, {}); !s)
        return s.error();
    return anchor;
}

} // namespace capaudit
