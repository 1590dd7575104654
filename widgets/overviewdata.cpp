// SPDX-License-Identifier: GPL-3.0-or-later
#include "overviewdata.h"

#include <QJsonArray>
#include <QSet>

#include <cmath>

namespace capaudit {

namespace {

double mean(const QList<double>& values)
{
    double sum = 0;
    int n = 0;
    for (double v : values) {
        if (!isMissing(v)) {
            sum += v;
            ++n;
        }
    }
    return n > 0 ? sum / n : 0;
}

} // namespace

Result<QList<ProviderSummary>> computeProviderSummaries(CaseStore& store)
{
    Result<QStringList> providers = store.providers();
    if (!providers)
        return providers.error();
    Result<QList<StoredBundle>> bundles = store.bundles();
    if (!bundles)
        return bundles.error();
    Result<QList<TrailEntry>> trail = store.trail();
    if (!trail)
        return trail.error();
    Result<QStringList> classes = store.resourceClasses();
    if (!classes)
        return classes.error();

    QMap<QString, ProviderSummary> byProvider;
    for (const QString& p : std::as_const(*providers))
        byProvider[p].provider = p;
    QMap<QString, QSet<QString>> tenants;
    for (const StoredBundle& b : std::as_const(*bundles)) {
        ProviderSummary& s = byProvider[b.provider];
        s.provider = b.provider;
        (b.untrusted() ? s.untrusted : s.verified) += 1;
        if (b.kind == BundleKind::Attestation) {
            const QJsonArray list = b.predicate.value(QLatin1String("tenants")).toArray();
            for (const QJsonValue& t : list)
                tenants[b.provider].insert(t.toObject().value(QLatin1String("id")).toString());
        }
    }
    for (const TrailEntry& e : std::as_const(*trail)) {
        if (e.action != QLatin1String(trail::kImportRejected))
            continue;
        // A rejected bundle's statement is not trusted, so the trail names its provider only when the importer
        // chose to record it; otherwise the attempt is counted on the row without a provider.
        QString provider = e.details.value(QLatin1String("provider")).toString();
        if (provider.isEmpty())
            provider = e.details.value(QLatin1String("verdict"))
                           .toObject()
                           .value(QLatin1String("predicate"))
                           .toObject()
                           .value(QLatin1String("provider"))
                           .toString();
        ProviderSummary& s = byProvider[provider];
        s.provider = provider;
        s.rejected += 1;
    }

    for (ProviderSummary& s : byProvider) {
        if (s.provider.isEmpty())
            continue;
        if (Result<Period> period = store.periodCovered(s.provider))
            s.period = *period;
        if (Result<QList<NodeRef>> nodes = store.nodes(s.provider))
            s.nodes = int(nodes->size());
        s.tenants = int(tenants.value(s.provider).size());
        Result<QList<CommitmentLine>> commitments = store.commitments(s.provider, {});
        for (const QString& rc : std::as_const(*classes)) {
            CapacityFigure figure;
            figure.resourceClass = rc;
            if (commitments) {
                for (const CommitmentLine& c : std::as_const(*commitments)) {
                    if (c.resourceClass == rc) {
                        figure.committed += c.quantity;
                        figure.unit = c.unit;
                    }
                }
            }
            if (s.period.end > s.period.start) {
                SeriesQuery q;
                q.provider = s.provider;
                q.resourceClass = rc;
                q.from = s.period.start;
                q.to = s.period.end;
                q.maxPoints = 400; // daily or hourly rollups: cheap
                if (Result<TimeSeries> series = store.series(q))
                    figure.delivered = mean(series->capacity);
            }
            if (figure.committed > 0 || figure.delivered > 0)
                s.capacity.append(figure);
        }
    }
    QList<ProviderSummary> out = byProvider.values();
    // The row of unattributed rejections (empty provider, first in the map) goes last.
    if (!out.isEmpty() && out.first().provider.isEmpty())
        out.append(out.takeFirst());
    return out;
}

} // namespace capaudit
