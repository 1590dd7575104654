// SPDX-License-Identifier: GPL-3.0-or-later
// QCustomPlot's header uses foreach: the macro must be allowed before the first Qt header is read.
#undef QT_NO_FOREACH
#include "dialogs/aboutdialog.h"

#include "capaudit/version.h"
#include "models/iconprovider.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <openssl/crypto.h>
#include <sqlite3.h>

namespace capaudit {

QStringList AboutDialog::libraryVersions()
{
    return { tr("Qt %1 (built with %2)").arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)),
        QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION)),
        tr("SQLite %1").arg(QString::fromLatin1(sqlite3_libversion())),
        tr("QCustomPlot %1").arg(QStringLiteral(QCUSTOMPLOT_VERSION_STR)) };
}

AboutDialog::AboutDialog(QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About CapAudit"));
    auto* icon = new QLabel(this);
    icon->setPixmap(IconProvider::icon(QStringLiteral("capaudit")).pixmap(96, 96));
    icon->setAlignment(Qt::AlignTop);
    QString libraries;
    for (const QString& v : libraryVersions())
        libraries += QStringLiteral("<li>%1</li>").arg(v.toHtmlEscaped());
    auto* text = new QLabel(tr("<h2>CapAudit %1</h2>"
                               "<p>Audit workstation for metered compute: verifies signed telemetry, attestation and "
                               "billing bundles offline and keeps them in a tamper-evident case file.</p>"
                               "<p>Licensed under the GNU General Public License v3 or later.</p>"
                               "<p><b>Libraries</b></p><ul>%2</ul>")
                                .arg(QString::fromLatin1(kVersion), libraries),
        this);
    text->setObjectName(QStringLiteral("aboutText"));
    text->setWordWrap(true);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* row = new QHBoxLayout;
    row->addWidget(icon);
    row->addWidget(text, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(buttons);
    setMinimumWidth(480);
}

} // namespace capaudit
