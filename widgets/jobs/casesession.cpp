// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobs/casesession.h"

#include "analytics/periodchoice.h"
#include "evidence/truststore.h"

#include <QFileInfo>

namespace capaudit {

CaseSession::CaseSession(QObject* parent)
    : QObject(parent)
{
}

CaseSession::~CaseSession() = default;

Status CaseSession::open(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error(path, tr("The case file does not exist. It may have been moved or deleted."));
    if (info.isDir())
        return Error(path, tr("This is a folder, not a case file (*.capcase)."));
    if (!info.isReadable())
        return Error(path, tr("You do not have permission to read this case file."));
    Result<std::unique_ptr<CaseStore>> store = CaseStore::open(path);
    if (!store) {
        if (!info.isWritable() || !QFileInfo(info.absolutePath()).isWritable())
            return Error(path,
                tr("The case file or its folder is read-only, and SQLite could not open it: %1. Copy the "
                   "case to a writable folder to open it.")
                    .arg(store.error().reason));
        return Error(path, store.error().reason);
    }
    // Imports and trust changes need to write; a read-only case is still useful to look at.
    return adopt(std::move(*store), !info.isWritable());
}

Status CaseSession::create(const QString& path, const QString& name, const QString& trustDirectory)
{
    if (QFileInfo::exists(path))
        return Error(path, tr("A file with this name already exists; choose a new name for the case."));
    QList<TrustAnchor> anchors;
    if (!trustDirectory.isEmpty()) {
        Result<TrustStore> trust = TrustStore::loadDirectory(trustDirectory);
        if (!trust)
            return trust.error();
        anchors = trust->anchors();
    }
    Result<std::unique_ptr<CaseStore>> store = CaseStore::create(path, name, anchors);
    if (!store)
        return store.error();
    return adopt(std::move(*store), false);
}

Status CaseSession::adopt(std::unique_ptr<CaseStore> store, bool readOnly)
{
    close();
    Result<QList<StoredBundle>> bundles = store->bundles();
    if (!bundles)
        return bundles.error();
    m_store = std::move(store);
    m_bundles = std::move(*bundles);
    m_readOnly = readOnly;
    m_period = {};
    Q_EMIT caseOpened();
    return {};
}

void CaseSession::close()
{
    if (!m_store)
        return;
    m_store.reset();
    m_bundles.clear();
    m_period = {};
    m_presets.clear();
    m_readOnly = false;
    Q_EMIT caseClosed();
}

QString CaseSession::path() const
{
    return m_store ? m_store->info().path : QString();
}

QString CaseSession::name() const
{
    if (!m_store)
        return {};
    return m_store->info().name.isEmpty() ? QFileInfo(m_store->info().path).completeBaseName() : m_store->info().name;
}

QList<TrailEntry> CaseSession::trail()
{
    if (!m_store)
        return {};
    Result<QList<TrailEntry>> entries = m_store->trail();
    return entries ? *entries : QList<TrailEntry>();
}

QList<CaseAnchor> CaseSession::anchors(bool includeRemoved)
{
    if (!m_store)
        return {};
    Result<QList<CaseAnchor>> list = m_store->anchors(includeRemoved);
    return list ? *list : QList<CaseAnchor>();
}

int CaseSession::activeAnchorCount()
{
    return int(anchors(false).size());
}

Result<ChainCheck> CaseSession::checkChain()
{
    if (!m_store)
        return Error(tr("No case is open."));
    return verifyTrailChain(m_store->database());
}

Status CaseSession::addAnchor(const TrustAnchor& anchor)
{
    if (!m_store)
        return Error(tr("No case is open."));
    if (m_readOnly)
        return Error(path(), tr("The case is read-only; the trust store cannot be changed."));
    Result<CaseAnchor> added = m_store->addAnchor(anchor);
    if (!added)
        return added.error();
    Q_EMIT anchorsChanged();
    Q_EMIT trailChanged();
    return {};
}

Status CaseSession::removeAnchor(const QString& fingerprint)
{
    if (!m_store)
        return Error(tr("No case is open."));
    if (m_readOnly)
        return Error(path(), tr("The case is read-only; the trust store cannot be changed."));
    Result<CaseAnchor> removed = m_store->removeAnchor(fingerprint);
    if (!removed)
        return removed.error();
    Q_EMIT anchorsChanged();
    Q_EMIT trailChanged();
    return {};
}

QString CaseSession::trustStatus()
{
    if (!m_store)
        return {};
    int untrusted = 0;
    for (const StoredBundle& b : std::as_const(m_bundles))
        untrusted += b.untrusted() ? 1 : 0;
    const int anchorCount = activeAnchorCount();
    // Spelled out rather than tr()'s %n: without a loaded translation, %n would show as "anchor(s)".
    QString text = anchorCount == 0 ? tr("No trust anchors")
        : anchorCount == 1          ? tr("1 trust anchor")
                                    : tr("%1 trust anchors").arg(anchorCount);
    const int verified = int(m_bundles.size()) - untrusted;
    text += QStringLiteral(" · ") + (verified == 1 ? tr("1 bundle verified") : tr("%1 bundles verified").arg(verified));
    if (untrusted > 0)
        text += QStringLiteral(" · ") + tr("%1 untrusted").arg(untrusted);
    return text;
}

analytics::SnappedPeriod CaseSession::snapped(const Period& period)
{
    // Every proposal — a Shift+drag on the timeline, typed dates, a preset — is widened to whole hours and to the
    // charge periods it cuts before anything uses it: a charge period judged on part of its usage reads as over- or
    // under-billing that is not there (docs/analytics.md, "Choosing the period"). A few indexed queries; the GUI
    // thread may wait.
    if (m_store && period.end > period.start) {
        if (Result<analytics::SnappedPeriod> snapped = analytics::snapToChargePeriods(*m_store, period))
            return *snapped;
    }
    analytics::SnappedPeriod unchanged;
    unchanged.proposed = period;
    unchanged.period = period;
    return unchanged;
}

analytics::SnappedPeriod CaseSession::setPeriod(Period period)
{
    const analytics::SnappedPeriod widened = snapped(period);
    if (widened.period.start == m_period.start && widened.period.end == m_period.end)
        return widened;
    m_period = widened.period;
    Q_EMIT periodChanged(m_period);
    return widened;
}

void CaseSession::setPeriodPresets(const QList<analytics::PeriodPreset>& presets)
{
    m_presets = presets;
    Q_EMIT periodPresetsChanged();
}

void CaseSession::reload()
{
    if (!m_store)
        return;
    if (Result<QList<StoredBundle>> bundles = m_store->bundles())
        m_bundles = std::move(*bundles);
    Q_EMIT bundlesChanged();
    Q_EMIT trailChanged();
}

} // namespace capaudit
