// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demo/democonfig.h"
#include "jobs/backgroundjob.h"
#include "util/result.h"

#include <QObject>

#include <optional>

namespace capaudit {

// "Open the demo bank": generates the simulated compute bank with the core's demo generator (the same bank as
// `capaudit-cli demo --faults all`), creates a case trusting its trust store and imports every bundle, on a worker
// thread with progress and cancel. A cancelled or failed run removes what it wrote, so the next run starts clean.
class DemoBankJob : public BackgroundJob {
    Q_OBJECT
public:
    explicit DemoBankJob(QObject* parent = nullptr);
    ~DemoBankJob() override;

    // Where the GUI keeps its demo bank (in the application's data directory).
    static QString defaultDirectory();
    static QString casePathIn(const QString& directory); // DIRECTORY/demo.capcase

    // Generates into DIRECTORY (removed first when it exists).
    void start(const QString& directory, const demo::DemoConfig& config = {});
    // The case file written, or why there is none.
    const std::optional<Result<QString>>& result() const
    {
        return m_result;
    }

private:
    static Result<QString> run(JobContext& job, const QString& directory, const demo::DemoConfig& config);

    std::optional<Result<QString>> m_result;
};

} // namespace capaudit
