// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jobs/backgroundjob.h"
#include "store/caseimporter.h"

#include <QObject>
#include <QStringList>

namespace capaudit {

// Verifies and imports bundles into a case on a worker thread, with its own connection to the case. Every bundle is
// one transaction; cancel rolls back the bundle being imported and skips the rest.
class ImportJob : public BackgroundJob {
    Q_OBJECT
public:
    explicit ImportJob(QObject* parent = nullptr);
    ~ImportJob() override;

    void start(const QString& casePath, const QStringList& bundlePaths, bool allowUntrusted);
    const QStringList& paths() const
    {
        return m_paths;
    }
    const QList<ImportResult>& results() const
    {
        return m_results;
    }

    // Expands directories that hold several bundles (one level) into the bundles they hold.
    static QStringList expandBundlePaths(const QStringList& paths);

Q_SIGNALS:
    void bundleStarted(int index, const QString& path);
    void bundleProgress(int index, double fraction, const QString& message);
    void bundleFinished(int index, const capaudit::ImportResult& result);

private:
    bool run(JobContext& job, const QString& casePath, const QStringList& bundlePaths, bool allowUntrusted);

    QStringList m_paths;
    QList<ImportResult> m_results;
    int m_bundle = -1; // the bundle whose progress() is reported
};

} // namespace capaudit
