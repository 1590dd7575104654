// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/reportexportflow.h"

#include "dialogs/reportpreviewdialog.h"
#include "jobs/reportjob.h"
#include "util/translation.h"

#include <QDir>
#include <QMessageBox>
#include <QProgressDialog>

namespace capaudit {

ReportExportFlow::ReportExportFlow(const QString& casePath, const reports::ReportOptions& options, QWidget* window)
    : QObject(window)
    , m_casePath(casePath)
    , m_options(options)
    , m_window(window)
    , m_job(new ReportJob(this))
{
    connect(m_job, &ReportJob::finished, this, &ReportExportFlow::onJobFinished);
    connect(m_job, &ReportJob::progress, this, [this](double fraction, const QString& message) {
        if (!m_progress)
            return;
        m_progress->setValue(int(fraction * 100));
        m_progress->setLabelText(message);
    });
}

ReportExportFlow::~ReportExportFlow()
{
    delete m_progress;
    delete m_preview;
}

void ReportExportFlow::start(bool previewFirst)
{
    // The report's text comes from tr() at composing and rendering time: its language is the installed translation.
    const QString installed = installedLanguage();
    if (m_options.language != installed) {
        if (installTranslation(m_options.language)) {
            m_previousLanguage = installed;
        } else {
            m_error = tr("No translation for '%1'; the report is in English.").arg(m_options.language);
            m_options.language = QStringLiteral("en");
        }
    }
    if (previewFirst) {
        showProgress(tr("Preparing the preview"));
        m_job->start(ReportJob::Mode::Compose, m_casePath, m_options);
    } else {
        startWrite();
    }
}

void ReportExportFlow::cancel()
{
    m_job->cancel();
}

void ReportExportFlow::showProgress(const QString& title)
{
    delete m_progress;
    m_progress = new QProgressDialog(title, tr("Cancel"), 0, 100, m_window);
    m_progress->setObjectName(QStringLiteral("reportProgress"));
    m_progress->setWindowTitle(tr("Export report"));
    m_progress->setMinimumDuration(0);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    connect(m_progress, &QProgressDialog::canceled, m_job, &ReportJob::cancel);
    m_progress->open();
}

void ReportExportFlow::startWrite()
{
    showProgress(tr("Writing %1").arg(QDir::toNativeSeparators(m_options.outputPath)));
    m_job->start(ReportJob::Mode::Write, m_casePath, m_options);
}

void ReportExportFlow::onJobFinished()
{
    if (m_progress) {
        m_progress->disconnect(this);
        m_progress->deleteLater();
    }
    if (m_job->wasCancelled()) {
        finish(false);
        return;
    }
    if (m_job->mode() == ReportJob::Mode::Compose) {
        if (!*m_job->data()) {
            m_error = m_job->errorText();
            auto* box = new QMessageBox(QMessageBox::Warning, tr("Export report"),
                tr("The report could not be prepared.\n\n%1").arg(m_error), QMessageBox::Ok, m_window);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
            finish(false);
            return;
        }
        m_preview = new ReportPreviewDialog(**m_job->data(), m_options.paper, m_window);
        m_preview->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_preview, &QDialog::accepted, this, &ReportExportFlow::startWrite);
        connect(m_preview, &QDialog::rejected, this, [this] { finish(false); });
        m_preview->open();
        Q_EMIT previewShown();
        return;
    }
    const Result<reports::ReportResult>& written = *m_job->written();
    if (!written) {
        m_error = written.error().toString();
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Export report"),
            tr("The report could not be written.\n\n%1").arg(m_error), QMessageBox::Ok, m_window);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        finish(false);
        return;
    }
    m_result = *written;
    QString text = tr("The report was written to %1 (%n page(s)).", nullptr, written->pages)
                       .arg(QDir::toNativeSeparators(written->path));
    text += QStringLiteral("\n\n") + tr("Manifest SHA-256: %1").arg(written->manifestDigest);
    text += QStringLiteral("\n") + tr("PDF SHA-256: %1").arg(written->pdfSha256);
    if (!written->signaturePath.isEmpty())
        text += QStringLiteral("\n") + tr("Signature: %1").arg(QDir::toNativeSeparators(written->signaturePath));
    auto* box = new QMessageBox(QMessageBox::Information, tr("Export report"), text, QMessageBox::Ok, m_window);
    box->setObjectName(QStringLiteral("reportWritten"));
    box->setTextInteractionFlags(Qt::TextSelectableByMouse);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    finish(true);
}

void ReportExportFlow::finish(bool written)
{
    if (!m_previousLanguage.isEmpty()) {
        installTranslation(m_previousLanguage);
        m_previousLanguage.clear();
    }
    Q_EMIT finished(written);
}

} // namespace capaudit
