// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jobs/backgroundjob.h"
#include "reportdata.h"
#include "reportwriter.h"

#include <QObject>

#include <optional>

namespace capaudit {

// Report work on a worker thread with its own connection to the case: composing the data for the print preview, or
// writing the PDF (with its manifest, signature and trail entry). Progress and the outcome reach the GUI thread as
// queued signals; cancel() stops between steps and leaves no file behind.
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

private:
    Mode m_mode = Mode::Compose;
    std::optional<Result<reports::ReportData>> m_data;
    std::optional<Result<reports::ReportResult>> m_written;
};

} // namespace capaudit
