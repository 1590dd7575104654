// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialogs/reportpreviewdialog.h"
#include "reportwriter.h"

#include <QObject>
#include <QPointer>

#include <optional>

class QProgressDialog;
class QWidget;

namespace capaudit {

class ReportJob;

// File > Export report… after the options: compose in the background, show the print preview, write the PDF in the
// background with a progress dialog, and tell the result (with the manifest digest). No step blocks the event loop.
class ReportExportFlow : public QObject {
    Q_OBJECT
public:
    ReportExportFlow(const QString& casePath, const reports::ReportOptions& options, QWidget* window);
    ~ReportExportFlow() override;

    void start(bool previewFirst);
    void cancel();
    ReportJob* job() const
    {
        return m_job;
    }
    ReportPreviewDialog* previewDialog() const
    {
        return m_preview;
    }
    const std::optional<reports::ReportResult>& result() const
    {
        return m_result;
    }
    QString errorText() const
    {
        return m_error;
    }

Q_SIGNALS:
    void previewShown();
    void finished(bool written);

private:
    void showProgress(const QString& title);
    void onJobFinished();
    void startWrite();
    void finish(bool written);

    QString m_casePath;
    reports::ReportOptions m_options;
    QWidget* m_window;
    ReportJob* m_job;
    QPointer<QProgressDialog> m_progress;
    QPointer<ReportPreviewDialog> m_preview;
    std::optional<reports::ReportResult> m_result;
    QString m_error;
    QString m_previousLanguage; // restored when the flow ends, if it switched the translation for the report
};

} // namespace capaudit
