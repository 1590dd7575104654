// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/newcasedialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace capaudit {

NewCaseDialog::NewCaseDialog(QWidget* parent)
    : QDialog(parent)
    , m_path(new QLineEdit(this))
    , m_name(new QLineEdit(this))
    , m_trust(new QLineEdit(this))
{
    setWindowTitle(tr("New case"));
    setMinimumWidth(560);
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("paths/cases"), QDir::homePath()).toString();
    m_path->setText(QDir(dir).filePath(tr("new-case.capcase")));
    m_name->setPlaceholderText(tr("e.g. Compute bank audit 2026-Q3"));
    m_trust->setPlaceholderText(tr("Folder with root certificates, pinned keys and anchors.json (optional)"));

    auto row = [this](QLineEdit* edit, auto browse) {
        auto* box = new QHBoxLayout;
        auto* button = new QPushButton(tr("Browse…"), this);
        box->addWidget(edit, 1);
        box->addWidget(button);
        connect(button, &QPushButton::clicked, this, browse);
        return box;
    };
    auto* form = new QFormLayout;
    form->addRow(tr("Case &file:"), row(m_path, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("New case"), m_path->text(), tr("CapAudit cases (*.capcase)"));
        if (!path.isEmpty())
            m_path->setText(path);
    }));
    form->addRow(tr("Case &name:"), m_name);
    form->addRow(tr("&Trust store:"), row(m_trust, [this] {
        const QString path = QFileDialog::getExistingDirectory(this, tr("Trust store folder"), m_trust->text());
        if (!path.isEmpty())
            m_trust->setText(path);
    }));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Create"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_path, &QLineEdit::textChanged, this, &NewCaseDialog::updateOk);
    connect(m_name, &QLineEdit::textChanged, this, &NewCaseDialog::updateOk);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    updateOk();
}

void NewCaseDialog::updateOk()
{
    m_ok->setEnabled(!m_path->text().trimmed().isEmpty() && !m_name->text().trimmed().isEmpty());
}

QString NewCaseDialog::casePath() const
{
    QString path = m_path->text().trimmed();
    if (!path.endsWith(QLatin1String(".capcase")))
        path += QLatin1String(".capcase");
    return QFileInfo(path).absoluteFilePath();
}

QString NewCaseDialog::caseName() const
{
    return m_name->text().trimmed();
}

QString NewCaseDialog::trustDirectory() const
{
    return m_trust->text().trimmed();
}

} // namespace capaudit
