// SPDX-License-Identifier: GPL-3.0-or-later
#include "addanchordialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace capaudit {

AddAnchorDialog::AddAnchorDialog(const QString& filePath, QWidget* parent)
    : QDialog(parent)
    , m_path(filePath)
    , m_label(new QLineEdit(this))
    , m_role(new QComboBox(this))
    , m_origin(new QLineEdit(this))
{
    setWindowTitle(tr("Add trust anchor"));
    m_label->setText(QFileInfo(filePath).completeBaseName());
    m_role->addItem(tr("Provider"), QLatin1String(roles::kProvider));
    m_role->addItem(tr("Independent meter"), QLatin1String(roles::kIndependentMeter));
    m_role->addItem(tr("Auditor"), QLatin1String(roles::kAuditor));
    m_role->addItem(tr("Transparency log"), QLatin1String(roles::kTransparencyLog));
    m_origin->setPlaceholderText(tr("Checkpoint origin, for transparency-log keys"));
    m_origin->setEnabled(false);
    connect(m_role, &QComboBox::currentIndexChanged, this,
        [this] { m_origin->setEnabled(role() == QLatin1String(roles::kTransparencyLog)); });

    auto* form = new QFormLayout;
    auto* file = new QLabel(QDir::toNativeSeparators(filePath), this);
    file->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("File:"), file);
    form->addRow(tr("&Label:"), m_label);
    form->addRow(tr("&Role:"), m_role);
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

Result<TrustAnchor> AddAnchorDialog::anchor() const
{
    return TrustStore::anchorFromFile(m_path, label(), role(), origin());
}

} // namespace capaudit
