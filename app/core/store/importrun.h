// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/records.h"
#include "store/caseimporter.h"
#include "util/result.h"

#include <QStringList>

namespace capaudit {

class BundleSource;
namespace sql {
class Database;
}

// What the predicate says the bundle holds. Parsed before the transaction starts, so a malformed predicate costs
// no write lock.
struct ImportPlan {
    QString provider;
    QString meter = QStringLiteral("provider");
    Period period;
    qint64 resolution = 0;
    QList<TelemetryPayload> telemetry;
    QList<BillingPayload> billing;
    QList<InvoicePayload> invoices; // XML invoices and PDF renditions (stored as files; only the XML is parsed)
    AttestationClaims claims;

    QStringList payloadPaths() const
    {
        QStringList paths;
        for (const TelemetryPayload& p : telemetry)
            paths.append(p.path);
        for (const BillingPayload& p : billing)
            paths.append(p.path);
        return paths;
    }
};

Result<ImportPlan> planImport(const Verdict& verdict);

// Stores one verified bundle: its files byte for byte, its parsed rows, rollups and coverage, its trail entry and its
// bundle row. The caller owns the transaction and rolls it back when this fails. Sets RESULT's rows, bundleId and
// trailSeq.
Status storeBundle(sql::Database& db, const BundleSource& source, const Verdict& verdict, const ImportPlan& plan,
    const ImportOptions& options, ImportResult& result);

} // namespace capaudit
