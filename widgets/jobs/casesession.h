// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/periodchoice.h"
#include "model/records.h"
#include "store/audittrail.h"
#include "store/casestore.h"
#include "util/result.h"

#include <QObject>

#include <memory>

namespace capaudit {

// The case open in the window. Pages and dialogs talk to the store only through this adapter, on the GUI thread;
// background jobs open their own connection from path() (CaseStore is not thread-safe).
class CaseSession : public QObject {
    Q_OBJECT
public:
    explicit CaseSession(QObject* parent = nullptr);
    ~CaseSession() override;

    // Errors carry a message meant for the user (missing, read-only, not a case file).
    Status open(const QString& path);
    Status create(const QString& path, const QString& name, const QString& trustDirectory);
    void close();

    bool isOpen() const
    {
        return m_store != nullptr;
    }
    bool isReadOnly() const
    {
        return m_readOnly;
    }
    QString path() const;
    QString name() const;
    CaseStore* store()
    {
        return m_store.get();
    }

    const QList<StoredBundle>& bundles() const
    {
        return m_bundles;
    }
    QList<TrailEntry> trail();
    QList<CaseAnchor> anchors(bool includeRemoved);
    int activeAnchorCount();
    Result<ChainCheck> checkChain();
    Status addAnchor(const TrustAnchor& anchor);
    Status removeAnchor(const QString& fingerprint);

    // One line for the status bar: anchors in force and bundle verdicts.
    QString trustStatus();

    // The period chosen on the timeline (Unix seconds, [start, end)); {0, 0}: the whole case.
    Period period() const
    {
        return m_period;
    }
    // Widens PERIOD as every period the session takes is widened (analytics::snapToChargePeriods); the period picker
    // shows a proposal this way before the user applies it.
    analytics::SnappedPeriod snapped(const Period& period);
    // Takes PERIOD widened (snapped()) and returns how it was widened, so a caller need not ask twice.
    analytics::SnappedPeriod setPeriod(Period period);
    // The picker's presets (whole case, contract periods, billing periods), read off the GUI thread by the overview.
    const QList<analytics::PeriodPreset>& periodPresets() const
    {
        return m_presets;
    }
    void setPeriodPresets(const QList<analytics::PeriodPreset>& presets);

    // Called after a background import wrote to the case: reloads the bundle list and notifies the pages.
    void reload();
    // Called after something outside the session (a report export, a saved scenario or weights) wrote to the audit
    // trail through its own connection or the store: the trail page re-reads it.
    void noteTrailWritten()
    {
        Q_EMIT trailChanged();
    }

Q_SIGNALS:
    void caseOpened();
    void caseClosed();
    void bundlesChanged();
    void trailChanged();
    void anchorsChanged();
    void periodChanged(capaudit::Period period);
    void periodPresetsChanged();

private:
    Status adopt(std::unique_ptr<CaseStore> store, bool readOnly);

    std::unique_ptr<CaseStore> m_store;
    QList<StoredBundle> m_bundles;
    Period m_period;
    QList<analytics::PeriodPreset> m_presets;
    bool m_readOnly = false;
};

} // namespace capaudit
