// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/addanchordialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace capaudit {

AddAnchorDialog::AddAnchorDialog(const QString& filePath, QWidget* parent)
    : QDialog(parent)
    , m_path(filePath)
    , m_kind(new QLabel(this))
    , m_pinKey(new QCheckBox(tr("&Pin this signer's key (trust this one key, not a CA)"), this))
    , m_problem(new QLabel(this))
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
    if (Result<AnchorFileInfo> info = classifyAnchorFile(filePath))
        m_info = *info;
    else
        m_readError = info.error().toString();
    m_kind->setObjectName(QStringLiteral("anchorKind"));
    m_kind->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_kind->setWordWrap(true);
    m_kind->setText(
        QStringLiteral("<b>%1</b>%2")
            .arg(kindText().toHtmlEscaped(),
                m_info.subject.isEmpty() ? QString() : QStringLiteral("<br>") + m_info.subject.toHtmlEscaped()));
    m_pinKey->setObjectName(QStringLiteral("pinKey"));
    m_pinKey->setToolTip(tr("Stores the certificate's public key as a pinned key: bundles signed with this key "
                            "(without a certificate chain) are trusted, nothing else the certificate's issuer signs"));
    m_pinKey->setEnabled(m_info.isCertificate());
    m_problem->setObjectName(QStringLiteral("anchorProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b01c1c"));
    connect(m_pinKey, &QCheckBox::toggled, this, &AddAnchorDialog::updateState);
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
    form->addRow(tr("Kind:"), m_kind);
    form->addRow(QString(), m_pinKey);
    form->addRow(tr("&Label:"), m_label);
    form->addRow(tr("&Role:"), m_role);
    form->addRow(tr("May speak &for:"), m_providers);
    form->addRow(tr("Signer &identity:"), m_san);
    form->addRow(tr("OIDC &issuer:"), m_issuer);
    form->addRow(tr("&Origin:"), m_origin);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (canAccept())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    updateState();
}

QString AddAnchorDialog::kindText(AnchorFileKind kind)
{
    switch (kind) {
    case AnchorFileKind::RootCertificate:
        return tr("Root CA certificate (self-signed)");
    case AnchorFileKind::IntermediateCertificate:
        return tr("Intermediate CA certificate (issued by another CA)");
    case AnchorFileKind::LeafCertificate:
        return tr("Leaf certificate (not a CA; e.g. a bundle signer's)");
    case AnchorFileKind::PublicKey:
        return tr("Public key (pinned key)");
    case AnchorFileKind::RevocationList:
        return tr("Certificate revocation list");
    case AnchorFileKind::Unknown:
        break;
    }
    return tr("Not a trust anchor");
}

QString AddAnchorDialog::kindText() const
{
    return kindText(m_info.kind);
}

QString AddAnchorDialog::problemText() const
{
    if (!m_readError.isEmpty())
        return m_readError;
    if (m_info.kind == AnchorFileKind::Unknown)
        return tr("The file is neither a PEM certificate, a PEM public key nor a PEM CRL (%1).").arg(m_info.problem);
    if (m_info.kind == AnchorFileKind::LeafCertificate && !pinKey())
        return tr("A leaf certificate cannot be a trust anchor: add the root CA that issued it, or pin this "
                  "signer's key on purpose.");
    return {};
}

bool AddAnchorDialog::pinKey() const
{
    return m_pinKey->isEnabled() && m_pinKey->isChecked();
}

void AddAnchorDialog::setPinKey(bool pin)
{
    m_pinKey->setChecked(pin);
}

bool AddAnchorDialog::canAccept() const
{
    return problemText().isEmpty();
}

void AddAnchorDialog::updateState()
{
    // Only a CA certificate (a Fulcio root) can pin a keyless identity; a pinned key has none.
    const bool ca = m_info.kind == AnchorFileKind::RootCertificate
        || (m_info.kind == AnchorFileKind::IntermediateCertificate && !pinKey());
    m_san->setEnabled(ca && !pinKey());
    m_issuer->setEnabled(ca && !pinKey());
    const QString problem = problemText();
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    if (m_ok)
        m_ok->setEnabled(problem.isEmpty());
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
    return anchorToAdd(m_path, { label(), role(), origin(), providers(), identity(), pinKey(), {} });
}

} // namespace capaudit
