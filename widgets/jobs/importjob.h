// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jobs/backgroundjob.h"
#include "store/batchimport.h"

#include <QObject>
#include <QStringList>

namespace capaudit {

// Runs the core's batch import (store/batchimport.h, the same as `capaudit-cli import`) on a worker thread with its
// own connection to the case: all or nothing, so cancel leaves the case exactly as it was.
class ImportJob : public BackgroundJob {
    Q_OBJECT
public:
    explicit ImportJob(QObject* parent = nullptr);
    ~ImportJob() override;

    // PATHS: bundles, archives and folders of them, mixed; the folders are expanded before the first bundle starts.
    void start(const QString& casePath, const QStringList& paths, bool allowUntrusted, bool commitEach = false);
    const QStringList& paths() const
    {
        return m_paths;
    }
    // Valid once finished() was emitted: every bundle as the case holds it now.
    const QList<ImportResult>& results() const
    {
        return m_batch.results;
    }
    const BatchImportResult& batch() const
    {
        return m_batch;
    }

Q_SIGNALS:
    // COUNT: the bundles of the batch after folders were expanded.
    void bundleStarted(int index, int count, const QString& path);
    void bundleProgress(int index, double fraction, const QString& message);
    void bundleFinished(int index, const capaudit::ImportResult& result);

private:
    QStringList m_paths;
    BatchImportResult m_batch;
    int m_bundle = -1; // the bundle whose progress() is reported
};

} // namespace capaudit
