// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jobs/backgroundjob.h"
#include "reportdata.h"
#include "reportwriter.h"

#include <QObject>

#include <atomic>
#include <optional>

namespace capaudit {

// Report work: composing the data for the print preview, or writing the PDF (with its manifest, signature and trail
// entry). Composing runs on a worker thread with its own connection to the case; the charts are QCustomPlot widgets,
// which Qt supports on the GUI thread only, so writing renders there, page by page: its progress is emitted
// synchronously, and a modal QProgressDialog processes events in setValue(), which is how Cancel still gets through.
// cancel() stops between steps and leaves no file behind.
class ReportJob : public BackgroundJob {
    Q_OBJECT
public:
    enum class Mode { Compose, Write };

    explicit ReportJob(QObject* parent = nullptr);
    ~ReportJob() override;

    void start(Mode mode, const QString& casePath, const reports::ReportOptions& options);
    Mode mode() const
    {
        return m_mode;
    }
    // After finished(): the composed data (Compose) or the written report (Write), or the error.
    const std::optional<Result<reports::ReportData>>& data() const
    {
        return m_data;
    }
    const std::optional<Result<reports::ReportResult>>& written() const
    {
        return m_written;
    }
    QString errorText() const; // "" when the last run succeeded
    void cancel() override;
    bool wasCancelled() const override;

private:
    void write(const QString& casePath, const reports::ReportOptions& options, const Result<reports::ReportData>& data);

    Mode m_mode = Mode::Compose;
    std::atomic_bool m_renderCancel { false };
    std::optional<Result<reports::ReportData>> m_data;
    std::optional<Result<reports::ReportResult>> m_written;
};

} // namespace capaudit
